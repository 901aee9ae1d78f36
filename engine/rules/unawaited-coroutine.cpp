// unawaited-coroutine
#include <string>

#include "analysis/queries.h"
#include "analysis/semantic.h"
#include "rules/py_helpers.h"
#include "rules/rule.h"

namespace pitfall::rules {
namespace {

constexpr const char* kDoc = R"md(## unawaited-coroutine

### What it does
Flags a call to an `async def` function of the same file (or an `async def`
method through `self.`) used as a bare statement: the coroutine object is made
and dropped without `await`, `asyncio.create_task`, `asyncio.gather` or
`asyncio.run`.

### Why is this bad?
Calling an `async def` function does not run it: it only creates a coroutine
object. Dropped on the floor, the body never executes and Python prints
`RuntimeWarning: coroutine '...' was never awaited` when the object is
garbage-collected. The work silently does not happen; timing charts show the
call taking ~0 µs because nothing ran.

### Example
```python
import asyncio

async def save(record):
    await asyncio.sleep(0.1)

async def handler(record):
    save(record)
```

### Use instead
```python
import asyncio

async def save(record):
    await asyncio.sleep(0.1)

async def handler(record):
    await save(record)
```

### References
- asyncio documentation, "Coroutines" and "Detect never-awaited coroutines"
)md";

// Whether an async def is an async generator (has `yield` in its own body).
bool is_async_generator(const NodeIndex& idx, NodeId def) {
  bool found = false;
  analysis::visit_body(idx, def, [&](NodeId k) {
    if (idx.is(k, "yield")) found = true;
  });
  return found;
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
  for (NodeId s : idx.of("expression_statement")) {
    TSNode e = py::statement_expression(idx.node(s));
    if (!syntax::is(e, "call")) continue;
    NodeId def = m.called_function(e);
    if (def == kNoNode || !idx.is_async_def(def) || is_async_generator(idx, def)) continue;
    std::string name(ctx.text(syntax::field(idx.node(def), "name")));
    analysis::Context where = m.context(s);
    auto& f = ctx.report(e, "Calling `" + name + "()` only creates a coroutine; without `await` its body never runs");
    if (where.in_async) {
      f.has_fix = true;
      f.fix.title = "Await it";
      auto a = ctx.tree().start(e);
      f.fix.edits.push_back({a.line, a.col, a.line, a.col, "await "});
    } else {
      py::remedy(f, "Run it with `asyncio.run(" + name + "(...))` or schedule it from async code");
    }
  }
}

}  // namespace

Rule unawaited_coroutine_rule() {
  return {{"unawaited-coroutine", "", "error", "concurrency", kDoc}, check};
}

}  // namespace pitfall::rules
