// threading-lock-in-async
#include <string>

#include "analysis/queries.h"
#include "analysis/semantic.h"
#include "rules/py_helpers.h"
#include "rules/rule.h"

namespace pitfall::rules {
namespace {

constexpr const char* kDoc = R"md(## threading-lock-in-async

### What it does
Flags a `threading.Lock`, `RLock`, `Semaphore`, `BoundedSemaphore` or
`Condition` acquired inside an `async def`, with `with lock:` or
`lock.acquire()`.

### Why is this bad?
A threading lock blocks the whole thread, and in asyncio that thread is the
event loop. If the lock is held by another *task* (which cannot run while the
loop is blocked), the program deadlocks; if it is held by another thread for
50 ms, every task on the loop stalls for 50 ms. Holding it across an `await`
makes both far more likely.

### Example
```python
import threading

lock = threading.Lock()

async def update(state, value):
    with lock:
        state.append(value)
```

### Use instead
```python
import asyncio

lock = asyncio.Lock()

async def update(state, value):
    async with lock:
        state.append(value)
```

### References
- asyncio documentation, "Synchronization Primitives" (asyncio locks are not thread-safe, threading locks block the loop)
)md";

bool is_thread_lock(std::string_view q) {
  for (std::string_view s : {"threading.Lock", "threading.RLock", "threading.Semaphore", "threading.BoundedSemaphore",
                             "threading.Condition", "_thread.allocate_lock", "multiprocessing.Lock",
                             "multiprocessing.RLock"})
    if (q == s) return true;
  return false;
}

void check(RuleContext& ctx) {
  const NodeIndex& idx = index_of(ctx.tree());
  // An `async def` needs the word `async` in the file.
  if (!index_of(ctx.tree()).text_has("async")) return;
  bool any_async = false;
  for (NodeId d : idx.of("function_definition"))
    if (idx.is_async_def(d)) any_async = true;
  if (!any_async) return;
  const analysis::Model& m = ctx.model();
  auto in_async = [&](NodeId n) {
    NodeId fn = idx.enclosing_function(n);
    return fn != kNoNode && idx.is_async_def(fn);
  };
  for (NodeId w : idx.of("with_item")) {
    if (!in_async(w)) continue;
    NodeId stmt = idx.parent(w);
    while (stmt != kNoNode && !idx.is(stmt, "with_statement")) stmt = idx.parent(stmt);
    if (stmt == kNoNode || idx.is_async(stmt)) continue;
    TSNode value = syntax::field(idx.node(w), "value");
    if (syntax::is(value, "as_pattern")) value = ts_node_named_child(value, 0);
    std::string cls = m.instance_of(value);
    if (!is_thread_lock(cls)) continue;
    auto& f = ctx.report(value, "`" + cls + "` acquired in `async def` blocks the event loop while it waits");
    py::remedy(f, "Use `asyncio.Lock()` with `async with`, or move the locked section into `asyncio.to_thread`");
  }
  for (NodeId c : idx.of("call")) {
    TSNode call = idx.node(c);
    TSNode f = syntax::field(call, "function");
    if (!syntax::is(f, "attribute") || ctx.text(syntax::field(f, "attribute")) != "acquire" || !in_async(c)) continue;
    std::string cls = m.instance_of(syntax::field(f, "object"));
    if (!is_thread_lock(cls)) continue;
    auto& fd = ctx.report(call, "`" + cls + "` acquired in `async def` blocks the event loop while it waits");
    py::remedy(fd, "Use `asyncio.Lock()` and `await lock.acquire()`, or move the work into `asyncio.to_thread`");
  }
}

}  // namespace

Rule threading_lock_in_async_rule() {
  return {{"threading-lock-in-async", "", "warning", "concurrency", kDoc}, check};
}

}  // namespace pitfall::rules
