// Lint robustness: files tree-sitter cannot read as a whole still get their
// findings (on the right lines), syntax errors are reported once and located,
// and no input crashes or hangs the detectors.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "rules/lint.h"
#include "test_support.h"

namespace fs = std::filesystem;
using pitfall::report::Finding;
using pitfall::rules::lint_source;

namespace {

using pitfall::test::slurp;

int count_rule(const std::vector<Finding>& fs, const std::string& rule) {
  return static_cast<int>(std::count_if(fs.begin(), fs.end(), [&](const Finding& f) { return f.rule == rule; }));
}

const Finding* find(const std::vector<Finding>& fs, const std::string& rule) {
  for (const auto& f : fs)
    if (f.rule == rule) return &f;
  return nullptr;
}

}  // namespace

// Valid Python (CPython 3.11 compiles it) that tree-sitter-python 0.25's own
// scanner cannot parse (a dedent inside parentheses after an attribute dot);
// engine/syntax/python_scanner.c (its bracket shim) makes it parse.
const char* kDedentInParens =
    "def render(parts):\n"                   // 1
    "    text = \"\"\n"                      // 2
    "    for p in parts:\n"                  // 3
    "        text += \"<\" + p + \">\"\n"    // 4  string-concat-in-loop
    "    return text\n"                      // 5
    "\n"                                     // 6
    "\n"                                     // 7
    "def lookup(table):\n"                   // 8
    "    value = (table.\n"                  // 9
    "  get)\n"                               // 10
    "    return value\n"                     // 11
    "\n"                                     // 12
    "\n"                                     // 13
    "def pairs(a, b):\n"                     // 14
    "    return list(zip(a, b))\n";          // 15 zip-without-strict

TEST_CASE("lint: a continuation line dedented inside brackets parses") {
  auto found = lint_source("dedent.py", kDedentInParens);
  const Finding* concat = find(found, "string-concat-in-loop");
  const Finding* zip = find(found, "zip-without-strict");
  REQUIRE(concat);
  REQUIRE(zip);
  CHECK(concat->line == 4);
  CHECK(concat->col == 9);
  CHECK(zip->line == 15);
  CHECK(zip->col == 17);
  CHECK(count_rule(found, "syntax-error") == 0);
}

TEST_CASE("lint: a real syntax error leaves the rest of the file linted") {
  std::string text =
      "def pairs(a, b):\n"
      "    return list(zip(a, b))\n"
      "\n"
      "def broken(:\n"
      "    pass\n"
      "\n"
      "class Holder:\n"
      "    def names(self, d):\n"
      "        return [k for k in d.keys()]\n";
  auto found = lint_source("broken.py", text);
  REQUIRE(count_rule(found, "syntax-error") == 1);
  CHECK(find(found, "syntax-error")->line == 4);
  REQUIRE(find(found, "zip-without-strict"));
  CHECK(find(found, "zip-without-strict")->line == 2);
  REQUIRE(find(found, "in-dict-keys"));
  CHECK(find(found, "in-dict-keys")->line == 9);
}

TEST_CASE("lint: pathological inputs neither crash nor hang") {
  std::vector<std::string> inputs = {
      "",
      "\n\n\n",
      "# only a comment",
      std::string(20000, '('),
      std::string(5000, '[') + std::string(5000, ']'),
      "for x in y:\n" + std::string(3000, ' ') + "pass\n",
      "'''unterminated\nfor x in y:\n    s += 'a'\n",
      "x = \"\\\n",
      "\xef\xbb\xbfprint(1)\n",
      "def f(:\n\tif\n  else\n)))\n",
  };
  std::string deep = "def f():\n";
  for (int i = 0; i < 200; ++i) deep += std::string(4 * (i + 1), ' ') + "for i" + std::to_string(i) + " in x:\n";
  deep += std::string(804, ' ') + "s += 'a'\n";
  inputs.push_back(deep);
  for (const auto& text : inputs) {
    auto found = lint_source("weird.py", text);
    int lines = 1 + static_cast<int>(std::count(text.begin(), text.end(), '\n'));
    for (const auto& f : found) {
      CHECK(f.line >= 1);
      CHECK(f.line <= lines);
      CHECK(f.col >= 1);
    }
  }
}

// Mutate every fixture at several places (one byte each, line breaks kept):
// every finding must start on a real token of the damaged file, nothing may be
// reported inside the damaged line unless the intact file had it there, and
// nearly all findings elsewhere are those of the intact file, on the same line.
TEST_CASE("lint: damaged fixtures report nothing on a wrong line") {
  fs::path root = fs::path(PITFALL_SOURCE_DIR) / "tests/fixtures";
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(root))
    if (e.path().extension() == ".py") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  REQUIRE(!files.empty());
  const std::string junk = "([{:)\"'\\ =";
  int checked = 0, same = 0;
  for (const auto& path : files) {
    std::string text = slurp(path);
    if (text.size() < 10) continue;
    auto intact = lint_source("f.py", text);
    std::set<std::pair<std::string, int>> known;
    for (const auto& f : intact) known.insert({f.rule, f.line});
    for (int m = 0; m < 6; ++m) {
      std::size_t at = (text.size() * static_cast<std::size_t>(2 * m + 1)) / 13;
      if (text[at] == '\n' || text[at] == '\r') continue;
      std::string bad = text;
      bad[at] = junk[(static_cast<std::size_t>(m) * 7 + at) % junk.size()];
      int bad_line = 1 + static_cast<int>(std::count(bad.begin(), bad.begin() + static_cast<long>(at), '\n'));
      auto found = lint_source("f.py", bad);
      std::vector<std::string> lines;
      std::istringstream in(bad);
      for (std::string l; std::getline(in, l);) lines.push_back(l);
      for (const auto& f : found) {
        if (f.rule == "syntax-error") continue;
        INFO(path.filename().string() << " byte " << at << ": " << f.rule << " at " << f.line << ":" << f.col);
        REQUIRE(f.line >= 1);
        REQUIRE(f.line <= static_cast<int>(lines.size()));
        const std::string& l = lines[static_cast<std::size_t>(f.line - 1)];
        REQUIRE(f.col >= 1);
        REQUIRE(f.col <= static_cast<int>(l.size()));
        CHECK(l[static_cast<std::size_t>(f.col - 1)] != ' ');  // fixtures are ASCII
        bool was_there = known.count({f.rule, f.line}) == 1;
        if (f.line == bad_line) CHECK(was_there);
        ++checked;
        same += was_there;
      }
    }
  }
  REQUIRE(checked > 0);
  CHECK(same >= checked * 9 / 10);
}
