// zip-without-strict (Ruff B905)
#include <string>

#include "rules/node_index.h"
#include "rules/py_helpers.h"
#include "rules/rule.h"

namespace pitfall::rules {
namespace {

constexpr const char* kDoc = R"md(## zip-without-strict (B905)

### What it does
Flags `zip(...)` calls without an explicit `strict=` argument (Python 3.10+),
unless one of the arguments is an infinite iterator (`itertools.count()`,
`itertools.cycle(...)`, `itertools.repeat(x)`).

### Why is this bad?
`zip` stops silently at the shortest input. When two sequences that should have
the same length do not (a dropped row, an off-by-one), the extra items vanish
without an error and the bug surfaces far away, if ever. `strict=True` makes
the mismatch raise `ValueError` at the point where it happens, for the price of
one length check when the first iterator is exhausted (no per-item cost).

### Example
```python
for name, score in zip(names, scores):
    print(name, score)
```

### Use instead
```python
for name, score in zip(names, scores, strict=True):
    print(name, score)
```
(`strict=False` documents that truncation is intended.)

### References
- PEP 618 – Add Optional Length-Checking To zip
- Ruff rule B905 `zip-without-explicit-strict`
)md";

// The dotted name a callee refers to after `import itertools [as it]` or
// `from itertools import count [as c]`.
std::string qualified(const NodeIndex& idx, TSNode callee) {
  const syntax::Tree& t = idx.tree();
  if (syntax::is(callee, "attribute")) {
    TSNode obj = child_by_field(callee, "object");
    if (!syntax::is(obj, "identifier")) return std::string(t.text(callee));
    std::string base(t.text(obj));
    NodeId id = idx.find(obj);
    const Binding* b = id == kNoNode ? nullptr : py::current_binding(idx, id);
    if (b && b->owner != kNoNode && idx.is(b->owner, "import_statement")) {
      NodeId p = idx.parent(b->name);
      if (p != kNoNode && idx.is(p, "aliased_import")) base = std::string(t.text(child_by_field(idx.node(p), "name")));
    }
    return base + "." + std::string(t.text(child_by_field(callee, "attribute")));
  }
  if (syntax::is(callee, "identifier")) {
    NodeId id = idx.find(callee);
    const Binding* b = id == kNoNode ? nullptr : py::current_binding(idx, id);
    if (b && b->owner != kNoNode && idx.is(b->owner, "import_from_statement")) {
      std::string module(t.text(child_by_field(idx.node(b->owner), "module_name")));
      NodeId p = idx.parent(b->name);
      std::string name(t.text(callee));
      if (p != kNoNode && idx.is(p, "aliased_import")) name = std::string(t.text(child_by_field(idx.node(p), "name")));
      return module + "." + name;
    }
    return std::string(t.text(callee));
  }
  return "";
}

bool infinite(const NodeIndex& idx, TSNode arg) {
  if (!syntax::is(arg, "call")) return false;
  std::string q = qualified(idx, child_by_field(arg, "function"));
  if (q == "itertools.count" || q == "itertools.cycle") return true;
  if (q != "itertools.repeat") return false;
  py::CallArgs a = py::call_args(arg);
  if (a.keywords.empty() && a.positional.size() == 1) return true;
  if (a.positional.size() == 2 && syntax::is(a.positional[1], "none")) return true;
  for (TSNode k : a.keywords)
    if (idx.tree().text(child_by_field(k, "name")) == "times" && syntax::is(child_by_field(k, "value"), "none"))
      return true;
  return false;
}

void check(RuleContext& ctx) {
  // A call of `zip` spells it: skip files that never do.
  if (ctx.tree().source().text().find("zip") == std::string::npos) return;
  const NodeIndex& idx = index_of(ctx.tree());
  const syntax::Tree& t = ctx.tree();
  const TSSymbol attribute = NodeIndex::symbol_of("attribute");
  for (const CallSite& site : idx.calls()) {
    if (site.name != "zip") continue;
    bool is_zip = idx.calls_builtin(site, "zip") ||
                  (site.callee_symbol == attribute && idx.text(site.callee) == "builtins.zip");
    if (!is_zip) continue;
    TSNode call = idx.node(site.call);
    py::CallArgs args = py::call_args(call);
    bool has_strict = false;
    for (TSNode k : args.keywords) has_strict = has_strict || t.text(child_by_field(k, "name")) == "strict";
    if (has_strict) continue;
    // A lone plain argument (or none) cannot be truncated: `zip(xs)`, `zip()`.
    if (!args.star && args.positional.size() < 2) continue;
    bool inf = false;
    for (TSNode a : args.positional) inf = inf || infinite(idx, a);
    if (inf) continue;
    auto& f = ctx.report(call, "`zip()` without an explicit `strict=` silently drops items when the inputs differ in length");
    py::remedy(f, "Add `strict=True` so unequal lengths raise `ValueError`");
    TSNode arglist = child_by_field(call, "arguments");
    if (syntax::is(arglist, "argument_list") && !args.double_star) {
      // Insert before the closing parenthesis, after any trailing comma.
      std::uint32_t close = ts_node_end_byte(arglist) - 1;
      std::string_view inner = t.text(arglist);
      inner = inner.substr(1, inner.size() >= 2 ? inner.size() - 2 : 0);
      std::size_t last = inner.find_last_not_of(" \t\r\n");
      bool empty = last == std::string_view::npos;
      bool trailing_comma = !empty && inner[last] == ',';
      std::string text = empty ? "strict=True" : (trailing_comma ? " strict=True" : ", strict=True");
      auto pos = t.source().position(empty ? close : static_cast<std::uint32_t>(ts_node_start_byte(arglist) + 1 + last + 1));
      f.fix.edits.push_back({pos.line, pos.col, pos.line, pos.col, text});
    }
  }
}

}  // namespace

Rule zip_without_strict_rule() {
  return {{"zip-without-strict", "B905", "warning", "correctness", kDoc}, check};
}

}  // namespace pitfall::rules
