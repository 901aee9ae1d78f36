// unbounded-cache
#include <cctype>
#include <string>

#include "analysis/queries.h"
#include "analysis/semantic.h"
#include "rules/py_helpers.h"
#include "rules/rule.h"

namespace pitfall::rules {
namespace {

constexpr const char* kDoc = R"md(## unbounded-cache

### What it does
Flags caches that can only grow:
- `@functools.cache` or `@functools.lru_cache(maxsize=None)` on a function that
  takes arguments (recursive functions, the classic memoisation case, are
  left alone; methods are reported by `cached-instance-method`);
- a module-level dict whose name says it is a cache (`_cache`, `memo`, ...),
  filled with `cache[key] = value` inside a function and never evicted from
  (no `del`, `pop`, `popitem`, `clear`, size check or reassignment).

### Why is this bad?
Every distinct argument tuple becomes an entry that lives as long as the
process: the key, the result, and everything they reference. A cached
`parse(line)` called on 10 million distinct log lines keeps 10 million
entries: with ~100-byte keys and values plus ~100 bytes of dict and tuple
overhead per entry, that is about 3 GB that is never returned. Memory charts show
a steady upward slope with no plateau.

### Example
```python
import functools

@functools.lru_cache(maxsize=None)
def parse(line):
    return line.split(",")
```

### Use instead
```python
import functools

@functools.lru_cache(maxsize=4096)
def parse(line):
    return line.split(",")
```

### References
- `functools.lru_cache` documentation (maxsize and `cache_info()`)
- Python FAQ, "How do I cache method calls?"
)md";

bool recursive(const NodeIndex& idx, NodeId def, std::string_view name) {
  bool found = false;
  analysis::visit_body(idx, def, [&](NodeId k) {
    if (!idx.is(k, "call")) return;
    TSNode f = syntax::field(idx.node(k), "function");
    if (syntax::is(f, "identifier") && idx.tree().text(f) == name) found = true;
  });
  return found;
}

int param_count(TSNode def) {
  TSNode params = syntax::field(def, "parameters");
  if (syntax::null(params)) return 0;
  int n = 0;
  for (std::uint32_t i = 0; i < ts_node_named_child_count(params); ++i) {
    std::string_view t = syntax::type(ts_node_named_child(params, i));
    if (t != "comment" && t != "positional_separator" && t != "keyword_separator") ++n;
  }
  return n;
}

void check_decorators(RuleContext& ctx, const NodeIndex& idx, const analysis::Model& m) {
  for (NodeId d : idx.of("decorated_definition")) {
    TSNode dd = idx.node(d);
    TSNode def = syntax::field(dd, "definition");
    if (!syntax::is(def, "function_definition")) continue;
    NodeId p = idx.parent(d);
    if (p != kNoNode && idx.is(p, "block") && idx.parent(p) != kNoNode && idx.is(idx.parent(p), "class_definition"))
      continue;  // methods: cached-instance-method
    std::string_view name = ctx.text(syntax::field(def, "name"));
    if (param_count(def) == 0) continue;
    NodeId def_id = idx.find(def);
    if (def_id == kNoNode || recursive(idx, def_id, name)) continue;
    for (std::uint32_t i = 0; i < ts_node_named_child_count(dd); ++i) {
      TSNode dec = ts_node_named_child(dd, i);
      if (!syntax::is(dec, "decorator")) continue;
      TSNode e = ts_node_named_child(dec, 0);
      TSNode callee = syntax::is(e, "call") ? syntax::field(e, "function") : e;
      std::string q = m.qualified_name(callee);
      TSNode none_arg{};
      if (q == "functools.lru_cache" && syntax::is(e, "call")) {
        auto args = py::call_args(e);
        if (!args.positional.empty() && syntax::is(py::unparen(args.positional[0]), "none"))
          none_arg = args.positional[0];
        for (TSNode k : args.keywords)
          if (ctx.text(syntax::field(k, "name")) == "maxsize" && syntax::is(syntax::field(k, "value"), "none"))
            none_arg = syntax::field(k, "value");
        if (syntax::null(none_arg)) continue;
      } else if (q != "functools.cache") {
        continue;
      }
      auto& f = ctx.report(dec, "The cache on `" + std::string(name) +
                                    "` has no size limit: every distinct argument stays in memory for good");
      f.has_fix = true;
      f.fix.title = "Bound it: `lru_cache(maxsize=4096)`";
      if (!syntax::null(none_arg)) {
        f.fix.edits.push_back(ctx.replace(none_arg, "4096"));
      } else if (syntax::is(callee, "attribute") && ctx.text(syntax::field(callee, "object")) == "functools" &&
                 !syntax::is(e, "call")) {
        f.fix.edits.push_back(ctx.replace(e, "functools.lru_cache(maxsize=4096)"));
      }
    }
  }
}

bool cache_name(std::string_view n) {
  std::string low;
  for (char c : n) low += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return low.find("cache") != std::string::npos || low.find("memo") != std::string::npos;
}

void check_dicts(RuleContext& ctx, const NodeIndex& idx) {
  for (NodeId a : idx.of("assignment")) {
    if (idx.scope(a) != 0) continue;
    TSNode an = idx.node(a);
    TSNode left = syntax::field(an, "left");
    TSNode right = py::unparen(syntax::field(an, "right"));
    if (!syntax::is(left, "identifier") || !cache_name(ctx.text(left))) continue;
    bool empty_dict = (syntax::is(right, "dictionary") && ts_node_named_child_count(right) == 0) ||
                      (py::is_builtin_call(idx, right, "dict") && py::call_args(right).positional.empty() &&
                       py::call_args(right).keywords.empty());
    if (!empty_dict) continue;
    std::string_view name = ctx.text(left);
    if (idx.bindings(0, name).size() != 1) continue;
    bool filled = false, evicted = false;
    for (NodeId l : idx.loads(0, name)) {
      NodeId p = idx.parent(l);
      if (p == kNoNode) continue;
      NodeId g = idx.parent(p);
      if (idx.is(p, "subscript") && g != kNoNode && idx.is(g, "assignment") && idx.in_field(p, "left") &&
          idx.enclosing_function(l) != kNoNode)
        filled = true;
      else if (idx.is(p, "subscript") && g != kNoNode && idx.is(g, "delete_statement"))
        evicted = true;
      else if (idx.is(p, "attribute")) {
        std::string_view attr = ctx.text(syntax::field(idx.node(p), "attribute"));
        if (attr == "pop" || attr == "popitem" || attr == "clear") evicted = true;
        if (attr == "setdefault" && idx.enclosing_function(l) != kNoNode) filled = true;
      } else if (idx.is(p, "argument_list") && g != kNoNode && py::is_builtin_call(idx, idx.node(g), "len"))
        evicted = true;  // a size check suggests a bound
      else if (idx.is(p, "delete_statement"))
        evicted = true;
    }
    // Rebinding the name from a function (`global _cache; _cache = {}`) resets it.
    for (NodeId s : idx.of("global_statement"))
      if (idx.text(s).find(name) != std::string_view::npos) evicted = true;
    if (!filled || evicted) continue;
    auto& f = ctx.report(an, "`" + std::string(name) +
                                 "` only grows: every key stored in it stays in memory for the life of the process");
    py::remedy(f, "Bound it: use `functools.lru_cache(maxsize=...)` or evict old entries");
  }
}

void check(RuleContext& ctx) {
  const NodeIndex& idx = index_of(ctx.tree());
  if (!idx.of("decorated_definition").empty()) check_decorators(ctx, idx, ctx.model());
  check_dicts(ctx, idx);
}

}  // namespace

Rule unbounded_cache_rule() {
  return {{"unbounded-cache", "", "warning", "memory", kDoc}, check};
}

}  // namespace pitfall::rules
