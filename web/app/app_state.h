// Everything the web app knows: the code being edited, the lint findings, the
// what-if options, the simulation shown, and the view state of the panels.
// The UI panels (web/ui/) draw from it; web/app/app.cpp changes it.
#pragma once
#include <string>
#include <vector>

#include "report/finding.h"
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
  Rect editor, findings, doc, output;
};

struct SimView {
  bool available = false;   // the engine has a simulator
  std::string status;       // "" (none yet) | running | ok | exception | budget | error
  std::string stdout_text, stderr_text;
  std::string summary;      // one line: instructions, simulated time, threads, GIL
  std::string report_json;  // the report as JSON text ("" while none)
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
};

}  // namespace pitfall::web
