// multiprocessing-tiny-tasks
#include <algorithm>
#include <string>

#include "analysis/queries.h"
#include "analysis/semantic.h"
#include "rules/py_helpers.h"
#include "rules/rule.h"

namespace pitfall::rules {
namespace {

constexpr const char* kDoc = R"md(## multiprocessing-tiny-tasks

### What it does
Flags process-pool calls that send one tiny task per item:
- `Pool.map/imap/imap_unordered/starmap` or `ProcessPoolExecutor.map` with an
  explicit `chunksize=1`;
- `ProcessPoolExecutor.map` and `Pool.imap`/`imap_unordered` (whose default
  chunk size is 1) over an iterable known to be large (`range(n)` with
  n >= 1000, directly or through a name);
- `ProcessPoolExecutor.submit` called in a loop over such a range.

### Why is this bad?
Every task is pickled, written to a pipe, unpickled in a worker, and its result
travels back the same way: roughly 50-100 µs of overhead per task on Linux,
far more than a small function costs to run. Mapping `square` over
`range(1_000_000)` with chunksize 1 spends a minute on inter-process traffic for
well under a second of work, slower than a plain loop. Batching items
(`chunksize=1000`) pays that overhead once per thousand items.

### Example
```python
from concurrent.futures import ProcessPoolExecutor

def square(x):
    return x * x

with ProcessPoolExecutor() as pool:
    results = list(pool.map(square, range(1_000_000)))
```

### Use instead
```python
from concurrent.futures import ProcessPoolExecutor

def square(x):
    return x * x

with ProcessPoolExecutor() as pool:
    results = list(pool.map(square, range(1_000_000), chunksize=10_000))
```

### References
- `multiprocessing.pool.Pool.map` documentation (chunksize)
- `concurrent.futures.Executor.map` documentation (chunksize, "ProcessPoolExecutor ... large iterables")
)md";

bool is_process_pool(std::string_view q, bool* executor) {
  *executor = q == "concurrent.futures.ProcessPoolExecutor" || q == "concurrent.futures.process.ProcessPoolExecutor";
  return *executor || q == "multiprocessing.Pool" || q == "multiprocessing.pool.Pool" ||
         (q.starts_with("multiprocessing.get_context") && q.ends_with(".Pool"));
}

// The size of `range(...)` with literal bounds, following one name binding; -1 when unknown.
long long range_size(const NodeIndex& idx, const analysis::Model& m, TSNode it) {
  it = py::unparen(it);
  if (syntax::is(it, "identifier")) {
    NodeId id = idx.find(it);
    const Binding* b = id == kNoNode ? nullptr : py::current_binding(idx, id);
    if (b == nullptr) return -1;
    it = py::unparen(py::binding_value(idx, *b));
    if (syntax::is(it, "list_comprehension") || syntax::is(it, "generator_expression")) {
      TSNode clause{};
      for (std::uint32_t i = 0; i < ts_node_named_child_count(it); ++i)
        if (syntax::is(ts_node_named_child(it, i), "for_in_clause")) {
          clause = ts_node_named_child(it, i);
          break;
        }
      if (syntax::null(clause)) return -1;
      it = py::unparen(syntax::field(clause, "right"));
    } else if (syntax::is(it, "call") && py::is_builtin_call(idx, it, "list")) {
      auto a = py::call_args(it);
      if (a.positional.size() != 1) return -1;
      it = py::unparen(a.positional[0]);
    }
  }
  if (!syntax::is(it, "call") || m.callee_name(it) != "range") return -1;
  auto args = py::call_args(it);
  if (args.positional.size() == 1) return analysis::int_literal(idx.tree(), args.positional[0]);
  if (args.positional.size() >= 2) {
    long long a = analysis::int_literal(idx.tree(), args.positional[0]);
    long long b = analysis::int_literal(idx.tree(), args.positional[1]);
    if (a < 0 || b < 0) return -1;
    return b - a;
  }
  return -1;
}

void check(RuleContext& ctx) {
  const NodeIndex& idx = index_of(ctx.tree());
  bool any = false;
  for (NodeId s : idx.of("import_statement"))
    if (idx.text(s).find("multiprocessing") != std::string_view::npos ||
        idx.text(s).find("concurrent") != std::string_view::npos)
      any = true;
  for (NodeId s : idx.of("import_from_statement"))
    if (idx.text(s).find("multiprocessing") != std::string_view::npos ||
        idx.text(s).find("concurrent") != std::string_view::npos)
      any = true;
  if (!any) return;
  const analysis::Model& m = ctx.model();
  for (NodeId c : idx.of("call")) {
    TSNode call = idx.node(c);
    TSNode f = syntax::field(call, "function");
    if (!syntax::is(f, "attribute")) continue;
    std::string_view method = ctx.text(syntax::field(f, "attribute"));
    bool executor = false;
    bool mapping = method == "map" || method == "imap" || method == "imap_unordered" || method == "starmap";
    if (!mapping && method != "submit") continue;
    if (!is_process_pool(m.instance_of(syntax::field(f, "object")), &executor)) continue;
    auto args = py::call_args(call);
    if (method == "submit") {
      if (!executor) continue;
      analysis::Context where = m.context(c);
      if (where.innermost_loop == kNoNode || !idx.is(where.innermost_loop, "for_statement")) continue;
      long long n = range_size(idx, m, syntax::field(idx.node(where.innermost_loop), "right"));
      if (n < 1000) continue;
      auto& fd = ctx.report(call, "One process-pool task per item for " + std::to_string(n) +
                                      " items: pickling and IPC overhead dominates small tasks");
      py::remedy(fd, "Use `pool.map(func, items, chunksize=...)` or submit batches of items");
      continue;
    }
    TSNode chunk{};
    for (TSNode k : args.keywords)
      if (ctx.text(syntax::field(k, "name")) == "chunksize") chunk = syntax::field(k, "value");
    if (!syntax::null(chunk)) {
      if (analysis::int_literal(ctx.tree(), chunk) != 1) continue;
      auto& fd = ctx.report(call, "`chunksize=1` sends every item to a worker process separately: pickling and "
                                  "IPC overhead dominates small tasks");
      fd.has_fix = true;
      fd.fix.title = "Send items in batches: a larger `chunksize`";
      long long n = args.positional.size() >= 2 ? range_size(idx, m, args.positional[1]) : -1;
      fd.fix.edits.push_back(ctx.replace(chunk, std::to_string(n > 0 ? std::max(1LL, n / 32) : 64)));
      continue;
    }
    bool default_one = executor || method == "imap" || method == "imap_unordered";
    if (!default_one || args.positional.size() < 2 || args.star || args.double_star) continue;
    long long n = range_size(idx, m, args.positional[1]);
    if (n < 1000) continue;
    auto& fd = ctx.report(call, "`" + std::string(method) + "` sends each of " + std::to_string(n) +
                                    " items to a worker process separately (chunksize 1): pickling and IPC "
                                    "overhead dominates");
    TSNode arglist = syntax::field(call, "arguments");
    TSNode last = args.positional.back();
    if (!py::has_comment(idx, arglist)) {
      fd.has_fix = true;
      fd.fix.title = "Send items in batches: pass `chunksize`";
      auto e = ctx.tree().end(last);
      fd.fix.edits.push_back(
          {e.line, e.col, e.line, e.col, ", chunksize=" + std::to_string(std::max(1LL, n / 32))});
    } else {
      py::remedy(fd, "Send items in batches: pass `chunksize`");
    }
  }
}

}  // namespace

Rule multiprocessing_tiny_tasks_rule() {
  return {{"multiprocessing-tiny-tasks", "", "warning", "concurrency", kDoc}, check};
}

}  // namespace pitfall::rules
