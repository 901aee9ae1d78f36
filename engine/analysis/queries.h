// Small syntactic queries shared by the concurrency and memory detectors:
// walking a function body without entering nested scopes, finding awaits,
// loops and calls inside a subtree, and the indentation of a block.
#pragma once
#include <tree_sitter/api.h>

#include <string>
#include <string_view>

#include "rules/node_index.h"
#include "syntax/tree.h"

namespace pitfall::analysis {

inline bool is_nested_scope(std::string_view t) {
  return t == "function_definition" || t == "lambda" || t == "class_definition";
}

// Calls visit(id) for every node strictly inside `root`'s subtree (root
// excluded), skipping the bodies of nested defs, lambdas and classes.
template <typename Visit>
void visit_body(const rules::NodeIndex& idx, rules::NodeId root, Visit&& visit) {
  if (root == rules::kNoNode) return;
  rules::NodeId end = idx.subtree_end(root);
  for (rules::NodeId k = root + 1; k < end;) {
    if (is_nested_scope(idx.type(k))) {
      k = idx.subtree_end(k);
      continue;
    }
    visit(k);
    ++k;
  }
}

// Whether the subtree (nested scopes excluded) holds an `await`, `async for`
// or `async with` (a point where the event loop can run other tasks).
inline bool has_suspension(const rules::NodeIndex& idx, rules::NodeId root) {
  bool found = false;
  auto check = [&](rules::NodeId k) {
    std::string_view t = idx.type(k);
    if (t == "await") found = true;
    else if ((t == "for_statement" || t == "with_statement" || t == "for_in_clause") &&
             idx.is_async(k))
      found = true;
  };
  if (root != rules::kNoNode) check(root);
  if (!found) visit_body(idx, root, check);
  return found;
}

// Whether a call's value is awaited directly (`await f()`, `await (f())`).
inline bool is_awaited(TSNode call) {
  TSNode p = ts_node_parent(call);
  while (syntax::is(p, "parenthesized_expression")) p = ts_node_parent(p);
  return syntax::is(p, "await");
}

// The indentation of a block's first statement when it sits on its own line.
inline bool block_indent(const syntax::Tree& tree, TSNode body, std::string& indent, int& line) {
  if (syntax::null(body) || ts_node_named_child_count(body) == 0) return false;
  TSNode first = ts_node_named_child(body, 0);
  auto pos = tree.start(first);
  std::string_view text = tree.source().line_text(pos.line);
  std::size_t n = 0;
  while (n < text.size() && (text[n] == ' ' || text[n] == '\t')) ++n;
  if (pos.col != static_cast<int>(n) + 1) return false;
  indent = std::string(text.substr(0, n));
  line = pos.line;
  return true;
}

// The value of an integer literal (underscores allowed), or -1.
inline long long int_literal(const syntax::Tree& tree, TSNode n) {
  if (!syntax::is(n, "integer")) return -1;
  long long v = 0;
  for (char c : tree.text(n)) {
    if (c == '_') continue;
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
    if (v > 1'000'000'000'000LL) return v;
  }
  return v;
}

}  // namespace pitfall::analysis
