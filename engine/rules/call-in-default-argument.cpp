// call-in-default-argument (Ruff B008)
#include <string>

#include "analysis/queries.h"
#include "analysis/semantic.h"
#include "rules/py_helpers.h"
#include "rules/rule.h"
#include "syntax/walk.h"

namespace pitfall::rules {
namespace {

constexpr const char* kDoc = R"md(## call-in-default-argument (B008)

### What it does
Flags a function call inside a parameter's default value (of a `def` or a `lambda`), such as
`def log(msg, when=time.time())` or `def f(items=load_items())`. Calls known to
return immutable values (`int()`, `tuple()`, `frozenset()`, `datetime.timedelta()`,
`re.compile()`, `pathlib.Path()`, ...) are allowed, and so are parameters whose
annotation is an immutable type. `list()`, `dict()` and `set()` are left to
`mutable-default-argument`.

### Why is this bad?
The call runs **once**, when `def` executes, and every later call reuses that one
result. `when=time.time()` is the import time for the whole life of the process,
not "now"; `cache=make_cache()` is one object silently shared (and kept alive) by
every call. Evaluating the default once is cheap (one call instead of one per
call), but the value is frozen: a default that builds a 10 MB object keeps those
10 MB for as long as the function exists.

### Example
```python
import time

def log(message, when=time.time()):
    print(when, message)
```

### Use instead
```python
import time

def log(message, when=None):
    if when is None:
        when = time.time()
    print(when, message)
```

### References
- Python tutorial, "Default Argument Values"
- Ruff rule B008 `function-call-in-default-argument`
)md";

bool one_of(std::string_view s, std::initializer_list<std::string_view> names) {
  for (std::string_view n : names)
    if (s == n) return true;
  return false;
}

bool is_mutable_func(std::string_view q) {
  return one_of(q, {"list", "dict", "set", "collections.Counter", "collections.OrderedDict",
                    "collections.defaultdict", "collections.deque"});
}

bool is_immutable_func(std::string_view q) {
  return one_of(q, {"bool", "complex", "float", "frozenset", "int", "range", "str", "tuple", "bytes",
                    "datetime.date", "datetime.datetime", "datetime.timedelta", "decimal.Decimal",
                    "fractions.Fraction", "operator.attrgetter", "operator.itemgetter", "operator.methodcaller",
                    "pathlib.Path", "types.MappingProxyType", "re.compile"});
}

bool is_immutable_type(std::string_view q) {
  return one_of(q, {"bool", "bytes", "complex", "float", "frozenset", "int", "object", "range", "str", "tuple",
                    "datetime.date", "datetime.datetime", "datetime.timedelta", "decimal.Decimal",
                    "fractions.Fraction", "re.Pattern", "typing.Pattern", "pathlib.Path", "typing.Hashable",
                    "collections.abc.Hashable", "typing.Sized", "collections.abc.Sized", "typing.Tuple",
                    "typing.FrozenSet", "typing.Literal", "typing.Final", "typing.Callable",
                    "collections.abc.Callable", "types.MappingProxyType", "typing.Mapping", "typing.Sequence",
                    "typing.Iterable", "collections.abc.Mapping", "collections.abc.Sequence", "None"});
}

bool immutable_annotation(const analysis::Model& m, TSNode t) {
  t = py::unparen(t);
  if (syntax::is(t, "type") && ts_node_named_child_count(t) == 1) t = ts_node_named_child(t, 0);
  if (syntax::is(t, "none")) return true;
  if (syntax::is(t, "string")) return false;
  if (syntax::is(t, "binary_operator")) {  // X | Y
    return immutable_annotation(m, syntax::field(t, "left")) && immutable_annotation(m, syntax::field(t, "right"));
  }
  if (syntax::is(t, "generic_type") || syntax::is(t, "subscript")) {
    TSNode base = ts_node_named_child(t, 0);
    std::string q = m.qualified_name(base);
    if (q == "typing.Optional" || q == "typing.Union") {
      bool all = true;
      TSNode args = syntax::is(t, "generic_type") ? ts_node_named_child(t, 1) : TSNode{};
      if (syntax::null(args)) return false;
      for (std::uint32_t i = 0; i < ts_node_named_child_count(args); ++i)
        all = all && immutable_annotation(m, ts_node_named_child(args, i));
      return all;
    }
    if (q == "typing.Annotated") return false;
    return is_immutable_type(q);
  }
  return is_immutable_type(m.qualified_name(t));
}

void check_default(RuleContext& ctx, const analysis::Model& m, TSNode param, TSNode value, TSNode body) {
  TSNode type = syntax::field(param, "type");
  if (!syntax::null(type) && immutable_annotation(m, type)) return;
  syntax::walk(value, [&](TSNode n) {
    if (syntax::is(n, "lambda")) return false;
    if (!syntax::is(n, "call")) return true;
    TSNode callee = syntax::field(n, "function");
    std::string q = m.qualified_name(callee);
    if (is_mutable_func(q) || is_immutable_func(q)) return true;
    std::string shown(ctx.text(callee));
    if (shown.size() > 40) shown = shown.substr(0, 37) + "...";
    auto& f = ctx.report(n, "Call `" + shown + "()` in a default argument runs once, when `def` runs, and every call "
                                               "shares its result");
    std::string name(ctx.text(syntax::field(param, "name")));
    std::string indent;
    int line = 0;
    if (ts_node_eq(n, py::unparen(value)) && analysis::block_indent(ctx.tree(), body, indent, line)) {
      f.has_fix = true;
      f.fix.title = "Default to `None` and make the call inside the function";
      f.fix.edits.push_back(ctx.replace(value, "None"));
      f.fix.edits.push_back({line, 1, line, 1,
                             indent + "if " + name + " is None:\n" + indent + "    " + name + " = " +
                                 std::string(ctx.text(value)) + "\n"});
    } else {
      py::remedy(f, "Compute the value inside the function, or read it from a module-level constant");
    }
    return true;
  });
}

void check(RuleContext& ctx) {
  const NodeIndex& idx = index_of(ctx.tree());
  const auto& defs = idx.of("function_definition");
  const auto& lambdas = idx.of("lambda");
  if (defs.empty() && lambdas.empty()) return;
  const analysis::Model& m = ctx.model();
  std::vector<NodeId> all(defs);
  all.insert(all.end(), lambdas.begin(), lambdas.end());
  for (NodeId d : all) {
    TSNode def = idx.node(d);
    TSNode params = syntax::field(def, "parameters");
    if (syntax::null(params)) continue;
    auto visit = [&](TSNode p) {
      if (!syntax::is(p, "default_parameter") && !syntax::is(p, "typed_default_parameter")) return;
      TSNode value = syntax::field(p, "value");
      TSNode body = idx.is(d, "lambda") ? TSNode{} : syntax::field(def, "body");
      if (!syntax::null(value)) check_default(ctx, m, p, value, body);
    };
    // The parameters' named children from the index (ts_node_named_child(i)
    // walks from the first child again for every i).
    NodeId ps = idx.find(params);
    if (ps != kNoNode) {
      idx.each_child(ps, [&](NodeId k) { visit(idx.node(k)); });
    } else {
      for (std::uint32_t i = 0; i < ts_node_named_child_count(params); ++i) visit(ts_node_named_child(params, i));
    }
  }
}

}  // namespace

Rule call_in_default_argument_rule() {
  return {{"call-in-default-argument", "B008", "warning", "memory", kDoc}, check};
}

}  // namespace pitfall::rules
