// Weak references: weakref.ref, its KeyedRef subtype and weakref.proxy, the
// per-object list of weak references, and what happens to them when their
// referent dies (by reference count or in the cyclic collector).
//
// Notes about the model (Objects/weakrefobject.c, Modules/gcmodule.c):
// a weak reference holds its referent without counting it. Each referent
// has a list of its weak references in CPython's order: the shared
// callback-less `ref` first, then the callback-less proxy, then every other
// reference newest first (weakref___new__: insert_head / insert_after). A
// `ref(obj)` without callback is shared (the same object each time).
// When the referent's count reaches zero, PyObject_ClearWeakRefs clears them
// all first and then calls the callbacks in list order (so newest first),
// each with the weak reference as argument; errors are reported as
// "Exception ignored in". For instances of classes with __del__, __del__ runs
// before (subtype_dealloc). In a collection, handle_weakrefs clears the weak
// references to every unreachable object, and those that are themselves
// unreachable, before any finalizer runs; only the callbacks of cleared
// references that are still reachable run, and the references they free are
// counted as collected. A dead reference returns None, hashes to its
// referent's hash taken while alive (TypeError if never hashed), and compares
// by identity; two live ones compare by their referents.
#pragma once
#include <cstdint>
#include <functional>
#include <vector>

#include "sim/vm/vm.h"

namespace pitfall::sim {

inline constexpr int kWeakRefKind = 0x5752;  // NativeObj::kind of weak references

// A weak reference. NativeObj::a is the callback (null: none); NativeObj::b
// the `key` of a KeyedRef.
struct WeakRefObj : NativeObj {
  Obj* referent = nullptr;  // not counted; null once cleared
  std::int64_t hash = -1;
  bool proxy = false, keyed = false;
  WeakRefObj* wr_prev = nullptr;
  WeakRefObj* wr_next = nullptr;
  explicit WeakRefObj(ClassObj* c) : NativeObj(c, kWeakRefKind) {}
  ~WeakRefObj() override;
};

// Tag::Other also holds objects that are not NativeObj (SlotDescr, the loop,
// NotImplemented), so the type says whether `o` is a WeakRefObj: its first
// built-in base is one of the weak reference types.
inline bool is_weakref(const Obj* o) {
  if (!o || o->tag != Tag::Other) return false;
  for (const ClassObj* m : o->cls->mro)
    if (m->builtin) return m->weakref_type;
  return false;
}

// The built-in weak reference type a (possibly Python) class derives from.
ClassObj* weakref_native_base(ClassObj* cls);
// Can `o` be weakly referenced (_PyType_SUPPORTS_WEAKREFS)?
bool weakrefable(VM& vm, const Obj* o);
// weakref.ref(o, callback) / KeyedRef(o, callback, key) / proxy(o, callback)
// of type `cls`; null + TypeError when `o` cannot be weakly referenced.
Ref new_weakref(VM& vm, ClassObj* cls, const Ref& o, const Ref& callback, bool proxy);
// The weak references to `o` in list order.
std::vector<WeakRefObj*> weakrefs_of(VM& vm, const Obj* o);
// _PyWeakref_ClearRef: unlink from the referent (the callback stays).
void weakref_unlink(VM& vm, WeakRefObj* w);
// PyObject_ClearWeakRefs, called by obj_dealloc for an object whose count
// reached zero: clears its weak references, then runs their callbacks.
void clear_weakrefs_on_dealloc(VM& vm, Obj* o);
// The collector's handle_weakrefs over the unreachable set; returns the
// number of weak references freed by running their callbacks.
std::int64_t handle_weakrefs_in_collection(VM& vm, const std::vector<Obj*>& unreachable,
                                           const std::function<bool(const Obj*)>& is_unreachable);
// Bytes of a weak reference object, GC header included (sys.getsizeof and
// tracemalloc): PyWeakReference is 56 bytes up to 3.10, 64 from 3.11 (the
// vectorcall pointer); a KeyedRef adds its `key` slot; a Python subclass its
// slots and, without __slots__, __dict__ and __weakref__ (one word each up to
// 3.10; 3.11: a two-word managed dict before the object and a weakref slot;
// 3.12+: a two-word pre-header holding both). Measured on 3.10-3.13; 3.14
// taken as 3.13.
std::int64_t weakref_size(const Obj* o, int minor);
// hash(weakref): the referent's, remembered (false + TypeError when dead and never hashed).
bool weakref_hash(VM& vm, WeakRefObj* w, std::int64_t& h);

// The `_weakref` module (ref, proxy, KeyedRef, getweakrefcount, getweakrefs,
// _remove_dead_weakref) and `atexit`; `weakref` itself is Python source
// (modules/weakref_py.cpp) over them.
bool init_weakref_modules(VM& vm, const std::string& name, const Ref& module);

}  // namespace pitfall::sim
