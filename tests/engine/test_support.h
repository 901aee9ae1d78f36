// Helpers the engine tests share: read a file whole, run a simulation to its
// end, read the numbers a program printed.
#pragma once
#include <catch2/catch.hpp>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "sim/simulation.h"

namespace pitfall::test {

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Runs `source` to its end (or its budget) in slices, as the CLI does.
inline report::Report simulate(const std::string& name, const std::string& source, const sim::Options& o,
                               std::uint64_t slice = 5'000'000) {
  sim::Simulation s(name, source, o);
  for (int i = 0; i < 100000 && !s.step(slice); ++i) {
  }
  return s.report();
}

inline report::Report simulate(const std::string& name, const std::string& source, const std::string& python = "3.11") {
  sim::Options o;
  o.python = python;
  return simulate(name, source, o);
}

// Runs `source` as prog.py on `cores` simulated cores, in slices of a million
// instructions (the thread and process tests, whose threads switch between slices).
inline report::Report run_program(const std::string& source, const std::string& python = "3.11", int cores = 4) {
  sim::Options o;
  o.python = python;
  o.cores = cores;
  return simulate("prog.py", source, o, 1'000'000);
}

// The numbers a program printed, one a line (a line that is not a number is skipped).
inline std::vector<double> printed_numbers(const std::string& out) {
  std::vector<double> v;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) {
    char* end = nullptr;
    const double d = std::strtod(line.c_str(), &end);
    if (end != line.c_str()) v.push_back(d);
  }
  return v;
}

// The two numbers a run printed, after requiring that it ended normally and
// printed exactly two.
inline std::pair<double, double> two_printed_numbers(const report::Report& r) {
  REQUIRE(r.status == "ok");
  const std::vector<double> v = printed_numbers(r.stdout_text);
  REQUIRE(v.size() == 2);
  return {v[0], v[1]};
}

}  // namespace pitfall::test
