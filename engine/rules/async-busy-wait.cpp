// async-busy-wait (Ruff ASYNC110)
#include <string>

#include "analysis/semantic.h"
#include "rules/py_helpers.h"
#include "rules/rule.h"

namespace pitfall::rules {
namespace {

constexpr const char* kDoc = R"md(## async-busy-wait (ASYNC110)

### What it does
Flags a `while` loop whose whole body is `await asyncio.sleep(...)` (or
`trio`/`anyio` sleep): polling a condition instead of waiting for it.

### Why is this bad?
The task wakes up on every tick only to find nothing has changed. With
`asyncio.sleep(0.01)` that is 100 wake-ups per second per waiting task, each a
trip through the event loop (tens of microseconds); with 1 000 waiting tasks the
loop spends most of its time polling. And the reaction is late by up to one
interval: a 0.5 s poll adds 250 ms of latency on average.

### Example
```python
import asyncio

async def wait_ready(state):
    while not state.ready:
        await asyncio.sleep(0.1)
```

### Use instead
```python
import asyncio

async def wait_ready(ready: asyncio.Event):
    await ready.wait()
```

### References
- asyncio documentation, `asyncio.Event` and `asyncio.Condition`
- Ruff rule ASYNC110 `async-busy-wait`
)md";

void check(RuleContext& ctx) {
  const NodeIndex& idx = index_of(ctx.tree());
  const auto& loops = idx.of("while_statement");
  if (loops.empty()) return;
  const analysis::Model& m = ctx.model();
  for (NodeId w : loops) {
    auto body = py::statements(syntax::field(idx.node(w), "body"));
    if (body.size() != 1) continue;
    TSNode e = py::statement_expression(body[0]);
    if (!syntax::is(e, "await")) continue;
    TSNode call = py::unparen(ts_node_named_child(e, 0));
    if (!syntax::is(call, "call")) continue;
    std::string q = m.callee_name(call);
    if (q != "asyncio.sleep" && q != "trio.sleep" && q != "trio.sleep_until" && q != "anyio.sleep" &&
        q != "anyio.sleep_until")
      continue;
    std::string lib = q.substr(0, q.find('.'));
    auto& f = ctx.report(idx.node(w), "This loop polls with `" + q + "` instead of waiting for the condition");
    py::remedy(f, "Wait on an `" + lib + ".Event` (or a `Condition`) that the producer sets");
  }
}

}  // namespace

Rule async_busy_wait_rule() {
  return {{"async-busy-wait", "ASYNC110", "warning", "concurrency", kDoc}, check};
}

}  // namespace pitfall::rules
