// loop-variable-closure (Ruff B023)
#include <algorithm>
#include <set>
#include <string>
#include <unordered_set>

#include "rules/node_index.h"
#include "rules/py_helpers.h"
#include "rules/rule.h"

namespace pitfall::rules {
namespace {

constexpr const char* kDoc = R"md(## loop-variable-closure (B023)

### What it does
Flags a function or lambda defined inside a loop (or comprehension) that reads
a variable the loop rebinds, without binding it as a parameter.

### Why is this bad?
Closures capture variables, not values. Every function created in the loop
shares one cell for the loop variable, and reads it when it is *called*: after
the loop, all of them see the last value. `[lambda: i for i in range(3)]` gives
three functions that all return 2. Callbacks registered in a loop (buttons,
tasks, threads) then all act on the last item — a silent logic bug.

### Example
```python
handlers = []
for name in ["a", "b", "c"]:
    handlers.append(lambda: print(name))
# every handler prints "c"
```

### Use instead
```python
handlers = []
for name in ["a", "b", "c"]:
    handlers.append(lambda name=name: print(name))
```
(or `functools.partial(print, name)`)

### References
- Python FAQ, "Why do lambdas defined in a loop with different values all return the same result?"
- Ruff rule B023 `function-uses-loop-variable`
)md";

// Ruff's expression context for an identifier: 'L' load, 'S' store, 'D' del, 'N' not a Name.
char ctx_of(const NodeIndex& idx, NodeId id) {
  switch (idx.use(id)) {
    case Use::kLoad: return 'L';
    case Use::kAugment: return 'S';
    case Use::kDel: return 'D';
    case Use::kStore: {
      NodeId p = idx.parent(id);
      if (p != kNoNode && (idx.is(p, "function_definition") || idx.is(p, "class_definition") ||
                           idx.is(p, "except_clause") || idx.is(p, "aliased_import") || idx.is(p, "dotted_name")))
        return 'N';
      return 'S';
    }
    default: return 'N';
  }
}

struct Loaded {
  std::vector<NodeId> loaded;
  std::unordered_set<std::string_view> stored, lambda_params;
};

// Ruff's LoadedNamesVisitor over the subtree [from, to).
void collect(const NodeIndex& idx, NodeId from, NodeId to, Loaded& out) {
  for (NodeId k = from; k < to; ++k) {
    if (!idx.is(k, "identifier")) continue;
    char c = ctx_of(idx, k);
    if (c == 'L') out.loaded.push_back(k);
    else if (c == 'S') out.stored.insert(idx.text(k));
    else if (idx.use(k) == Use::kParam) {
      NodeId f = kNoNode;
      for (NodeId p = idx.parent(k); p != kNoNode; p = idx.parent(p))
        if (idx.is_function_scope(p)) {
          f = p;
          break;
        }
      if (f != kNoNode && idx.is(f, "lambda")) out.lambda_params.insert(idx.text(k));
    }
  }
}

std::unordered_set<std::string_view> params_of(const NodeIndex& idx, NodeId fn) {
  std::unordered_set<std::string_view> out;
  NodeId p = idx.find(child_by_field(idx.node(fn), "parameters"));
  if (p == kNoNode) return out;
  for (NodeId k = p; k < idx.subtree_end(p); ++k)
    if (idx.is(k, "identifier") && idx.use(k) == Use::kParam) out.insert(idx.text(k));
  return out;
}

bool is_lambda(TSNode n) { return syntax::is(n, "lambda"); }

void check_loop(RuleContext& ctx, const NodeIndex& idx, NodeId loop, std::set<std::uint32_t>& reported) {
  const syntax::Tree& t = ctx.tree();
  std::vector<NodeId> suspicious;
  std::set<NodeId> safe;
  NodeId end = idx.subtree_end(loop);
  for (NodeId k = loop + 1; k < end; ++k) {
    std::string_view ty = idx.type(k);
    if (ty == "function_definition") {
      NodeId body = idx.find(child_by_field(idx.node(k), "body"));
      if (body != kNoNode) {
        Loaded l;
        collect(idx, body, idx.subtree_end(body), l);
        auto params = params_of(idx, k);
        for (NodeId n : l.loaded) {
          std::string_view name = idx.text(n);
          if (l.stored.count(name) || params.count(name) || l.lambda_params.count(name)) continue;
          suspicious.push_back(n);
        }
      }
      k = idx.subtree_end(k) - 1;
    } else if (ty == "return_statement") {
      auto vals = py::statements(idx.node(k));
      if (vals.size() == 1 && is_lambda(py::unparen(vals[0]))) safe.insert(idx.find(py::unparen(vals[0])));
    } else if (ty == "call") {
      TSNode call = idx.node(k);
      TSNode func = child_by_field(call, "function");
      std::string_view ft = t.text(func);
      py::CallArgs args = py::call_args(call);
      if ((syntax::is(func, "identifier") && (ft == "filter" || ft == "reduce" || ft == "map")) ||
          (syntax::is(func, "attribute") && ft == "functools.reduce"))
        for (TSNode a : args.positional)
          if (is_lambda(py::unparen(a))) safe.insert(idx.find(py::unparen(a)));
      for (TSNode kw : args.keywords)
        if (t.text(child_by_field(kw, "name")) == "key" && is_lambda(py::unparen(child_by_field(kw, "value"))))
          safe.insert(idx.find(py::unparen(child_by_field(kw, "value"))));
    } else if (ty == "lambda") {
      if (safe.count(k)) continue;
      NodeId body = idx.find(child_by_field(idx.node(k), "body"));
      if (body != kNoNode) {
        Loaded l;
        collect(idx, body, idx.subtree_end(body), l);
        auto params = params_of(idx, k);
        for (NodeId n : l.loaded) {
          std::string_view name = idx.text(n);
          if (l.stored.count(name) || params.count(name)) continue;
          suspicious.push_back(n);
        }
      }
      k = idx.subtree_end(k) - 1;
    }
  }
  if (suspicious.empty()) return;
  // Names (re)bound by the loop, not looking inside functions or lambdas.
  std::unordered_set<std::string_view> assigned;
  for (NodeId k = loop; k < end; ++k) {
    std::string_view ty = idx.type(k);
    if (k != loop && (ty == "function_definition" || ty == "lambda")) {
      k = idx.subtree_end(k) - 1;
      continue;
    }
    if (ty != "identifier") continue;
    Use u = idx.use(k);
    if (u != Use::kStore && u != Use::kAugment) continue;
    // The binding statement: climb to the assignment / for / comprehension clause.
    NodeId p = idx.parent(k);
    while (p != kNoNode && (idx.is(p, "pattern_list") || idx.is(p, "tuple_pattern") || idx.is(p, "list_pattern") ||
                            idx.is(p, "tuple") || idx.is(p, "list") || idx.is(p, "parenthesized_expression") ||
                            idx.is(p, "list_splat_pattern") || idx.is(p, "list_splat") || idx.is(p, "expression_list")))
      p = idx.parent(p);
    if (p == kNoNode) continue;
    std::string_view pt = idx.type(p);
    if (pt == "assignment" || pt == "augmented_assignment" || pt == "for_statement" || pt == "for_in_clause")
      assigned.insert(idx.text(k));
  }
  for (NodeId n : suspicious) {
    std::string_view name = idx.text(n);
    if (!assigned.count(name)) continue;
    if (!reported.insert(ts_node_start_byte(idx.node(n))).second) continue;
    auto& f = ctx.report(idx.node(n), "Function definition does not bind loop variable `" + std::string(name) +
                                          "`: every closure made in the loop sees its last value");
    py::remedy(f, "Bind it when the function is made: a default argument `" + std::string(name) + "=" +
                      std::string(name) + "` or `functools.partial`");
  }
}

void check(RuleContext& ctx) {
  const NodeIndex& idx = index_of(ctx.tree());
  std::vector<NodeId> loops;
  for (const char* kind : {"for_statement", "while_statement", "list_comprehension", "set_comprehension",
                           "dictionary_comprehension", "generator_expression"})
    for (NodeId l : idx.of(kind)) loops.push_back(l);
  std::sort(loops.begin(), loops.end());
  std::set<std::uint32_t> reported;
  for (NodeId l : loops) check_loop(ctx, idx, l, reported);
}

}  // namespace

Rule loop_variable_closure_rule() {
  return {{"loop-variable-closure", "B023", "warning", "correctness", kDoc}, check};
}

}  // namespace pitfall::rules
