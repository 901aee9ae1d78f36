// tracemalloc accounting, its text formats and the bounded sample series;
// traced peak/final of a replayed program against CPython's
// (tests/memory/gc_programs.json, tests/memory/tracemalloc_rss.json).
#include <catch2/catch.hpp>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "sim/memory/memory_model.h"
#include "sim/memory/sizes.h"
#include "sim/memory/tracemalloc_model.h"

using namespace pitfall::sim::memory;
using nlohmann::json;

namespace {
json load(const char* name) {
  std::ifstream in(std::string(PITFALL_SOURCE_DIR) + "/tests/memory/" + name);
  std::stringstream ss;
  ss << in.rdbuf();
  return json::parse(ss.str(), nullptr, false);
}
}  // namespace

TEST_CASE("tracemalloc size and statistic formats equal Lib/tracemalloc.py's", "[memory][tracemalloc]") {
  const json data = load("tracemalloc_rss.json");
  REQUIRE(data.is_object());
  int checked = 0;
  for (const std::string version : {"3.11", "3.13"}) {
    for (const auto& [value, text] : data[version]["format_size"].items()) {
      INFO(version << " _format_size(" << value << ")");
      CHECK(format_size(std::stod(value)) == text.get<std::string>());
      ++checked;
    }
    for (const json& s : data[version]["statistics"]) {
      LineStat st{"prog.py", 12, s["size"].get<std::int64_t>(), s["count"].get<std::int64_t>()};
      CHECK(format_statistic(st) == s["text"].get<std::string>());
      ++checked;
    }
  }
  CHECK(checked >= 30);
}

TEST_CASE("tracemalloc current, peak, program window and snapshot", "[memory][tracemalloc]") {
  TracemallocModel t;
  const BlockId a = t.alloc(100, "p.py", 1);
  CHECK(t.traced_current() == 0);  // the program has not started tracing
  t.start();
  const BlockId b = t.alloc(300, "p.py", 2);
  const BlockId c = t.alloc(50, "p.py", 2);
  t.alloc(500, "p.py", 3);
  CHECK(t.current() == 950);
  CHECK(t.traced_current() == 850);
  t.free(t.alloc(1000, "p.py", 4));
  CHECK(t.traced_peak() == 1850);
  CHECK(t.peak() == 1950);
  t.reset_peak();
  CHECK(t.traced_peak() == 850);
  t.realloc(b, 400, "p.py", 5);  // replaces the trace: never counts twice
  CHECK(t.traced_current() == 950);
  CHECK(t.traced_peak() == 950);
  const auto stats = t.snapshot_statistics();
  REQUIRE(stats.size() == 3);
  CHECK(stats[0].line == 3);
  CHECK(stats[1].line == 5);
  CHECK(stats[2].line == 2);
  CHECK(stats[2].count == 1);
  CHECK(stats[2].size == 50);
  t.free(a);
  t.free(c);
  CHECK(t.traced_current() == 900);
  t.stop();
  CHECK(t.traced_current() == 0);
  CHECK(t.current() == 900);
}

TEST_CASE("memory samples stay bounded and keep the peak", "[memory][tracemalloc]") {
  Samples s(2000);
  std::int64_t peak = 0;
  for (int i = 0; i < 1'000'000; ++i) {
    const std::int64_t v = (static_cast<std::int64_t>(i) * 7919) % 100'003 + (i == 612'345 ? 5'000'000 : 0);
    peak = std::max(peak, v);
    s.add(i * 1e-6, v);
  }
  s.add(1.5, 42);
  const auto pts = s.points();
  CHECK(pts.size() <= 2000);
  CHECK(pts.size() >= 1000);
  std::int64_t seen = 0;
  for (const auto& p : pts) seen = std::max(seen, p.second);
  CHECK(seen == peak);
  CHECK(pts.back() == std::pair<double, std::int64_t>{1.5, 42});
  for (std::size_t i = 1; i < pts.size(); ++i) CHECK(pts[i - 1].first <= pts[i].first);
}

TEST_CASE("200 000 kept lists: traced final and peak as CPython's tracemalloc", "[memory][tracemalloc]") {
  const json data = load("gc_programs.json");
  REQUIRE(data.is_object());
  for (const std::string version : {"3.11", "3.13"}) {
    const json& r = data["programs"]["lists_kept.py"][version];
    const Sizes sz(std::stoi(version.substr(2)));
    MemoryModel m(std::int64_t{1} << 40);
    m.tracemalloc().start();
    // keep = []
    ListAlloc keep;
    const BlockId keep_obj = m.allocate(sz.list_traced(keep).object, "lists_kept.py", 4, 0);
    BlockId keep_items = 0;
    for (int i = 0; i < 200'000; ++i) {
      const double t = i * 1e-7;
      if (i > 256) m.allocate(sz.int_traced(1, IntOrigin::Medium), "lists_kept.py", 5, t);
      const ListAlloc one = list_exact(1);  // [i]
      m.allocate(sz.list_traced(one).object, "lists_kept.py", 6, t);
      m.allocate(sz.list_traced(one).table, "lists_kept.py", 6, t);
      const i64 before = keep.allocated;
      list_append(keep);  // keep.append(...)
      if (keep.allocated != before) {
        const i64 bytes = sz.list_traced(keep).table;
        if (keep_items) m.reallocate(keep_items, bytes, "lists_kept.py", 6, t);
        else keep_items = m.allocate(bytes, "lists_kept.py", 6, t);
      }
    }
    REQUIRE(keep_obj != 0);
    const std::int64_t final_cpy = r["traced_final"], peak_cpy = r["traced_peak"];
    INFO(version << ": model final " << m.tracemalloc().traced_current() << " peak " << m.tracemalloc().traced_peak()
                 << "; CPython final " << final_cpy << " peak " << peak_cpy);
    CHECK(std::abs(m.tracemalloc().traced_current() - final_cpy) <= final_cpy / 1000);
    CHECK(std::abs(m.tracemalloc().traced_peak() - peak_cpy) <= peak_cpy / 1000);
    pitfall::report::Report rep;
    m.fill(rep);
    CHECK(rep.mem_peak >= rep.mem_final);
    CHECK(rep.mem_samples.size() <= 2000);
    CHECK(rep.rss_peak >= rep.mem_peak);
  }
}
