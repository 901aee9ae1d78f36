// The app's behaviour: edits -> lint -> findings; options; the JSON the page API
// returns. Portable C++ (no Emscripten): web/app/main.cpp wires it to the platform.
#pragma once
#include <memory>
#include <string>

#include "app/app_state.h"
#include "rules/lint.h"

namespace pitfall::web {

class SimRunner;

class App {
 public:
  App();
  ~App();

  AppState& state() { return state_; }

  // Replaces the code as an edit would (from the page API or a lesson).
  void set_code(const std::string& text);
  // The user edited the code in the editor.
  void on_code_edited();
  // Merges `json` ({python, freeThreaded, jit, cores, switchInterval}) into the options.
  void set_options_json(const std::string& json);
  void on_options_changed();

  // Called on every animation frame, rendered or not: starts the simulation once
  // edits have paused (debounce), runs a time slice of it. True if a frame is needed.
  bool wants_frame(double now_s);
  // No simulation pending or running (what pitfallLab.whenIdle() waits for).
  bool is_idle() const;

  std::string state_json() const;
  std::string options_json() const;
  std::string layout_json(double dpr) const;

 private:
  void relint();
  void schedule_simulation();

  AppState state_;
  std::unique_ptr<SimRunner> sim_;
  rules::IncrementalLinter linter_;  // each edit reparsed from the last version
  double now_s_ = 0;
  bool sim_pending_ = false;
  double sim_due_s_ = 0;
  double sim_view_s_ = 0;
};

}  // namespace pitfall::web
