// Helpers the engine tests share: read a file whole, run a simulation to its end.
#pragma once
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "sim/simulation.h"

namespace pitfall::test {

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Runs `source` to its end (or its budget) in slices, as the CLI does.
inline report::Report simulate(const std::string& name, const std::string& source, const sim::Options& o) {
  sim::Simulation s(name, source, o);
  for (int i = 0; i < 100000 && !s.step(5'000'000); ++i) {
  }
  return s.report();
}

inline report::Report simulate(const std::string& name, const std::string& source, const std::string& python = "3.11") {
  sim::Options o;
  o.python = python;
  return simulate(name, source, o);
}

}  // namespace pitfall::test
