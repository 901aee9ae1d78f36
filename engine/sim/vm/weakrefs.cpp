// Weak references (see weakrefs.h for the notes about the model).
#include "sim/vm/weakrefs.h"

#include <cstdio>

#include "sim/vm/native_attrs.h"

namespace pitfall::sim {

namespace {

// insert_head / insert_after of Objects/weakrefobject.c
void insert_head(VM& vm, WeakRefObj* w, Obj* o) {
  WeakRefObj*& head = vm.weakref_lists[o];
  w->wr_prev = nullptr;
  w->wr_next = head;
  if (head) head->wr_prev = w;
  head = w;
  w->referent = o;
  o->weakly_referenced = 1;
}
void insert_after(WeakRefObj* w, WeakRefObj* prev) {
  w->wr_prev = prev;
  w->wr_next = prev->wr_next;
  if (prev->wr_next) prev->wr_next->wr_prev = w;
  prev->wr_next = w;
  w->referent = prev->referent;
}

WeakRefObj* head_of(VM& vm, const Obj* o) {
  if (!o->weakly_referenced) return nullptr;
  auto it = vm.weakref_lists.find(o);
  return it == vm.weakref_lists.end() ? nullptr : it->second;
}

bool exact_ref(const WeakRefObj* w) { return !w->proxy && !w->keyed && w->cls->builtin; }

// get_basic_refs: the shared callback-less ref and proxy at the head of the list.
void basic_refs(WeakRefObj* head, WeakRefObj*& ref, WeakRefObj*& proxy) {
  ref = proxy = nullptr;
  if (!head || head->a) return;
  if (exact_ref(head)) { ref = head; head = head->wr_next; }
  if (head && !head->a && head->proxy) proxy = head;
}

// handle_callback: callback(weakref); errors are unraisable.
void run_callback(VM& vm, const Ref& w, const Ref& callback) {
  Ref saved = std::move(vm.exc);
  Ref r = vm.call1(callback, w);
  if (!r) vm.write_unraisable(callback, "<function>");
  vm.exc = std::move(saved);
}

// A class (or one of its bases) gives its instances a __weakref__ slot:
// classes without __slots__ get one unless their layout is a variable-size
// built-in (int, bytes, tuple); classes with __slots__ only when it names
// __weakref__ (Objects/typeobject.c type_new: may_add_weak, add_weak).
bool class_has_weaklist(VM& vm, const ClassObj* cls) {
  for (const Ref& n : cls->slot_names)
    if (n.as<StrObj>()->s == "__weakref__") return true;
  const ClassObj* native = vm.rt.object_t;
  for (const ClassObj* m : cls->mro) if (m->builtin) { native = m; break; }
  if (native == vm.rt.int_t || native == vm.rt.bytes_t || native == vm.rt.tuple_t || native == vm.rt.bool_t) return false;
  StrObj* slots = vm.rt.intern("__slots__").as<StrObj>();
  for (const ClassObj* m : cls->mro) {
    if (m->builtin) continue;
    if (!vm.dict_get_str(m->dict.as<DictObj>(), slots)) return true;
  }
  return false;
}

}  // namespace

WeakRefObj::~WeakRefObj() {
  if (referent && !g_obj_heap_teardown)
    if (VM* vm = current_vm()) weakref_unlink(*vm, this);
}

ClassObj* weakref_native_base(ClassObj* cls) {
  for (ClassObj* m : cls->mro) if (m->builtin) return m;
  return cls;
}

bool weakrefable(VM& vm, const Obj* o) {
  if (!o->cls->builtin) return class_has_weaklist(vm, o->cls);
  switch (o->tag) {
    case Tag::Func: case Tag::Builtin: case Tag::BoundMethod: case Tag::Class: case Tag::Set: case Tag::FrozenSet:
    case Tag::Generator: case Tag::Module: case Tag::Code:
      return true;
    case Tag::Other: {
      // built-in types with a tp_weaklistoffset among the ones modelled natively
      const std::string& n = o->cls->name;
      return n == "deque" || n == "partial" || n == "Future" || n == "Task" || n == "TextIOWrapper" ||
             n == "Random" || n == "Thread" || n == "Lock" || n == "RLock" || n == "Condition" || n == "Event";
    }
    default: return false;
  }
}

void weakref_unlink(VM& vm, WeakRefObj* w) {
  Obj* o = w->referent;
  if (!o) return;
  if (w->wr_prev) {
    w->wr_prev->wr_next = w->wr_next;
  } else {
    auto it = vm.weakref_lists.find(o);
    if (it != vm.weakref_lists.end()) {
      if (w->wr_next) it->second = w->wr_next;
      else { vm.weakref_lists.erase(it); o->weakly_referenced = 0; }
    }
  }
  if (w->wr_next) w->wr_next->wr_prev = w->wr_prev;
  w->wr_prev = w->wr_next = nullptr;
  w->referent = nullptr;
}

Ref new_weakref(VM& vm, ClassObj* cls, const Ref& o, const Ref& callback, bool proxy) {
  if (!weakrefable(vm, o.get()))
    return vm.raise(vm.rt.TypeError, "cannot create weak reference to '" + vm.type_name(o) + "' object");
  Ref cb = callback && callback.get() != vm.rt.None.get() ? callback : Ref();
  const bool keyed = !proxy && weakref_native_base(cls)->name == "KeyedRef";
  const bool exact = !proxy && !keyed && cls->builtin;
  WeakRefObj *ref = nullptr, *prx = nullptr;
  basic_refs(head_of(vm, o.get()), ref, prx);
  if (!cb && exact && ref) return Ref(ref);
  if (!cb && proxy && prx) return Ref(prx);
  Ref r = make<WeakRefObj>(cls);
  auto* w = r.as<WeakRefObj>();
  w->proxy = proxy;
  w->keyed = keyed;
  w->a = cb;
  basic_refs(head_of(vm, o.get()), ref, prx);  // allocation may have run code (as in CPython: recompute)
  if (!cb && exact) {
    insert_head(vm, w, o.get());
  } else if (!cb && proxy) {
    if (ref) insert_after(w, ref);
    else insert_head(vm, w, o.get());
  } else {
    WeakRefObj* prev = prx ? prx : ref;
    if (prev) insert_after(w, prev);
    else insert_head(vm, w, o.get());
  }
  return r;
}

std::vector<WeakRefObj*> weakrefs_of(VM& vm, const Obj* o) {
  std::vector<WeakRefObj*> out;
  for (WeakRefObj* w = head_of(vm, o); w; w = w->wr_next) out.push_back(w);
  return out;
}

void clear_weakrefs_on_dealloc(VM& vm, Obj* o) {
  std::vector<WeakRefObj*> list = weakrefs_of(vm, o);
  if (list.empty()) { o->weakly_referenced = 0; return; }
  // every reference is cleared before any callback runs
  std::vector<std::pair<Ref, Ref>> calls;
  for (WeakRefObj* w : list) {
    Ref cb = std::move(w->a);
    weakref_unlink(vm, w);
    if (cb && w->rc > 0) calls.emplace_back(Ref(w), std::move(cb));
  }
  o->weakly_referenced = 0;
  for (auto& [w, cb] : calls) run_callback(vm, w, cb);
}

std::int64_t handle_weakrefs_in_collection(VM& vm, const std::vector<Obj*>& unreachable,
                                           const std::function<bool(const Obj*)>& is_unreachable) {
  std::vector<Ref> to_call;
  for (Obj* op : unreachable) {
    // a weak reference that is itself garbage is cleared; its callback never runs
    if (is_weakref(op)) weakref_unlink(vm, static_cast<WeakRefObj*>(op));
    if (!op->weakly_referenced) continue;
    for (WeakRefObj* w : weakrefs_of(vm, op)) {
      weakref_unlink(vm, w);
      if (!w->a || is_unreachable(w)) continue;
      to_call.emplace_back(w);
    }
    op->weakly_referenced = 0;
  }
  std::int64_t freed = 0;
  for (Ref& w : to_call) {
    Ref cb = w.as<WeakRefObj>()->a;
    run_callback(vm, w, cb);
    cb.reset();
    const bool last = w->rc == 1;
    w.reset();
    if (last) ++freed;  // "a reachable weak value dict maps some key to this reachable weakref"
  }
  return freed;
}

std::int64_t weakref_size(const Obj* o, int minor) {
  std::int64_t size = (minor <= 10 ? 56 : 64) + 16;
  if (static_cast<const WeakRefObj*>(o)->keyed) size += 8;
  const ClassObj* cls = o->cls;
  VM* vm = current_vm();
  if (cls->builtin || !vm) return size;
  std::int64_t slots = 0;
  bool weaklist = false;
  for (const Ref& n : cls->slot_names) {
    if (n.as<StrObj>()->s == "__weakref__") weaklist = true;
    else ++slots;
  }
  weaklist = weaklist || class_has_weaklist(*vm, cls);
  const bool dict = !cls->has_slots_only;
  size += 8 * slots;
  if (minor <= 10) size += (dict ? 8 : 0) + (weaklist ? 8 : 0);
  else if (minor == 11) size += (dict ? 16 : 0) + (weaklist ? 8 : 0);
  else size += dict || weaklist ? 16 : 0;
  return size;
}

bool weakref_hash(VM& vm, WeakRefObj* w, std::int64_t& h) {
  if (w->proxy) {  // proxy types have no tp_hash
    vm.raise(vm.rt.TypeError, "unhashable type: 'weakref." + w->cls->name + "'");
    return false;
  }
  if (w->hash != -1) { h = w->hash; return true; }
  if (!w->referent) { vm.raise(vm.rt.TypeError, "weak object has gone away"); return false; }
  Ref obj(w->referent);
  if (!vm.hash(obj, h)) return false;
  w->hash = h;
  return true;
}

}  // namespace pitfall::sim
