// App behaviour (see app.h).
#include "app/app.h"

#include <nlohmann/json.hpp>

#include "app/sim_runner.h"
#include "report/findings_json.h"
#include "rules/lint.h"

namespace pitfall::web {

namespace {

constexpr const char* kFileName = "main.py";
constexpr double kSimDebounceS = 0.3;   // start simulating once edits pause this long
constexpr double kSimSliceMs = 8.0;     // simulation time slice per animation frame

constexpr const char* kStarterCode =
    "# Edit this program: pitfalls are listed on the right as you type,\n"
    "# and the output below shows what CPython would print.\n"
    "\n"
    "\n"
    "def add(item, bucket=[]):\n"
    "    bucket.append(item)\n"
    "    return bucket\n"
    "\n"
    "\n"
    "for i in range(3):\n"
    "    print(add(i))\n";

nlohmann::json rect_json(const Rect& r, double dpr) {
  return {{"x", r.x / dpr}, {"y", r.y / dpr}, {"w", r.w / dpr}, {"h", r.h / dpr}};
}

// What the chart panels drew in the last rendered frame (state().charts).
nlohmann::json charts_json(const ChartStats& c, int sim_revision) {
  nlohmann::json stalls = nlohmann::json::array();
  for (const StalledLine& st : c.stalls) stalls.push_back({{"line", st.line}, {"durMs", st.dur_ms}});
  return {
      {"current", c.revision == sim_revision},
      {"timeline",
       {{"lanes", c.thread_lanes + c.process_lanes + c.task_lanes},
        {"threadLanes", c.thread_lanes},
        {"processLanes", c.process_lanes},
        {"taskLanes", c.task_lanes},
        {"segments", c.segments},
        {"segmentsDrawn", c.segments_drawn},
        {"waitGilSegments", c.wait_gil_segments},
        {"taskSpans", c.task_spans},
        {"gilSwitches", c.gil_switches},
        {"gilWaitS", c.gil_wait_s},
        {"stalls", stalls}}},
      {"memory",
       {{"present", c.memory_present},
        {"samples", c.memory_samples},
        {"pointsDrawn", c.memory_points_drawn},
        {"gcMarkers", c.gc_markers},
        {"peakBytes", c.peak_bytes},
        {"finalBytes", c.final_bytes},
        {"limitLine", c.memory_limit_line}}},
      {"gutter", {{"heatLines", c.heat_lines}, {"hottestLine", c.hottest_line}}},
      {"status", {{"status", c.status}, {"message", c.status_message}, {"estimated", c.estimated_badge}}},
  };
}

}  // namespace

App::App() : sim_(std::make_unique<SimRunner>()) {
  state_.code = kStarterCode;
  state_.sim.available = SimRunner::available();
  relint();
  schedule_simulation();
}

App::~App() = default;

void App::schedule_simulation() {
  if (!SimRunner::available()) return;
  sim_pending_ = true;
  sim_due_s_ = now_s_ + kSimDebounceS;
}

void App::relint() {
  state_.findings = linter_.lint(kFileName, state_.code);
  // Keep the selection on the same rule if it is still reported.
  state_.selected_finding = -1;
  for (size_t i = 0; i < state_.findings.size(); ++i)
    if (state_.findings[i].rule == state_.selected_rule) {
      state_.selected_finding = static_cast<int>(i);
      break;
    }
}

void App::set_code(const std::string& text) {
  state_.code = text;
  state_.editor.external_change = true;
  on_code_edited();
}

void App::on_code_edited() {
  relint();
  schedule_simulation();
}

void App::set_options_json(const std::string& text) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    state_.error = "setOptions: expected an object";
    return;
  }
  SimOptions o = state_.options;
  std::string problem;
  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::string& k = it.key();
    const nlohmann::json& v = it.value();
    if (k == "python" && v.is_string()) o.python = v.get<std::string>();
    else if (k == "freeThreaded" && v.is_boolean()) o.free_threaded = v.get<bool>();
    else if (k == "jit" && v.is_boolean()) o.jit = v.get<bool>();
    else if (k == "cores" && v.is_number_integer() && v.get<long long>() >= 1 && v.get<long long>() <= 256)
      o.cores = v.get<int>();
    else if (k == "switchInterval" && v.is_number() && v.get<double>() > 0 && v.get<double>() <= 10)
      o.switch_interval = v.get<double>();
    else if (problem.empty())
      problem = "setOptions: ignored invalid option '" + k + "'";
  }
  static const char* const kVersions[] = {"3.10", "3.11", "3.12", "3.13", "3.14"};
  bool known = false;
  for (const char* v : kVersions) known = known || o.python == v;
  if (!known) {
    if (problem.empty()) problem = "setOptions: unknown python version '" + o.python + "'";
    o.python = state_.options.python;
  }
  state_.options = o;
  state_.error = problem;
  on_options_changed();
}

void App::on_options_changed() { schedule_simulation(); }

bool App::wants_frame(double now_s) {
  now_s_ = now_s;
  if (sim_pending_ && now_s >= sim_due_s_) {
    sim_pending_ = false;
    sim_->start(state_.code, state_.options);
    sim_->fill(state_.sim);
    sim_view_s_ = now_s;
    return true;
  }
  if (!sim_->running()) return false;
  // A slice on every animation frame; a frame is rendered only when the view
  // changes (~10 times a second, and at the end), so drawing does not slow the run.
  bool still = sim_->run_slice(kSimSliceMs);
  if (still && now_s - sim_view_s_ < 0.1) return false;
  sim_->fill(state_.sim);
  sim_view_s_ = now_s;
  return true;
}

bool App::is_idle() const { return !sim_pending_ && !sim_->running(); }

std::string App::options_json() const {
  const SimOptions& o = state_.options;
  nlohmann::json j = {{"python", o.python}, {"freeThreaded", o.free_threaded}, {"jit", o.jit},
                      {"cores", o.cores}, {"switchInterval", o.switch_interval}};
  return j.dump();
}

std::string App::state_json() const {
  nlohmann::json j;
  j["lesson"] = nullptr;
  j["code"] = state_.code;
  j["options"] = nlohmann::json::parse(options_json());
  if (state_.sim.report_json.empty()) j["sim"] = nullptr;
  else j["sim"] = nlohmann::json::parse(state_.sim.report_json, nullptr, false);
  j["exercise"] = nullptr;
  j["charts"] = charts_json(state_.charts, state_.sim.revision);
  j["error"] = state_.error.empty() ? nlohmann::json(nullptr) : nlohmann::json(state_.error);
  // Invalid UTF-8 in the code must not throw out of the API: replace it.
  std::string out = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  // The findings are written straight to text (about 10 times cheaper than
  // building nlohmann objects for them) and go first in the object.
  std::string findings = "{\"findings\":" + report::findings_json(state_.findings) + ",";
  return out.replace(0, 1, findings);
}

std::string App::layout_json(double dpr) const {
  if (!(dpr > 0)) dpr = 1;
  const PanelLayout& l = state_.layout;
  nlohmann::json j = {{"dpr", dpr},
                      {"editor", rect_json(l.editor, dpr)},
                      {"findings", rect_json(l.findings, dpr)},
                      {"doc", rect_json(l.doc, dpr)},
                      {"output", rect_json(l.output, dpr)},
                      {"timeline", rect_json(l.timeline, dpr)},
                      {"memory", rect_json(l.memory, dpr)},
                      {"status", rect_json(l.status, dpr)},
                      {"selectedRule", state_.selected_rule}};
  return j.dump();
}

}  // namespace pitfall::web
