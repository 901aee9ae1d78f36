// Chrome Trace Event Format writer (see trace_export.h). Lanes: pid 1 is the
// simulated interpreter (tid 1.. threads, 1000 GIL holder, 1001 event-loop
// stalls, 2000.. asyncio tasks); child processes are pids 100 + pid.
#include "sim/sched/trace_export.h"

#include <map>
#include <nlohmann/json.hpp>

namespace pitfall::sim::sched {

namespace {
using nlohmann::json;
constexpr int kMainPid = 1, kGilTid = 1000, kStallTid = 1001, kTaskTid0 = 2000, kChildPid0 = 100;

double us(double s) { return s * 1e6; }

json meta(const char* what, int pid, int tid, const std::string& name) {
  return json{{"ph", "M"}, {"name", what}, {"pid", pid}, {"tid", tid}, {"args", {{"name", name}}}};
}

json complete(const std::string& name, const char* cat, int pid, int tid, double start_s, double end_s) {
  return json{{"ph", "X"}, {"name", name}, {"cat", cat}, {"pid", pid}, {"tid", tid},
              {"ts", us(start_s)}, {"dur", us(end_s - start_s)}};
}

json counter(const char* name, int pid, double t_s, const char* key, double v) {
  return json{{"ph", "C"}, {"name", name}, {"pid", pid}, {"tid", 0}, {"ts", us(t_s)}, {"args", {{key, v}}}};
}
}  // namespace

std::string chrome_trace_json(const TraceInput& in) {
  json events = json::array();
  events.push_back(meta("process_name", kMainPid, 0, "python (simulated)"));
  if (in.report) {
    const report::Report& r = *in.report;
    for (std::size_t i = 0; i < r.threads.size(); ++i) {
      int tid = int(i) + 1;
      events.push_back(meta("thread_name", kMainPid, tid, r.threads[i].name));
      for (const auto& s : r.threads[i].segments)
        if (s.end_s >= s.start_s) events.push_back(complete(s.state, "thread", kMainPid, tid, s.start_s, s.end_s));
    }
    if (!r.loop.stalls.empty()) {
      events.push_back(meta("thread_name", kMainPid, kStallTid, "event loop stalls"));
      for (const auto& st : r.loop.stalls) {
        json e = complete("stall (line " + std::to_string(st.line) + ")", "asyncio", kMainPid, kStallTid, st.start_s,
                          st.start_s + st.dur_ms * 1e-3);
        e["args"] = {{"line", st.line}, {"dur_ms", st.dur_ms}};
        events.push_back(std::move(e));
      }
    }
    for (const auto& p : r.processes) {
      int pid = kChildPid0 + p.pid;
      events.push_back(meta("process_name", pid, 0, "child process " + std::to_string(p.pid)));
      events.push_back(meta("thread_name", pid, 1, "MainThread"));
      json e = complete("process", "process", pid, 1, p.start_s, p.end_s);
      e["args"] = {{"cpu_s", p.cpu_s}};
      events.push_back(std::move(e));
    }
    for (const auto& m : r.mem_samples) events.push_back(counter("memory", kMainPid, m.first, "bytes", double(m.second)));
  }
  if (in.gil_spans) {
    events.push_back(meta("thread_name", kMainPid, kGilTid, "GIL holder"));
    for (const auto& g : *in.gil_spans) {
      std::string name = "thread " + std::to_string(g.holder);
      if (in.report && g.holder >= 0 && std::size_t(g.holder) < in.report->threads.size())
        name = in.report->threads[std::size_t(g.holder)].name;
      events.push_back(complete(name, "gil", kMainPid, kGilTid, to_seconds(g.start), to_seconds(g.end)));
    }
  }
  if (in.gil_waiters)
    for (const auto& w : *in.gil_waiters) events.push_back(counter("GIL waiters", kMainPid, to_seconds(w.first), "threads", w.second));
  std::map<std::string, int> task_tid;
  for (const auto& t : in.tasks) {
    auto it = task_tid.find(t.task);
    if (it == task_tid.end()) {
      it = task_tid.emplace(t.task, kTaskTid0 + int(task_tid.size())).first;
      events.push_back(meta("thread_name", kMainPid, it->second, t.task));
    }
    if (t.end_s >= t.start_s) events.push_back(complete(t.state, "asyncio", kMainPid, it->second, t.start_s, t.end_s));
  }
  json doc = {{"traceEvents", std::move(events)}, {"displayTimeUnit", "ms"}};
  return doc.dump();
}

}  // namespace pitfall::sim::sched
