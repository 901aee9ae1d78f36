// loop-iterator-mutation (Ruff B909)
#include <map>
#include <string>

#include "rules/node_index.h"
#include "rules/py_helpers.h"
#include "rules/rule.h"

namespace pitfall::rules {
namespace {

constexpr const char* kDoc = R"md(## loop-iterator-mutation (B909)

### What it does
Flags changes to the collection a `for` loop is iterating over, made inside the
loop body: `items.append(...)`, `items.remove(...)`, `del items[i]`,
`items[j] = ...` (other than the current item's own slot), `items += ...`,
`d.pop(...)`, `s.add(...)` and the other mutating methods — unless a `break` or
`return` follows in the same branch.

### Why is this bad?
A list iterator walks an index: removing an item shifts the next one under the
cursor, so it is skipped; appending makes the loop run over the new items too
(possibly forever). Dicts and sets detect the change and raise
`RuntimeError: dictionary changed size during iteration` — but only when the
size changes, so some mutations slip through. Either way the result depends on
iteration details, not on the data.

### Example
```python
for item in items:
    if item.expired:
        items.remove(item)   # skips the item after each removed one
```

### Use instead
```python
items = [item for item in items if not item.expired]
```
(or iterate over a copy: `for item in list(items):`)

### References
- Python documentation, "The for statement" (modifying the sequence being iterated)
- Ruff rule B909 `loop-iterator-mutation`
)md";

bool mutating(std::string_view m) {
  for (std::string_view x : {"append", "sort", "reverse", "remove", "clear", "extend", "insert", "pop", "popitem",
                             "setdefault", "update", "intersection_update", "difference_update",
                             "symmetric_difference_update", "add", "discard"})
    if (m == x) return true;
  return false;
}

struct Visitor {
  const NodeIndex& idx;
  const syntax::Tree& t;
  TSNode iter, target, index;
  std::map<std::uint32_t, std::vector<TSNode>> mutations;
  std::uint32_t branch = 0;

  bool same(TSNode a, TSNode b) const { return py::same_expr(t, a, b); }
  void add(TSNode n) { mutations[branch].push_back(n); }

  void visit_expr_tree(NodeId from, NodeId to) {
    for (NodeId k = from; k < to; ++k) {
      if (!idx.is(k, "call")) continue;
      TSNode f = child_by_field(idx.node(k), "function");
      if (syntax::is(f, "attribute") && mutating(t.text(child_by_field(f, "attribute"))) &&
          same(iter, child_by_field(f, "object")))
        add(f);
    }
  }
  void visit_node(TSNode n) {
    NodeId i = idx.find(n);
    if (i != kNoNode) visit_expr_tree(i, idx.subtree_end(i));
  }

  void visit_block(TSNode block) {
    for (TSNode s : py::statements(block)) visit_stmt(s);
  }

  void visit_stmt(TSNode s) {
    std::string_view ty = syntax::type(s);
    if (ty == "function_definition" || ty == "class_definition" || ty == "decorated_definition") return;
    if (ty == "if_statement") {
      ++branch;
      visit_node(child_by_field(s, "condition"));
      visit_block(child_by_field(s, "consequence"));
      for (TSNode c : py::statements(s)) {
        if (!syntax::is(c, "elif_clause") && !syntax::is(c, "else_clause")) continue;
        ++branch;
        visit_node(child_by_field(c, "condition"));
        visit_block(child_by_field(c, "consequence"));
        visit_block(child_by_field(c, "body"));
      }
      return;
    }
    if (ty == "break_statement" || ty == "return_statement") {
      mutations[branch].clear();
      visit_node(s);
      return;
    }
    if (ty == "delete_statement") {
      for (TSNode e : py::statements(s)) {
        std::vector<TSNode> targets = syntax::is(e, "expression_list") ? py::statements(e) : std::vector<TSNode>{e};
        for (TSNode x : targets)
          if (syntax::is(x, "subscript") && same(iter, child_by_field(x, "value"))) add(s);
      }
      visit_node(s);
      return;
    }
    if (ty == "expression_statement") {
      TSNode e = py::statement_expression(s);
      if (syntax::is(e, "assignment")) {
        for (TSNode a = e; syntax::is(a, "assignment") && syntax::null(child_by_field(a, "type"));
             a = child_by_field(a, "right")) {
          TSNode left = child_by_field(a, "left");
          if (syntax::is(left, "subscript") && same(iter, child_by_field(left, "value"))) {
            TSNode slice = child_by_field(left, "subscript");
            if (!syntax::null(ts_node_next_named_sibling(slice)) ||
                (!same(index, slice) && !same(target, slice)))
              add(s);
          }
        }
      } else if (syntax::is(e, "augmented_assignment") && same(iter, child_by_field(e, "left"))) {
        add(s);
      }
      visit_node(s);
      return;
    }
    // Compound statements: visit headers as expressions, bodies as statements.
    std::uint32_t n = ts_node_named_child_count(s);
    for (std::uint32_t i = 0; i < n; ++i) {
      TSNode c = ts_node_named_child(s, i);
      std::string_view ct = syntax::type(c);
      if (ct == "block") visit_block(c);
      else if (ct == "else_clause" || ct == "except_clause" || ct == "finally_clause" || ct == "except_group_clause" ||
               ct == "case_clause" || ct == "elif_clause")
        visit_stmt_like(c);
      else if (ct != "comment") visit_node(c);
    }
  }
  void visit_stmt_like(TSNode clause) {
    std::uint32_t n = ts_node_named_child_count(clause);
    for (std::uint32_t i = 0; i < n; ++i) {
      TSNode c = ts_node_named_child(clause, i);
      if (syntax::is(c, "block")) visit_block(c);
      else if (!py::is_comment(c)) visit_node(c);
    }
  }
};

void check(RuleContext& ctx) {
  const NodeIndex& idx = index_of(ctx.tree());
  const syntax::Tree& t = ctx.tree();
  for (NodeId l : idx.of("for_statement")) {
    TSNode loop = idx.node(l);
    TSNode target = child_by_field(loop, "left"), iter = child_by_field(loop, "right"), index = target;
    if (syntax::is(iter, "call")) {
      if (!py::is_builtin_call(idx, iter, "enumerate")) continue;
      py::CallArgs a = py::call_args(iter);
      if (a.positional.empty()) continue;
      if (!syntax::is(target, "pattern_list") && !syntax::is(target, "tuple_pattern")) continue;
      auto elts = py::statements(target);
      if (elts.size() != 2) continue;
      index = elts[0];
      target = elts[1];
      iter = a.positional[0];
    } else if (!syntax::is(iter, "identifier") && !syntax::is(iter, "attribute")) {
      continue;
    }
    Visitor v{idx, t, iter, target, index, {}, 0};
    v.visit_block(child_by_field(loop, "body"));
    std::string name(t.text(iter));
    for (auto& [branch, list] : v.mutations)
      for (TSNode m : list) {
        auto& f = ctx.report(m, "Mutation to loop iterable `" + name + "` during iteration");
        py::remedy(f, "Build a new collection (a comprehension), or iterate over a copy: `list(" + name + ")`");
      }
  }
}

}  // namespace

Rule loop_iterator_mutation_rule() {
  return {{"loop-iterator-mutation", "B909", "warning", "correctness", kDoc}, check};
}

}  // namespace pitfall::rules
