// Attributes of instances of Python subclasses of built-in types (see
// native_attrs.h). Follows Objects/object.c _PyObject_GenericGetAttrWithDict /
// _PyObject_GenericSetAttrWithDict for such objects: properties and slot
// descriptors on the type first, then the instance __dict__ (when the class
// has one: no __slots__ anywhere in its Python bases, typeobject.c type_new).
#include "sim/vm/native_attrs.h"

#include <cstring>

#include "sim/memory/sizes.h"

namespace pitfall::sim {

namespace {
StrObj* S(VM& vm, const char* s) { return vm.rt.intern(s).as<StrObj>(); }
SlotDescr* as_slot(const Ref& d) { return d && d->tag == Tag::Other ? dynamic_cast<SlotDescr*>(d.get()) : nullptr; }
Ref no_attr(VM& vm, const Ref& o, StrObj* name) {
  return vm.raise(vm.rt.AttributeError, "'" + o->cls->name + "' object has no attribute '" + name->s + "'");
}
}  // namespace

NativeAttrs* native_attrs(VM& vm, Obj* o, bool create) {
  auto it = vm.native_attrs.find(o);
  if (it != vm.native_attrs.end()) return &it->second;
  if (!create) return nullptr;
  return &vm.native_attrs[o];
}

Ref native_instance_dict(VM& vm, Obj* o) {
  if (o->cls->has_slots_only) return nullptr;
  NativeAttrs* na = native_attrs(vm, o, true);
  if (!na->dict) na->dict = vm.rt.make_dict();
  return na->dict;
}

void drop_native_attrs(VM& vm, Obj* o) {
  auto it = vm.native_attrs.find(o);
  if (it == vm.native_attrs.end()) return;
  NativeAttrs dying = std::move(it->second);  // released after the entry is gone
  vm.native_attrs.erase(it);
}

bool native_getattr(VM& vm, const Ref& o, StrObj* name, const Ref& descr, Ref& out) {
  if (descr && descr->tag == Tag::Property) return false;
  if (SlotDescr* sd = as_slot(descr)) {
    NativeAttrs* na = native_attrs(vm, o.get(), false);
    if (na && size_t(sd->index) < na->slots.size() && na->slots[size_t(sd->index)]) out = na->slots[size_t(sd->index)];
    else out = no_attr(vm, o, name);
    return true;
  }
  if (o->cls->has_slots_only) return false;
  if (name->s == "__dict__") { out = native_instance_dict(vm, o.get()); return true; }
  NativeAttrs* na = native_attrs(vm, o.get(), false);
  if (!na || !na->dict) return false;
  Ref v = vm.dict_get_str(na->dict.as<DictObj>(), name);
  if (!v) return false;
  out = std::move(v);
  return true;
}

// The store itself, without a Python __setattr__ (object.__setattr__ calls this).
static bool native_store(VM& vm, const Ref& o, StrObj* name, Ref& v) {
  Ref descr = vm.lookup_type(o->cls, name);
  if (descr && descr->tag == Tag::Property) {
    PropertyObj* p = descr.as<PropertyObj>();
    if (!p->fset) { vm.raise(vm.rt.AttributeError, "property '" + name->s + "' of '" + o->cls->name + "' object has no setter"); return false; }
    return bool(vm.call2(p->fset, o, std::move(v)));
  }
  if (SlotDescr* sd = as_slot(descr)) {
    NativeAttrs* na = native_attrs(vm, o.get(), true);
    if (na->slots.size() <= size_t(sd->index)) na->slots.resize(size_t(sd->index) + 1);
    na->slots[size_t(sd->index)] = std::move(v);
    return true;
  }
  Ref d = native_instance_dict(vm, o.get());
  if (!d) { no_attr(vm, o, name); return false; }
  vm.dict_set_str(d.as<DictObj>(), name, std::move(v));
  return true;
}

bool native_setattr(VM& vm, const Ref& o, StrObj* name, Ref& v, bool& ok) {
  if (o->cls->has_setattr) {
    Ref sa = vm.lookup_type(o->cls, S(vm, "__setattr__"));
    if (sa && sa->tag == Tag::Func) {
      Ref a[3] = {o, Ref(name), v};
      ok = bool(vm.call(sa, a, 3));
      return true;
    }
  }
  ok = native_store(vm, o, name, v);
  return true;
}

bool native_object_setattr(VM& vm, const Ref& o, StrObj* name, Ref v) { return native_store(vm, o, name, v); }

bool native_delattr(VM& vm, const Ref& o, StrObj* name, bool& ok) {
  Ref descr = vm.lookup_type(o->cls, name);
  NativeAttrs* na = native_attrs(vm, o.get(), false);
  if (SlotDescr* sd = as_slot(descr)) {
    if (na && size_t(sd->index) < na->slots.size() && na->slots[size_t(sd->index)]) {
      na->slots[size_t(sd->index)].reset();
      ok = true;
      return true;
    }
  } else if (na && na->dict && vm.dict_del(na->dict.as<DictObj>(), Ref(name)) == 1) {
    ok = true;
    return true;
  }
  ok = false;
  no_attr(vm, o, name);
  return true;
}

}  // namespace pitfall::sim

namespace pitfall::sim {

// sys.getsizeof of an instance of a Python subclass of a built-in type, from the
// size of the same value of the base type. Measured on CPython 3.10-3.13 and
// explained by typeobject.c type_new: a subclass of a type that is not GC-tracked
// becomes tracked (+16, the PyGC_Head); __dict__ and __weakref__ become slots
// in the layout (3.10; also 3.11 for var-sized bases), a "managed" dict pointer
// pair before the object (3.11, fixed-size bases), or managed dict and weakref
// together (3.12+, Py_TPFLAGS_MANAGED_WEAKREF); __slots__ add 8 bytes each. The
// __sizeof__ of int and str ignores tp_basicsize, so slots inside the layout do
// not show there; a str subclass is a non-compact PyUnicodeObject
// (unicode_subtype_new) whose characters live in a separate block.
std::int64_t builtin_subclass_getsizeof(const Obj* o, std::int64_t base_size, int minor) {
  const ClassObj* native = nullptr;
  for (const ClassObj* m : o->cls->mro) if (m->builtin) { native = m; break; }
  if (!native) return base_size;
  const std::string& b = native->name;
  const int v = minor <= 10 ? 0 : minor == 11 ? 1 : 2;
  struct Row { const char* name; int gc, slot, dict[3]; };
  static const Row rows[] = {
      {"list", 0, 8, {16, 24, 16}},      {"dict", 0, 8, {16, 24, 16}},  {"set", 0, 8, {8, 16, 16}},
      {"frozenset", 0, 8, {8, 16, 16}},  {"float", 16, 8, {16, 24, 16}}, {"tuple", 0, 8, {8, 8, 16}},
      {"int", 16, 0, {0, 0, 16}},        {"bool", 16, 0, {0, 0, 16}},   {"bytes", 16, 8, {8, 8, 16}},
      {"str", 16, 0, {0, 16, 16}},
  };
  const Row* row = nullptr;
  for (const Row& r : rows) if (b == r.name) row = &r;
  if (!row) return base_size;
  std::int64_t size = base_size;
  if (o->tag == Tag::Str) {
    const auto& s = static_cast<const StrObj*>(o)->s;
    std::int64_t cp = 0;
    const auto kind = memory::Sizes::str_kind_of_utf8(s.data(), s.size(), &cp);
    const int width = kind == memory::StrKind::Ucs4 ? 4 : kind == memory::StrKind::Ucs2 ? 2 : 1;
    size = (minor >= 12 ? 64 : 80) + (cp + 1) * width;
  }
  size += row->gc + row->slot * std::int64_t(o->cls->slot_names.size());
  if (!o->cls->has_slots_only) size += row->dict[v];
  return size;
}

}  // namespace pitfall::sim
