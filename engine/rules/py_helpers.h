// Small helpers over tree-sitter-python nodes shared by the loop and
// correctness detectors: statement lists, parentheses, call arguments, and a
// whitespace-insensitive comparison of expressions.
#pragma once
#include <tree_sitter/api.h>

#include <string>
#include <string_view>
#include <vector>

#include "report/finding.h"
#include "rules/node_index.h"
#include "syntax/tree.h"

namespace pitfall::rules::py {

// The remedy as a fix title; edits are added only where the change is mechanical.
inline void remedy(report::Finding& f, std::string title) {
  f.has_fix = true;
  f.fix.title = std::move(title);
}

inline bool is_comment(TSNode n) { return syntax::is(n, "comment"); }

// The statements of a block (comments dropped).
inline std::vector<TSNode> statements(TSNode block) {
  std::vector<TSNode> out;
  if (syntax::null(block)) return out;
  // While the rules run, the index lists a node's named children.
  if (const NodeIndex* idx = current_index(block.tree)) {
    NodeId b = idx->find(block);
    if (b != kNoNode) {
      out.reserve(8);
      idx->each_child(b, [&](NodeId k) {
        if (!idx->is_comment(k)) out.push_back(idx->node(k));
      });
      return out;
    }
  }
  // One cursor pass over the children (ts_node_named_child(block, i) would
  // rescan from the first child on every call).
  TSTreeCursor c = ts_tree_cursor_new(block);
  for (bool more = ts_tree_cursor_goto_first_child(&c); more; more = ts_tree_cursor_goto_next_sibling(&c)) {
    TSNode child = ts_tree_cursor_current_node(&c);
    if (ts_node_is_named(child) && !is_comment(child)) out.push_back(child);
  }
  ts_tree_cursor_delete(&c);
  return out;
}

// `(x)` -> `x`, repeatedly.
inline TSNode unparen(TSNode n) {
  while (syntax::is(n, "parenthesized_expression")) {
    TSNode inner{};
    std::uint32_t k = ts_node_named_child_count(n);
    for (std::uint32_t i = 0; i < k; ++i) {
      TSNode c = ts_node_named_child(n, i);
      if (!is_comment(c)) {
        inner = c;
        break;
      }
    }
    if (syntax::null(inner)) break;
    n = inner;
  }
  return n;
}

// The expression of an expression statement holding exactly one expression.
inline TSNode statement_expression(TSNode stmt) {
  // While the rules run: the statement's one named child that is not a
  // comment, read from the index (as below, without tree-sitter's child walk).
  if (const NodeIndex* idx = current_index(stmt.tree)) {
    NodeId i = idx->find(stmt);
    if (i != kNoNode) {
      if (idx->type(i) != "expression_statement") return TSNode{};
      NodeId only = kNoNode;
      std::size_t count = 0;
      idx->each_child(i, [&](NodeId k) {
        if (!idx->is_comment(k)) {
          only = k;
          ++count;
        }
      });
      return count == 1 ? idx->node(only) : TSNode{};
    }
  }
  if (!syntax::is(stmt, "expression_statement")) return TSNode{};
  // Nearly always one named child: tree-sitter keeps the count, so skip the
  // walk and the vector (this runs for every expression statement).
  if (ts_node_named_child_count(stmt) == 1) {
    TSNode only = ts_node_named_child(stmt, 0);
    return is_comment(only) ? TSNode{} : only;
  }
  auto parts = statements(stmt);
  return parts.size() == 1 ? parts[0] : TSNode{};
}

// The operator token of a `binary_operator` node (`+`, `%`, `//`, ...). The
// index holds named nodes only, so it is read from the text between the two
// operands (blanks and line continuations dropped) instead of asking
// tree-sitter for the anonymous child; tree-sitter answers when a comment sits
// between them or the node is not in the lint's index.
inline std::string_view binary_operator_token(TSNode n) {
  if (const NodeIndex* idx = current_index(n.tree)) {
    NodeId i = idx->find(n);
    if (i != kNoNode) {
      static const TSFieldId left = syntax::field_id("left"), right = syntax::field_id("right");
      NodeId l = idx->field_child(i, left), r = idx->field_child(i, right);
      if (l != kNoNode && r != kNoNode && idx->end_byte(l) <= idx->start_byte(r)) {
        std::string_view gap(idx->tree().source().text());
        gap = gap.substr(idx->end_byte(l), idx->start_byte(r) - idx->end_byte(l));
        auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\\' || c == '\f'; };
        while (!gap.empty() && blank(gap.front())) gap.remove_prefix(1);
        while (!gap.empty() && blank(gap.back())) gap.remove_suffix(1);
        if (!gap.empty() && gap.find('#') == std::string_view::npos) return gap;
      }
    }
  }
  return syntax::type(child_by_field(n, "operator"));
}

// A list of nodes that keeps its first few in place (a call's arguments:
// no allocation for the common short list), read like a vector.
class NodeList {
 public:
  NodeList() = default;
  NodeList(const NodeList&) = default;
  NodeList& operator=(const NodeList&) = default;
  void push_back(TSNode n) {
    if (spilled_.empty() && count_ < kInPlace) {
      in_place_[count_++] = n;
      return;
    }
    if (spilled_.empty()) spilled_.assign(in_place_, in_place_ + count_);
    spilled_.push_back(n);
    ++count_;
  }
  std::size_t size() const { return count_; }
  bool empty() const { return count_ == 0; }
  const TSNode* begin() const { return spilled_.empty() ? in_place_ : spilled_.data(); }
  const TSNode* end() const { return begin() + count_; }
  const TSNode& operator[](std::size_t i) const { return begin()[i]; }
  const TSNode& back() const { return begin()[count_ - 1]; }

 private:
  static constexpr std::size_t kInPlace = 4;
  TSNode in_place_[kInPlace] = {};
  std::size_t count_ = 0;
  std::vector<TSNode> spilled_;  // all of them, once there are more than kInPlace
};

struct CallArgs {
  NodeList positional;  // plain positional arguments
  NodeList keywords;    // keyword_argument nodes
  bool star = false;               // *args present
  bool double_star = false;        // **kwargs present
  bool generator = false;          // f(x for x in y)
};

inline CallArgs call_args(TSNode call) {
  CallArgs a;
  TSNode args = child_by_field(call, "arguments");
  if (syntax::is(args, "generator_expression")) {
    a.generator = true;
    a.positional.push_back(args);
    return a;
  }
  auto add = [&a](std::string_view t, TSNode c) {
    if (t == "keyword_argument") a.keywords.push_back(c);
    else if (t == "list_splat") a.star = true;
    else if (t == "dictionary_splat") a.double_star = true;
    else a.positional.push_back(c);
  };
  // While the rules run, the index lists the arguments (no vector of them).
  if (const NodeIndex* idx = current_index(args.tree)) {
    NodeId i = idx->find(args);
    if (i != kNoNode) {
      idx->each_child(i, [&](NodeId k) {
        if (!idx->is_comment(k)) add(idx->type(k), idx->node(k));
      });
      return a;
    }
  }
  for (TSNode c : statements(args)) add(syntax::type(c), c);
  return a;
}

// Source text without whitespace and line continuations: equal for expressions
// that differ only in layout.
inline std::string canon(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s)
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\\') out += c;
  return out;
}

// canon(x) == canon(y), compared in place (no strings built).
inline bool same_canon(std::string_view x, std::string_view y) {
  auto skip = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\\'; };
  std::size_t i = 0, j = 0;
  for (;;) {
    while (i < x.size() && skip(x[i])) ++i;
    while (j < y.size() && skip(y[j])) ++j;
    if (i == x.size() || j == y.size()) return i == x.size() && j == y.size();
    if (x[i] != y[j]) return false;
    ++i;
    ++j;
  }
}

inline bool same_expr(const syntax::Tree& t, TSNode a, TSNode b) {
  if (syntax::null(a) || syntax::null(b)) return false;
  a = unparen(a);
  b = unparen(b);
  return same_canon(t.text(a), t.text(b));
}

// Whether an expression mentions identifier `name` anywhere (including nested scopes).
inline bool mentions(const NodeIndex& idx, TSNode expr, std::string_view name) {
  NodeId i = idx.find(expr);
  if (i == kNoNode) return false;
  for (NodeId k = i; k < idx.subtree_end(i); ++k)
    if (idx.is(k, "identifier") && idx.text(k) == name && idx.use(k) != Use::kOther) return true;
  return false;
}

inline bool is_loop(std::string_view t) { return t == "for_statement" || t == "while_statement"; }

inline bool is_async_for(TSNode for_stmt) {
  if (const NodeIndex* idx = current_index(for_stmt.tree)) {
    NodeId i = idx->find(for_stmt);
    if (i != kNoNode) return idx->is_async(i);
  }
  TSNode first = ts_node_child(for_stmt, 0);
  return syntax::type(first) == "async";
}

// The value bound to `b` when it is a plain `name = value` (also chained
// `a = b = value` and annotated `name: T = value`), else a null node.
inline TSNode binding_value(const NodeIndex& idx, const Binding& b) {
  if (b.use != Use::kStore || b.owner == kNoNode || !idx.is(b.owner, "assignment")) return TSNode{};
  TSNode a = idx.node(b.owner);
  TSNode name = idx.node(b.name);
  bool direct = false;
  for (;;) {
    TSNode left = unparen(child_by_field(a, "left"));
    if (ts_node_eq(left, name)) direct = true;
    TSNode right = child_by_field(a, "right");
    if (syntax::is(right, "assignment")) {
      a = right;
      continue;
    }
    return direct ? right : TSNode{};
  }
}

// The annotation of a binding: `name: T = ...` or a parameter `name: T`.
inline TSNode binding_annotation(const NodeIndex& idx, const Binding& b) {
  if (b.use == Use::kStore && b.owner != kNoNode && idx.is(b.owner, "assignment")) {
    TSNode a = idx.node(b.owner);
    if (ts_node_eq(unparen(child_by_field(a, "left")), idx.node(b.name))) return child_by_field(a, "type");
    return TSNode{};
  }
  if (b.use == Use::kParam) {
    NodeId p = idx.parent(b.name);
    if (p != kNoNode && (idx.is(p, "typed_parameter") || idx.is(p, "typed_default_parameter")))
      return child_by_field(idx.node(p), "type");
  }
  return TSNode{};
}

// Whether a call's callee is the builtin `name` (not rebound anywhere in the file).
inline bool is_builtin_call(const NodeIndex& idx, TSNode call, std::string_view name) {
  if (!syntax::is(call, "call")) return false;
  TSNode f = child_by_field(call, "function");
  if (!syntax::is(f, "identifier") || idx.tree().text(f) != name) return false;
  if (!idx.bound_anywhere(name)) return true;
  NodeId id = idx.find(f);
  return id != kNoNode && idx.resolve(idx.scope(id), name) == kNoNode;
}

// Ruff's typing::is_list / is_dict / is_set for a binding. `kind` is "list", "dict" or "set".
inline bool binding_is(const NodeIndex& idx, const Binding& b, std::string_view kind) {
  if (b.use == Use::kParam && kind == "dict") {
    NodeId p = idx.parent(b.name);
    if (p != kNoNode && idx.is(p, "dictionary_splat_pattern")) return true;  // **kwargs
  }
  TSNode ann = binding_annotation(idx, b);
  if (!syntax::null(ann)) {
    TSNode t = ann;
    if (ts_node_named_child_count(t) == 1) t = ts_node_named_child(t, 0);
    if (syntax::is(t, "generic_type") || syntax::is(t, "subscript")) t = ts_node_named_child(t, 0);
    std::string_view s = idx.tree().text(t);
    std::string cap(kind);
    if (!cap.empty()) cap[0] = static_cast<char>(cap[0] - 'a' + 'A');
    return s == kind || s == cap || s == "typing." + cap;
  }
  TSNode v = unparen(binding_value(idx, b));
  if (syntax::null(v)) return false;
  std::string_view t = syntax::type(v);
  if (kind == "list") return t == "list" || t == "list_comprehension" || is_builtin_call(idx, v, "list");
  if (kind == "dict") return t == "dictionary" || t == "dictionary_comprehension" || is_builtin_call(idx, v, "dict");
  if (kind == "set") return t == "set" || t == "set_comprehension" || is_builtin_call(idx, v, "set");
  return false;
}

// Ruff's SemanticModel::only_binding: the binding a read of identifier `ref`
// resolves to, when it is the first binding of that name in its scope.
inline const Binding* only_binding(const NodeIndex& idx, NodeId ref) {
  std::string_view name = idx.text(ref);
  NodeId from = idx.scope(ref);
  NodeId s = idx.resolve(from, name);
  if (s == kNoNode) return nullptr;
  const auto& bs = idx.bindings(s, name);
  if (bs.empty()) return nullptr;
  // Function bodies are analysed after their enclosing scope is complete.
  bool deferred = false;
  for (NodeId k = from; k != s && k != kNoNode && k != 0; k = idx.scope(k))
    if (idx.is_function_scope(k)) deferred = true;
  if (deferred) return bs.size() == 1 ? &bs[0] : nullptr;
  std::uint32_t at = ts_node_start_byte(idx.node(ref));
  std::size_t before = 0;
  for (const Binding& b : bs)
    if (ts_node_start_byte(idx.node(b.name)) < at) ++before;
  return before == 1 ? &bs[0] : nullptr;
}

// The binding a read of identifier `ref` sees (Ruff's lookup at that point):
// the latest one before it, or the last one in the scope when read from a
// function body nested below the binding scope.
inline const Binding* current_binding(const NodeIndex& idx, NodeId ref) {
  std::string_view name = idx.text(ref);
  NodeId from = idx.scope(ref);
  NodeId s = idx.resolve(from, name);
  if (s == kNoNode) return nullptr;
  const auto& bs = idx.bindings(s, name);
  if (bs.empty()) return nullptr;
  bool deferred = false;
  for (NodeId k = from; k != s && k != kNoNode && k != 0; k = idx.scope(k))
    if (idx.is_function_scope(k)) deferred = true;
  if (deferred) return &bs.back();
  std::uint32_t at = ts_node_start_byte(idx.node(ref));
  const Binding* last = nullptr;
  for (const Binding& b : bs)
    if (ts_node_start_byte(idx.node(b.name)) < at) last = &b;
  return last;
}

// Whether accumulator `b` (named `name`, a `list` or `dict`) can be replaced by a
// whole comprehension instead of the loop that fills it: bound to an empty
// display or `list()` / `dict()` call in a statement of its own, in the same
// block as `loop`, with nothing reading it between that statement and the loop.
inline bool comprehension_replaces(const NodeIndex& idx, const Binding& b, TSNode loop,
                                   std::string_view name, std::string_view kind) {
  const char* display = kind == "dict" ? "dictionary" : "list";
  TSNode value = unparen(binding_value(idx, b));
  bool empty = (syntax::is(value, display) && ts_node_named_child_count(value) == 0) ||
               (is_builtin_call(idx, value, kind) && call_args(value).positional.empty() &&
                call_args(value).keywords.empty());
  if (!empty || b.owner == kNoNode) return false;
  TSNode bind_stmt = ts_node_parent(idx.node(b.owner));
  if (!syntax::is(bind_stmt, "expression_statement") ||
      !ts_node_eq(ts_node_parent(bind_stmt), ts_node_parent(loop)))
    return false;
  if (syntax::is(child_by_field(idx.node(b.owner), "right"), "assignment")) return false;  // a = b = []
  std::uint32_t from = ts_node_end_byte(bind_stmt), to = ts_node_start_byte(loop);
  for (NodeId r : idx.loads(idx.scope(b.name), name)) {
    std::uint32_t at = ts_node_start_byte(idx.node(r));
    if (at >= from && at < to) return false;
  }
  return true;
}

// Whether `name`, bound by statement `stmt`, is read after `stmt` ends (before
// being bound again) in the same scope.
inline bool read_after(const NodeIndex& idx, NodeId stmt, std::string_view name) {
  NodeId s = idx.scope(stmt);
  std::uint32_t end = ts_node_end_byte(idx.node(stmt));
  const auto& bs = idx.bindings(s, name);
  for (NodeId l : idx.loads(s, name)) {
    std::uint32_t at = ts_node_start_byte(idx.node(l));
    if (at < end) continue;
    bool rebound = false;
    for (const Binding& b : bs) {
      std::uint32_t bt = ts_node_start_byte(idx.node(b.name));
      if (bt >= end && bt < at) rebound = true;
    }
    if (!rebound) return true;
  }
  return false;
}

// Whether the subtree holds a comment (a rewrite would lose it).
inline bool has_comment(const NodeIndex& idx, TSNode n) {
  NodeId i = idx.find(n);
  if (i == kNoNode) return true;
  for (NodeId k = i; k < idx.subtree_end(i); ++k)
    if (idx.is(k, "comment")) return true;
  return false;
}

// An edit deleting the whole lines of a statement that stands alone on them.
inline bool delete_lines_edit(const syntax::Tree& t, TSNode stmt, report::TextEdit* out) {
  auto a = t.start(stmt), b = t.end(stmt);
  std::string_view first = t.source().line_text(a.line);
  for (int i = 0; i < a.col - 1 && i < static_cast<int>(first.size()); ++i)
    if (first[static_cast<std::size_t>(i)] != ' ' && first[static_cast<std::size_t>(i)] != '\t') return false;
  std::string_view last = t.source().line_text(b.line);
  std::uint32_t end_byte = ts_node_end_byte(stmt);
  const std::string& text = t.source().text();
  for (std::size_t k = end_byte; k < text.size() && text[k] != '\n'; ++k)
    if (text[k] != ' ' && text[k] != '\t' && text[k] != '\r') return false;
  (void)last;
  *out = {a.line, 1, b.line + 1, 1, ""};
  return true;
}

// Source of the loop's iterable, parenthesised when it is a bare tuple.
inline std::string iter_text(const syntax::Tree& t, TSNode iter) {
  std::string s(t.text(iter));
  return syntax::is(iter, "expression_list") ? "(" + s + ")" : s;
}

// ` if cond` for a comprehension, parenthesising what needs it.
inline std::string if_text(const syntax::Tree& t, TSNode test) {
  if (syntax::null(test)) return "";
  std::string s(t.text(test));
  std::string_view ty = syntax::type(test);
  if (ty == "named_expression" || ty == "conditional_expression" || ty == "lambda") return " if (" + s + ")";
  return " if " + s;
}

// The loops whose body (re-)runs node i, innermost first, up to the enclosing
// def/lambda/class (a loop's iterable and `else:` run once and do not count).
inline std::vector<NodeId> enclosing_loops(const NodeIndex& idx, NodeId i) {
  std::vector<NodeId> out;
  NodeId c = i;
  for (NodeId p = idx.parent(i); p != kNoNode; c = p, p = idx.parent(p)) {
    std::string_view t = idx.type(p);
    if (t == "function_definition" || t == "lambda" || t == "class_definition") break;
    if ((t == "for_statement" || t == "while_statement") && idx.in_field(c, "body")) out.push_back(p);
  }
  return out;
}

// An integer literal's value (underscores allowed), or -1.
inline long long int_literal(std::string_view s) {
  long long v = 0;
  if (s.empty()) return -1;
  for (char ch : s) {
    if (ch == '_') continue;
    if (ch < '0' || ch > '9') return -1;
    v = v * 10 + (ch - '0');
    if (v > 1'000'000'000'000LL) return v;
  }
  return v;
}

// A loop that runs many times: `for ... in range(N)` with N >= 1000, or `while True`.
inline bool large_loop(const NodeIndex& idx, NodeId loop) {
  TSNode n = idx.node(loop);
  const syntax::Tree& t = idx.tree();
  if (syntax::is(n, "while_statement")) {
    TSNode c = unparen(child_by_field(n, "condition"));
    return syntax::is(c, "true") || (syntax::is(c, "integer") && t.text(c) != "0");
  }
  TSNode it = child_by_field(n, "right");
  if (!syntax::is(it, "call") || !syntax::is(child_by_field(it, "function"), "identifier") ||
      t.text(child_by_field(it, "function")) != "range")
    return false;
  CallArgs a = call_args(it);
  if (a.positional.empty() || a.positional.size() > 3) return false;
  TSNode stop = a.positional.size() == 1 ? a.positional[0] : a.positional[1];
  return syntax::is(stop, "integer") && int_literal(t.text(stop)) >= 1000;
}

// Whether node i runs in a hot loop inside a function: two nested loops, or one large loop.
inline bool in_hot_loop(const NodeIndex& idx, NodeId i, NodeId* innermost = nullptr) {
  if (idx.enclosing_function(i) == kNoNode) return false;
  auto loops = enclosing_loops(idx, i);
  if (loops.empty()) return false;
  if (innermost) *innermost = loops.front();
  if (loops.size() >= 2) return true;
  for (NodeId l : loops)
    if (large_loop(idx, l)) return true;
  return false;
}

// Loops inside functions whose body is hot (see in_hot_loop), each with the
// node ranges of its body that belong to it and not to a nested hot loop.
// Calls visit(loop, node) for every node in those ranges, skipping nested
// def/lambda/class bodies. One linear pass over the file.
template <typename Visit>
void for_each_in_hot_loops(const NodeIndex& idx, Visit&& visit) {
  std::vector<NodeId> loops = idx.of("for_statement");
  const auto& whiles = idx.of("while_statement");
  loops.insert(loops.end(), whiles.begin(), whiles.end());
  for (NodeId l : loops) {
    if (idx.enclosing_function(l) == kNoNode) continue;
    bool hot = large_loop(idx, l) || !enclosing_loops(idx, l).empty();
    if (!hot) continue;
    NodeId body = idx.find(child_by_field(idx.node(l), "body"));
    if (body == kNoNode) continue;
    for (NodeId k = body; k < idx.subtree_end(body); ++k) {
      std::string_view t = idx.type(k);
      if (t == "function_definition" || t == "lambda" || t == "class_definition") {
        k = idx.subtree_end(k) - 1;
        continue;
      }
      if (t == "for_statement" || t == "while_statement") {
        // Its header runs in this loop; its body is a hot loop of its own.
        NodeId inner = idx.find(child_by_field(idx.node(k), "body"));
        for (NodeId h = k; h < idx.subtree_end(k); ++h) {
          if (inner != kNoNode && h == inner) {
            h = idx.subtree_end(inner) - 1;
            continue;
          }
          std::string_view ht = idx.type(h);
          if (ht == "function_definition" || ht == "lambda" || ht == "class_definition") {
            h = idx.subtree_end(h) - 1;
            continue;
          }
          visit(l, h);
        }
        k = idx.subtree_end(k) - 1;
        continue;
      }
      visit(l, k);
    }
  }
}

}  // namespace pitfall::rules::py
