// Everything the web app knows: the code being edited, the lint findings, the
// what-if options, the simulation shown, and the view state of the panels.
// The UI panels (web/ui/) draw from it; web/app/app.cpp changes it.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "report/finding.h"
#include "report/report.h"
#include "widgets/code_editor.h"

namespace pitfall::web {

struct SimOptions {  // INTERFACES.md setOptions({python, freeThreaded, jit, cores, switchInterval})
  std::string python = "3.12";
  bool free_threaded = false;
  bool jit = false;
  int cores = 4;
  double switch_interval = 0.005;
};

struct Rect {
  float x = 0, y = 0, w = 0, h = 0;
};

// Where the panels were drawn last frame (device pixels), for tests and embedders.
struct PanelLayout {
  Rect editor, findings, doc, output, timeline, memory, status;
};

struct SimView {
  bool available = false;   // the engine has a simulator
  std::string status;       // "" (none yet) | running | ok | exception | budget | error
  std::string stdout_text, stderr_text;
  std::string summary;      // one line: instructions, simulated time, threads, GIL
  std::string report_json;  // the report as JSON text ("" while none)
  report::Report report;    // the same report, for the charts
  bool has_report = false;  // `report` holds a simulation (running or finished)
  int revision = 0;         // bumped on every new view of the simulation
  std::uint64_t memory_limit = 0;  // the run's virtual memory limit (bytes)
};

// What the chart panels drew last frame, for state().charts (browser tests
// assert on these instead of pixels).
struct StalledLine {
  int line = 0;
  double dur_ms = 0;
};
struct ChartStats {
  int revision = -1;  // SimView::revision the charts were drawn for
  // Timeline
  int thread_lanes = 0, process_lanes = 0, task_lanes = 0;
  int segments = 0, segments_drawn = 0, wait_gil_segments = 0, task_spans = 0;
  int gil_switches = 0;
  double gil_wait_s = 0;
  std::vector<StalledLine> stalls;
  // Memory
  bool memory_present = false;  // the report carried memory samples
  int memory_samples = 0, memory_points_drawn = 0, gc_markers = 0;
  std::int64_t peak_bytes = 0, final_bytes = 0;
  bool memory_limit_line = false;
  // Per-line cost in the editor gutter
  int heat_lines = 0;
  int hottest_line = 0;
  // Status line
  std::string status, status_message;
  bool estimated_badge = false;
};

// The part of the run a chart shows (virtual seconds); empty = the whole run.
struct TimeWindow {
  double t0 = 0, t1 = 0;
  bool whole() const { return !(t1 > t0); }
};

struct AppState {
  std::string code;
  std::vector<report::Finding> findings;
  SimOptions options;
  SimView sim;
  std::string error;  // last API or platform error, shown and reported in state()

  int selected_finding = -1;  // index into findings, or -1
  std::string selected_rule;  // rule whose doc is shown
  widgets::CodeEditorState editor;
  PanelLayout layout;
  ChartStats charts;
  TimeWindow timeline_window;  // Ctrl+wheel zooms, drag pans, double-click resets
};

}  // namespace pitfall::web
