// Incremental linting (what the web app does per keystroke): each version of
// the buffer is reparsed from the previous one, and its findings must be the
// ones a full lint of that text gives, whatever the edit (typing in a word,
// deleting a line, breaking and repairing the syntax, invalid UTF-8).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <string>
#include <vector>

#include "rules/lint.h"
#include "test_support.h"

namespace fs = std::filesystem;
using pitfall::report::Finding;

namespace {

std::string describe(const std::vector<Finding>& fs) {
  std::string out;
  for (const auto& f : fs)
    out += std::to_string(f.line) + ":" + std::to_string(f.col) + "-" + std::to_string(f.end_line) + ":" +
           std::to_string(f.end_col) + " " + f.rule + " " + f.message + (f.has_fix ? " | " + f.fix.title : "") + "\n";
  return out;
}

// Edits a learner makes: type a letter inside a word, open a bracket, delete a
// line, paste a line, undo.
std::vector<std::string> edits_of(const std::string& text) {
  std::vector<std::string> v{text};
  std::string typed = text;
  std::size_t at = typed.size() / 2;
  while (at + 1 < typed.size() && !(std::isalpha(static_cast<unsigned char>(typed[at])) &&
                                    std::isalpha(static_cast<unsigned char>(typed[at + 1]))))
    ++at;
  if (at + 1 < typed.size()) typed.insert(at + 1, "q");
  v.push_back(typed);
  std::string broken = text;
  broken.insert(broken.size() / 3, "(");
  v.push_back(broken);
  v.push_back(text);
  std::size_t nl = text.find('\n', text.size() / 4);
  if (nl != std::string::npos) {
    std::size_t next = text.find('\n', nl + 1);
    if (next != std::string::npos) {
      std::string deleted = text.substr(0, nl + 1) + text.substr(next + 1);
      v.push_back(deleted);
      std::string pasted = text.substr(0, next + 1) + text.substr(nl + 1, next - nl) + text.substr(next + 1);
      v.push_back(pasted);
    }
  }
  v.push_back(text + "\xff\n");  // not UTF-8
  v.push_back(text);
  v.push_back("");
  v.push_back(text);
  return v;
}

}  // namespace

TEST_CASE("incremental lint: every edit of every fixture gives a full lint's findings") {
  fs::path root = fs::path(PITFALL_SOURCE_DIR) / "tests/fixtures";
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(root))
    if (e.path().extension() == ".py") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() > 30);
  int versions = 0;
  for (const auto& path : files) {
    pitfall::rules::IncrementalLinter linter;
    for (const std::string& text : edits_of(pitfall::test::slurp(path))) {
      INFO(path.string() << " version " << versions);
      CHECK(describe(linter.lint("f.py", text)) == describe(pitfall::rules::lint_source("f.py", text)));
      ++versions;
    }
  }
  CHECK(versions >= static_cast<int>(files.size()) * 8);
}

TEST_CASE("incremental lint: a keystroke that changes a finding is seen") {
  pitfall::rules::IncrementalLinter linter;
  std::string a = "def f(x=[]):\n    return x\n";
  std::string b = "def f(x=()):\n    return x\n";
  auto fa = linter.lint("f.py", a);
  REQUIRE(fa.size() == 1);
  CHECK(fa[0].rule == "mutable-default-argument");
  CHECK(linter.lint("f.py", b).empty());
  CHECK(linter.lint("f.py", a).size() == 1);
}
