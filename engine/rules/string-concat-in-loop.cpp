// string-concat-in-loop (no Ruff equivalent)
#include <string>

#include "rules/node_index.h"
#include "rules/py_helpers.h"
#include "rules/rule.h"

namespace pitfall::rules {
namespace {

constexpr const char* kDoc = R"md(## string-concat-in-loop

### What it does
Flags `s += piece` and `s = s + piece` inside a loop when `s` is a string
accumulator: it starts as a string literal, or the pieces added are strings
(literals, f-strings, `str(...)`, `.join(...)`, `.format(...)`, `%` formatting).

### Why is this bad?
Strings are immutable: `s + piece` allocates a new string and copies both
parts, so building an n-character result piece by piece copies O(n²) bytes.
10 000 appends of 10 characters copy ~500 MB; 40 000 appends to an attribute
(`self.text += "abcdefghij"`) took 2.4 s on CPython 3.11, against 1.5 ms for
`"".join(parts)`. CPython hides the cost in one special case — a plain local
variable whose string nobody else references can be resized in place — which
is why the same loop on a local took 1.4 ms. Any other reference (an attribute,
a global, a second name, a list holding it, another interpreter such as PyPy)
brings the quadratic copy back, and the speed of the code then depends on
details far from the loop.

### Example
```python
report = ""
for row in rows:
    report += f"{row.name}: {row.total}\n"
```

### Use instead
```python
parts = []
for row in rows:
    parts.append(f"{row.name}: {row.total}\n")
report = "".join(parts)
```
(or `report = "".join(f"{row.name}: {row.total}\n" for row in rows)`;
`io.StringIO` works too)

### References
- Python FAQ, "What is the most efficient way to concatenate many strings together?"
- CPython `Python/ceval.c` / `unicode_concatenate`: the in-place resize special case
)md";

bool is_string_node(const syntax::Tree& t, TSNode n) {
  n = py::unparen(n);
  std::string_view ty = syntax::type(n);
  if (ty == "string" || ty == "concatenated_string") return true;
  if (ty == "call") {
    TSNode f = child_by_field(n, "function");
    if (syntax::is(f, "identifier")) {
      std::string_view name = t.text(f);
      return name == "str" || name == "repr" || name == "chr" || name == "format";
    }
    if (syntax::is(f, "attribute")) {
      std::string_view m = t.text(child_by_field(f, "attribute"));
      TSNode obj = py::unparen(child_by_field(f, "object"));
      bool str_obj = syntax::is(obj, "string") || syntax::is(obj, "concatenated_string");
      return m == "format" || (m == "join" && str_obj) || m == "upper" || m == "lower" || m == "strip" ||
             m == "rstrip" || m == "lstrip" || m == "capitalize" || m == "title" || m == "ljust" ||
             m == "rjust" || m == "center" || m == "zfill";
    }
    return false;
  }
  if (ty == "binary_operator") {
    std::string_view op = py::binary_operator_token(n);
    if (op == "%") return is_string_node(t, child_by_field(n, "left"));
    if (op == "+") return is_string_node(t, child_by_field(n, "left")) || is_string_node(t, child_by_field(n, "right"));
    if (op == "*") return is_string_node(t, child_by_field(n, "left")) || is_string_node(t, child_by_field(n, "right"));
  }
  return false;
}

// How the name is bound in its scope: +1 some binding is a string, -1 some binding
// is clearly not (number, list, tuple, dict, set, bytes-free container), 0 unknown.
int binding_kind(const NodeIndex& idx, NodeId name_id) {
  std::string_view name = idx.text(name_id);
  NodeId s = idx.resolve(idx.scope(name_id), name);
  if (s == kNoNode) return 0;
  int kind = 0;
  for (const Binding& b : idx.bindings(s, name)) {
    TSNode v = py::unparen(py::binding_value(idx, b));
    if (syntax::null(v)) continue;
    if (is_string_node(idx.tree(), v)) {
      if (kind == 0) kind = 1;
      continue;
    }
    std::string_view ty = syntax::type(v);
    if (ty == "integer" || ty == "float" || ty == "list" || ty == "tuple" || ty == "dictionary" || ty == "set" ||
        ty == "list_comprehension" || ty == "true" || ty == "false")
      return -1;
  }
  return kind;
}

// `s = ...` (plain reset) inside the loop body: the accumulator is per iteration.
bool reset_in_loop(const NodeIndex& idx, NodeId loop, const syntax::Tree& t, TSNode target) {
  NodeId body = idx.find(child_by_field(idx.node(loop), "body"));
  if (body == kNoNode) return false;
  for (NodeId k = body; k < idx.subtree_end(body); ++k) {
    if (!idx.is(k, "assignment")) continue;
    TSNode a = idx.node(k);
    if (!py::same_expr(t, child_by_field(a, "left"), target)) continue;
    TSNode right = child_by_field(a, "right");
    if (syntax::is(right, "binary_operator") && py::same_expr(t, child_by_field(right, "left"), target)) continue;
    return true;
  }
  return false;
}

void check(RuleContext& ctx) {
  const NodeIndex& idx = index_of(ctx.tree());
  const syntax::Tree& t = ctx.tree();
  auto consider = [&](NodeId stmt_id, TSNode target, TSNode piece, bool augmented) {
    std::string_view tt = syntax::type(target);
    if (tt != "identifier" && tt != "attribute" && tt != "subscript") return;
    auto loops = py::enclosing_loops(idx, stmt_id);
    if (loops.empty()) return;
    bool evidence = is_string_node(t, piece);
    if (tt == "identifier") {
      int k = binding_kind(idx, idx.find(target));
      if (k < 0) return;
      evidence = evidence || k > 0;
    }
    if (!evidence) return;
    if (reset_in_loop(idx, loops.front(), t, target)) return;
    std::string name(t.text(target));
    TSNode stmt = idx.node(stmt_id);
    auto& f = ctx.report(stmt, "`" + name + (augmented ? " += ...`" : " = " + name + " + ...`") +
                                   " in a loop copies the whole string on every iteration (O(n²) overall)");
    py::remedy(f, "Append the pieces to a list and `\"\".join(parts)` once after the loop");
  };
  const TSFieldId f_left = syntax::field_id("left"), f_right = syntax::field_id("right");
  for (NodeId a : idx.of("augmented_assignment")) {
    // The operator token is all that stands between the target and the value
    // (spaces and line continuations aside), and only `+=` spells "+=".
    NodeId l = idx.field_child(a, f_left), r = idx.field_child(a, f_right);
    if (l == kNoNode || r == kNoNode || idx.end_byte(l) > idx.start_byte(r)) continue;
    std::string_view gap = t.source().text();
    gap = gap.substr(idx.end_byte(l), idx.start_byte(r) - idx.end_byte(l));
    if (gap.find("+=") == std::string_view::npos) continue;
    consider(a, idx.node(l), idx.node(r), true);
  }
  const TSSymbol binary_operator = NodeIndex::symbol_of("binary_operator");
  for (NodeId a : idx.of("assignment")) {
    NodeId r = idx.field_child(a, f_right);
    if (r == kNoNode || idx.symbol(r) != binary_operator) continue;
    TSNode n = idx.node(a);
    TSNode left = child_by_field(n, "left"), right = idx.node(r);
    if (py::binary_operator_token(right) != "+") continue;
    if (!py::same_expr(t, child_by_field(right, "left"), left)) continue;
    consider(a, left, child_by_field(right, "right"), false);
  }
}

}  // namespace

Rule string_concat_in_loop_rule() {
  return {{"string-concat-in-loop", "", "warning", "bytecode", kDoc}, check};
}

}  // namespace pitfall::rules
