// The app's behaviour: edits -> lint -> findings; options; the JSON the page API
// returns. Portable C++ (no Emscripten): web/app/main.cpp wires it to the platform.
#pragma once
#include <string>

#include "app/app_state.h"

namespace pitfall::web {

class App {
 public:
  App();

  AppState& state() { return state_; }

  // Replaces the code as an edit would (from the page API or a lesson).
  void set_code(const std::string& text);
  // The user edited the code in the editor.
  void on_code_edited();
  // Merges `json` ({python, freeThreaded, jit, cores, switchInterval}) into the options.
  void set_options_json(const std::string& json);
  void on_options_changed();

  // Work between frames (running simulation, due timers); true if it needs frames.
  bool wants_frame(double now_s);
  bool is_idle() const;

  std::string state_json() const;
  std::string options_json() const;
  std::string layout_json(double dpr) const;

 private:
  void relint();

  AppState state_;
};

}  // namespace pitfall::web
