// sequential-awaits-in-loop
#include <string>

#include "analysis/queries.h"
#include "analysis/semantic.h"
#include "rules/py_helpers.h"
#include "rules/rule.h"

namespace pitfall::rules {
namespace {

constexpr const char* kDoc = R"md(## sequential-awaits-in-loop

### What it does
Flags a `for` loop in an `async def` that awaits a call built from the loop
variable on every iteration (`for url in urls: pages.append(await fetch(url))`)
(as an argument, not only as the receiver of a method call) when the
iterations look independent: no `break`/`return` in the loop, the
awaited call does not use a variable the loop itself updates, and the call is
not a stream/queue/lock operation or a sleep (which must stay ordered).

### Why is this bad?
Each `await` waits for the previous request to finish before the next one
starts, so the loop takes the *sum* of the latencies. Twenty requests of 100 ms
take 2 s one after another, but about 100 ms when started together: the event
loop exists to overlap exactly this kind of waiting.

### Example
```python
async def fetch_all(session, urls):
    pages = []
    for url in urls:
        pages.append(await fetch(session, url))
    return pages
```

### Use instead
```python
import asyncio

async def fetch_all(session, urls):
    return await asyncio.gather(*(fetch(session, url) for url in urls))
# with a cap on concurrency: an asyncio.Semaphore inside fetch, or asyncio.TaskGroup
```

### References
- asyncio documentation, `asyncio.gather` and `asyncio.TaskGroup`
)md";

bool ordered_method(std::string_view m) {
  for (std::string_view s : {"send", "sendall", "write", "drain", "put", "get", "acquire", "wait", "join", "sleep",
                             "recv", "read", "readline", "readexactly", "readuntil", "execute", "executemany",
                             "commit", "rollback", "fetchone", "fetchall", "fetchrow", "fetchval", "send_json",
                             "send_str", "send_bytes", "receive", "receive_json", "close", "flush", "put_nowait",
                             "wait_for", "wait_closed", "sleep_until"})
    if (m == s) return true;
  return false;
}

// Identifiers bound by a for loop's target.
std::vector<std::string_view> target_names(const NodeIndex& idx, TSNode left) {
  std::vector<std::string_view> out;
  NodeId i = idx.find(left);
  if (i == kNoNode) return out;
  for (NodeId k = i; k < idx.subtree_end(i); ++k)
    if (idx.is(k, "identifier")) out.push_back(idx.text(k));
  return out;
}

void check(RuleContext& ctx) {
  const NodeIndex& idx = index_of(ctx.tree());
  if (idx.of("await").empty()) return;
  const analysis::Model& m = ctx.model();
  for (NodeId l : idx.of("for_statement")) {
    TSNode loop = idx.node(l);
    if (idx.is_async(l)) continue;
    NodeId fn = idx.enclosing_function(l);
    if (fn == kNoNode || !idx.is_async_def(fn)) continue;
    auto vars = target_names(idx, syntax::field(loop, "left"));
    if (vars.empty()) continue;
    // Names the loop body binds (other than the loop variables): a value carried between iterations.
    std::vector<std::string_view> carried;
    bool exits = false;
    std::vector<NodeId> awaits;
    analysis::visit_body(idx, l, [&](NodeId k) {
      std::string_view t = idx.type(k);
      if (t == "break_statement" || t == "return_statement" || t == "yield" || t == "raise_statement") exits = true;
      if (t == "await") awaits.push_back(k);
      if (t == "identifier") {
        Use u = idx.use(k);
        if ((u == Use::kStore || u == Use::kAugment) && !idx.contains(idx.find(syntax::field(loop, "left")), k))
          carried.push_back(idx.text(k));
      }
    });
    if (exits || awaits.empty()) continue;
    // Loops nested in this one report on their own.
    NodeId first = kNoNode;
    for (NodeId a : awaits) {
      TSNode call = py::unparen(ts_node_named_child(idx.node(a), 0));
      if (!syntax::is(call, "call")) continue;
      NodeId inner = m.context(a).innermost_loop;
      if (inner != l) continue;
      TSNode callee = syntax::field(call, "function");
      std::string q = m.qualified_name(callee);
      if (q.starts_with("asyncio.") || q.starts_with("trio.") || q.starts_with("anyio.")) continue;
      if (syntax::is(callee, "attribute") && ordered_method(ctx.text(syntax::field(callee, "attribute")))) continue;
      if (syntax::is(callee, "identifier") && ordered_method(ctx.text(callee))) continue;
      TSNode args = syntax::field(call, "arguments");
      bool uses_var = false, uses_carried = false;
      for (std::string_view v : vars)
        if (py::mentions(idx, args, v)) uses_var = true;
      for (std::string_view c : carried)
        if (py::mentions(idx, args, c) || py::mentions(idx, callee, c)) uses_carried = true;
      if (uses_var && !uses_carried) {
        first = a;
        break;
      }
    }
    if (first == kNoNode) continue;
    bool other_awaits = false;
    for (NodeId a : awaits)
      if (a != first && m.context(a).innermost_loop == l) other_awaits = true;
    if (other_awaits) continue;  // several awaits per iteration: usually a sequence that must stay ordered
    auto& f = ctx.report(idx.node(first), "Each iteration waits for this `await` before starting the next: the "
                                          "loop takes the sum of all the latencies");
    py::remedy(f, "Start the calls together with `asyncio.gather(*(...))` or an `asyncio.TaskGroup`");
  }
}

}  // namespace

Rule sequential_awaits_in_loop_rule() {
  return {{"sequential-awaits-in-loop", "", "info", "concurrency", kDoc}, check};
}

}  // namespace pitfall::rules
