// The regex engine (engine/sim/regex) against CPython 3.11's `re` over a
// table of patterns, flags, strings and modes: spans of every group and
// lastindex, and error messages/positions of bad patterns
// (tests/regex/cases-3.11.json, recorded by tools/gen-regex-cases).
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "sim/pylib/unicode.h"
#include "sim/regex/regex_match.h"

using namespace pitfall::sim;

namespace {

nlohmann::json load_cases() {
  std::ifstream in(std::string(PITFALL_SOURCE_DIR) + "/tests/regex/cases-3.11.json");
  std::stringstream ss;
  ss << in.rdbuf();
  return nlohmann::json::parse(ss.str());
}

std::string show(const regex::MatchSpans* m) {
  if (!m) return "None";
  std::string s = "[";
  for (size_t g = 0; g < m->spans.size() / 2; ++g) {
    std::int64_t a = m->spans[2 * g], b = m->spans[2 * g + 1];
    if (a < 0 || b < 0) a = b = -1;
    s += "(" + std::to_string(a) + "," + std::to_string(b) + ")";
  }
  return s + "] last=" + std::to_string(m->lastindex);
}
std::string show(const nlohmann::json& j) {
  if (j.is_null()) return "None";
  std::string s = "[";
  for (auto& sp : j["spans"]) s += "(" + std::to_string(sp[0].get<long>()) + "," + std::to_string(sp[1].get<long>()) + ")";
  return s + "] last=" + std::to_string(j["lastindex"].is_null() ? -1 : j["lastindex"].get<int>());
}

}  // namespace

TEST_CASE("regex engine matches as CPython 3.11's re does", "[regex]") {
  nlohmann::json data = load_cases();
  int checked = 0;
  for (auto& c : data["cases"]) {
    std::u32string pat = pylib::utf8_decode(c["pattern"].get<std::string>());
    std::u32string s = pylib::utf8_decode(c["string"].get<std::string>());
    regex::Program prog;
    regex::Error err;
    INFO("pattern " << c["pattern"].dump() << " flags " << c["flags"] << " string " << c["string"].dump());
    REQUIRE(regex::compile(pat, c["flags"].get<int>(), prog, err));
    for (auto [name, mode] : {std::pair{"match", regex::Mode::Match}, {"search", regex::Mode::Search},
                              {"fullmatch", regex::Mode::FullMatch}}) {
      regex::Counters counters;
      regex::MatchSpans m;
      regex::Outcome o = regex::run(prog, s, 0, std::int64_t(s.size()), mode, false, counters, m);
      REQUIRE(o != regex::Outcome::Limit);
      INFO("mode " << name);
      CHECK(show(o == regex::Outcome::Matched ? &m : nullptr) == show(c[name]));
      ++checked;
    }
  }
  CHECK(checked > 400);
}

TEST_CASE("regex engine reports bad patterns with CPython 3.11's messages and positions", "[regex]") {
  nlohmann::json data = load_cases();
  for (auto& e : data["errors"]) {
    std::u32string pat = pylib::utf8_decode(e["pattern"].get<std::string>());
    regex::Program prog;
    regex::Error err;
    bool ok = regex::compile(pat, 0, prog, err);
    INFO("pattern " << e["pattern"].dump());
    if (e.contains("ok")) {
      CHECK(ok);
      continue;
    }
    REQUIRE_FALSE(ok);
    std::string kind = err.kind == regex::Error::Re ? "error" : err.kind == regex::Error::Overflow ? "OverflowError"
                       : err.kind == regex::Error::Value ? "ValueError" : "RecursionError";
    CHECK(kind == e["error"].get<std::string>());
    CHECK(err.msg == e["msg"].get<std::string>());
    CHECK(err.pos == (e["pos"].is_null() ? -1 : e["pos"].get<std::int64_t>()));
  }
}

TEST_CASE("regex matcher stops catastrophic backtracking at its step limit", "[regex]") {
  regex::Program prog;
  regex::Error err;
  REQUIRE(regex::compile(U"(a+)+b", 0, prog, err));
  std::u32string s(30, U'a');
  regex::Counters c;
  c.limit = 2'000'000;
  regex::MatchSpans m;
  CHECK(regex::run(prog, s, 0, std::int64_t(s.size()), regex::Mode::Match, false, c, m) == regex::Outcome::Limit);
  CHECK(c.steps > c.limit);
  // with fewer characters the same pattern finishes, its work exponential in the length
  std::uint64_t prev = 0;
  for (int n = 10; n <= 14; ++n) {
    regex::Counters k;
    std::u32string t(size_t(n), U'a');
    CHECK(regex::run(prog, t, 0, n, regex::Mode::Match, false, k, m) == regex::Outcome::NoMatch);
    if (prev) CHECK(double(k.steps) / double(prev) > 1.7);
    prev = k.steps;
  }
}

TEST_CASE("regex matcher handles deep nesting and long subjects without native recursion", "[regex]") {
  regex::Program prog;
  regex::Error err;
  std::u32string deep;
  for (int i = 0; i < 200; ++i) deep += U"(?:a";
  for (int i = 0; i < 200; ++i) deep += U")";
  REQUIRE(regex::compile(deep, 0, prog, err));
  std::u32string too_deep;
  for (int i = 0; i < 5000; ++i) too_deep += U"(";
  CHECK_FALSE(regex::compile(too_deep, 0, prog, err));
  CHECK(err.kind == regex::Error::Recursion);
  REQUIRE(regex::compile(U"(?:a|b)*c", 0, prog, err));
  std::u32string s(200000, U'a');
  s += U'c';
  regex::Counters c;
  regex::MatchSpans m;
  CHECK(regex::run(prog, s, 0, std::int64_t(s.size()), regex::Mode::Match, false, c, m) == regex::Outcome::Matched);
  CHECK(m.spans[1] == std::int64_t(s.size()));
}
