// Runs the detectors on one file: syntax errors first, then every selected rule,
// minus inline suppressions (`# noqa`, `# noqa: <rule-id or Ruff code>, ...`).
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "report/finding.h"
#include "syntax/tree.h"

namespace pitfall::rules {

struct LintOptions {
  std::vector<std::string> select;  // rule ids or Ruff codes; empty = all
  std::vector<std::string> ignore;
};

std::vector<report::Finding> lint(const syntax::Tree& tree, const LintOptions& options = {});

// Lints text that may not be valid UTF-8 (then: one error finding, no crash).
std::vector<report::Finding> lint_source(const std::string& name, const std::string& text,
                                         const LintOptions& options = {});

// Lints successive versions of one file (an editor's buffer): each version is
// parsed incrementally from the last one (syntax::Tree's edit constructor),
// so a keystroke costs a partial reparse and the analysis. Same findings as
// lint_source.
class IncrementalLinter {
 public:
  std::vector<report::Finding> lint(const std::string& name, const std::string& text,
                                    const LintOptions& options = {});

 private:
  std::unique_ptr<syntax::Tree> last_;
};

}  // namespace pitfall::rules
