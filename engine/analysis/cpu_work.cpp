// CPU-bound loop classification (see cpu_work.h).
#include "analysis/cpu_work.h"

#include <algorithm>

#include "analysis/queries.h"
#include "rules/py_helpers.h"

namespace pitfall::analysis {
namespace {

namespace py = rules::py;

bool one_of(std::string_view s, std::initializer_list<std::string_view> names) {
  for (std::string_view n : names)
    if (s == n) return true;
  return false;
}

// Builtins that compute in the interpreter while holding the GIL.
bool pure_builtin(std::string_view q) {
  return one_of(q, {"len", "range", "abs", "min", "max", "sum", "int", "float", "str", "divmod", "pow", "round",
                    "isinstance", "enumerate", "zip", "sorted", "reversed", "list", "dict", "set", "tuple", "bool",
                    "hash", "ord", "chr", "all", "any", "map", "filter", "complex", "bin", "hex", "repr", "id"}) ||
         q.starts_with("math.") || q.starts_with("random.") || q.starts_with("operator.") ||
         q.starts_with("itertools.") || q.starts_with("cmath.");
}

// Methods of builtin containers and strings.
bool pure_method(std::string_view m) {
  return one_of(m, {"append", "extend", "add", "update", "pop", "insert", "items", "keys", "values", "setdefault",
                    "count", "index", "sort", "copy", "split", "join", "strip", "lower", "upper", "replace",
                    "startswith", "endswith", "format", "is_integer", "bit_length", "discard", "remove"});
}

bool arithmetic_op(const syntax::Tree& t, TSNode n) {
  if (syntax::is(n, "augmented_assignment")) return true;
  if (!syntax::is(n, "binary_operator")) return false;
  return rules::py::binary_operator_token(n) != "@";
}

struct Walker {
  const Model& m;
  int depth = 0;
  std::vector<NodeId> stack;

  // Classifies a subtree (a loop or a def's body) into `w`.
  void scan(NodeId root, LoopWork& w, bool in_loop) {
    const rules::NodeIndex& idx = m.index();
    const syntax::Tree& t = m.tree();
    visit_body(idx, root, [&](NodeId k) {
      TSNode n = idx.node(k);
      std::string_view ty = idx.type(k);
      if (ty == "await") w.suspends = true;
      if ((ty == "for_statement" || ty == "with_statement") && idx.is_async(k))
        w.suspends = true;
      if (ty == "for_statement" || ty == "while_statement") {
        if (in_loop) w.heavy = true;
      }
      if (ty == "for_statement") {
        TSNode it = py::unparen(syntax::field(n, "right"));
        if (syntax::is(it, "call") && m.callee_name(it) == "range") {
          for (TSNode a : py::call_args(it).positional)
            if (int_literal(t, a) >= 10000) w.heavy = true;
        }
      }
      if (arithmetic_op(t, n)) w.arithmetic = true;
      if (ty == "yield") w.pure = false;
      if (ty != "call") return;
      TSNode callee = syntax::field(n, "function");
      NodeId def = m.function_of(callee);
      if (def != kNoNode) {
        if (idx.is_async_def(def)) return;  // a coroutine object: nothing runs here
        if (depth >= 3 || std::find(stack.begin(), stack.end(), def) != stack.end()) {
          w.pure = false;
          return;
        }
        LoopWork sub;
        sub.pure = true;
        ++depth;
        stack.push_back(def);
        scan(def, sub, in_loop);
        stack.pop_back();
        --depth;
        if (!sub.pure) w.pure = false;
        if (sub.arithmetic) w.arithmetic = true;
        if (sub.heavy) w.heavy = true;
        return;
      }
      std::string q = m.qualified_name(callee);
      if (!q.empty() && q.find('.') == std::string::npos && !idx.bound_anywhere(q)) {
        if (!pure_builtin(q)) w.pure = false;
        return;
      }
      if (!q.empty() && pure_builtin(q)) return;
      if (syntax::is(callee, "attribute") && pure_method(t.text(syntax::field(callee, "attribute")))) {
        std::string cls = m.instance_of(syntax::field(callee, "object"));
        if (cls.empty() || pure_builtin(cls)) return;
      }
      w.pure = false;
    });
  }
};

}  // namespace

LoopWork loop_work(const Model& model, NodeId loop) {
  LoopWork w;
  w.pure = true;
  const rules::NodeIndex& idx = model.index();
  if (loop == kNoNode) return LoopWork{};
  Walker walker{model, 0, {}};
  NodeId fn = idx.enclosing_function(loop);
  if (fn != kNoNode) walker.stack.push_back(fn);
  // The loop header (iterable / condition) counts too.
  if (idx.is(loop, "for_statement")) {
    TSNode it = py::unparen(syntax::field(idx.node(loop), "right"));
    if (syntax::is(it, "call") && model.callee_name(it) == "range")
      for (TSNode a : py::call_args(it).positional)
        if (int_literal(model.tree(), a) >= 10000) w.heavy = true;
  }
  walker.scan(loop, w, true);
  return w;
}

NodeId cpu_bound_loop(const Model& model, NodeId def) {
  const rules::NodeIndex& idx = model.index();
  if (def == kNoNode) return kNoNode;
  NodeId found = kNoNode;
  visit_body(idx, def, [&](NodeId k) {
    if (found != kNoNode) return;
    if (!idx.is(k, "for_statement") && !idx.is(k, "while_statement")) return;
    if (idx.is_async(k)) return;
    LoopWork w = loop_work(model, k);
    if (w.pure && w.arithmetic && !w.suspends) found = k;
  });
  return found;
}

}  // namespace pitfall::analysis
