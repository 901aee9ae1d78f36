// Per-instruction inline caches for attribute, method, global and name loads
// and attribute/name stores, in the spirit of CPython 3.11's specializing
// adaptive interpreter (Python/specialize.c: LOAD_ATTR_INSTANCE_VALUE,
// LOAD_ATTR_MODULE, LOAD_METHOD_WITH_VALUES, LOAD_GLOBAL_MODULE/BUILTIN,
// STORE_ATTR_INSTANCE_VALUE). Each instruction of a code object has a slot
// (CodeObj::icache, objects/inline_cache_slot.h). The first run of an
// instruction, and any run whose slot does not hold, takes the generic path
// of eval.cpp after recording what it will find (ic_specialize_*); later runs
// check the slot (ic_*_hit) and, when it holds, produce the same result
// without walking the MRO or probing dicts.
//
// Notes about the model: host speed only. A hit does exactly what the generic
// path would have done (the same value, the same variant charged by the
// caller, no object made or freed that the generic path would not), so the
// virtual clock, the counts and the memory figures do not depend on the
// caches. Validation is exact:
// - A class attribute seen (or seen absent) is trusted while the type cache's
//   epoch holds (type_cache.h: any change to a walked class dict, a class
//   freed or cleared moves it); the receiver's class is compared by pointer
//   (a __class__ assignment changes it).
// - A value in a dict (an instance's __dict__, a module's dict, globals,
//   builtins, a class body's namespace) is found by its entry index: the
//   entry there must still have the very interned name object as its key, so
//   a deleted, moved or re-added key, a replaced __dict__ or a rebuilt table
//   falls back to the generic path (keys are unique, so the entry holding the
//   name is the only one).
// - What the generic path checks on every run and a slot cannot cover
//   (an instance dict shadowing a method, a global shadowing a builtin, a
//   class's __setattr__) is checked on every hit too.
#pragma once
#include <cstdint>

#include "sim/compiler/code.h"
#include "sim/vm/type_cache.h"
#include "sim/vm/vm.h"

namespace pitfall::sim {

enum IcKind : std::uint8_t {
  IC_EMPTY = 0,
  IC_ATTR_INSTANCE,   // LOAD_ATTR: in the instance dict at `index`, nothing of that name on the type
  IC_ATTR_MODULE,     // LOAD_ATTR: in the module dict at `index`
  IC_ATTR_CLASS,      // LOAD_ATTR on the class `type` itself: `descr` (a static method's function)
  IC_METHOD_NODICT,   // LOAD_METHOD: `descr` on the type, receiver of tag `index` without an instance dict
  IC_METHOD_INSTANCE, // LOAD_METHOD: `descr` on the type, receiver an instance (its dict probed on each hit)
  IC_METHOD_MODULE,   // LOAD_METHOD on a module: in its dict at `index`
  IC_NAME_DICT,       // LOAD_GLOBAL (globals), LOAD_NAME (locals), STORE_NAME/STORE_GLOBAL: the dict's entry `index`
  IC_NAME_GLOBALS,    // LOAD_NAME without a separate locals dict: globals' entry `index`
  IC_NAME_BUILTIN,    // LOAD_GLOBAL: builtins' entry `index` (globals probed on each hit)
  IC_STORE_INSTANCE,  // STORE_ATTR: into the instance dict (entry `index`, or a generic dict store), nothing on the type
  IC_ATTR_SLOT,       // LOAD_ATTR: a __slots__ member, the instance's slot `index`
  IC_STORE_SLOT,      // STORE_ATTR: a __slots__ member, into the instance's slot `index`
  IC_CALL_INIT,       // CALL of the Python class `type`: plain allocation, then `descr` (its Python __init__) in a frame
};

// The slot of instruction `ip` of `co`, made on first use.
inline InlineCacheSlot& ic_slot(CodeObj* co, int ip) {
  if (!co->icache) [[unlikely]] co->icache = make_inline_caches(co->code.size());
  return co->icache[std::size_t(ip)];
}

// The value of entry `ix` of the dict `d` if that entry's key is `name` itself.
[[gnu::always_inline]] inline Obj* ic_dict_entry(const Obj* d, std::int32_t ix, const StrObj* name) {
  if (!d || d->tag != Tag::Dict) return nullptr;
  const auto* dd = static_cast<const DictObj*>(d);
  if (std::size_t(std::uint32_t(ix)) >= dd->entries.size()) return nullptr;
  const DictEntry& e = dd->entries[std::size_t(ix)];
  return e.key.get() == name ? e.value.get() : nullptr;
}

// True when the first probe of the dict's table for `name` finds an empty
// slot (or the dict is empty): the name is certainly not a key. False: maybe.
[[gnu::always_inline]] inline bool ic_dict_lacks(const DictObj* d, const StrObj* name) {
  if (d->used == 0) return true;
  const std::size_t n = d->index.size();
  if (n == 0 || name->hash == -1) return false;
  return d->index[std::size_t(std::uint64_t(name->hash)) & (n - 1)] == -1;
}

// The index of the entry whose key is `name` itself, or -1 (also when an equal
// str that is another object is the key: the slot would never hold).
std::int32_t ic_dict_index(const DictObj* d, const StrObj* name);

// ---- LOAD_ATTR ----
[[gnu::always_inline]] inline Obj* ic_load_attr_hit(const InlineCacheSlot& ic, const Obj* o, const StrObj* name) {
  switch (ic.kind) {
    case IC_ATTR_INSTANCE:
      if (o->tag != Tag::Instance || o->cls != ic.type || ic.epoch != g_type_epoch) return nullptr;
      return ic_dict_entry(static_cast<const InstanceObj*>(o)->dict.get(), ic.index, name);
    case IC_ATTR_MODULE:
      if (o->tag != Tag::Module) return nullptr;
      return ic_dict_entry(static_cast<const ModuleObj*>(o)->dict.get(), ic.index, name);
    case IC_ATTR_CLASS:
      if (o != ic.type || o->tag != Tag::Class || ic.epoch != g_type_epoch) return nullptr;
      return ic.descr;
    case IC_ATTR_SLOT: {
      if (o->tag != Tag::Instance || o->cls != ic.type || ic.epoch != g_type_epoch) return nullptr;
      const auto& slots = static_cast<const InstanceObj*>(o)->slots;
      return std::size_t(std::uint32_t(ic.index)) < slots.size() ? slots[std::size_t(ic.index)].get() : nullptr;  // unset: the generic path raises
    }
    default: return nullptr;
  }
}
void ic_specialize_load_attr(VM& vm, InlineCacheSlot& ic, Obj* o, StrObj* name);

// ---- LOAD_METHOD ----
// The method to push under the receiver (the generic path's unbound-method
// form), or null: for IC_METHOD_MODULE the attribute to push after a null.
[[gnu::always_inline]] inline Obj* ic_load_method_hit(VM& vm, const InlineCacheSlot& ic, Obj* o, StrObj* name) {
  switch (ic.kind) {
    case IC_METHOD_NODICT:
      if (o->cls != ic.type || o->tag != Tag(ic.index) || ic.epoch != g_type_epoch) return nullptr;
      return ic.descr;
    case IC_METHOD_INSTANCE: {
      if (o->cls != ic.type || o->tag != Tag(ic.index) || ic.epoch != g_type_epoch) return nullptr;
      const Ref& d = static_cast<InstanceObj*>(o)->dict;  // tag Instance or Exception: an InstanceObj
      if (d && d->tag == Tag::Dict && !ic_dict_lacks(d.as<DictObj>(), name) && vm.dict_get_str(d.as<DictObj>(), name))
        return nullptr;  // shadowed
      return ic.descr;
    }
    case IC_METHOD_MODULE:
      if (o->tag != Tag::Module) return nullptr;
      return ic_dict_entry(static_cast<const ModuleObj*>(o)->dict.get(), ic.index, name);
    default: return nullptr;
  }
}
void ic_specialize_load_method(VM& vm, InlineCacheSlot& ic, Obj* o, StrObj* name);

// ---- LOAD_GLOBAL / LOAD_NAME ----
// LOAD_GLOBAL: the value and whether it came from globals (the caller charges
// CV_LOAD_GLOBAL_MODULE then, as the generic path does).
inline Obj* ic_load_global_hit(VM& vm, const InlineCacheSlot& ic, DictObj* globals, StrObj* name, bool& from_globals) {
  if (ic.kind == IC_NAME_DICT) { from_globals = true; return ic_dict_entry(globals, ic.index, name); }
  if (ic.kind == IC_NAME_BUILTIN && vm.builtins && (ic_dict_lacks(globals, name) || !vm.dict_get_str(globals, name))) {
    from_globals = false;
    return ic_dict_entry(vm.builtins.get(), ic.index, name);
  }
  return nullptr;
}
void ic_specialize_load_global(VM& vm, InlineCacheSlot& ic, DictObj* globals, StrObj* name);

inline Obj* ic_load_name_hit(const InlineCacheSlot& ic, const Obj* locals, const DictObj* globals, const StrObj* name) {
  if (ic.kind == IC_NAME_DICT) return locals ? ic_dict_entry(locals, ic.index, name) : nullptr;
  if (ic.kind == IC_NAME_GLOBALS && (!locals || locals == globals)) return ic_dict_entry(globals, ic.index, name);
  return nullptr;
}
void ic_specialize_load_name(InlineCacheSlot& ic, const Obj* locals, const DictObj* globals, StrObj* name);

// ---- STORE_NAME / STORE_GLOBAL ----
// Stores `v` into the entry the slot names when it still holds `name` (the
// generic dict_set_str would replace the same entry's value); false otherwise
// (v untouched).
inline bool ic_store_name_hit(const InlineCacheSlot& ic, Obj* d, const StrObj* name, Ref& v) {
  if (ic.kind != IC_NAME_DICT || !d || d->tag != Tag::Dict) return false;
  auto* dd = static_cast<DictObj*>(d);
  if (dd->type_dict || std::size_t(std::uint32_t(ic.index)) >= dd->entries.size()) return false;
  DictEntry& e = dd->entries[std::size_t(ic.index)];
  if (e.key.get() != name) return false;
  e.value = std::move(v);  // the old value may be freed here, as in dict_set_str
  return true;
}
void ic_specialize_store_name(InlineCacheSlot& ic, const Obj* d, StrObj* name);

// ---- STORE_ATTR ----
// True when the store was done (what VM::setattr does for an instance of a
// class without __setattr__ and without a descriptor of that name).
[[gnu::always_inline]] inline bool ic_store_attr_hit(VM& vm, const InlineCacheSlot& ic, Obj* o, StrObj* name, Ref& v) {
  if ((ic.kind != IC_STORE_INSTANCE && ic.kind != IC_STORE_SLOT) || o->tag != Tag::Instance || o->cls != ic.type ||
      ic.epoch != g_type_epoch || o->cls->has_setattr)
    return false;
  if (ic.kind == IC_STORE_SLOT) {  // VM::setattr's slot descriptor case
    auto& slots = static_cast<InstanceObj*>(o)->slots;
    const std::size_t i = std::size_t(std::uint32_t(ic.index));
    if (i >= slots.size()) return false;
    slots[i] = std::move(v);
    return true;
  }
  const Ref& d = static_cast<InstanceObj*>(o)->dict;
  if (!d || d->tag != Tag::Dict) return false;
  auto* dd = d.as<DictObj>();
  if (dd->type_dict) return false;
  if (std::size_t(std::uint32_t(ic.index)) < dd->entries.size()) {
    DictEntry& e = dd->entries[std::size_t(ic.index)];
    if (e.key.get() == name) { e.value = std::move(v); return true; }
  }
  vm.dict_set_str(dd, name, std::move(v));
  return true;
}
void ic_specialize_store_attr(VM& vm, InlineCacheSlot& ic, Obj* o, StrObj* name);

// ---- CALL of a class ----
// The class's Python __init__ when the slot holds for the callable `c`: the
// generic path found, for this class and epoch, a Python __init__, no Python
// __new__, no built-in base but object or an exception, and `type` as the
// metaclass (checked on every hit, as the generic path does).
[[gnu::always_inline]] inline FuncObj* ic_call_init_hit(const InlineCacheSlot& ic, const Obj* c, const ClassObj* type_t) {
  if (ic.kind != IC_CALL_INIT || c != ic.type || ic.epoch != g_type_epoch || c->cls != type_t) return nullptr;
  return static_cast<FuncObj*>(ic.descr);
}
// Called by the generic path when it takes that route, right after its lookups.
inline void ic_specialize_call_init(InlineCacheSlot& ic, const ClassObj* cls, Obj* init) {
  ic.kind = IC_CALL_INIT;
  ic.type = cls;
  ic.epoch = g_type_epoch;
  ic.descr = init;
  ic.index = -1;
}

}  // namespace pitfall::sim
