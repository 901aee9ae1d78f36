// Lint throughput against tree-sitter parsing alone (hidden: run with
// `pitfall_tests "[.bench]"`, best in a Release build; tools/bench-lint does both).
// PITFALL_BENCH_DIR selects the corpus (default: the CPython 3.11 stdlib).
#include <catch2/catch.hpp>

#include <algorithm>
#include <ctime>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "rules/lint.h"
#include "syntax/source.h"
#include "syntax/tree.h"

namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Process CPU time: the machine may be shared, wall time is too noisy.
double cpu_now() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

}  // namespace

TEST_CASE("bench: lint cost on top of parsing", "[.bench]") {
  const char* env = std::getenv("PITFALL_BENCH_DIR");
  fs::path dir = env ? env : "/root/.pyenv/versions/3.11.7/lib/python3.11";
  std::vector<std::string> texts;
  std::size_t bytes = 0;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
       it != end; it.increment(ec)) {
    if (it->path().string().find("site-packages") != std::string::npos) continue;
    if (it->path().extension() != ".py") continue;
    std::string t = slurp(it->path());
    if (!pitfall::syntax::valid_utf8(t)) continue;
    bytes += t.size();
    texts.push_back(std::move(t));
  }
  REQUIRE(!texts.empty());
  double parse = 1e9, lint = 1e9;
  std::size_t findings = 0;
  for (int round = 0; round < 3; ++round) {
    double t0 = cpu_now();
    std::size_t nodes = 0;
    for (const auto& t : texts) {
      pitfall::syntax::Tree tree(pitfall::syntax::Source("x.py", t));
      nodes += ts_node_child_count(tree.root());
    }
    parse = std::min(parse, (cpu_now() - t0));
    t0 = cpu_now();
    findings = 0;
    for (const auto& t : texts) findings += pitfall::rules::lint_source("x.py", t).size();
    lint = std::min(lint, (cpu_now() - t0));
    CHECK(nodes > 0);
  }
  double mb = static_cast<double>(bytes) / 1e6;
  std::cout << "CPU time, best of 3\nfiles " << texts.size() << ", " << mb << " MB, findings " << findings << "\n"
            << "parse only: " << parse << " s (" << mb / parse << " MB/s)\n"
            << "lint:       " << lint << " s (" << mb / lint << " MB/s)\n"
            << "analysis on top of parsing: " << 100.0 * (lint - parse) / parse << " %\n";

  // A tutor-sized file: about 200 lines.
  std::string snippet;
  for (int i = 0; i < 20; ++i)
    snippet += "def f" + std::to_string(i) +
               "(items, table):\n"
               "    out = []\n"
               "    text = ''\n"
               "    for i in range(len(items)):\n"
               "        if items[i] in [1, 2, 3]:\n"
               "            out.append(items[i] * 2)\n"
               "        text += str(items[i])\n"
               "    return out, text, list(zip(out, table.keys()))\n"
               "\n"
               "\n";
  double t0 = cpu_now();
  const int runs = 200;
  for (int r = 0; r < runs; ++r) findings += pitfall::rules::lint_source("snippet.py", snippet).size();
  double per = (cpu_now() - t0) / runs;
  std::cout << "200-line file: " << per * 1e3 << " ms per lint (parse included)\n";
  CHECK(per > 0);
}
