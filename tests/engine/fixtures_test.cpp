// Runs every rule on every fixture under tests/fixtures/<rule>/<case>.py.
// A line ending in `# expect: <rule-id>[, <rule-id>...]` must get exactly those
// findings; every unmarked line must stay silent.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "rules/lint.h"
#include "rules/rule.h"
#include "test_support.h"

namespace fs = std::filesystem;
using pitfall::report::Finding;

namespace {

using pitfall::test::slurp;

std::map<int, std::multiset<std::string>> expectations(const std::string& text) {
  std::map<int, std::multiset<std::string>> out;
  std::istringstream in(text);
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    auto at = line.find("# expect:");
    if (at == std::string::npos) continue;
    std::stringstream ids(line.substr(at + 9));
    std::string id;
    while (std::getline(ids, id, ',')) {
      id.erase(0, id.find_first_not_of(" \t"));
      id.erase(id.find_last_not_of(" \t\r") + 1);
      if (!id.empty()) out[n].insert(id);
    }
  }
  return out;
}

}  // namespace

TEST_CASE("every rule has positive and negative fixtures") {
  fs::path root = fs::path(PITFALL_SOURCE_DIR) / "tests/fixtures";
  for (const auto& rule : pitfall::rules::all_rules()) {
    INFO("rule " << rule.info.id);
    fs::path dir = root / rule.info.id;
    REQUIRE(fs::is_directory(dir));
    bool positive = false, negative = false;
    for (const auto& e : fs::directory_iterator(dir)) {
      if (e.path().extension() != ".py") continue;
      auto text = slurp(e.path());
      auto exp = expectations(text);
      bool mine = false;
      for (const auto& [line, ids] : exp) mine = mine || ids.count(rule.info.id);
      (mine ? positive : negative) = true;
    }
    CHECK(positive);
    CHECK(negative);
    CHECK(std::string(rule.info.doc).find("### Why is this bad?") != std::string::npos);
    CHECK(std::string(rule.info.doc).find("### Use instead") != std::string::npos);
  }
}

TEST_CASE("fixtures: findings match `# expect:` comments exactly") {
  fs::path root = fs::path(PITFALL_SOURCE_DIR) / "tests/fixtures";
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(root))
    if (e.path().extension() == ".py") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= 2);
  for (const auto& path : files) {
    std::string text = slurp(path);
    auto expected = expectations(text);
    auto found = pitfall::rules::lint_source(path.filename().string(), text);
    std::map<int, std::multiset<std::string>> got;
    for (const Finding& f : found) got[f.line].insert(f.rule);
    INFO("fixture " << fs::relative(path, root).string());
    for (const auto& [line, ids] : got) {
      INFO("line " << line);
      CHECK(expected[line] == ids);
    }
    for (const auto& [line, ids] : expected) {
      INFO("expected on line " << line);
      CHECK(got[line] == ids);
    }
  }
}
