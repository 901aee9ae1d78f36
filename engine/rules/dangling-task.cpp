// dangling-task (Ruff RUF006)
#include <string>

#include "analysis/semantic.h"
#include "rules/py_helpers.h"
#include "rules/rule.h"

namespace pitfall::rules {
namespace {

constexpr const char* kDoc = R"md(## dangling-task (RUF006)

### What it does
Flags `asyncio.create_task(...)`, `asyncio.ensure_future(...)` and
`loop.create_task(...)` (on a loop from `asyncio.get_event_loop()`,
`get_running_loop()` or `new_event_loop()`) whose result is thrown away: used as
a statement, or stored in a local variable that is never read.

### Why is this bad?
The event loop keeps only a *weak* reference to a task. A task nobody references
can be garbage-collected while it is still pending: it silently stops half way,
and its exception (if any) is never seen. Whether that happens depends on when
the cyclic GC runs, so the bug comes and goes with memory pressure.

### Example
```python
import asyncio

async def main():
    asyncio.create_task(heartbeat())
    await serve()
```

### Use instead
```python
import asyncio

background = set()

async def main():
    task = asyncio.create_task(heartbeat())
    background.add(task)
    task.add_done_callback(background.discard)
    await serve()
```

### References
- asyncio documentation, `asyncio.create_task` ("Important: save a reference to the result")
- Ruff rule RUF006 `asyncio-dangling-task`
)md";

// The method name when `call` creates a task ("" otherwise).
std::string task_call(const analysis::Model& m, TSNode call) {
  if (!syntax::is(call, "call")) return {};
  std::string q = m.callee_name(call);
  if (q == "asyncio.create_task" || q == "asyncio.ensure_future") return q;
  TSNode f = syntax::field(call, "function");
  if (!syntax::is(f, "attribute") || m.tree().text(syntax::field(f, "attribute")) != "create_task") return {};
  TSNode obj = py::unparen(syntax::field(f, "object"));
  if (!syntax::is(obj, "identifier")) return {};
  std::string cls = m.instance_of(obj);
  if (cls == "asyncio.get_event_loop" || cls == "asyncio.get_running_loop" || cls == "asyncio.new_event_loop")
    return std::string(m.tree().text(obj)) + ".create_task";
  return {};
}

void check(RuleContext& ctx) {
  // Only files that call something named `create_task`/`ensure_future` can have a finding.
  const NodeIndex& idx = index_of(ctx.tree());
  bool any = false;
  for (const CallSite& site : idx.calls())
    if (site.name == "create_task" || site.name == "ensure_future") any = true;
  if (!any) return;
  const analysis::Model& m = ctx.model();
  for (NodeId s : idx.of("expression_statement")) {
    TSNode e = py::statement_expression(idx.node(s));
    std::string what = task_call(m, e);
    if (what.empty()) continue;
    auto& f = ctx.report(e, "The task from `" + what + "` is not stored: it can be garbage-collected before it finishes");
    py::remedy(f, "Keep a reference: add the task to a set and discard it in a done callback");
  }
  // `task = asyncio.create_task(...)` in a function, `task` never read.
  for (NodeId a : idx.of("assignment")) {
    TSNode an = idx.node(a);
    TSNode left = syntax::field(an, "left");
    TSNode right = syntax::field(an, "right");
    NodeId parent = idx.parent(a);
    if (!syntax::is(left, "identifier") || syntax::null(right) || parent == kNoNode ||
        !idx.is(parent, "expression_statement"))
      continue;
    std::string what = task_call(m, right);
    if (what.empty()) continue;
    NodeId scope = idx.scope(a);
    if (scope == 0 || !idx.is_function_scope(scope)) continue;
    NodeId lid = idx.find(left);
    if (lid == kNoNode || idx.use(lid) != Use::kStore || idx.resolve(scope, idx.text(lid)) != scope) continue;
    if (!idx.loads(scope, idx.text(lid)).empty()) continue;
    auto& f = ctx.report(right, "The task from `" + what + "` is stored in `" + std::string(idx.text(lid)) +
                                    "`, which is never used: it can be garbage-collected before it finishes");
    py::remedy(f, "Keep a reference that outlives the function, or await the task");
  }
}

}  // namespace

Rule dangling_task_rule() {
  return {{"dangling-task", "RUF006", "warning", "concurrency", kDoc}, check};
}

}  // namespace pitfall::rules
