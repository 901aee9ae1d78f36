// cycle-with-del
#include <string>

#include "analysis/queries.h"
#include "rules/py_helpers.h"
#include "rules/rule.h"

namespace pitfall::rules {
namespace {

constexpr const char* kDoc = R"md(## cycle-with-del

### What it does
In a class that defines `__del__`, flags method code that makes an instance
refer back to itself: `self.me = self`, `other.owner = self`, a bound method or
a lambda using `self` stored on `self` (`self.callback = self.on_event`), or
`self` passed to an object stored on `self` (`self.child = Child(self)`).

### Why is this bad?
Reference counting frees an object the moment its last reference goes away,
and runs `__del__` right then. An object in a reference cycle never reaches
zero: it waits for the cyclic garbage collector, which runs only after
hundreds of allocations (generation 0 threshold 700 in CPython 3.11) and reaches
old objects much later still. So `__del__` (closing a file, releasing a lock)
runs late and at an unpredictable point, and the whole cycle, with everything it
references, stays in memory until then. Before Python 3.4 such cycles were
never freed at all (`gc.garbage`).

### Example
```python
class Connection:
    def __init__(self, sock):
        self.sock = sock
        self.on_close = self.close

    def close(self):
        self.sock.close()

    def __del__(self):
        self.close()
```

### Use instead
```python
import weakref

class Connection:
    def __init__(self, sock):
        self.sock = sock
        self.on_close = weakref.WeakMethod(self.close)

    def close(self):
        self.sock.close()

    def __del__(self):
        self.close()
# better still: a context manager (`with`) or `weakref.finalize` instead of __del__
```

### References
- PEP 442, "Safe object finalization"
- `gc` module documentation; `weakref.WeakMethod`, `weakref.finalize`
)md";

std::string_view first_param(const syntax::Tree& t, TSNode def) {
  TSNode params = syntax::field(def, "parameters");
  if (syntax::null(params) || ts_node_named_child_count(params) == 0) return {};
  TSNode p = ts_node_named_child(params, 0);
  if (syntax::is(p, "typed_parameter")) p = ts_node_named_child(p, 0);
  return syntax::is(p, "identifier") ? t.text(p) : std::string_view{};
}

bool is_name(const syntax::Tree& t, TSNode n, std::string_view name) {
  n = py::unparen(n);
  return syntax::is(n, "identifier") && t.text(n) == name;
}

// The defs directly in a class body.
std::vector<TSNode> methods(TSNode cls) {
  std::vector<TSNode> out;
  for (TSNode s : py::statements(syntax::field(cls, "body"))) {
    if (syntax::is(s, "decorated_definition")) s = syntax::field(s, "definition");
    if (syntax::is(s, "function_definition")) out.push_back(s);
  }
  return out;
}

// Whether a method stores `name` into an attribute of self (`self.x = name`,
// `self.items.append(name)`).
bool self_keeps(const NodeIndex& idx, const syntax::Tree& t, NodeId def, std::string_view self, std::string_view name) {
  bool keeps = false;
  analysis::visit_body(idx, def, [&](NodeId k) {
    TSNode n = idx.node(k);
    if (idx.is(k, "assignment")) {
      TSNode left = py::unparen(syntax::field(n, "left"));
      if (syntax::is(left, "attribute") && t.text(left).starts_with(self) &&
          py::mentions(idx, syntax::field(n, "right"), name))
        keeps = true;
    } else if (idx.is(k, "call")) {
      TSNode f = syntax::field(n, "function");
      if (syntax::is(f, "attribute") && t.text(f).starts_with(std::string(self) + ".") &&
          py::mentions(idx, syntax::field(n, "arguments"), name))
        keeps = true;
    }
  });
  return keeps;
}

void check(RuleContext& ctx) {
  const NodeIndex& idx = index_of(ctx.tree());
  const syntax::Tree& t = ctx.tree();
  for (NodeId c : idx.of("class_definition")) {
    TSNode cls = idx.node(c);
    auto defs = methods(cls);
    bool has_del = false;
    std::vector<std::string_view> names;
    for (TSNode d : defs) {
      std::string_view n = t.text(syntax::field(d, "name"));
      names.push_back(n);
      if (n == "__del__") has_del = true;
    }
    if (!has_del) continue;
    std::string cname(t.text(syntax::field(cls, "name")));
    for (TSNode d : defs) {
      std::string_view self = first_param(t, d);
      if (self.empty() || t.text(syntax::field(d, "name")) == "__del__") continue;
      NodeId did = idx.find(d);
      analysis::visit_body(idx, did, [&](NodeId k) {
        if (!idx.is(k, "assignment")) return;
        TSNode a = idx.node(k);
        TSNode left = py::unparen(syntax::field(a, "left"));
        TSNode right = py::unparen(syntax::field(a, "right"));
        if (!syntax::is(left, "attribute") || syntax::null(right)) return;
        bool on_self = is_name(t, syntax::field(left, "object"), self);
        bool cycle = false;
        if (is_name(t, right, self)) {
          // self.me = self; other.owner = self when self also keeps `other`.
          TSNode other = py::unparen(syntax::field(left, "object"));
          cycle = on_self || (syntax::is(other, "identifier") && self_keeps(idx, t, did, self, t.text(other)));
        } else if (on_self && syntax::is(right, "attribute") && is_name(t, syntax::field(right, "object"), self)) {
          std::string_view attr = t.text(syntax::field(right, "attribute"));
          for (std::string_view n : names)
            if (n == attr) cycle = true;  // bound method stored on self
        } else if (on_self && syntax::is(right, "lambda")) {
          cycle = py::mentions(idx, right, self);
        } else if (on_self && (syntax::is(right, "call") || syntax::is(right, "list") || syntax::is(right, "tuple") ||
                               syntax::is(right, "dictionary"))) {
          TSNode args = syntax::is(right, "call") ? syntax::field(right, "arguments") : right;
          // weakref.ref(self), weakref.finalize(self, ...), util.Finalize(self, ...) hold self weakly.
          if (syntax::is(right, "call")) {
            std::string_view callee = t.text(syntax::field(right, "function"));
            if (callee.find("weakref") != std::string_view::npos || callee.find("inalize") != std::string_view::npos ||
                callee.find("Weak") != std::string_view::npos)
              args = TSNode{};
          }
          for (TSNode arg : py::statements(args)) {
            if (syntax::is(arg, "keyword_argument")) arg = syntax::field(arg, "value");
            if (syntax::is(arg, "pair")) arg = syntax::field(arg, "value");
            if (is_name(t, arg, self)) cycle = true;
          }
        }
        if (!cycle) return;
        std::string shown;
        for (char ch : t.text(a)) {
          if (ch == '\n' || ch == '\r' || ch == '\t' || ch == '\\') ch = ' ';
          if (ch == ' ' && !shown.empty() && shown.back() == ' ') continue;
          shown += ch;
        }
        if (shown.size() > 60) shown = shown.substr(0, 57) + "...";
        auto& f = ctx.report(a, "`" + shown + "` makes a reference cycle in `" + cname +
                                    "`, which defines `__del__`: instances wait for the cyclic GC instead of being "
                                    "freed at once");
        py::remedy(f, "Break the cycle with `weakref` (`weakref.ref`, `WeakMethod`), or replace `__del__` with a "
                      "context manager or `weakref.finalize`");
      });
    }
  }
}

}  // namespace

Rule cycle_with_del_rule() {
  return {{"cycle-with-del", "", "warning", "memory", kDoc}, check};
}

}  // namespace pitfall::rules
