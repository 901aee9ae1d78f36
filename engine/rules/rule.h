// What every detector is: static metadata (id, Ruff code, severity, the
// learner-facing doc) plus a check function run over one parsed file.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "report/finding.h"
#include "syntax/tree.h"

namespace pitfall::analysis {
class Model;
}

namespace pitfall::rules {

struct RuleInfo {
  const char* id;        // kebab-case, e.g. "mutable-default-argument"
  const char* ruff;      // matching Ruff code or ""
  const char* severity;  // "error" | "warning" | "info"
  const char* family;    // "concurrency" | "memory" | "bytecode" | "correctness" | "syntax"
  const char* doc;       // Markdown: What it does / Why is this bad? / Example / Use instead / References
};

// Handed to a rule's check function: the tree and a sink for findings.
class RuleContext {
 public:
  RuleContext(const syntax::Tree& tree, const RuleInfo& info, std::vector<report::Finding>& out)
      : tree_(tree), info_(info), out_(out) {}
  const syntax::Tree& tree() const { return tree_; }
  std::string_view text(TSNode n) const { return tree_.text(n); }
  // The file's semantic model (imports, contexts, worker targets), built on first use.
  const analysis::Model& model() const;

  // Reports a finding spanning `node`; returns it so a fix can be attached.
  report::Finding& report(TSNode node, std::string message);
  // A replacement edit covering `node` exactly.
  report::TextEdit replace(TSNode node, std::string text) const;

 private:
  const syntax::Tree& tree_;
  const RuleInfo& info_;
  std::vector<report::Finding>& out_;
};

using CheckFn = void (*)(RuleContext&);

struct Rule {
  RuleInfo info;
  CheckFn check;
};

// The registry (engine/rules/registry.cpp): every rule, in a fixed order.
const std::vector<Rule>& all_rules();
const Rule* find_rule(std::string_view id_or_ruff_code);

}  // namespace pitfall::rules
