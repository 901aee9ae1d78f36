// try-except-in-loop (Ruff PERF203)
#include "rules/node_index.h"
#include "rules/py_helpers.h"
#include "rules/rule.h"

namespace pitfall::rules {
namespace {

constexpr const char* kDoc = R"md(## try-except-in-loop (PERF203)

### What it does
Flags a `for` or `while` loop whose whole body is one `try` statement with an
`except` handler, when the `try` body has no `break` or `continue`.

### Why is this bad?
Up to Python 3.10, entering a `try` block executes a `SETUP_FINALLY` instruction
on every iteration. Since 3.11 exceptions are "zero-cost": entering `try` is
free (a table lookup only happens when something is raised). What is never free
is **raising**: creating the exception object, unwinding and matching the handler
cost about 0.1 µs for a bare `raise ValueError` caught one frame up on CPython
3.11, and several µs once a traceback spans a few frames or the handler formats
it. A loop of 1 000 000 items where most iterations raise spends seconds in
exception machinery. Moving the `try` around the loop, or testing first
("look before you leap"), removes both costs.

### Example
```python
numbers = []
for text in lines:
    try:
        numbers.append(int(text))
    except ValueError:
        pass
```

### Use instead
```python
numbers = [int(text) for text in lines if text.strip().lstrip("-").isdigit()]
```

### References
- CPython 3.11 "What's New": zero-cost exceptions
- Ruff rule PERF203 `try-except-in-loop`
)md";

bool has_break_or_continue(const NodeIndex& idx, NodeId body) {
  for (NodeId k = body; k < idx.subtree_end(body); ++k) {
    std::string_view t = idx.type(k);
    if (t == "break_statement" || t == "continue_statement") return true;
    if (t == "function_definition" || t == "class_definition") k = idx.subtree_end(k) - 1;
  }
  return false;
}

void check(RuleContext& ctx) {
  const NodeIndex& idx = index_of(ctx.tree());
  for (const char* loop : {"for_statement", "while_statement"}) {
    for (NodeId l : idx.of(loop)) {
      auto body = py::statements(child_by_field(idx.node(l), "body"));
      if (body.size() != 1 || !syntax::is(body[0], "try_statement")) continue;
      TSNode handler{};
      for (TSNode c : py::statements(body[0]))
        if (syntax::is(c, "except_clause") || syntax::is(c, "except_group_clause")) {
          handler = c;
          break;
        }
      if (syntax::null(handler)) continue;
      NodeId try_body = idx.find(child_by_field(body[0], "body"));
      if (try_body == kNoNode || has_break_or_continue(idx, try_body)) continue;
      auto& f = ctx.report(handler, "`try`-`except` within a loop pays for exception handling on every iteration");
      py::remedy(f, "Move the `try` around the loop, or check the condition before acting");
    }
  }
}

}  // namespace

Rule try_except_in_loop_rule() {
  return {{"try-except-in-loop", "PERF203", "info", "bytecode", kDoc}, check};
}

}  // namespace pitfall::rules
