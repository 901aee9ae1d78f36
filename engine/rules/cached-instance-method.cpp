// cached-instance-method (Ruff B019)
#include <string>

#include "analysis/semantic.h"
#include "rules/py_helpers.h"
#include "rules/rule.h"

namespace pitfall::rules {
namespace {

constexpr const char* kDoc = R"md(## cached-instance-method (B019)

### What it does
Flags `@functools.lru_cache` (bounded or not) and `@functools.cache` on an
instance method.

### Why is this bad?
The cache lives on the *function*, which belongs to the class, and every entry's
key holds a strong reference to `self`. No instance that ever called the method
can be freed until its entries are evicted: with `maxsize=None` (or `cache`) that
is never, so a service that creates 100 000 short-lived `Order` objects of 2 KB
each and calls one cached method on each keeps ~200 MB alive forever. With the
default `maxsize=128` the leak is bounded, but objects still outlive their last
use and `__del__`/weakref callbacks fire at surprising times.

### Example
```python
import functools

class Order:
    def __init__(self, lines):
        self.lines = lines

    @functools.lru_cache(maxsize=None)
    def total(self):
        return sum(line.price for line in self.lines)
```

### Use instead
```python
import functools

class Order:
    def __init__(self, lines):
        self.lines = lines

    @functools.cached_property
    def total(self):
        return sum(line.price for line in self.lines)
```

### References
- Python FAQ, "How do I cache method calls?"
- `functools.cached_property` documentation
- Ruff rule B019 `cached-instance-method`
)md";

bool is_special_base(const analysis::Model& m, TSNode cls) {
  TSNode bases = syntax::field(cls, "superclasses");
  if (syntax::null(bases)) return false;
  for (std::uint32_t i = 0; i < ts_node_named_child_count(bases); ++i) {
    TSNode b = ts_node_named_child(bases, i);
    if (syntax::is(b, "keyword_argument")) continue;
    std::string q = m.qualified_name(b);
    for (std::string_view s : {"type", "abc.ABCMeta", "enum.EnumMeta", "enum.EnumType", "enum.Enum", "enum.IntEnum",
                               "enum.StrEnum", "enum.Flag", "enum.IntFlag", "enum.ReprEnum"})
      if (q == s) return true;
  }
  return false;
}

void check(RuleContext& ctx) {
  const NodeIndex& idx = index_of(ctx.tree());
  const auto& decorated = idx.of("decorated_definition");
  if (decorated.empty()) return;
  const analysis::Model& m = ctx.model();
  for (NodeId d : decorated) {
    TSNode dd = idx.node(d);
    TSNode def = syntax::field(dd, "definition");
    if (!syntax::is(def, "function_definition")) continue;
    NodeId p = idx.parent(d);
    if (p == kNoNode || !idx.is(p, "block")) continue;
    NodeId cls = idx.parent(p);
    if (cls == kNoNode || !idx.is(cls, "class_definition")) continue;
    std::string_view name = ctx.text(syntax::field(def, "name"));
    if (name == "__new__" || name == "__init_subclass__" || name == "__class_getitem__") continue;
    std::vector<TSNode> caches;
    bool not_instance = false;
    for (std::uint32_t i = 0; i < ts_node_named_child_count(dd); ++i) {
      TSNode dec = ts_node_named_child(dd, i);
      if (!syntax::is(dec, "decorator")) continue;
      TSNode e = ts_node_named_child(dec, 0);
      if (syntax::is(e, "call")) e = syntax::field(e, "function");
      std::string q = m.qualified_name(e);
      if (q == "functools.lru_cache" || q == "functools.cache") caches.push_back(dec);
      if (q == "staticmethod" || q == "classmethod" || q == "abc.abstractclassmethod" ||
          q == "abc.abstractstaticmethod")
        not_instance = true;
    }
    if (caches.empty() || not_instance || is_special_base(m, idx.node(cls))) continue;
    for (TSNode dec : caches) {
      auto& f = ctx.report(dec, "Cache on method `" + std::string(name) +
                                    "` keeps every `self` it was called with alive for the life of the class");
      py::remedy(f, "Use `functools.cached_property`, a per-instance cache, or a module-level cached function");
    }
  }
}

}  // namespace

Rule cached_instance_method_rule() {
  return {{"cached-instance-method", "B019", "warning", "memory", kDoc}, check};
}

}  // namespace pitfall::rules
