// The methods of set and frozenset (Objects/setobject.c set_methods and
// frozenset_methods), built on the CPython-ordered operations of vm/set_ops.h.
#include "sim/objects/set_slots.h"
#include "sim/vm/set_ops.h"

namespace pitfall::sim {

namespace {

DictObj* D(const Ref& r) { return r.as<DictObj>(); }

Ref arg_count_error(VM& vm, const char* name, int given) {
  return vm.raise(vm.rt.TypeError, std::string(name) + "() takes exactly one argument (" + std::to_string(given) + " given)");
}
#define ONE_ARG(name) \
  if (a.n != 2) return arg_count_error(vm, name, a.n - 1)

Ref set_add(VM& vm, Args& a) {
  ONE_ARG("set.add");
  return vm.dict_set(D(a.v[0]), a.v[1], Ref()) ? vm.rt.None : nullptr;
}
Ref set_discard(VM& vm, Args& a) {
  ONE_ARG("set.discard");
  return vm.dict_del(D(a.v[0]), a.v[1]) < 0 ? nullptr : vm.rt.None;
}
Ref set_remove(VM& vm, Args& a) {
  ONE_ARG("set.remove");
  int r = vm.dict_del(D(a.v[0]), a.v[1]);
  if (r < 0) return nullptr;
  if (r == 0) return vm.raise_key_error(a.v[1]);
  return vm.rt.None;
}
// set_pop: scan from the finger for an active slot, leave a dummy there.
Ref set_pop(VM& vm, Args& a) {
  DictObj* so = D(a.v[0]);
  if (so->used == 0) return vm.raise(vm.rt.KeyError, "pop from an empty set");
  const std::size_t mask = so->entries.size() - 1;
  std::size_t i = std::size_t(so->set_finger) & mask;
  while (!so->entries[i].key) i = (i + 1) & mask;
  Ref key = std::move(so->entries[i].key);
  so->entries[i].hash = -1;
  --so->used;
  so->set_finger = std::int64_t(i + 1);
  mem_touch(so);
  return key;
}
Ref set_clear(VM& vm, Args& a) {
  set_slots::clear(D(a.v[0]));
  return vm.rt.None;
}
Ref set_copy(VM& vm, Args& a) {
  if (a.v[0]->cls == vm.rt.frozenset_t) return a.v[0];
  return set_copy_of(vm, a.v[0]);
}
Ref set_union(VM& vm, Args& a) {
  Ref r = set_copy_of(vm, a.v[0]);
  for (int i = 1; r && i < a.n; ++i)
    if (a.v[i].get() != a.v[0].get() && !set_update_internal(vm, D(r), a.v[i])) return nullptr;
  return r;
}
Ref set_update(VM& vm, Args& a) {
  for (int i = 1; i < a.n; ++i)
    if (!set_update_internal(vm, D(a.v[0]), a.v[i])) return nullptr;
  return vm.rt.None;
}
Ref set_intersection(VM& vm, Args& a) {
  if (a.n == 1) return set_copy_of(vm, a.v[0]);
  Ref r = a.v[0];
  for (int i = 1; r && i < a.n; ++i) r = set_intersection_of(vm, r, a.v[i]);
  return r;
}
Ref set_intersection_update(VM& vm, Args& a) {
  Ref tmp = set_intersection(vm, a);
  if (!tmp) return nullptr;
  DictObj* so = D(a.v[0]);
  if (tmp.get() != so) {
    std::swap(so->entries, D(tmp)->entries);
    std::swap(so->used, D(tmp)->used);
    std::swap(so->set_fill, D(tmp)->set_fill);
    mem_touch(so);
    mem_touch(tmp.get());
  }
  return vm.rt.None;
}
Ref set_difference(VM& vm, Args& a) {
  if (a.n == 1) return set_copy_of(vm, a.v[0]);
  Ref r = set_difference_of(vm, a.v[0], a.v[1]);
  for (int i = 2; r && i < a.n; ++i)
    if (!set_difference_update(vm, D(r), a.v[i])) return nullptr;
  return r;
}
Ref set_difference_update_m(VM& vm, Args& a) {
  for (int i = 1; i < a.n; ++i)
    if (!set_difference_update(vm, D(a.v[0]), a.v[i])) return nullptr;
  return vm.rt.None;
}
Ref set_symdiff(VM& vm, Args& a) {
  ONE_ARG("symmetric_difference");
  return set_symmetric_difference_of(vm, a.v[0], a.v[1]);
}
Ref set_symdiff_update(VM& vm, Args& a) {
  ONE_ARG("symmetric_difference_update");
  return set_symmetric_difference_update(vm, D(a.v[0]), a.v[1]) ? vm.rt.None : nullptr;
}
Ref set_issubset(VM& vm, Args& a) {
  ONE_ARG("issubset");
  int r = set_is_subset(vm, a.v[0], a.v[1]);
  return r < 0 ? nullptr : vm.rt.make_bool(r != 0);
}
Ref set_issuperset(VM& vm, Args& a) {
  ONE_ARG("issuperset");
  if (set_slots::is_set(a.v[1].get())) {
    int r = set_is_subset(vm, a.v[1], a.v[0]);
    return r < 0 ? nullptr : vm.rt.make_bool(r != 0);
  }
  Ref it = vm.iter(a.v[1]);
  if (!it) return nullptr;
  for (;;) {
    Ref x = vm.next(it);
    if (!x) return vm.exc ? nullptr : vm.rt.True;
    int c = vm.contains(a.v[0], x);
    if (c < 0) return nullptr;
    if (!c) return vm.rt.False;
  }
}
Ref set_isdisjoint(VM& vm, Args& a) {
  ONE_ARG("isdisjoint");
  Ref so = a.v[0], other = a.v[1];
  if (so.get() == other.get()) return vm.rt.make_bool(D(so)->used == 0);
  if (set_slots::is_set(other.get())) {
    if (D(other)->used > D(so)->used) std::swap(so, other);
    std::vector<DictEntry> walk = D(other)->entries;
    for (DictEntry& e : walk) {
      if (!e.key) continue;
      int c = vm.contains(so, e.key);
      if (c < 0) return nullptr;
      if (c) return vm.rt.False;
    }
    return vm.rt.True;
  }
  Ref it = vm.iter(other);
  if (!it) return nullptr;
  for (;;) {
    Ref x = vm.next(it);
    if (!x) return vm.exc ? nullptr : vm.rt.True;
    int c = vm.contains(so, x);
    if (c < 0) return nullptr;
    if (c) return vm.rt.False;
  }
}

}  // namespace

void init_set_methods(VM& vm) {
  auto& rt = vm.rt;
  for (ClassObj* s : {rt.set_t, rt.frozenset_t}) {
    vm.add_method(s, "union", set_union);
    vm.add_method(s, "intersection", set_intersection);
    vm.add_method(s, "difference", set_difference);
    vm.add_method(s, "symmetric_difference", set_symdiff);
    vm.add_method(s, "issubset", set_issubset);
    vm.add_method(s, "issuperset", set_issuperset);
    vm.add_method(s, "isdisjoint", set_isdisjoint);
    vm.add_method(s, "copy", set_copy);
  }
  vm.add_method(rt.set_t, "add", set_add);
  vm.add_method(rt.set_t, "discard", set_discard);
  vm.add_method(rt.set_t, "remove", set_remove);
  vm.add_method(rt.set_t, "pop", set_pop);
  vm.add_method(rt.set_t, "update", set_update);
  vm.add_method(rt.set_t, "clear", set_clear);
  vm.add_method(rt.set_t, "intersection_update", set_intersection_update);
  vm.add_method(rt.set_t, "difference_update", set_difference_update_m);
  vm.add_method(rt.set_t, "symmetric_difference_update", set_symdiff_update);
}

}  // namespace pitfall::sim
