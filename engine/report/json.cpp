#include "report/json.h"

namespace pitfall::report {

using nlohmann::json;

json to_json(const Finding& f) {
  json j = {{"rule", f.rule},         {"ruff", f.ruff.empty() ? json(nullptr) : json(f.ruff)},
            {"severity", f.severity}, {"file", f.file},
            {"line", f.line},         {"col", f.col},
            {"end_line", f.end_line}, {"end_col", f.end_col},
            {"message", f.message}};
  if (f.has_fix) {
    json edits = json::array();
    for (const auto& e : f.fix.edits)
      edits.push_back({{"line", e.line}, {"col", e.col}, {"end_line", e.end_line},
                       {"end_col", e.end_col}, {"text", e.text}});
    j["fix"] = {{"title", f.fix.title}, {"edits", edits}};
  } else {
    j["fix"] = nullptr;
  }
  if (!f.evidence.empty()) j["evidence"] = f.evidence;
  return j;
}

json to_json(const std::vector<Finding>& fs) {
  json a = json::array();
  for (const auto& f : fs) a.push_back(to_json(f));
  return a;
}

json to_json(const Report& r) {
  json threads = json::array();
  for (const auto& t : r.threads) {
    json segs = json::array();
    for (const auto& s : t.segments) segs.push_back({s.start_s, s.end_s, s.state});
    threads.push_back({{"name", t.name}, {"start_s", t.start_s}, {"end_s", t.end_s},
                       {"cpu_s", t.cpu_s}, {"segments", segs}});
  }
  json procs = json::array();
  for (const auto& p : r.processes)
    procs.push_back({{"pid", p.pid}, {"start_s", p.start_s}, {"end_s", p.end_s}, {"cpu_s", p.cpu_s}});
  json stalls = json::array();
  for (const auto& s : r.loop.stalls)
    stalls.push_back({{"start_s", s.start_s}, {"dur_ms", s.dur_ms}, {"line", s.line}});
  json samples = json::array();
  for (const auto& [t, b] : r.mem_samples) samples.push_back({t, b});
  json events = json::array();
  for (const auto& e : r.gc_events)
    events.push_back({{"t_s", e.t_s}, {"generation", e.generation}, {"ms", e.ms}, {"collected", e.collected}});
  json lines = json::array();
  for (const auto& l : r.lines)
    lines.push_back({{"line", l.line}, {"time_s", l.time_s}, {"count", l.count}, {"alloc_bytes", l.alloc_bytes}});
  json j = {
      {"python", r.python},
      {"free_threaded", r.free_threaded},
      {"jit", r.jit},
      {"status", r.status},
      {"estimated", r.estimated},
      {"exception", r.exception ? json(*r.exception) : json(nullptr)},
      {"stdout", r.stdout_text},
      {"stderr", r.stderr_text},
      {"wall_s", r.wall_s},
      {"cpu_s", r.cpu_s},
      {"instructions", r.instructions},
      {"threads", threads},
      {"processes", procs},
      {"gil", {{"switches", r.gil_switches}, {"wait_s", r.gil_wait_s}, {"note", r.gil_note}}},
      {"loop", {{"steps", r.loop.steps}, {"max_step_ms", r.loop.max_step_ms},
                {"total_step_ms", r.loop.total_step_ms}, {"stalls", stalls}}},
      {"memory", {{"peak_bytes", r.mem_peak}, {"final_bytes", r.mem_final},
                  {"rss_peak_bytes", r.rss_peak}, {"samples", samples}}},
      {"gc", {{"collections", {r.gc_collections[0], r.gc_collections[1], r.gc_collections[2]}},
              {"collected", r.gc_collected}, {"events", events}}},
      {"lines", lines},
      {"findings", to_json(r.findings)},
  };
  // asyncio tasks: [{"name", "spans": [[start_s, end_s, state]]}], state created | running | waiting
  json tasks = json::array();
  for (const auto& t : r.tasks) {
    json spans = json::array();
    for (const auto& s : t.spans) spans.push_back({s.start_s, s.end_s, s.state});
    tasks.push_back({{"name", t.name}, {"spans", spans}});
  }
  j["tasks"] = tasks;
  if (!r.estimate_note.empty()) j["estimate_note"] = r.estimate_note;
  if (!r.error.empty()) j["error"] = r.error;
  return j;
}

}  // namespace pitfall::report
