// Shared helpers of the pylib tests: load the expectations that
// tools/gen-pylib-expectations recorded from the real CPythons
// (tests/pylib/*.json) and compare Results against them.
#pragma once
#include <bit>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "sim/pylib/bigint.h"
#include "sim/pylib/parse.h"
#include "sim/pylib/result.h"

namespace pylib_test {

inline nlohmann::json load(const std::string& name) {
  std::ifstream in(std::string(PITFALL_SOURCE_DIR) + "/tests/pylib/" + name);
  std::stringstream ss;
  ss << in.rdbuf();
  return nlohmann::json::parse(ss.str());
}

inline double dbl(const nlohmann::json& bits) { return std::bit_cast<double>(bits.get<std::uint64_t>()); }
inline std::uint64_t bits_of(double d) { return std::bit_cast<std::uint64_t>(d); }

inline pitfall::sim::pylib::BigInt big(const std::string& s) {
  return *pitfall::sim::pylib::parse_int(s, 10, 0);
}

// "ok:<value>" or "<ErrorClass>: <message>", for readable comparisons.
template <class T, class F>
std::string show(const pitfall::sim::pylib::Result<T>& r, F&& to_string) {
  if (r.ok()) return "ok:" + to_string(*r);
  return std::string(pitfall::sim::pylib::error_kind_name(r.error().kind)) + ": " + r.error().message;
}
template <class F>
std::string expected(const nlohmann::json& e, F&& to_string) {
  if (e.contains("ok")) return "ok:" + to_string(e["ok"]);
  return e["error"].get<std::string>() + ": " + e["message"].get<std::string>();
}

}  // namespace pylib_test
