// materialized-list-for-reduction (Ruff C419 for the comprehension form)
#include <string>

#include "analysis/queries.h"
#include "rules/py_helpers.h"
#include "rules/rule.h"

namespace pitfall::rules {
namespace {

constexpr const char* kDoc = R"md(## materialized-list-for-reduction (C419)

### What it does
Flags a reduction (`sum`, `any`, `all`, `min`, `max`) whose only argument is a
list built just for it: a list comprehension (`sum([x * x for x in xs])`) or a
`list(...)` call (`max(list(values))`, `sum(list(range(n)))`).

### Why is this bad?
The whole list is built in memory, then read once and thrown away. For
`sum([x * x for x in range(10_000_000)])` that is a 10-million-slot list: ~80 MB
of pointers plus the int objects, all alive at once, where a generator needs a
few hundred bytes. `any`/`all` lose more: with a generator they stop at the
first decisive item, with a list every item is computed first.

### Example
```python
total = sum([price * qty for price, qty in lines])
has_error = any([check(row) for row in rows])
```

### Use instead
```python
total = sum(price * qty for price, qty in lines)
has_error = any(check(row) for row in rows)
```

### References
- Python tutorial, "Generator Expressions"
- Ruff rule C419 `unnecessary-comprehension-in-call`
)md";

bool is_reduction(std::string_view name) {
  return name == "sum" || name == "any" || name == "all" || name == "min" || name == "max";
}

bool has_await(const NodeIndex& idx, TSNode n) {
  NodeId i = idx.find(n);
  if (i == kNoNode) return true;
  for (NodeId k = i; k < idx.subtree_end(i); ++k)
    if (idx.is(k, "await")) return true;
  return false;
}

void check(RuleContext& ctx) {
  const NodeIndex& idx = index_of(ctx.tree());
  for (const CallSite& site : idx.calls()) {
    std::string_view name = site.name;
    if (!is_reduction(name) || !idx.calls_builtin(site, name)) continue;
    TSNode call = idx.node(site.call);
    auto args = py::call_args(call);
    if (args.generator || args.star || args.positional.empty()) continue;
    TSNode arg = args.positional[0];
    bool alone = args.positional.size() == 1 && args.keywords.empty() && !args.double_star;
    if (syntax::is(arg, "list_comprehension")) {
      if (has_await(idx, arg)) continue;
      auto& f = ctx.report(arg, "`" + std::string(name) + "()` over a list comprehension builds the whole list first");
      f.ruff = "C419";
      std::string text(ctx.text(arg));
      if (py::has_comment(idx, arg) || text.size() < 2) {
        py::remedy(f, "Pass a generator expression: drop the square brackets");
        continue;
      }
      f.has_fix = true;
      f.fix.title = "Pass a generator expression: drop the square brackets";
      std::string inner = text.substr(1, text.size() - 2);
      f.fix.edits.push_back(ctx.replace(arg, alone ? inner : "(" + inner + ")"));
      continue;
    }
    if (syntax::is(arg, "call") && py::is_builtin_call(idx, arg, "list")) {
      auto inner = py::call_args(arg);
      if (inner.star || inner.double_star || !inner.keywords.empty() || inner.positional.size() != 1) continue;
      TSNode src = inner.positional[0];
      auto& f = ctx.report(arg, "`" + std::string(name) + "(list(...))` copies every item into a list that is read "
                                                           "once");
      f.ruff = "";
      std::string text(ctx.text(src));
      if (inner.generator && text.size() >= 2 && alone) text = text.substr(1, text.size() - 2);
      if (py::has_comment(idx, arg)) {
        py::remedy(f, "Pass the iterable directly");
        continue;
      }
      f.has_fix = true;
      f.fix.title = "Pass the iterable directly";
      f.fix.edits.push_back(ctx.replace(arg, text));
    }
  }
}

}  // namespace

Rule materialized_list_for_reduction_rule() {
  return {{"materialized-list-for-reduction", "C419", "warning", "memory", kDoc}, check};
}

}  // namespace pitfall::rules
