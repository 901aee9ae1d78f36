// Exception groups (see exception_groups.h). Notes about the model:
// - The classes, split/subgroup/derive and the two except* steps are Python
//   source (exception_groups_py.cpp) run as the hidden module `_pitfall_eg`
//   before the program starts (outside any measured window, like CPython's
//   built-in types); the natives here copy or compare what Python code cannot
//   reach: the traceback entries, cause and context of an exception.
// - A group's message and exceptions live in the ExceptionObj's `value` slot
//   (only StopIteration reads it), so `vars(group)` stays empty as in CPython.
// - Tracebacks follow Lib/traceback.py (3.11): a group prints as
//   "Exception Group Traceback" with a "| " margin per nesting level and a
//   numbered box per sub-exception, at most 15 per group and 10 levels deep.
#include "sim/modules/exception_groups.h"

#include <set>

#include "sim/compiler/compiler.h"

namespace pitfall::sim {

extern const char* const kExceptionGroupPy;  // exception_groups_py.cpp

namespace {

constexpr const char* kModule = "_pitfall_eg";
constexpr int kMaxGroupWidth = 15, kMaxGroupDepth = 10;

ExceptionObj* exc_arg(VM& vm, Args& a, int i) {
  if (a.n <= i || a.v[i]->tag != Tag::Exception) {
    vm.raise(vm.rt.TypeError, "an exception object is required");
    return nullptr;
  }
  return a.v[i].as<ExceptionObj>();
}

// set_parts(group, message, exceptions_tuple)
Ref eg_set_parts(VM& vm, Args& a) {
  ExceptionObj* g = exc_arg(vm, a, 0);
  if (!g || a.n < 3) return g ? vm.raise(vm.rt.TypeError, "set_parts() takes 3 arguments") : nullptr;
  g->value = vm.rt.make_tuple({a.v[1], a.v[2]});
  return vm.rt.None;
}

// parts(group) -> (message, exceptions_tuple)
Ref eg_parts(VM& vm, Args& a) {
  ExceptionObj* g = exc_arg(vm, a, 0);
  if (!g) return nullptr;
  if (!g->value || g->value->tag != Tag::Tuple) return vm.raise(vm.rt.TypeError, "exception group was not initialised by BaseExceptionGroup.__new__");
  return g->value;
}

Ref notes_of(VM& vm, ExceptionObj* e) {
  if (!e->dict || e->dict->tag != Tag::Dict) return nullptr;
  return vm.dict_get_str(e->dict.as<DictObj>(), vm.rt.intern("__notes__").as<StrObj>());
}

// copy_meta(src, dst): traceback, cause, context and notes of a derived group
// (exceptions.c exceptiongroup_subset)
Ref eg_copy_meta(VM& vm, Args& a) {
  ExceptionObj* s = exc_arg(vm, a, 0);
  ExceptionObj* d = s ? exc_arg(vm, a, 1) : nullptr;
  if (!d) return nullptr;
  d->trace = s->trace;
  d->cause = s->cause;
  d->context = s->context;
  d->suppress_context = s->suppress_context;
  Ref notes = notes_of(vm, s);
  if (notes && notes->tag == Tag::List) {
    if (!d->dict) d->dict = vm.rt.make_dict();
    Ref copy = vm.rt.make_list();
    copy.as<ListObj>()->items = notes.as<ListObj>()->items;
    vm.dict_set(d->dict.as<DictObj>(), vm.rt.intern("__notes__"), copy);
  }
  return vm.rt.None;
}

// copy_traceback(src, dst): a naked exception wrapped by except* keeps its traceback
Ref eg_copy_traceback(VM& vm, Args& a) {
  ExceptionObj* s = exc_arg(vm, a, 0);
  ExceptionObj* d = s ? exc_arg(vm, a, 1) : nullptr;
  if (!d) return nullptr;
  d->trace = s->trace;
  return vm.rt.None;
}

// same_meta(a, b): is_same_exception_metadata (ceval.c): a re-raised part of
// the original group rather than a new exception raised by a handler
Ref eg_same_meta(VM& vm, Args& a) {
  ExceptionObj* x = exc_arg(vm, a, 0);
  ExceptionObj* y = x ? exc_arg(vm, a, 1) : nullptr;
  if (!y) return nullptr;
  bool same = x->cause.get() == y->cause.get() && x->context.get() == y->context.get() && x->trace.size() == y->trace.size();
  for (size_t i = 0; same && i < x->trace.size(); ++i)
    same = x->trace[i].code.get() == y->trace[i].code.get() && x->trace[i].ip == y->trace[i].ip;
  return vm.rt.make_bool(same);
}

Ref module_fn(VM& vm, const char* name) {
  Ref m = vm.import(kModule);
  if (!m) return nullptr;
  return vm.dict_get_str(m.as<ModuleObj>()->dict.as<DictObj>(), vm.rt.intern(name).as<StrObj>());
}

// drop the helper module's own frames from an exception raised through it
void strip_helper_frames(VM& vm) {
  if (!vm.exc || vm.exc->tag != Tag::Exception) return;
  auto& tr = vm.exc.as<ExceptionObj>()->trace;
  std::vector<TraceEntry> keep;
  for (auto& t : tr)
    if (t.code.as<CodeObj>()->filename != std::string(kModule) + ".py") keep.push_back(t);
  tr.swap(keep);
}

std::vector<Ref> members(VM& vm, const Ref& e) {
  Ref p = e.as<ExceptionObj>()->value;
  if (!p || p->tag != Tag::Tuple || p.as<TupleObj>()->items.size() != 2) return {};
  Ref excs = p.as<TupleObj>()->items[1];
  if (excs->tag != Tag::Tuple) return {};
  (void)vm;
  return excs.as<TupleObj>()->items;
}

// ---- tracebacks (Lib/traceback.py: TracebackException.format, _ExceptionPrintContext) ----

struct PrintCtx {
  int depth = 0;
  bool need_close = false;
  std::string indent() const { return std::string(size_t(2 * depth), ' '); }
};

void emit(std::string& out, const PrintCtx& c, const std::string& text, const char* margin = "|") {
  std::string pre = c.indent();
  if (c.depth) pre += std::string(margin) + " ";
  size_t i = 0;
  while (i < text.size()) {
    size_t nl = text.find('\n', i);
    size_t end = nl == std::string::npos ? text.size() : nl + 1;
    out += pre + text.substr(i, end - i);
    i = end;
  }
}

void format_rec(VM& vm, const Ref& e, PrintCtx& c, std::string& out, std::set<const Obj*>& seen) {
  static const char* kCause = "\nThe above exception was the direct cause of the following exception:\n\n";
  static const char* kContext = "\nDuring handling of the above exception, another exception occurred:\n\n";
  std::vector<std::pair<const char*, Ref>> chain;
  Ref x = e;
  seen.insert(x.get());
  while (x) {
    auto* eo = x.as<ExceptionObj>();
    const char* msg = nullptr;
    Ref next;
    if (eo->cause && eo->cause->tag == Tag::Exception && !seen.count(eo->cause.get())) {
      msg = kCause;
      next = eo->cause;
    } else if (!eo->cause && eo->context && !eo->suppress_context && eo->context->tag == Tag::Exception &&
               !seen.count(eo->context.get())) {
      msg = kContext;
      next = eo->context;
    }
    chain.push_back({msg, x});
    if (next) seen.insert(next.get());
    x = next;
  }
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    if (it->first) emit(out, c, it->first);
    const Ref& ex = it->second;
    auto* eo = ex.as<ExceptionObj>();
    if (!is_exception_group(vm, ex)) {
      if (!eo->trace.empty()) {
        emit(out, c, "Traceback (most recent call last):\n");
        emit(out, c, vm.format_traceback_stack(ex));
      }
      emit(out, c, vm.format_exception_only(ex));
      continue;
    }
    if (c.depth > kMaxGroupDepth) {
      emit(out, c, "... (max_group_depth is " + std::to_string(kMaxGroupDepth) + ")\n");
      continue;
    }
    bool top = c.depth == 0;
    if (top) ++c.depth;
    if (!eo->trace.empty()) {
      emit(out, c, "Exception Group Traceback (most recent call last):\n", top ? "+" : "|");
      emit(out, c, vm.format_traceback_stack(ex));
    }
    emit(out, c, vm.format_exception_only(ex));
    std::vector<Ref> subs = members(vm, ex);
    int num = int(subs.size());
    int n = num <= kMaxGroupWidth ? num : kMaxGroupWidth + 1;
    c.need_close = false;
    for (int i = 0; i < n; ++i) {
      bool last = i == n - 1;
      if (last) c.need_close = true;
      bool truncated = i >= kMaxGroupWidth;
      std::string title = truncated ? "..." : std::to_string(i + 1);
      out += c.indent() + (i == 0 ? "+-" : "  ") + "+---------------- " + title + " ----------------\n";
      ++c.depth;
      if (!truncated) {
        format_rec(vm, subs[size_t(i)], c, out, seen);
      } else {
        int remaining = num - kMaxGroupWidth;
        emit(out, c, "and " + std::to_string(remaining) + " more exception" + (remaining > 1 ? "s" : "") + "\n");
      }
      if (last && c.need_close) {
        out += c.indent() + "+------------------------------------\n";
        c.need_close = false;
      }
      --c.depth;
    }
    if (top) c.depth = 0;
  }
}

}  // namespace

bool install_exception_groups(VM& vm) {
  auto& rt = vm.rt;
  Ref m = make<ModuleObj>(rt.module_t, kModule);
  m.as<ModuleObj>()->dict = rt.make_dict();
  DictObj* d = m.as<ModuleObj>()->dict.as<DictObj>();
  vm.dict_set(d, rt.intern("__name__"), rt.make_str(kModule));
  auto fn = [&](const char* n, BuiltinFn f) { vm.dict_set(d, rt.intern(n), vm.make_builtin(n, f)); };
  fn("_set_parts", eg_set_parts);
  fn("_parts", eg_parts);
  fn("copy_meta", eg_copy_meta);
  fn("copy_traceback", eg_copy_traceback);
  fn("same_meta", eg_same_meta);
  CompileResult cr = compile_module(rt, std::string(kModule) + ".py", kExceptionGroupPy);
  if (!cr.code) {
    vm.raise(rt.RuntimeError, "internal: the simulator's exception groups do not compile: " + cr.error);
    return false;
  }
  std::vector<CodeObj*> todo{cr.code.as<CodeObj>()};
  while (!todo.empty()) {  // library code: no per-line statistics, no quoted source
    CodeObj* co = todo.back();
    todo.pop_back();
    co->library = true;
    for (auto& k : co->consts)
      if (k && k->tag == Tag::Code) todo.push_back(k.as<CodeObj>());
  }
  vm.dict_set(vm.modules.as<DictObj>(), rt.intern(kModule), m);
  Frame* f = vm.new_frame(nullptr, cr.code.as<CodeObj>(), m.as<ModuleObj>()->dict, nullptr);
  size_t base = vm.frames.size();
  vm.frames.push_back(f);
  Ref result;
  ++vm.nested;  // a nested run, as for an import: never sliced by the scheduler
  Stop st = vm.eval(base, result);
  --vm.nested;
  if (st == Stop::Exception) return false;
  for (const char* n : {"BaseExceptionGroup", "ExceptionGroup"}) {
    Ref c = vm.dict_get_str(d, rt.intern(n).as<StrObj>());
    if (!c || c->tag != Tag::Class) {
      vm.raise(rt.RuntimeError, std::string("internal: ") + n + " is missing");
      return false;
    }
    c.as<ClassObj>()->module = "builtins";
    vm.dict_set(vm.builtins.as<DictObj>(), rt.intern(n), c);
    if (std::string(n) == "BaseExceptionGroup") vm.base_exception_group = c;
  }
  return true;
}

bool is_exception_group(VM& vm, const Ref& e) {
  if (!vm.base_exception_group || !e || e->tag != Tag::Exception) return false;
  return VM::is_subclass(e->cls, vm.base_exception_group.as<ClassObj>());
}

bool chain_has_group(VM& vm, const Ref& e) {
  std::set<const Obj*> seen;
  Ref x = e;
  while (x && x->tag == Tag::Exception && seen.insert(x.get()).second) {
    if (is_exception_group(vm, x)) return true;
    auto* eo = x.as<ExceptionObj>();
    x = eo->cause ? eo->cause : eo->context;
  }
  return false;
}

std::string format_exception_groups(VM& vm, const Ref& e) {
  std::string out;
  PrintCtx c;
  std::set<const Obj*> seen;
  format_rec(vm, e, c, out, seen);
  return out;
}

Ref except_star_match(VM& vm, const Ref& exc, const Ref& type) {
  auto& rt = vm.rt;
  ClassObj* beg = vm.base_exception_group ? vm.base_exception_group.as<ClassObj>() : nullptr;
  std::vector<Ref> types;
  if (type->tag == Tag::Tuple) types = type.as<TupleObj>()->items;
  else types.push_back(type);
  for (auto& t : types) {  // check_except_star_type_valid (ceval.c)
    if (t->tag != Tag::Class || !t.as<ClassObj>()->is_exception)
      return vm.raise(rt.TypeError, "catching classes that do not inherit from BaseException is not allowed");
    if (beg && VM::is_subclass(t.as<ClassObj>(), beg))
      return vm.raise(rt.TypeError, "catching ExceptionGroup with except* is not allowed. Use except instead.");
  }
  Ref f = module_fn(vm, "check_eg_match");
  if (!f) return nullptr;
  Ref r = vm.call2(f, exc, type);
  if (!r) strip_helper_frames(vm);
  return r;
}

Ref except_star_reraise(VM& vm, const Ref& orig, const Ref& raised) {
  Ref f = module_fn(vm, "prep_reraise_star");
  if (!f) return nullptr;
  Ref r = vm.call2(f, orig, raised);
  if (!r) strip_helper_frames(vm);
  return r;
}

}  // namespace pitfall::sim
