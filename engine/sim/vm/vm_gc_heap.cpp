// The cyclic collector's view of the VM's objects.
//
// Notes about the model: traverse visits exactly the counted references an
// object holds (as CPython's tp_traverse functions do: list_traverse,
// dict_traverse, subtype_traverse visiting the heap type, func_traverse,
// gen_traverse over the frame's locals and stack...); an object kind whose
// references are not listed here is simply treated as referenced from
// outside, which can keep garbage alive but never frees a live object. clear
// follows the tp_clear functions (list_clear, dict_clear, subtype_clear,
// func_clear, cell_clear...): the collector holds a reference while it runs.
#include "sim/vm/vm_gc_heap.h"

#include <unordered_set>

#include "sim/vm/frame_objects.h"
#include "sim/vm/native_attrs.h"
#include "sim/vm/thread_runtime.h"
#include "sim/vm/vm.h"
#include "sim/vm/vm_memory.h"
#include "sim/vm/weakrefs.h"

namespace pitfall::sim {

namespace {
bool user_type_ref(const Obj* o) {
  // instances of Python classes own a reference to their class (obj_dealloc)
  return (o->tag == Tag::Instance || o->tag == Tag::Exception || o->tag == Tag::Dict || o->tag == Tag::List) &&
         o->cls && !o->cls->builtin;
}
}  // namespace

Obj* VmGcHeap::obj(memory::GcId id) { return m_.gc_object(id); }

std::int64_t VmGcHeap::refcount(memory::GcId id) { return obj(id)->rc; }

void VmGcHeap::traverse(memory::GcId id, memory::GcVisit visit) {
  Obj* o = obj(id);
  // (untrackable references are not visited: every visitor ignores an id the collector does not track)
  auto v = [&](const Ref& r) { if (VmMemory::gc_candidate(r.get())) visit(VmMemory::gc_id(r.get())); };
  if (user_type_ref(o) && VmMemory::gc_candidate(o->cls)) visit(VmMemory::gc_id(o->cls));
  if (is_native_subclass_instance(o))  // subtype_traverse: the __dict__ and slots of a built-in subclass
    if (NativeAttrs* na = native_attrs(m_.vm(), o, false)) { v(na->dict); for (const Ref& x : na->slots) v(x); }
  switch (o->tag) {
    case Tag::List: for (const Ref& x : static_cast<ListObj*>(o)->items) v(x); break;
    case Tag::Tuple: for (const Ref& x : static_cast<TupleObj*>(o)->items) v(x); break;
    case Tag::Dict: case Tag::Set: case Tag::FrozenSet: {
      auto* d = static_cast<DictObj*>(o);
      for (const DictEntry& e : d->entries) { v(e.key); v(e.value); }
      v(d->default_factory);
      break;
    }
    case Tag::Exception: {
      auto* e = static_cast<ExceptionObj*>(o);
      v(e->args); v(e->cause); v(e->context); v(e->value); v(e->traceback);
      [[fallthrough]];
    }
    case Tag::Instance: {
      auto* io = static_cast<InstanceObj*>(o);
      Obj* d = io->dict.get();
      if (d && d->rc == 1 && !m_.gc().is_tracked(VmMemory::gc_id(d))) {
        // values folded into the instance (3.11+ inline values): visit them as its own
        for (const DictEntry& e : static_cast<DictObj*>(d)->entries) { v(e.key); v(e.value); }
      } else {
        v(io->dict);
      }
      for (const Ref& x : io->slots) v(x);
      break;
    }
    case Tag::Cell: v(static_cast<CellObj*>(o)->v); break;
    case Tag::Func: {
      auto* f = static_cast<FuncObj*>(o);
      v(f->code); v(f->globals); v(f->defaults); v(f->kwdefaults); v(f->closure);
      v(f->name); v(f->qualname); v(f->dict); v(f->module); v(f->annotations);
      break;
    }
    case Tag::BoundMethod: { auto* b = static_cast<BoundMethodObj*>(o); v(b->func); v(b->self); break; }
    case Tag::Class: {
      auto* c = static_cast<ClassObj*>(o);
      for (const Ref& b : c->bases) v(b);
      v(c->dict);
      for (const Ref& s : c->slot_names) v(s);
      break;
    }
    case Tag::Module: v(static_cast<ModuleObj*>(o)->dict); break;
    case Tag::Generator: {
      auto* g = static_cast<GenObj*>(o);
      v(g->name); v(g->qualname); v(g->awaiting);
      if (Frame* f = g->frame; f && !g->running) {
        v(f->code_ref); v(f->func); v(f->globals); v(f->locals); v(f->init_self); v(f->kwnames);
        const int nl = f->code->nlocalsplus();
        for (int i = 0; i < nl; ++i) v(f->slots[std::size_t(i)]);
        for (int i = 0; i < f->sp; ++i) v(f->stack[i]);
      }
      break;
    }
    case Tag::Iter: {
      auto* it = static_cast<IterObj*>(o);
      v(it->a); v(it->b); v(it->c);
      for (const Ref& x : it->v) v(x);
      break;
    }
    case Tag::Property: { auto* p = static_cast<PropertyObj*>(o); v(p->fget); v(p->fset); v(p->fdel); break; }
    case Tag::StaticMethod: case Tag::ClassMethod: v(static_cast<WrapperObj*>(o)->f); break;
    case Tag::Super: v(static_cast<SuperObj*>(o)->obj); break;
    case Tag::Builtin: { auto* b = static_cast<BuiltinObj*>(o); v(b->data); v(b->data2); break; }
    case Tag::Other:  // gc_traverse of a weak reference: its callback (the referent is not counted)
      if (is_weakref(o)) { v(static_cast<WeakRefObj*>(o)->a); v(static_cast<WeakRefObj*>(o)->b); }
      if (is_frame_or_traceback(o)) frame_objects_traverse(o, v);
      break;
    default: break;  // native objects: seen as referenced from outside
  }
}

bool VmGcHeap::has_finalizer(memory::GcId id) {
  Obj* o = obj(id);
  return (o->tag == Tag::Instance || o->tag == Tag::Exception) && o->cls->has_del;
}

void VmGcHeap::finalize(memory::GcId id) {
  Obj* o = obj(id);
  VM& vm = m_.vm();
  m_.set_finalized(o);
  Ref m = vm.lookup_type(o->cls, vm.rt.intern("__del__").as<StrObj>());
  if (!m) return;
  Ref self(o);
  Ref saved = std::move(vm.exc);
  Ref r = vm.call1(m, self);
  if (!r) vm.write_unraisable(m, "<function>");
  vm.exc = std::move(saved);
}

void VmGcHeap::clear(memory::GcId id) {
  Obj* o = obj(id);
  Ref keep(o);  // the collector's reference while the object drops its own
  if (o->tag == Tag::Class || (o->tag == Tag::Dict && static_cast<DictObj*>(o)->type_dict)) type_attrs_changed();
  if (is_native_subclass_instance(o)) drop_native_attrs(m_.vm(), o);  // subtype_clear
  switch (o->tag) {
    case Tag::List: { std::vector<Ref> old; old.swap(static_cast<ListObj*>(o)->items); mem_touch(o); break; }
    case Tag::Tuple: { decltype(TupleObj::items) old; old.swap(static_cast<TupleObj*>(o)->items); break; }
    case Tag::Dict: case Tag::Set: case Tag::FrozenSet: {
      auto* d = static_cast<DictObj*>(o);
      std::vector<DictEntry> old;
      old.swap(d->entries);
      d->index.assign(8, -1);
      d->used = 0;
      Ref f = std::move(d->default_factory);
      mem_touch(o);
      break;
    }
    case Tag::Exception: {
      auto* e = static_cast<ExceptionObj*>(o);
      Ref a = std::move(e->args), b = std::move(e->cause), c = std::move(e->context), d = std::move(e->value);
      Ref tb = std::move(e->traceback);
      [[fallthrough]];
    }
    case Tag::Instance: {
      auto* io = static_cast<InstanceObj*>(o);
      Ref d = std::move(io->dict);
      SlotVecOf<Ref> s;
      s.resize(io->slots.size());
      s.swap(io->slots);
      break;
    }
    case Tag::Cell: { Ref x = std::move(static_cast<CellObj*>(o)->v); break; }
    case Tag::Func: {
      auto* f = static_cast<FuncObj*>(o);
      Ref a = std::move(f->defaults), b = std::move(f->kwdefaults), c = std::move(f->closure), d = std::move(f->dict);
      Ref e = std::move(f->annotations);
      break;
    }
    case Tag::BoundMethod: break;  // method objects have no tp_clear
    case Tag::Other:
      if (is_weakref(o)) {  // gc_clear: clear_weakref, dropping the callback
        auto* w = static_cast<WeakRefObj*>(o);
        weakref_unlink(m_.vm(), w);
        Ref cb = std::move(w->a), key = std::move(w->b);
      }
      if (is_frame_or_traceback(o)) frame_objects_clear(o);
      break;
    case Tag::Class: {
      auto* c = static_cast<ClassObj*>(o);
      if (c->dict) {
        auto* d = c->dict.as<DictObj>();
        std::vector<DictEntry> old;
        old.swap(d->entries);
        d->index.assign(8, -1);
        d->used = 0;
      }
      break;
    }
    case Tag::Module: {
      auto* m = static_cast<ModuleObj*>(o);
      if (m->dict) {
        auto* d = m->dict.as<DictObj>();
        std::vector<DictEntry> old;
        old.swap(d->entries);
        d->index.assign(8, -1);
        d->used = 0;
      }
      break;
    }
    case Tag::Iter: {
      auto* it = static_cast<IterObj*>(o);
      Ref a = std::move(it->a), b = std::move(it->b), c = std::move(it->c);
      std::vector<Ref> v;
      v.swap(it->v);
      break;
    }
    default: break;
  }
}

std::int64_t VmGcHeap::handle_weakrefs(const std::vector<memory::GcId>& unreachable,
                                       const std::function<bool(memory::GcId)>& is_unreachable) {
  std::vector<Obj*> objs;
  bool any = false;
  for (memory::GcId id : unreachable) {
    if (!is_unreachable(id)) continue;
    Obj* o = obj(id);
    any = any || o->weakly_referenced || is_weakref(o);
    objs.push_back(o);
  }
  weakrefs_changed_ = any;
  if (!any) return 0;
  return handle_weakrefs_in_collection(m_.vm(), objs, [&](const Obj* o) {
    return is_unreachable(VmMemory::gc_id(o));
  });
}

bool VmGcHeap::untrackable(memory::GcId id) {
  Obj* o = obj(id);
  if (o->tag != Tag::Tuple) return false;
  for (const Ref& x : static_cast<TupleObj*>(o)->items) {
    if (!x) continue;
    switch (x->tag) {
      case Tag::Int: case Tag::BigInt: case Tag::Float: case Tag::Str: case Tag::Bytes: case Tag::None: case Tag::Range: case Tag::Code:
        continue;
      case Tag::Tuple:
        if (!m_.gc().is_tracked(VmMemory::gc_id(x.get()))) continue;
        return false;
      default: return false;
    }
  }
  return true;
}

// ---- roots of the incremental collector (3.14) ---------------------------------
//
// The interpreter's own dicts and modules were made before the program (the
// collector does not track them): the walk goes through them to the tracked
// objects they hold, as CPython's marking goes through sys.modules, each
// module and its dict.
namespace {
void visit_through_untracked(VmMemory& m, Obj* root, memory::GcVisit visit,
                             std::unordered_set<const Obj*>& seen) {
  std::vector<Obj*> todo{root};
  while (!todo.empty()) {
    Obj* o = todo.back();
    todo.pop_back();
    if (!o) continue;
    const memory::GcId id = VmMemory::gc_id(o);
    if (id && m.gc().is_tracked(id)) {
      visit(id);
      continue;
    }
    if (!seen.insert(o).second) continue;
    if (o->tag == Tag::Module) {
      todo.push_back(static_cast<ModuleObj*>(o)->dict.get());
    } else if (o->tag == Tag::Dict) {
      for (const DictEntry& e : static_cast<DictObj*>(o)->entries) { todo.push_back(e.key.get()); todo.push_back(e.value.get()); }
    }
  }
}

void frame_roots(VmMemory& m, const Frame* f, memory::GcVisit visit,
                 std::unordered_set<const Obj*>& seen) {
  // mark_stacks: f_locals, the function, then locals and the value stack
  visit_through_untracked(m, f->locals.get(), visit, seen);
  visit_through_untracked(m, f->func.get(), visit, seen);
  const int nl = f->code->nlocalsplus();
  for (int i = 0; i < nl; ++i) visit_through_untracked(m, f->slots[std::size_t(i)].get(), visit, seen);
  for (int i = 0; i < f->sp; ++i) visit_through_untracked(m, f->stack[i].get(), visit, seen);
}
}  // namespace

void VmGcHeap::global_roots(memory::GcVisit visit) {
  VM& vm = m_.vm();
  std::unordered_set<const Obj*> seen;
  visit_through_untracked(m_, vm.modules.get(), visit, seen);
  visit_through_untracked(m_, vm.main_module.get(), visit, seen);
  visit_through_untracked(m_, vm.builtins.get(), visit, seen);
}

void VmGcHeap::stack_roots(memory::GcVisit visit) {
  VM& vm = m_.vm();
  std::unordered_set<const Obj*> seen;
  for (const Frame* f : vm.frames) frame_roots(m_, f, visit, seen);
  if (!vm.threads) return;
  for (sched::ThreadId t = 0;; ++t) {
    VmThread* th = vm.threads->thread(t);
    if (!th) break;
    if (t == vm.threads->current()) continue;  // its frames are vm.frames
    for (const Frame* f : th->frames) frame_roots(m_, f, visit, seen);
  }
}

}  // namespace pitfall::sim
