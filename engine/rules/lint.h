// Runs the detectors on one file: syntax errors first, then every selected rule,
// minus inline suppressions (`# noqa`, `# noqa: <rule-id or Ruff code>, ...`).
#pragma once
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

}  // namespace pitfall::rules
