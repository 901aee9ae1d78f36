// in-dict-keys (Ruff SIM118)
#include <string>

#include "rules/node_index.h"
#include "rules/py_helpers.h"
#include "rules/rule.h"

namespace pitfall::rules {
namespace {

constexpr const char* kDoc = R"md(## in-dict-keys (SIM118)

### What it does
Flags `key in d.keys()` (and `not in`), and `for key in d.keys():` loops or
comprehensions.

### Why is this bad?
`d.keys()` looks up a method, calls it and allocates a view object, which then
forwards `in` (or iteration) to the dict itself. `key in d` does the same hash
lookup directly. On CPython 3.11: 30 ns against 10 ns per test — three times
slower for the same answer.

### Example
```python
if name in settings.keys():
    ...
for name in settings.keys():
    ...
```

### Use instead
```python
if name in settings:
    ...
for name in settings:
    ...
```

### References
- Python documentation, "Mapping Types — dict"
- Ruff rule SIM118 `in-dict-keys`
)md";

void flag(RuleContext& ctx, TSNode left, TSNode right, std::string_view op) {
  const syntax::Tree& t = ctx.tree();
  TSNode call = py::unparen(right);
  if (!syntax::is(call, "call")) return;
  py::CallArgs args = py::call_args(call);
  if (!args.positional.empty() || !args.keywords.empty() || args.star || args.double_star) return;
  TSNode func = child_by_field(call, "function");
  if (!syntax::is(func, "attribute") || t.text(child_by_field(func, "attribute")) != "keys") return;
  TSNode obj = child_by_field(func, "object");
  if (syntax::is(obj, "identifier") && t.text(obj) == "self") return;
  auto a = t.start(left), b = t.end(right);
  report::Finding& f = ctx.report(left, "Use `key " + std::string(op) + " dict` instead of `key " +
                                            std::string(op) + " dict.keys()`");
  f.end_line = b.line;
  f.end_col = b.col;
  (void)a;
  py::remedy(f, "Remove `.keys()`");
  f.fix.edits.push_back(ctx.replace(call, std::string(t.text(obj))));
}

void check(RuleContext& ctx) {
  const NodeIndex& idx = index_of(ctx.tree());
  for (NodeId c : idx.of("comparison_operator")) {
    TSNode cmp = idx.node(c);
    auto operands = py::statements(cmp);
    if (operands.size() != 2) continue;
    std::string_view op;
    std::uint32_t n = ts_node_child_count(cmp);
    for (std::uint32_t i = 0; i < n; ++i) {
      TSNode k = ts_node_child(cmp, i);
      if (!ts_node_is_named(k)) op = syntax::type(k);
    }
    if (op == "in" || op == "not in") flag(ctx, operands[0], operands[1], op);
  }
  for (const char* kind : {"for_statement", "for_in_clause"})
    for (NodeId l : idx.of(kind)) {
      TSNode loop = idx.node(l);
      TSNode left = child_by_field(loop, "left"), right = child_by_field(loop, "right");
      if (!syntax::null(left) && !syntax::null(right)) flag(ctx, left, right, "in");
    }
}

}  // namespace

Rule in_dict_keys_rule() {
  return {{"in-dict-keys", "SIM118", "info", "bytecode", kDoc}, check};
}

}  // namespace pitfall::rules
