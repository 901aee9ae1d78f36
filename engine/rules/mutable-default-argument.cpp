// mutable-default-argument (Ruff B006)
#include <string>
#include <vector>

#include "rules/node_index.h"
#include "rules/rule.h"

namespace pitfall::rules {
namespace {

constexpr const char* kDoc = R"md(## mutable-default-argument (B006)

### What it does
Flags a function or lambda parameter whose default value is a mutable object:
a list, dict or set display or comprehension, or a call such as `list()`,
`dict()`, `set()`, `collections.defaultdict()`, `deque()`, `Counter()` or `OrderedDict()`.

### Why is this bad?
A default value is evaluated **once**, when `def` runs, and the same object is
shared by every call that omits the argument. Appending to it in one call is
visible in the next: the "empty" list quietly grows for the life of the process.
That is a correctness bug and a memory leak at once: a function called a million
times with `acc=[]` and an `acc.append(x)` keeps a million-element list alive
(about 8 MB of pointers plus the items) that nobody can see or free.

### Example
```python
def add_item(item, bucket=[]):
    bucket.append(item)
    return bucket
```

### Use instead
```python
def add_item(item, bucket=None):
    if bucket is None:
        bucket = []
    bucket.append(item)
    return bucket
```

### References
- Python tutorial, "Default Argument Values" (the important warning)
- Ruff rule B006 `mutable-argument-default`
)md";

bool is_mutable_call(std::string_view callee) {
  for (std::string_view name : {"list", "dict", "set", "bytearray", "defaultdict", "deque", "Counter",
                                "OrderedDict", "collections.defaultdict", "collections.deque",
                                "collections.Counter", "collections.OrderedDict"})
    if (callee == name) return true;
  return false;
}

bool is_mutable(const RuleContext& ctx, TSNode value) {
  std::string_view t = syntax::type(value);
  if (t == "list" || t == "dictionary" || t == "set" || t == "list_comprehension" ||
      t == "dictionary_comprehension" || t == "set_comprehension")
    return true;
  if (t == "call") return is_mutable_call(ctx.text(syntax::field(value, "function")));
  return false;
}

// The indentation of the body's first statement when it sits on its own line.
bool body_indent(const RuleContext& ctx, TSNode body, std::string& indent, int& line) {
  if (syntax::null(body) || ts_node_named_child_count(body) == 0) return false;
  TSNode first = ts_node_named_child(body, 0);
  auto pos = ctx.tree().start(first);
  std::string_view text = ctx.tree().source().line_text(pos.line);
  std::size_t n = 0;
  while (n < text.size() && (text[n] == ' ' || text[n] == '\t')) ++n;
  if (pos.col != static_cast<int>(n) + 1) return false;  // statement after `:` on the def line
  indent = std::string(text.substr(0, n));
  line = pos.line;
  return true;
}

// The parameters of def or lambda `owner` (read from the index: every def is looked at).
void check_parameters(RuleContext& ctx, const NodeIndex& idx, NodeId owner, bool is_def) {
  NodeId params = idx.field_child(owner, syntax::field_id("parameters"));
  if (params == kNoNode) return;
  const TSSymbol plain = NodeIndex::symbol_of("default_parameter"),
                 typed = NodeIndex::symbol_of("typed_default_parameter");
  std::vector<NodeId> defaults;
  idx.each_child(params, [&](NodeId k) {
    if (idx.symbol(k) == plain || idx.symbol(k) == typed) defaults.push_back(k);
  });
  for (NodeId d : defaults) {
    TSNode p = idx.node(d);
    TSNode body = is_def ? syntax::field(idx.node(owner), "body") : TSNode{};
    TSNode value = syntax::field(p, "value");
    if (syntax::null(value) || !is_mutable(ctx, value)) continue;
    std::string name(ctx.text(syntax::field(p, "name")));
    auto& f = ctx.report(value, "Do not use mutable data structures for argument defaults: `" + name +
                                    "` is shared by every call");
    std::string indent;
    int line = 0;
    if (body_indent(ctx, body, indent, line)) {
      f.has_fix = true;
      f.fix.title = "Use `None` as the default and create the object inside the function";
      f.fix.edits.push_back(ctx.replace(value, "None"));
      std::string init = indent + "if " + name + " is None:\n" + indent + "    " + name + " = " +
                         std::string(ctx.text(value)) + "\n";
      f.fix.edits.push_back({line, 1, line, 1, init});
    }
  }
}

void check(RuleContext& ctx) {
  const NodeIndex& idx = index_of(ctx.tree());  // shared per-file index: no tree walk of our own
  for (NodeId d : idx.of("function_definition")) check_parameters(ctx, idx, d, true);
  for (NodeId l : idx.of("lambda")) check_parameters(ctx, idx, l, false);
}

}  // namespace

Rule mutable_default_argument_rule() {
  return {{"mutable-default-argument", "B006", "warning", "memory", kDoc}, check};
}

}  // namespace pitfall::rules
