#include "rules/rule.h"

#include "analysis/semantic.h"

namespace pitfall::rules {

report::Finding& RuleContext::report(TSNode node, std::string message) {
  report::Finding f;
  f.rule = info_.id;
  f.ruff = info_.ruff;
  f.severity = info_.severity;
  f.file = tree_.source().name();
  auto a = tree_.start(node), b = tree_.end(node);
  f.line = a.line;
  f.col = a.col;
  f.end_line = b.line;
  f.end_col = b.col;
  f.message = std::move(message);
  out_.push_back(std::move(f));
  return out_.back();
}

const analysis::Model& RuleContext::model() const { return analysis::model_of(tree_); }

report::TextEdit RuleContext::replace(TSNode node, std::string text) const {
  auto a = tree_.start(node), b = tree_.end(node);
  return {a.line, a.col, b.line, b.col, std::move(text)};
}

}  // namespace pitfall::rules
