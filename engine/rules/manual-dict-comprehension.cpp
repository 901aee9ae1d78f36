// manual-dict-comprehension (Ruff PERF403)
#include <string>

#include "rules/node_index.h"
#include "rules/py_helpers.h"
#include "rules/rule.h"

namespace pitfall::rules {
namespace {

constexpr const char* kDoc = R"md(## manual-dict-comprehension (PERF403)

### What it does
Flags a `for` loop whose only work is storing loop variables into a dict:
`for k, v in pairs: d[k] = v`, optionally under one `if`.

### Why is this bad?
Each iteration loads the dict and runs a generic `STORE_SUBSCR`; a dict
comprehension runs a specialised `MAP_ADD` and states the result in one
expression. On CPython 3.11 the gain is small (about 10 % for 1 000 pairs, more on
3.10 and at module level where `d` is a global); the main win is clarity, and
`dict(pairs)` or `d.update(pairs)` is faster still when no transformation is
needed.

### Example
```python
index = {}
for name, value in rows:
    if value:
        index[name] = value
```

### Use instead
```python
index = {name: value for name, value in rows if value}
```

### References
- Python tutorial, "Dictionaries" (dict comprehensions)
- Ruff rule PERF403 `manual-dict-comprehension`
)md";

bool any_element_equals(const syntax::Tree& t, TSNode tuple, TSNode e) {
  for (TSNode c : py::statements(tuple))
    if (py::same_expr(t, c, e)) return true;
  return false;
}

void check(RuleContext& ctx) {
  const NodeIndex& idx = index_of(ctx.tree());
  const syntax::Tree& t = ctx.tree();
  for (NodeId l : idx.of("for_statement")) {
    TSNode loop = idx.node(l);
    TSNode target = child_by_field(loop, "left");
    auto body = py::statements(child_by_field(loop, "body"));
    if (body.size() != 1) continue;
    TSNode stmt = body[0], test{};
    if (syntax::is(stmt, "if_statement")) {
      if (!syntax::null(child_by_field(stmt, "alternative"))) continue;
      auto inner = py::statements(child_by_field(stmt, "consequence"));
      if (inner.size() != 1) continue;
      test = child_by_field(stmt, "condition");
      stmt = inner[0];
    }
    TSNode assign = py::statement_expression(stmt);
    if (!syntax::is(assign, "assignment") || !syntax::null(child_by_field(assign, "type"))) continue;
    TSNode value = child_by_field(assign, "right");
    if (syntax::null(value) || syntax::is(value, "assignment")) continue;
    TSNode sub = child_by_field(assign, "left");
    if (!syntax::is(sub, "subscript")) continue;
    TSNode key = child_by_field(sub, "subscript");
    if (syntax::null(key) || !syntax::null(ts_node_next_named_sibling(key))) continue;
    std::string_view tt = syntax::type(target);
    if (tt == "pattern_list" || tt == "tuple_pattern") {
      if (!any_element_equals(t, target, key) || !any_element_equals(t, target, value)) continue;
      bool used_after = false;
      for (TSNode e : py::statements(target))
        if (syntax::is(e, "identifier") && py::read_after(idx, l, t.text(e))) used_after = true;
      if (used_after) continue;
    } else if (tt == "identifier") {
      if (!py::same_expr(t, key, target) || !py::same_expr(t, value, target)) continue;
      if (py::read_after(idx, l, t.text(target))) continue;
    } else {
      continue;
    }
    TSNode dict = child_by_field(sub, "value");
    if (!syntax::is(dict, "identifier")) continue;
    std::string_view dict_name = t.text(dict);
    const Binding* b = py::only_binding(idx, idx.find(dict));
    if (!b || !py::binding_is(idx, *b, "dict")) continue;
    if (!syntax::null(test) && py::mentions(idx, test, dict_name)) continue;

    bool comprehension = py::comprehension_replaces(idx, *b, loop, dict_name, "dict");
    bool async = py::is_async_for(loop);
    std::string name(dict_name);
    auto& f = ctx.report(stmt, comprehension ? "Use a dictionary comprehension to build `" + name +
                                                   "` instead of a for-loop"
                                             : "Use `" + name + ".update(...)` instead of a for-loop");
    py::remedy(f, comprehension ? "Replace the `for` loop with a dict comprehension"
                                : "Replace the `for` loop with `" + name + ".update(...)`");
    if (py::has_comment(idx, loop) || !syntax::null(child_by_field(loop, "alternative"))) continue;
    std::string comp = "{" + std::string(t.text(key)) + ": " + std::string(t.text(value)) +
                       (async ? " async for " : " for ") + std::string(t.text(target)) + " in " +
                       py::iter_text(t, child_by_field(loop, "right")) + py::if_text(t, test) + "}";
    if (comprehension) {
      report::TextEdit del;
      TSNode bind_stmt = ts_node_parent(idx.node(b->owner));  // the `name = []` statement
      if (!py::delete_lines_edit(t, bind_stmt, &del)) continue;
      TSNode ann = py::binding_annotation(idx, *b);
      std::string annotation = syntax::null(ann) ? "" : ": " + std::string(t.text(ann));
      f.fix.edits.push_back(del);
      f.fix.edits.push_back(ctx.replace(loop, name + annotation + " = " + comp));
    } else {
      f.fix.edits.push_back(ctx.replace(loop, name + ".update(" + comp + ")"));
    }
  }
}

}  // namespace

Rule manual_dict_comprehension_rule() {
  return {{"manual-dict-comprehension", "PERF403", "info", "bytecode", kDoc}, check};
}

}  // namespace pitfall::rules
