// VM setup and teardown, object deallocation, tracebacks in CPython's format
// (Python/traceback.c, Lib/traceback.py for the 3.11+ caret lines), imports.
#include "sim/vm/name_suggestions.h"
#include "sim/vm/vm.h"

#include <cstring>
#include <type_traits>

#include "sim/costs/cost_table.h"
#include "sim/vm/builtin_row_cache.h"
#include "sim/modules/asyncio_state.h"
#include "sim/modules/exception_groups.h"
#include "sim/vm/instance_new.h"
#include "sim/vm/native_attrs.h"
#include "sim/vm/traceback_carets.h"
#include "sim/vm/vm_memory.h"
#include "sim/vm/vm_memory_scalars.h"
#include "sim/vm/weakrefs.h"

namespace pitfall::sim {

namespace {
thread_local VM* g_current = nullptr;
}
VM* current_vm() { return g_current; }
void set_current_vm(VM* vm) {
  g_current = vm;
  g_obj_heap = vm ? &vm->heap : nullptr;
}

ObjHeap* g_obj_heap = nullptr;
bool g_obj_heap_teardown = false;

// ObjHeap: objects/obj_heap.cpp

const char* op_name(int op) {
  static const char* names[] = {
#define X(n) #n,
      PITFALL_OPCODES(X)
#undef X
  };
  return op >= 0 && op < kOpCount ? names[op] : "?";
}

bool op_is_jump(int op) {
  switch (op) {
    case FOR_ITER: case JUMP_FORWARD: case JUMP_BACKWARD: case POP_JUMP_IF_FALSE: case POP_JUMP_IF_TRUE:
    case JUMP_IF_FALSE_OR_POP: case JUMP_IF_TRUE_OR_POP: case SEND: case SETUP_FINALLY: case SETUP_CLEANUP:
      return true;
    default: return false;
  }
}

const char* binop_symbol(int op) {
  static const char* s[] = {"+", "&", "//", "<<", "@", "*", "%", "|", "**", ">>", "-", "/", "^",
                            "+=", "&=", "//=", "<<=", "@=", "*=", "%=", "|=", "**=", ">>=", "-=", "/=", "^="};
  return op >= 0 && op < 26 ? s[op] : "?";
}

int Args::nkw() const { return kwn ? int(kwn->items.size()) : 0; }
Ref Args::kw(const char* name) const {
  if (!kwn) return nullptr;
  for (size_t i = 0; i < kwn->items.size(); ++i)
    if (kwn->items[i].as<StrObj>()->s == name) return kwv[i];
  return nullptr;
}

static void obj_dealloc_body(VM* vm, Obj* o);
static void obj_dealloc_general(VM* vm, Obj* o);

namespace {
// Frees a built-in int or float (T: IntObj or FloatObj, checked by the
// caller's tag and class) without the general path's calls: what ~T and
// VmMemory::destroyed do, called directly, inside the same free cascade.
template <class T>
[[gnu::always_inline]] inline void free_scalar(VM* vm, T* o) {
  if (o->heap_id) {
    ObjHeap* heap = g_obj_heaps[o->heap_id];
    if (o->mem_slot && heap->hooks) {
      if (heap->hooks == vm->memory.get()) vm->memory->destroyed_scalar(o);  // (inline: vm_memory_scalars.h)
      else heap->hooks->destroyed(o);
    }
    heap->remove(o);
  }
  // ~T would do nothing more (the hook ran, the heap is left, and T's and
  // Obj's members are trivially destructible): the storage is released
  // without running it, which ends the object's lifetime as well
  static_assert(std::is_trivially_destructible_v<decltype(T::v)>);
  Obj::operator delete(o, sizeof(T));
  // inside the cascade's enter() and leave() (the hooks above free nothing)
  if (double ns = vm->free_cascade.leaf()) vm->charge(ns);
}
}  // namespace

namespace {
// The whole free of an accounted built-in int or float when nothing in it
// needs to call out (VmMemory::destroyed_scalar_fast; the heap's table,
// the object pool and the free cascade's count are calls already): what
// free_scalar does. Everything is checked before anything changes; false:
// nothing done.
[[gnu::always_inline]] inline bool free_scalar_fast(VM* vm, Obj* o) {
  if (o->weakly_referenced || !((o->tag == Tag::Int && o->cls == vm->rt.int_t) || (o->tag == Tag::Float && o->cls == vm->rt.float_t)))
    return false;
  VmMemory* memory = vm->memory.get();
  if (!o->heap_id || o->heap_id != vm->heap.id || !memory || vm->heap.hooks != memory || !vm->free_cascade.leaf_is_free())
    return false;
  if (!memory->destroyed_scalar_fast(o)) return false;
  vm->heap.remove(o);
  static_assert(sizeof(IntObj) == sizeof(FloatObj) && std::is_trivially_destructible_v<decltype(IntObj::v)> &&
                std::is_trivially_destructible_v<decltype(FloatObj::v)>);
  Obj::operator delete(o, sizeof(IntObj));  // (as free_scalar: ~T would do nothing more)
  vm->free_cascade.leaf_free();
  return true;
}
}  // namespace

void obj_dealloc(Obj* o) {
  VM* vm = g_current;
  if (vm && free_scalar_fast(vm, o)) [[likely]] return;
  obj_dealloc_general(vm, o);
}

[[gnu::noinline]] static void obj_dealloc_general(VM* vm, Obj* o) {
  if (!vm) return obj_dealloc_body(vm, o);
  // an int or float of the built-in types (the most freed objects): none of
  // obj_dealloc_body's hooks apply (the class is compared, not read)
  if (!o->weakly_referenced) {
    if (o->tag == Tag::Int && o->cls == vm->rt.int_t) return free_scalar(vm, static_cast<IntObj*>(o));
    if (o->tag == Tag::Float && o->cls == vm->rt.float_t) return free_scalar(vm, static_cast<FloatObj*>(o));
  }
  vm->free_cascade.enter();  // free_cascade.h: bulk frees past the cache cost more
  obj_dealloc_body(vm, o);
  if (double ns = vm->free_cascade.leave()) vm->charge(ns);
}

static void obj_dealloc_body(VM* vm, Obj* o) {
  // an int or float of the built-in types (the most freed objects): none of the hooks below apply
  // (the class is compared, not read: at the runtime's teardown it may be gone already)
  if ((o->tag == Tag::Int || o->tag == Tag::Float) && !o->weakly_referenced && vm &&
      (o->cls == vm->rt.int_t || o->cls == vm->rt.float_t)) {
    delete o;
    return;
  }
  if ((o->tag == Tag::Instance) && vm && o->cls->has_del && !(vm->memory && vm->memory->finalized(o))) {
    // __del__ runs with the object resurrected for the duration of the call
    o->rc = 1;
    vm->on_dealloc_instance(static_cast<InstanceObj*>(o));
    if (--o->rc > 0) return;
  }
  if (o->tag == Tag::Generator && vm && static_cast<GenObj*>(o)->ag_hooks_inited) {
    // an async generator's finalizer (genobject.c _PyGen_Finalize): the loop's hook may resurrect it
    o->rc = 1;
    asyncio_agen_dealloc(*vm, static_cast<GenObj*>(o));
    if (--o->rc > 0) return;
  }
  if (o->weakly_referenced && vm) clear_weakrefs_on_dealloc(*vm, o);  // PyObject_ClearWeakRefs
  ClassObj* cls = o->cls;
  if (o->tag == Tag::Class) type_attrs_changed();  // its address may come back as another class (type_cache.h)
  if (vm && is_native_subclass_instance(o) && !vm->native_attrs.empty()) drop_native_attrs(*vm, o);
  bool user = (o->tag == Tag::Instance || o->tag == Tag::Exception || o->tag == Tag::Dict || o->tag == Tag::List) && cls && !cls->builtin;
  delete o;
  if (user && --cls->rc == 0) obj_dealloc(cls);
}

InstanceObj::~InstanceObj() = default;

GenObj::~GenObj() {
  if (coroutine && !started && !finished && frame)
    if (VM* vm = current_vm(); vm && !vm->finalizing) warn_never_awaited(*vm, qualname ? qualname.as<StrObj>()->s : std::string("?"));
  if (frame) {
    Frame* f = frame;
    frame = nullptr;
    delete f;
  }
}

void VM::on_dealloc_instance(InstanceObj* o) {
  Ref m = lookup_type(o->cls, rt.intern("__del__").as<StrObj>());
  if (!m) return;
  Ref saved_exc = std::move(exc);
  Ref self(o);
  Ref r = call1(m, self);
  if (!r) write_unraisable(m, "<function>");
  self.release();  // the caller drops the resurrected reference
  --o->rc;
  exc = std::move(saved_exc);
}

void VM::write_unraisable(const Ref& where, const char* fallback) {
  std::string rep;
  if (!repr_to(where, rep)) rep = fallback;
  err += "Exception ignored in: " + rep + "\n";
  exc.reset();
}

void init_builtin_dir(VM& vm);       // modules/builtin_dir.cpp
void install_builtin_arity(VM& vm);  // modules/builtin_arity.cpp
void install_method_self_checks(VM& vm);  // method_self_check.cpp

VM::VM(const std::string& fname, const std::string& src, const std::string& py) : filename(fname), source(src), python(py) {
  set_current_vm(this);
  rt.python_minor = python_minor();
  size_t start = 0;
  while (start <= source.size()) {
    size_t e = source.find('\n', start);
    if (e == std::string::npos) { source_lines.push_back(source.substr(start)); break; }
    source_lines.push_back(source.substr(start, e - start));
    start = e + 1;
  }
  lines.resize(source_lines.size() + 2);
  modules = rt.make_dict();
  init_types(*this);
  init_builtins(*this);
  init_int_builtins(*this);
  init_builtin_subclassing(*this);
  init_new_methods(*this);
  init_percent_format(*this);
  init_builtin_dir(*this);
  install_builtin_arity(*this);  // last: checks the built-ins registered above
  install_method_self_checks(*this);
}

VM::~VM() {
  finalizing = true;
  set_current_vm(this);
  while (!frames.empty()) {
    Frame* f = frames.back();
    frames.pop_back();
    if (!f->gen) delete f;
  }
  exc.reset();
  exc_info.reset();
  loop.reset();
  pending_tasks.clear();
  if (main_module) {
    // clear module globals like CPython's finalization so __del__ runs
    DictObj* d = main_module.as<ModuleObj>()->dict.as<DictObj>();
    std::vector<DictEntry> es;
    es.swap(d->entries);
    d->index.clear();
    d->used = 0;
    es.clear();
  }
  main_module.reset();
  modules.reset();
  base_exception_group.reset();
  builtins.reset();
  { auto attrs = std::move(native_attrs); native_attrs.clear(); }
  set_current_vm(nullptr);
}

double VM::builtin_ns(const char* key, double n) const {
  ++builtin_charges;
  if (!cost_table) return 0;
  const auto& table = *static_cast<const costs::CostTable*>(cost_table);
  static thread_local BuiltinRowCache rows;  // builtin_row_cache.h
  return costs::CostTable::size_cost_ns(rows.row(table, key), n);
}

Ref VM::make_builtin(const char* name, BuiltinFn fn, Ref data) {
  Ref b = make<BuiltinObj>(rt.builtin_t, name, fn);
  b.as<BuiltinObj>()->data = std::move(data);
  return b;
}

void VM::add_method(ClassObj* t, const char* name, BuiltinFn fn) {
  Ref b = make<BuiltinObj>(rt.builtin_t, name, fn);
  b.as<BuiltinObj>()->is_method = true;
  const char* dot = std::strrchr(name, '.');
  dict_set(t->dict.as<DictObj>(), rt.intern(dot ? dot + 1 : name), b);
}

Ref VM::import(const std::string& name) {
  Ref key = rt.intern(name);
  Ref m = dict_get(modules.as<DictObj>(), key);
  if (m) return m;
  if (memory) memory->suspend(true);  // imports happen before CPython's measured window
  m = create_module(*this, name);
  if (memory) memory->suspend(false);
  if (!m) {
    if (exc) return nullptr;
    std::string top = name.substr(0, name.find('.'));
    return raise(rt.ModuleNotFoundError, "No module named '" + name + "'");
  }
  dict_set(modules.as<DictObj>(), key, m);
  if (memory) memory->imported(name);
  // a submodule becomes an attribute of its package (importlib._bootstrap._load_unlocked):
  // `import collections.abc` binds collections.abc
  if (const auto dot = name.rfind('.'); dot != std::string::npos) {
    Ref parent = import(name.substr(0, dot));
    if (!parent) exc.reset();  // a package the simulator does not model: the submodule alone
    else if (parent->tag == Tag::Module && parent.as<ModuleObj>()->dict && parent.as<ModuleObj>()->dict->tag == Tag::Dict) {
      DictObj* pd = parent.as<ModuleObj>()->dict.as<DictObj>();
      Ref child = rt.intern(name.substr(dot + 1));
      if (!dict_get_str(pd, child.as<StrObj>())) dict_set(pd, child, m);
    }
  }
  return m;
}

// ---- tracebacks ----

static std::string rstrip(const std::string& s) {
  size_t e = s.find_last_not_of(" \t\r\n");
  return e == std::string::npos ? "" : s.substr(0, e + 1);
}

std::string VM::format_exception(const Ref& e) {
  std::string out;
  if (e->tag != Tag::Exception) return "";
  if (base_exception_group && chain_has_group(*this, e)) return format_exception_groups(*this, e);  // modules/exception_groups.cpp (3.11+)
  auto* eo = e.as<ExceptionObj>();
  if (eo->cause) {
    out += format_exception(eo->cause);
    out += "\nThe above exception was the direct cause of the following exception:\n\n";
  } else if (eo->context && !eo->suppress_context && eo->context.get() != e.get()) {
    out += format_exception(eo->context);
    out += "\nDuring handling of the above exception, another exception occurred:\n\n";
  }
  if (!eo->trace.empty()) {
    out += "Traceback (most recent call last):\n";
    out += format_traceback_stack(e);
  }
  return out + format_exception_only(e);
}

// The "  File ..., line N, in f" lines (with source and carets) of e's traceback.
std::string VM::format_traceback_stack(const Ref& e) {
  std::string out;
  auto* eo = e.as<ExceptionObj>();
  // a line printed more than three times in a row is folded, as
  // Python/traceback.c tb_print_internal does (TB_RECURSIVE_CUTOFF)
  const CodeObj* last_code = nullptr;
  int last_line = -1, repeats = 0;
  auto fold = [&out, &repeats] {
    if (repeats > 3)
      out += "  [Previous line repeated " + std::to_string(repeats - 3) + " more time" + (repeats - 3 > 1 ? "s" : "") + "]\n";
  };
  for (auto it = eo->trace.rbegin(); it != eo->trace.rend(); ++it) {
    CodeObj* co = it->code.as<CodeObj>();
    int ip = it->ip < 0 ? 0 : it->ip;
    Pos p = ip < int(co->pos.size()) ? co->pos[size_t(ip)] : Pos{};
    bool same = last_code && co->filename == last_code->filename && co->name == last_code->name && p.line == last_line;
    if (!same) {
      fold();
      repeats = 0;
    }
    last_code = co;
    last_line = p.line;
    if (++repeats > 3) continue;
    out += "  File \"" + co->filename + "\", line " + std::to_string(p.line) + ", in " + co->name + "\n";
    if (co->library) continue;  // simulator-provided module: no source to quote
    if (co->filename != filename) continue;  // compiled from a string (exec/eval): no source file
    if (p.line >= 1 && p.line <= int(source_lines.size())) {
      std::string ln = source_lines[size_t(p.line - 1)];
      size_t indent = ln.find_first_not_of(" \t");
      if (indent == std::string::npos) continue;
      std::string stripped = rstrip(ln.substr(indent));
      out += "    " + stripped + "\n";
      out += traceback_caret_line(python, p, ln);  // 3.11+: under the failing expression
    }
  }
  fold();
  return out;
}

// "Type: message\n" and the add_note() notes (format_exception_only).
std::string VM::format_exception_only(const Ref& e) {
  std::string out;
  auto* eo = e.as<ExceptionObj>();
  std::string msg;
  Ref saved = std::move(exc);
  if (!str_to(e, msg)) { msg = "<exception str() failed>"; exc.reset(); }
  exc = std::move(saved);
  std::string tn = e->cls->module == "builtins" || e->cls->module == "__main__" ? e->cls->name : e->cls->module + "." + e->cls->name;
  msg += name_suggestion(*this, e);  // ". Did you mean: 'x'?" (vm/name_suggestions.h)
  out += msg.empty() ? tn + "\n" : tn + ": " + msg + "\n";
  // add_note()'s notes, one per line after the message (print_exception_notes)
  if (eo->dict && eo->dict->tag == Tag::Dict) {
    Ref notes = dict_get_str(eo->dict.as<DictObj>(), rt.intern("__notes__").as<StrObj>());
    if (notes && notes->tag == Tag::List)
      for (auto& n : notes.as<ListObj>()->items) out += (n->tag == Tag::Str ? n.as<StrObj>()->s : "<note str() failed>") + "\n";
  }
  return out;
}

}  // namespace pitfall::sim
