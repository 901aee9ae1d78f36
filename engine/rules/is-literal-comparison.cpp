// is-literal-comparison (Ruff F632)
#include <string>

#include "rules/node_index.h"
#include "rules/py_helpers.h"
#include "rules/rule.h"

namespace pitfall::rules {
namespace {

constexpr const char* kDoc = R"md(## is-literal-comparison (F632)

### What it does
Flags `is` / `is not` comparisons against a str, bytes or number literal (or a
tuple of them), or against a fresh `[]`, `{}` or comprehension: `x is "done"`,
`n is not 0`, `items is []`.

### Why is this bad?
`is` compares object identity, not value. Whether two equal strings or ints are
the same object is an implementation detail of CPython: small ints from -5 to
256 are cached and some strings are interned, so `n is 0` works in a quick test
and fails for `n = 1000 - 1000` computed at run time, or under another
interpreter. CPython 3.8+ even warns (`SyntaxWarning: "is" with a literal`). The
comparison costs the same as `==` for these types (tens of nanoseconds), so
there is nothing to gain and a silent wrong answer to lose. A new `[]` or `{}` is
never identical to anything, so `x is []` is always `False`.

### Example
```python
if status is "done":
    ...
```

### Use instead
```python
if status == "done":
    ...
```
(`is` stays right for `None`, `True`, `False` and `...`.)

### References
- Python documentation, "Identity comparisons"
- Ruff rule F632 `is-literal`
)md";

bool constant(TSNode e) {
  e = py::unparen(e);
  std::string_view t = syntax::type(e);
  if (t == "integer" || t == "float" || t == "true" || t == "false" || t == "none" || t == "ellipsis") return true;
  if (t == "string") {
    TSNode start = ts_node_child(e, 0);
    std::string_view s = syntax::type(start);
    (void)s;
    // f-strings are not literals.
    for (std::uint32_t i = 0; i < ts_node_named_child_count(e); ++i)
      if (syntax::is(ts_node_named_child(e, i), "interpolation")) return false;
    return true;
  }
  if (t == "concatenated_string") {
    for (std::uint32_t i = 0; i < ts_node_named_child_count(e); ++i)
      if (!constant(ts_node_named_child(e, i))) return false;
    return true;
  }
  if (t == "tuple") {
    for (TSNode c : py::statements(e))
      if (!constant(c)) return false;
    return true;
  }
  return false;
}

bool singleton(TSNode e) {
  std::string_view t = syntax::type(py::unparen(e));
  return t == "true" || t == "false" || t == "none" || t == "ellipsis";
}

bool non_singleton_constant(TSNode e) { return constant(e) && !singleton(e); }

// `[]`, `{}`, `set` displays and list/set/dict comprehensions: always a new object.
bool fresh_container(TSNode e) {
  std::string_view t = syntax::type(py::unparen(e));
  return t == "list" || t == "set" || t == "dictionary" || t == "list_comprehension" || t == "set_comprehension" ||
         t == "dictionary_comprehension";
}

bool is_fstring_start(const syntax::Tree& t, TSNode string) {
  TSNode start = ts_node_child(string, 0);
  std::string_view s = t.text(start);
  return s.find('f') != std::string_view::npos || s.find('F') != std::string_view::npos;
}

void check(RuleContext& ctx) {
  const NodeIndex& idx = index_of(ctx.tree());
  const syntax::Tree& t = ctx.tree();
  for (NodeId c : idx.of("comparison_operator")) {
    TSNode cmp = idx.node(c);
    // Operands and operators alternate: a op b op c ...
    std::vector<TSNode> operands;
    std::vector<TSNode> ops;
    std::uint32_t n = ts_node_child_count(cmp);
    for (std::uint32_t i = 0; i < n; ++i) {
      TSNode k = ts_node_child(cmp, i);
      if (py::is_comment(k)) continue;
      if (ts_node_is_named(k)) operands.push_back(k);
      else ops.push_back(k);
    }
    for (std::size_t i = 0; i < ops.size() && i + 1 < operands.size(); ++i) {
      std::string_view op = syntax::type(ops[i]);
      if (op != "is" && op != "is not") continue;
      TSNode a = operands[i], b = operands[i + 1];
      auto lit = [&](TSNode e) {
        TSNode u = py::unparen(e);
        if (syntax::is(u, "string") && is_fstring_start(t, u)) return false;
        return non_singleton_constant(e) || fresh_container(e);
      };
      if (!lit(a) && !lit(b)) continue;
      std::string repl = op == "is" ? "==" : "!=";
      auto& f = ctx.report(cmp, "`" + std::string(op) + "` compares identity, not value: use `" + repl +
                                    "` to compare with a literal");
      py::remedy(f, "Replace `" + std::string(op) + "` with `" + repl + "`");
      f.fix.edits.push_back(ctx.replace(ops[i], repl));
    }
  }
}

}  // namespace

Rule is_literal_comparison_rule() {
  return {{"is-literal-comparison", "F632", "error", "correctness", kDoc}, check};
}

}  // namespace pitfall::rules
