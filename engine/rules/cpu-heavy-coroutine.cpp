// cpu-heavy-coroutine
#include <string>

#include "analysis/cpu_work.h"
#include "analysis/queries.h"
#include "analysis/semantic.h"
#include "rules/py_helpers.h"
#include "rules/rule.h"

namespace pitfall::rules {
namespace {

constexpr const char* kDoc = R"md(## cpu-heavy-coroutine

### What it does
Flags a loop inside an `async def` that does substantial pure-Python work
(nested loops, `range()` over 10 000 items or more, or a call to a same-file
function that does) and never reaches an `await`.

### Why is this bad?
A coroutine only yields the event loop at an `await`. A loop of 10 million
additions takes about a second of CPU in CPython, and for that whole second no
other task runs: timers are late, sockets are not read, health checks time out.
asyncio's debug mode reports it as "Executing <Task ...> took 1.000 seconds".

### Example
```python
async def handle(request):
    total = 0
    for i in range(10_000_000):
        total += i * i
    return total
```

### Use instead
```python
import asyncio
from concurrent.futures import ProcessPoolExecutor

def crunch(n):
    total = 0
    for i in range(n):
        total += i * i
    return total

async def handle(request, pool: ProcessPoolExecutor):
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(pool, crunch, 10_000_000)
```

### References
- asyncio documentation, "Developing with asyncio: running blocking code" and debug mode (`loop.slow_callback_duration`)
)md";

void check(RuleContext& ctx) {
  const NodeIndex& idx = index_of(ctx.tree());
  std::vector<NodeId> async_defs;
  for (NodeId d : idx.of("function_definition"))
    if (idx.is_async_def(d)) async_defs.push_back(d);
  if (async_defs.empty()) return;
  const analysis::Model& m = ctx.model();
  for (NodeId d : async_defs) {
    // Outermost loops of the body only: a heavy inner loop is reported through its outer loop.
    std::vector<NodeId> loops;
    analysis::visit_body(idx, d, [&](NodeId k) {
      if (!idx.is(k, "for_statement") && !idx.is(k, "while_statement")) return;
      for (NodeId l : loops)
        if (idx.contains(l, k)) return;
      loops.push_back(k);
    });
    for (NodeId l : loops) {
      if (idx.is_async(l)) continue;
      analysis::LoopWork w = analysis::loop_work(m, l);
      if (!w.pure || !w.arithmetic || !w.heavy || w.suspends) continue;
      std::string name(ctx.text(syntax::field(idx.node(d), "name")));
      TSNode head = idx.node(l);
      auto& f = ctx.report(head, "This loop in `async def " + name +
                                     "` does heavy pure-Python work without an `await`: the event loop is blocked "
                                     "until it ends");
      py::remedy(f, "Move the computation to a process pool (`loop.run_in_executor`) or split it with "
                    "`await asyncio.sleep(0)`");
    }
  }
}

}  // namespace

Rule cpu_heavy_coroutine_rule() {
  return {{"cpu-heavy-coroutine", "", "warning", "concurrency", kDoc}, check};
}

}  // namespace pitfall::rules
