// Runs the engine's resumable simulation in small time slices so the page stays
// responsive. Without a simulator in the engine (PITFALL_WEB_HAS_SIM undefined)
// it reports itself unavailable and does nothing.
#pragma once
#include <memory>
#include <string>

#include "app/app_state.h"

namespace pitfall::web {

class SimRunner {
 public:
  SimRunner();
  ~SimRunner();

  static bool available();
  // Starts simulating `code` (replacing any running simulation).
  void start(const std::string& code, const SimOptions& options);
  // Runs for at most `budget_ms` of wall time; true while still running.
  bool run_slice(double budget_ms);
  bool running() const;
  // Fills the view: status, output, report JSON (a snapshot while running).
  void fill(SimView& view) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace pitfall::web
