// The findings' JSON written straight into a string (report/findings_json.h)
// must be the very text nlohmann writes for the same findings
// (`to_json(findings).dump()` with invalid UTF-8 replaced): over every
// fixture's findings, and over findings whose strings hold quotes,
// backslashes, control characters, non-ASCII and invalid UTF-8.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "report/findings_json.h"
#include "report/json.h"
#include "rules/lint.h"
#include "test_support.h"

namespace fs = std::filesystem;
using pitfall::report::Finding;

namespace {

std::string nlohmann_text(const std::vector<Finding>& fs) {
  return pitfall::report::to_json(fs).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

TEST_CASE("findings JSON: the same text as nlohmann's for every fixture's findings", "[lint][json]") {
  fs::path root = fs::path(PITFALL_SOURCE_DIR) / "tests/fixtures";
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(root))
    if (e.path().extension() == ".py") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() > 30);
  std::size_t findings = 0, fixes = 0;
  for (const auto& path : files) {
    auto fs = pitfall::rules::lint_source(path.filename().string(), pitfall::test::slurp(path));
    findings += fs.size();
    for (const auto& f : fs) fixes += f.has_fix;
    INFO(path.string());
    CHECK(pitfall::report::findings_json(fs) == nlohmann_text(fs));
  }
  CHECK(findings > 100);
  CHECK(fixes > 20);
  CHECK(pitfall::report::findings_json({}) == nlohmann_text({}));
}

TEST_CASE("findings JSON: escapes and invalid UTF-8 as nlohmann writes them", "[lint][json]") {
  const std::vector<std::string> texts = {
      "",
      "plain",
      "quote \" backslash \\ slash /",
      std::string("controls \b\f\n\r\t \x01\x1f \x7f end") + std::string(1, '\0') + "nul",
      "non-ASCII: é → 𝄞 中",
      "lone continuation \x80 and lead \xC3 at end \xE2\x82",
      "overlong \xC0\xAF \xE0\x80\xAF surrogate \xED\xA0\x80 too big \xF4\x90\x80\x80 \xF5 \xFF",
      "cut \xF0\x9F\x98",
      "valid after invalid \xE2\x28\xA1 \xF0\x9F\x98\x80",
  };
  std::vector<Finding> fs;
  for (std::size_t k = 0; k < texts.size(); ++k) {
    Finding f;
    f.rule = "rule-" + texts[k];
    f.ruff = k % 2 ? texts[k] : "";
    f.severity = "warning";
    f.file = texts[k] + ".py";
    f.line = static_cast<int>(k) + 1;
    f.col = -static_cast<int>(k);
    f.end_line = 2147483647;
    f.end_col = 0;
    f.message = texts[k];
    f.has_fix = k % 3 != 0;
    f.fix.title = texts[k];
    for (std::size_t e = 0; e < k % 4; ++e)
      f.fix.edits.push_back({static_cast<int>(e), 1, 2, 3, texts[(k + e) % texts.size()]});
    f.evidence = k % 2 ? "" : texts[k];
    fs.push_back(f);
    INFO("text " << k);
    CHECK(pitfall::report::findings_json({f}) == nlohmann_text({f}));
  }
  CHECK(pitfall::report::findings_json(fs) == nlohmann_text(fs));
}
