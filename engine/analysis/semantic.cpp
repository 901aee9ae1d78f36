// The semantic model (see semantic.h): import table, instance facts,
// call edges between same-file functions and worker (thread/process) targets.
#include "analysis/semantic.h"

#include <algorithm>
#include <deque>
#include <unordered_set>

#include "rules/py_helpers.h"
#include "syntax/walk.h"

namespace pitfall::analysis {

namespace py = rules::py;
using rules::Binding;
using rules::Use;

struct Model::Impl {
  // Identifier bound by an import -> the qualified name it stands for.
  std::unordered_map<NodeId, std::string> import_name;
  // Identifier bound by `import m` (a module), as opposed to `from m import x`.
  std::unordered_set<NodeId> module_binding;
  // class_definition -> attribute name -> value assigned to `self.<name>` in its methods.
  std::unordered_map<NodeId, std::unordered_map<std::string_view, TSNode>> self_attrs;
  // def -> same-file defs it calls.
  std::unordered_map<NodeId, std::vector<NodeId>> callees;
  // def -> how it is run, and the call that hands it (or its caller) to a worker.
  std::unordered_map<NodeId, std::pair<Worker, TSNode>> workers;
  std::vector<HandOff> hand_offs;
  std::vector<NodeId> none;
};

namespace {

std::string dotted(const syntax::Tree& t, TSNode n) { return py::canon(t.text(n)); }

bool one_of(std::string_view s, std::initializer_list<std::string_view> names) {
  for (std::string_view n : names)
    if (s == n) return true;
  return false;
}

// The class a def is a method of (def directly in a class body, possibly decorated).
NodeId method_class(const rules::NodeIndex& idx, NodeId def) {
  if (def == kNoNode) return kNoNode;
  NodeId p = idx.parent(def);
  if (p != kNoNode && idx.is(p, "decorated_definition")) p = idx.parent(p);
  if (p == kNoNode || !idx.is(p, "block")) return kNoNode;
  p = idx.parent(p);
  return p != kNoNode && idx.is(p, "class_definition") ? p : kNoNode;
}

// The first parameter's name of a def ("" when none).
std::string_view first_param(const rules::NodeIndex& idx, NodeId def) {
  TSNode params = syntax::field(idx.node(def), "parameters");
  if (syntax::null(params) || ts_node_named_child_count(params) == 0) return {};
  TSNode p = ts_node_named_child(params, 0);
  if (syntax::is(p, "identifier")) return idx.tree().text(p);
  if (syntax::is(p, "typed_parameter")) {
    TSNode n = ts_node_named_child(p, 0);
    if (syntax::is(n, "identifier")) return idx.tree().text(n);
  }
  return {};
}

bool is_thread_class(std::string_view q) {
  return one_of(q, {"concurrent.futures.ThreadPoolExecutor", "concurrent.futures.thread.ThreadPoolExecutor",
                    "multiprocessing.pool.ThreadPool", "multiprocessing.dummy.Pool", "ThreadPoolExecutor"});
}

bool is_process_class(std::string_view q) {
  if (one_of(q, {"concurrent.futures.ProcessPoolExecutor", "concurrent.futures.process.ProcessPoolExecutor",
                 "multiprocessing.Pool", "multiprocessing.pool.Pool"}))
    return true;
  // multiprocessing.get_context(...).Pool()
  return q.starts_with("multiprocessing.get_context") && q.ends_with(".Pool");
}

}  // namespace

Model::Model(const rules::NodeIndex& index) : idx_(index), impl_(std::make_unique<Impl>()) {
  const syntax::Tree& t = idx_.tree();
  Impl& I = *impl_;
  if (idx_.size() == 0) return;

  // Imports.
  for (NodeId s : idx_.of("import_statement")) {
    TSNode st = idx_.node(s);
    std::uint32_t n = ts_node_named_child_count(st);
    for (std::uint32_t i = 0; i < n; ++i) {
      TSNode c = ts_node_named_child(st, i);
      if (syntax::is(c, "dotted_name") && ts_node_named_child_count(c) > 0) {
        TSNode first = ts_node_named_child(c, 0);
        NodeId id = idx_.find(first);
        if (id == kNoNode) continue;
        I.import_name[id] = std::string(t.text(first));
        I.module_binding.insert(id);
      } else if (syntax::is(c, "aliased_import")) {
        NodeId id = idx_.find(syntax::field(c, "alias"));
        if (id == kNoNode) continue;
        I.import_name[id] = dotted(t, syntax::field(c, "name"));
        I.module_binding.insert(id);
      }
    }
  }
  for (NodeId s : idx_.of("import_from_statement")) {
    TSNode st = idx_.node(s);
    TSNode mod = syntax::field(st, "module_name");
    if (syntax::null(mod)) continue;
    std::string base = dotted(t, mod);
    std::uint32_t n = ts_node_named_child_count(st);
    for (std::uint32_t i = 0; i < n; ++i) {
      TSNode c = ts_node_named_child(st, i);
      if (ts_node_eq(c, mod)) continue;
      TSNode name = c, bound = c;
      if (syntax::is(c, "aliased_import")) {
        name = syntax::field(c, "name");
        bound = syntax::field(c, "alias");
      } else if (syntax::is(c, "dotted_name")) {
        if (ts_node_named_child_count(c) == 0) continue;
        bound = ts_node_named_child(c, 0);
      } else {
        continue;
      }
      NodeId id = idx_.find(bound);
      if (id == kNoNode) continue;
      std::string sep = base.ends_with(".") ? "" : ".";
      I.import_name[id] = base + sep + dotted(t, name);
    }
  }

  // `self.<attr> = value` inside methods.
  // (Read from the index: every assignment is looked at.)
  {
    const TSSymbol attribute = rules::NodeIndex::symbol_of("attribute"),
                   assignment = rules::NodeIndex::symbol_of("assignment"),
                   identifier = rules::NodeIndex::symbol_of("identifier");
    const TSFieldId f_left = syntax::field_id("left"), f_right = syntax::field_id("right"),
                    f_object = syntax::field_id("object"), f_attribute = syntax::field_id("attribute");
    for (NodeId a : idx_.of("assignment")) {
      NodeId left = idx_.field_child(a, f_left);
      if (left == kNoNode) continue;
      left = idx_.unparen(left);
      NodeId right = idx_.field_child(a, f_right);
      if (idx_.symbol(left) != attribute || right == kNoNode || idx_.symbol(right) == assignment) continue;
      NodeId obj = idx_.field_child(left, f_object);
      if (obj == kNoNode || idx_.symbol(obj) != identifier) continue;
      NodeId fn = idx_.enclosing_function(a);
      NodeId cls = method_class(idx_, fn);
      if (cls == kNoNode || idx_.text(obj) != first_param(idx_, fn)) continue;
      NodeId attr = idx_.field_child(left, f_attribute);
      I.self_attrs[cls][attr == kNoNode ? std::string_view() : idx_.text(attr)] = idx_.node(right);
    }
  }

  // Call edges and worker hand-offs.
  std::deque<NodeId> queue;
  std::string method;
  auto mark = [&](TSNode fn_expr, Worker w, TSNode call) {
    TSNode e = py::unparen(fn_expr);
    // functools.partial(f, ...) runs f.
    if (syntax::is(e, "call") && callee_name(e) == "functools.partial") {
      auto args = py::call_args(e);
      if (args.positional.empty()) return;
      e = py::unparen(args.positional[0]);
    }
    NodeId def = function_of(e);
    if (def == kNoNode) return;
    I.hand_offs.push_back({call, fn_expr, def, w, method});
    auto it = I.workers.find(def);
    if (it == I.workers.end()) {
      I.workers[def] = {w, call};
      queue.push_back(def);
    } else if (w == Worker::kThread && it->second.first != Worker::kThread) {
      it->second = {w, call};
      queue.push_back(def);
    }
  };
  auto keyword = [&](const py::CallArgs& args, std::string_view name) -> TSNode {
    for (TSNode k : args.keywords)
      if (t.text(syntax::field(k, "name")) == name) return syntax::field(k, "value");
    return TSNode{};
  };
  // Names that can denote a same-file def (cheap pre-filter for call edges).
  std::unordered_set<std::string_view> def_names;
  for (NodeId d : idx_.of("function_definition")) def_names.insert(t.text(syntax::field(idx_.node(d), "name")));
  for (const rules::CallSite& site : idx_.calls()) {
    NodeId c = site.call;
    std::string_view last = site.name;
    NodeId fn = def_names.count(last) ? idx_.enclosing_function(c) : kNoNode;
    if (fn != kNoNode && idx_.is(fn, "function_definition")) {
      NodeId target = called_function(idx_.node(c));
      if (target != kNoNode) {
        auto& v = I.callees[fn];
        if (std::find(v.begin(), v.end(), target) == v.end()) v.push_back(target);
      }
    }
    if (!one_of(last, {"Thread", "Process", "Timer", "to_thread", "run_in_executor", "submit", "map", "imap",
                       "imap_unordered", "apply", "apply_async", "map_async", "starmap", "starmap_async"}))
      continue;
    TSNode call = idx_.node(c);
    TSNode callee = site.callee == kNoNode ? TSNode{} : idx_.node(site.callee);
    std::string q = qualified_name(callee);
    auto args = py::call_args(call);
    method = q.substr(q.rfind('.') + 1);
    if (q == "threading.Thread" || q == "multiprocessing.Process" ||
        (syntax::is(callee, "attribute") && t.text(syntax::field(callee, "attribute")) == "Process" &&
         instance_of(syntax::field(callee, "object")).starts_with("multiprocessing"))) {
      Worker w = q == "threading.Thread" ? Worker::kThread : Worker::kProcess;
      TSNode target = keyword(args, "target");
      if (syntax::null(target) && args.positional.size() >= 2) target = args.positional[1];
      if (!syntax::null(target)) mark(target, w, call);
      continue;
    }
    if (q == "threading.Timer") {
      TSNode target = keyword(args, "function");
      if (syntax::null(target) && args.positional.size() >= 2) target = args.positional[1];
      if (!syntax::null(target)) mark(target, Worker::kThread, call);
      continue;
    }
    if (q == "asyncio.to_thread") {
      if (!args.positional.empty()) mark(args.positional[0], Worker::kThread, call);
      continue;
    }
    if (!syntax::is(callee, "attribute")) continue;
    std::string_view attr = t.text(syntax::field(callee, "attribute"));
    TSNode receiver = syntax::field(callee, "object");
    method = std::string(attr);
    if (attr == "run_in_executor") {
      if (args.positional.size() < 2) continue;
      TSNode ex = py::unparen(args.positional[0]);
      Worker w = Worker::kUnknownExecutor;
      if (syntax::is(ex, "none")) {
        w = Worker::kThread;
      } else {
        std::string cls = instance_of(ex);
        if (is_thread_class(cls)) w = Worker::kThread;
        else if (is_process_class(cls)) w = Worker::kProcess;
      }
      mark(args.positional[1], w, call);
      continue;
    }
    if (one_of(attr, {"submit", "map", "imap", "imap_unordered", "apply", "apply_async", "map_async", "starmap",
                      "starmap_async"})) {
      if (args.positional.empty()) continue;
      std::string cls = instance_of(receiver);
      Worker w = Worker::kUnknownExecutor;
      if (is_thread_class(cls)) w = Worker::kThread;
      else if (is_process_class(cls)) w = Worker::kProcess;
      else if (attr != "submit") continue;  // `.map(f, xs)` on anything else is not a hand-off
      mark(args.positional[0], w, call);
    }
  }
  // Functions called from a worker run in that worker too.
  std::size_t guard = 0;
  while (!queue.empty() && ++guard < 100000) {
    NodeId d = queue.front();
    queue.pop_front();
    auto from = I.workers[d];
    auto it = I.callees.find(d);
    if (it == I.callees.end()) continue;
    for (NodeId callee : it->second) {
      auto w = I.workers.find(callee);
      if (w == I.workers.end() || (from.first == Worker::kThread && w->second.first != Worker::kThread)) {
        I.workers[callee] = from;
        queue.push_back(callee);
      }
    }
  }
}

Model::~Model() = default;

std::string Model::qualified_name(TSNode expr) const {
  const syntax::Tree& t = idx_.tree();
  expr = py::unparen(expr);
  if (syntax::null(expr)) return {};
  std::string_view ty = syntax::type(expr);
  if (ty == "call") return callee_name(expr);
  if (ty == "attribute") {
    std::string base = qualified_name(syntax::field(expr, "object"));
    if (base.empty() || syntax::is(py::unparen(syntax::field(expr, "object")), "call")) return {};
    return base + "." + std::string(t.text(syntax::field(expr, "attribute")));
  }
  if (ty != "identifier") return {};
  NodeId id = idx_.find(expr);
  if (id == kNoNode) return {};
  std::string_view name = idx_.text(id);
  NodeId scope = idx_.resolve(idx_.scope(id), name);
  if (scope == kNoNode) return std::string(name);  // builtin or unbound
  const Binding* b = py::current_binding(idx_, id);
  if (b == nullptr) return {};
  auto it = impl_->import_name.find(b->name);
  return it == impl_->import_name.end() ? std::string() : it->second;
}

std::string Model::callee_name(TSNode call) const {
  if (!syntax::is(call, "call")) return {};
  TSNode f = py::unparen(syntax::field(call, "function"));
  if (syntax::is(f, "call")) return {};
  return qualified_name(f);
}

bool Model::is(TSNode expr, std::string_view qualified) const { return qualified_name(expr) == qualified; }

namespace {

// The value expression of the `with` item whose `as` target is `name`.
TSNode with_value(const rules::NodeIndex& idx, NodeId name) {
  NodeId p = idx.parent(name);
  while (p != kNoNode && !idx.is(p, "as_pattern")) {
    if (idx.is(p, "with_statement")) return TSNode{};
    p = idx.parent(p);
  }
  if (p == kNoNode) return TSNode{};
  TSNode as = idx.node(p);
  TSNode target = syntax::field(as, "alias");
  if (syntax::null(target)) return TSNode{};
  TSNode inner = ts_node_named_child_count(target) > 0 ? ts_node_named_child(target, 0) : target;
  if (!ts_node_eq(py::unparen(inner), idx.node(name)) && !ts_node_eq(target, idx.node(name))) return TSNode{};
  return ts_node_named_child(as, 0);
}

}  // namespace

std::string Model::instance_of(TSNode expr) const {
  const syntax::Tree& t = idx_.tree();
  for (int depth = 0; depth < 8; ++depth) {
    expr = py::unparen(expr);
    if (syntax::null(expr)) return {};
    std::string_view ty = syntax::type(expr);
    if (ty == "call") {
      TSNode f = py::unparen(syntax::field(expr, "function"));
      if (syntax::is(f, "attribute") && syntax::is(py::unparen(syntax::field(f, "object")), "call")) {
        std::string inner = instance_of(syntax::field(f, "object"));
        return inner.empty() ? inner : inner + "." + std::string(t.text(syntax::field(f, "attribute")));
      }
      return qualified_name(f);
    }
    if (ty == "identifier") {
      NodeId id = idx_.find(expr);
      if (id == kNoNode) return {};
      const Binding* b = py::current_binding(idx_, id);
      if (b == nullptr) return {};
      if (b->owner != kNoNode && idx_.is(b->owner, "with_statement")) {
        expr = with_value(idx_, b->name);
        continue;
      }
      TSNode v = py::binding_value(idx_, *b);
      if (syntax::null(v) || !syntax::is(py::unparen(v), "call")) return {};
      expr = v;
      continue;
    }
    if (ty == "attribute") {
      TSNode obj = py::unparen(syntax::field(expr, "object"));
      if (!syntax::is(obj, "identifier")) return {};
      NodeId id = idx_.find(obj);
      NodeId fn = id == kNoNode ? kNoNode : idx_.enclosing_function(id);
      NodeId cls = method_class(idx_, fn);
      if (cls == kNoNode || t.text(obj) != first_param(idx_, fn)) return {};
      auto c = impl_->self_attrs.find(cls);
      if (c == impl_->self_attrs.end()) return {};
      auto a = c->second.find(t.text(syntax::field(expr, "attribute")));
      if (a == c->second.end() || !syntax::is(py::unparen(a->second), "call")) return {};
      expr = a->second;
      continue;
    }
    return {};
  }
  return {};
}

Kind Model::kind_of(TSNode identifier) const {
  if (!syntax::is(identifier, "identifier")) return Kind::kUnknown;
  NodeId id = idx_.find(identifier);
  if (id == kNoNode) return Kind::kUnknown;
  const Binding* b = py::current_binding(idx_, id);
  if (b == nullptr || b->owner == kNoNode) return Kind::kUnknown;
  if (b->use == Use::kParam) return Kind::kUnknown;
  if (idx_.is(b->owner, "function_definition"))
    return idx_.is_async_def(b->owner) ? Kind::kAsyncFunction : Kind::kFunction;
  if (idx_.is(b->owner, "class_definition")) return Kind::kClass;
  if (impl_->module_binding.count(b->name)) return Kind::kModule;
  TSNode v = py::unparen(py::binding_value(idx_, *b));
  if (syntax::null(v)) return Kind::kUnknown;
  std::string_view t = syntax::type(v);
  if (t == "list" || t == "list_comprehension" || py::is_builtin_call(idx_, v, "list")) return Kind::kList;
  if (t == "set" || t == "set_comprehension" || py::is_builtin_call(idx_, v, "set")) return Kind::kSet;
  if (t == "dictionary" || t == "dictionary_comprehension" || py::is_builtin_call(idx_, v, "dict"))
    return Kind::kDict;
  if (t == "tuple") return Kind::kTuple;
  return Kind::kUnknown;
}

NodeId Model::function_of(TSNode expr) const {
  expr = py::unparen(expr);
  if (syntax::is(expr, "identifier")) {
    NodeId id = idx_.find(expr);
    if (id == kNoNode) return kNoNode;
    const Binding* b = py::current_binding(idx_, id);
    if (b == nullptr || b->use != Use::kStore || b->owner == kNoNode || !idx_.is(b->owner, "function_definition"))
      return kNoNode;
    return b->owner;
  }
  if (syntax::is(expr, "attribute")) {
    TSNode obj = py::unparen(syntax::field(expr, "object"));
    if (!syntax::is(obj, "identifier")) return kNoNode;
    NodeId id = idx_.find(obj);
    NodeId fn = id == kNoNode ? kNoNode : idx_.enclosing_function(id);
    NodeId cls = method_class(idx_, fn);
    if (cls == kNoNode || idx_.text(id) != first_param(idx_, fn)) return kNoNode;
    const auto& bs = idx_.bindings(cls, idx_.tree().text(syntax::field(expr, "attribute")));
    for (auto it = bs.rbegin(); it != bs.rend(); ++it)
      if (it->use == Use::kStore && it->owner != kNoNode && idx_.is(it->owner, "function_definition"))
        return it->owner;
  }
  return kNoNode;
}

bool Model::is_async_def(TSNode def) {
  if (!syntax::is(def, "function_definition")) return false;
  // While the rules run, the index answers from the def's text.
  if (const rules::NodeIndex* idx = rules::current_index(def.tree)) {
    rules::NodeId i = idx->find(def);
    if (i != rules::kNoNode) return idx->is_async(i);
  }
  TSNode first = ts_node_child(def, 0);
  return syntax::type(first) == "async";
}

Context Model::context(TSNode n) const { return context(idx_.find(n)); }

Context Model::context(NodeId n) const {
  Context c;
  if (n == kNoNode || n >= idx_.size()) return c;
  c.function = idx_.enclosing_function(n);
  if (c.function != kNoNode) {
    c.in_async = idx_.is_async_def(c.function);
    c.worker = worker_of(c.function);
  }
  // Loops between the node and its function (a for's iterable and a loop's
  // `else` run once, so they do not count).
  NodeId child = n;
  for (NodeId p = idx_.parent(n); p != kNoNode && p != c.function; child = p, p = idx_.parent(p)) {
    if (idx_.is(p, "for_statement")) {
      if (idx_.in_field(child, "body")) {
        ++c.loop_depth;
        if (c.innermost_loop == kNoNode) c.innermost_loop = p;
      }
    } else if (idx_.is(p, "while_statement")) {
      if (idx_.in_field(child, "body") || idx_.in_field(child, "condition")) {
        ++c.loop_depth;
        if (c.innermost_loop == kNoNode) c.innermost_loop = p;
      }
    } else if (idx_.is_comprehension(p) && idx_.scope(child) == p) {
      ++c.comprehension_depth;
    } else if (idx_.is(p, "class_definition") || idx_.is_function_scope(p)) {
      break;
    }
  }
  return c;
}

Worker Model::worker_of(NodeId def) const {
  auto it = impl_->workers.find(def);
  return it == impl_->workers.end() ? Worker::kNone : it->second.first;
}

TSNode Model::worker_call(NodeId def) const {
  auto it = impl_->workers.find(def);
  return it == impl_->workers.end() ? TSNode{} : it->second.second;
}

const std::vector<HandOff>& Model::hand_offs() const { return impl_->hand_offs; }

const std::vector<NodeId>& Model::callees(NodeId def) const {
  auto it = impl_->callees.find(def);
  return it == impl_->callees.end() ? impl_->none : it->second;
}

// ---- sharing one model per lint() run ----

namespace {
ModelScope* g_scope = nullptr;
struct Fallback {
  std::unique_ptr<rules::NodeIndex> index;
  std::unique_ptr<Model> model;
};
Fallback g_fallback;
}  // namespace

ModelScope::ModelScope(const syntax::Tree& tree) : tree_(tree), prev_(g_scope) { g_scope = this; }

ModelScope::~ModelScope() { g_scope = prev_; }

const Model& model_of(const syntax::Tree& tree) {
  for (ModelScope* s = g_scope; s != nullptr; s = s->prev_) {
    if (&s->tree_ != &tree) continue;
    if (!s->model_) s->model_ = std::make_unique<Model>(rules::index_of(tree));
    return *s->model_;
  }
  g_fallback.model.reset();
  g_fallback.index = std::make_unique<rules::NodeIndex>(tree);
  g_fallback.model = std::make_unique<Model>(*g_fallback.index);
  return *g_fallback.model;
}

}  // namespace pitfall::analysis
