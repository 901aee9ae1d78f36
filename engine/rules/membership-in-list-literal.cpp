// membership-in-list-literal (Ruff PLR6201)
#include <string>

#include "rules/node_index.h"
#include "rules/py_helpers.h"
#include "rules/rule.h"

namespace pitfall::rules {
namespace {

constexpr const char* kDoc = R"md(## membership-in-list-literal (PLR6201)

### What it does
Flags a membership test against a list or tuple display: `x in [1, 2, 3]`,
`x not in ("a", "b")`.

### Why is this bad?
`in` on a list or tuple compares `x` with each element in turn: O(n), and every
comparison is a rich-compare call. A set display of constants is folded by the
compiler into one `frozenset` constant, and `in` becomes one hash lookup: O(1).
On CPython 3.11, `9 in [0, …, 9]` takes 60 ns against 20 ns for the set; the gap
grows linearly with the number of elements. (A list display is also rebuilt
every time the expression runs unless the compiler can fold it into a tuple.)

### Example
```python
if command in ["start", "stop", "restart"]:
    ...
```

### Use instead
```python
if command in {"start", "stop", "restart"}:
    ...
```
(Only for hashable elements: a set cannot hold lists or dicts.)

### References
- What's New in Python 3.2 (peephole optimiser: set displays in `in` tests become frozensets)
- Ruff rule PLR6201 `literal-membership`
)md";

bool unhashable(const NodeIndex& idx, TSNode e) {
  e = py::unparen(e);
  std::string_view t = syntax::type(e);
  if (t == "list" || t == "set" || t == "dictionary" || t == "list_comprehension" || t == "set_comprehension" ||
      t == "dictionary_comprehension" || t == "generator_expression" || t == "await" || t == "yield")
    return true;
  if (t == "identifier") {
    NodeId id = idx.find(e);
    const Binding* b = id == kNoNode ? nullptr : py::current_binding(idx, id);
    if (b && (py::binding_is(idx, *b, "list") || py::binding_is(idx, *b, "dict") || py::binding_is(idx, *b, "set")))
      return true;
  }
  return false;
}

void check(RuleContext& ctx) {
  const NodeIndex& idx = index_of(ctx.tree());
  const syntax::Tree& t = ctx.tree();
  const TSSymbol comment = NodeIndex::symbol_of("comment"), list = NodeIndex::symbol_of("list"),
                 tuple = NodeIndex::symbol_of("tuple");
  for (NodeId c : idx.of("comparison_operator")) {
    // Two operands, the right one a list or tuple display: read from the index first.
    NodeId ids[2] = {kNoNode, kNoNode};
    int count = 0;
    idx.each_child(c, [&](NodeId k) {
      if (idx.symbol(k) == comment) return;
      if (count < 2) ids[count] = k;
      ++count;
    });
    if (count != 2) continue;
    NodeId r = idx.unparen(ids[1]);
    if (idx.symbol(r) != list && idx.symbol(r) != tuple) continue;
    TSNode cmp = idx.node(c);
    TSNode operands[2] = {idx.node(ids[0]), idx.node(ids[1])};
    std::string_view op;
    std::uint32_t n = ts_node_child_count(cmp);
    for (std::uint32_t i = 0; i < n; ++i) {
      TSNode k = ts_node_child(cmp, i);
      if (!ts_node_is_named(k)) op = syntax::type(k);
    }
    if (op != "in" && op != "not in") continue;
    TSNode right = py::unparen(operands[1]);
    if (!syntax::is(right, "list") && !syntax::is(right, "tuple")) continue;
    auto elts = py::statements(right);
    if (elts.empty()) continue;
    if (unhashable(idx, operands[0])) continue;
    bool bad = false;
    for (TSNode e : elts) bad = bad || unhashable(idx, e);
    if (bad) continue;
    auto& f = ctx.report(right, "Membership test against a " + std::string(syntax::type(right)) +
                                    " display scans every element: use a set literal");
    py::remedy(f, "Convert to a set literal");
    std::string_view text = t.text(right);
    if (text.size() >= 2 && (text.front() == '[' || text.front() == '('))
      f.fix.edits.push_back(ctx.replace(right, "{" + std::string(text.substr(1, text.size() - 2)) + "}"));
  }
}

}  // namespace

Rule membership_in_list_literal_rule() {
  return {{"membership-in-list-literal", "PLR6201", "info", "bytecode", kDoc}, check};
}

}  // namespace pitfall::rules
