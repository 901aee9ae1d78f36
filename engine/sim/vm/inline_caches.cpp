// Filling the inline cache slots (inline_caches.h): each ic_specialize_*
// runs on a slot miss, before the generic path, and records what that path is
// about to find when it is a case a later hit can reproduce exactly; anything
// else leaves the slot empty for a while (backoff) so that a site that never
// specializes does not pay for trying each time.
#include "sim/vm/user_descriptors.h"
#include "sim/vm/inline_caches.h"

#include "sim/vm/objects_ext.h"

#if defined(__linux__) && !defined(__EMSCRIPTEN__)
#include <sys/mman.h>
#define PITFALL_IC_MMAP 1
#endif

namespace pitfall::sim {

InlineCacheArray make_inline_caches(std::size_t n) {
  if (n == 0) n = 1;
#ifdef PITFALL_IC_MMAP
  void* p = mmap(nullptr, n * sizeof(InlineCacheSlot), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p != MAP_FAILED) {
    auto* slots = static_cast<InlineCacheSlot*>(p);
    for (std::size_t i = 0; i < n; ++i) new (slots + i) InlineCacheSlot();
    return InlineCacheArray(slots, InlineCacheFree{n, true});
  }
#endif
  return InlineCacheArray(new InlineCacheSlot[n], InlineCacheFree{n, false});
}

void InlineCacheFree::operator()(InlineCacheSlot* p) const {
  if (!p) return;
#ifdef PITFALL_IC_MMAP
  if (mapped) { munmap(p, n * sizeof(InlineCacheSlot)); return; }
#endif
  delete[] p;
}

namespace {
constexpr std::uint8_t kBackoff = 16;  // misses before the next try at a site that did not specialize

// A miss: try again now unless the site failed recently.
bool ic_should_try(InlineCacheSlot& ic) {
  if (ic.backoff) { --ic.backoff; return false; }
  return true;
}
void ic_set(InlineCacheSlot& ic, IcKind kind, const ClassObj* type, Obj* descr, std::int32_t index) {
  ic.kind = kind;
  ic.type = type;
  ic.descr = descr;
  ic.index = index;
  ic.epoch = g_type_epoch;
  ic.backoff = 0;
}
void ic_fail(InlineCacheSlot& ic) {
  ic.kind = IC_EMPTY;
  ic.type = nullptr;
  ic.descr = nullptr;
  ic.backoff = kBackoff;
}
// A dict object's entry index of name, or -1 (also when d is not a dict).
std::int32_t index_in(const Obj* d, const StrObj* name) {
  if (!d || d->tag != Tag::Dict) return -1;
  return ic_dict_index(static_cast<const DictObj*>(d), name);
}
}  // namespace

std::int32_t ic_dict_index(const DictObj* d, const StrObj* name) {
  if (d->used == 0 || d->index.empty() || name->hash == -1) return -1;
  const std::int64_t h = name->hash;
  const std::size_t mask = d->index.size() - 1;
  std::size_t j = std::uint64_t(h) & mask;
  std::uint64_t perturb = std::uint64_t(h);
  // the probe sequence of dict.cpp's lookup; the table is never full
  for (std::size_t n = 0; n <= mask; ++n) {
    const std::int32_t ix = d->index[j];
    if (ix == -1) return -1;
    if (ix >= 0 && std::size_t(ix) < d->entries.size()) {
      const DictEntry& e = d->entries[std::size_t(ix)];
      if (e.key.get() == name) return e.value ? ix : -1;
      if (e.hash == h && e.key && e.key->tag == Tag::Str && static_cast<const StrObj*>(e.key.get())->s == name->s) return -1;
    }
    perturb >>= 5;
    j = (j * 5 + perturb + 1) & mask;
  }
  return -1;
}

void ic_specialize_load_attr(VM& vm, InlineCacheSlot& ic, Obj* o, StrObj* name) {
  if (!ic_should_try(ic)) return;
  if (!name->interned) return ic_fail(ic);
  switch (o->tag) {
    case Tag::Instance: {
      if (o->cls->has_getattr && overrides_getattribute(vm, o->cls)) return ic_fail(ic);  // every read runs __getattribute__
      // VM::getattr: no descriptor of that name on the type, so the instance dict decides;
      // a __slots__ member (not behind a property) reads the instance's slot
      if (Obj* d = vm.lookup_type(o->cls, name).get()) {
        if (d->tag != Tag::Other || d->cls != vm.rt.object_t) return ic_fail(ic);
        const auto* sd = dynamic_cast<const SlotDescr*>(d);
        if (!sd || sd->index < 0) return ic_fail(ic);
        return ic_set(ic, IC_ATTR_SLOT, o->cls, nullptr, sd->index);
      }
      const std::int32_t ix = index_in(static_cast<InstanceObj*>(o)->dict.get(), name);
      if (ix < 0) return ic_fail(ic);
      return ic_set(ic, IC_ATTR_INSTANCE, o->cls, nullptr, ix);
    }
    case Tag::Module: {
      const std::int32_t ix = index_in(static_cast<ModuleObj*>(o)->dict.get(), name);
      if (ix < 0) return ic_fail(ic);
      return ic_set(ic, IC_ATTR_MODULE, nullptr, nullptr, ix);
    }
    case Tag::Class: {
      auto* c = static_cast<ClassObj*>(o);
      Obj* v = vm.lookup_type(c, name).get();  // borrowed: the class dict keeps it
      if (!v || v->tag == Tag::ClassMethod) return ic_fail(ic);  // a class method binds a new object each time
      if (v->tag == Tag::Instance && !v->cls->builtin) return ic_fail(ic);  // a Python descriptor's __get__ runs each time
      if (v->tag == Tag::StaticMethod) v = static_cast<WrapperObj*>(v)->f.get();
      if (!v) return ic_fail(ic);
      return ic_set(ic, IC_ATTR_CLASS, c, v, -1);
    }
    default: return ic_fail(ic);
  }
}

void ic_specialize_load_method(VM& vm, InlineCacheSlot& ic, Obj* o, StrObj* name) {
  if (!ic_should_try(ic)) return;
  if (!name->interned) return ic_fail(ic);
  if (o->tag == Tag::Module) {
    const std::int32_t ix = index_in(static_cast<ModuleObj*>(o)->dict.get(), name);
    if (ix < 0) return ic_fail(ic);
    return ic_set(ic, IC_METHOD_MODULE, nullptr, nullptr, ix);
  }
  if (o->tag == Tag::Class || o->tag == Tag::Super) return ic_fail(ic);
  if (o->cls->has_getattr && overrides_getattribute(vm, o->cls)) return ic_fail(ic);  // every read runs __getattribute__
  // eval.cpp's LOAD_METHOD: a function or method built-in on the type, not shadowed by the instance dict
  Obj* d = vm.lookup_type(o->cls, name).get();
  if (!d || !(d->tag == Tag::Func || (d->tag == Tag::Builtin && static_cast<BuiltinObj*>(d)->is_method))) return ic_fail(ic);
  const bool has_dict = o->tag == Tag::Instance || o->tag == Tag::Exception;
  return ic_set(ic, has_dict ? IC_METHOD_INSTANCE : IC_METHOD_NODICT, o->cls, d, std::int32_t(o->tag));
}

void ic_specialize_load_global(VM& vm, InlineCacheSlot& ic, DictObj* globals, StrObj* name) {
  if (!ic_should_try(ic)) return;
  std::int32_t ix = ic_dict_index(globals, name);
  if (ix >= 0) return ic_set(ic, IC_NAME_DICT, nullptr, nullptr, ix);
  if (vm.dict_get_str(globals, name)) return ic_fail(ic);  // found under another str object
  ix = index_in(vm.builtins.get(), name);
  if (ix < 0) return ic_fail(ic);
  return ic_set(ic, IC_NAME_BUILTIN, nullptr, nullptr, ix);
}

void ic_specialize_load_name(InlineCacheSlot& ic, const Obj* locals, const DictObj* globals, StrObj* name) {
  if (!ic_should_try(ic)) return;
  if (locals) {
    const std::int32_t ix = index_in(locals, name);
    if (ix >= 0) return ic_set(ic, IC_NAME_DICT, nullptr, nullptr, ix);
    if (locals != globals) return ic_fail(ic);
  }
  const std::int32_t ix = ic_dict_index(globals, name);
  if (ix < 0) return ic_fail(ic);
  return ic_set(ic, IC_NAME_GLOBALS, nullptr, nullptr, ix);
}

void ic_specialize_store_name(InlineCacheSlot& ic, const Obj* d, StrObj* name) {
  if (!ic_should_try(ic)) return;
  const std::int32_t ix = index_in(d, name);
  if (ix < 0) return ic_fail(ic);
  return ic_set(ic, IC_NAME_DICT, nullptr, nullptr, ix);
}

void ic_specialize_store_attr(VM& vm, InlineCacheSlot& ic, Obj* o, StrObj* name) {
  if (!ic_should_try(ic)) return;
  if (!name->interned || o->tag != Tag::Instance || o->cls->has_setattr) return ic_fail(ic);
  // VM::setattr: no descriptor of that name on the type, so the instance dict takes the value;
  // a __slots__ member (a slot descriptor, not a property) the instance's slot
  if (Obj* descr = vm.lookup_type(o->cls, name).get()) {
    if (descr->tag == Tag::Property) return ic_fail(ic);
    const auto* sd = dynamic_cast<const SlotDescr*>(descr);
    if (!sd || sd->index < 0) return ic_fail(ic);
    return ic_set(ic, IC_STORE_SLOT, o->cls, nullptr, sd->index);
  }
  const Obj* d = static_cast<InstanceObj*>(o)->dict.get();
  if (!d || d->tag != Tag::Dict) return ic_fail(ic);
  return ic_set(ic, IC_STORE_INSTANCE, o->cls, nullptr, ic_dict_index(static_cast<const DictObj*>(d), name));
}

}  // namespace pitfall::sim
