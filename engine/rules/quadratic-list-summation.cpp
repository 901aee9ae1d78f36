// quadratic-list-summation (Ruff RUF017)
#include <string>

#include "rules/py_helpers.h"
#include "rules/rule.h"

namespace pitfall::rules {
namespace {

constexpr const char* kDoc = R"md(## quadratic-list-summation (RUF017)

### What it does
Flags `sum(lists, [])`: flattening a sequence of lists by adding them to an
empty list.

### Why is this bad?
`sum` computes `acc = acc + item` for each item, and `list + list` builds a new
list every time, copying everything gathered so far. Flattening `k` lists of `m`
items copies about `m·k²/2` pointers: 1 000 lists of 1 000 items copy ~500
million pointers (4 GB of memory traffic) to produce a 1 million item result,
seconds instead of milliseconds. The cost is quadratic in the number of lists.

### Example
```python
rows = [[1, 2], [3, 4], [5, 6]]
flat = sum(rows, [])
```

### Use instead
```python
rows = [[1, 2], [3, 4], [5, 6]]
flat = [x for row in rows for x in row]
# or: list(itertools.chain.from_iterable(rows))
```

### References
- `itertools.chain.from_iterable` documentation
- Ruff rule RUF017 `quadratic-list-summation`
)md";

void check(RuleContext& ctx) {
  const NodeIndex& idx = index_of(ctx.tree());
  for (const CallSite& site : idx.calls()) {
    if (!idx.calls_builtin(site, "sum")) continue;
    TSNode call = idx.node(site.call);
    auto args = py::call_args(call);
    if (args.star || args.double_star || args.generator) continue;
    TSNode start{};
    if (args.positional.size() >= 2) start = args.positional[1];
    for (TSNode k : args.keywords)
      if (ctx.text(syntax::field(k, "name")) == "start") start = syntax::field(k, "value");
    start = py::unparen(start);
    if (!syntax::is(start, "list") || ts_node_named_child_count(start) != 0) continue;
    auto& f = ctx.report(call, "`sum(..., [])` copies the growing list on every addition: quadratic in the number "
                               "of lists");
    if (args.positional.size() == 2 && args.keywords.empty() && !py::has_comment(idx, call)) {
      std::string it = py::iter_text(ctx.tree(), args.positional[0]);
      if (syntax::is(args.positional[0], "lambda") || syntax::is(args.positional[0], "conditional_expression"))
        it = "(" + it + ")";
      f.has_fix = true;
      f.fix.title = "Flatten with a comprehension";
      f.fix.edits.push_back(ctx.replace(call, "[item for sublist in " + it + " for item in sublist]"));
    } else {
      py::remedy(f, "Flatten with `[x for sub in lists for x in sub]` or `itertools.chain.from_iterable`");
    }
  }
}

}  // namespace

Rule quadratic_list_summation_rule() {
  return {{"quadratic-list-summation", "RUF017", "warning", "memory", kDoc}, check};
}

}  // namespace pitfall::rules
