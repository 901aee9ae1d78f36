// Set and frozenset operations in CPython 3.11's order (Objects/setobject.c:
// set_update_internal, set_merge, set_intersection, set_difference,
// set_symmetric_difference_update, set_issubset ...). See set_ops.h.
#include "sim/vm/set_ops.h"

#include "sim/objects/set_slots.h"

namespace pitfall::sim {

namespace {

struct KeyEq {
  VM& vm;
  int operator()(Obj* stored, const Ref& key) const { return set_key_eq(vm, stored, key); }
};

DictObj* D(const Ref& r) { return r.as<DictObj>(); }

bool exact_dict(VM& vm, const Obj* o) { return o->tag == Tag::Dict && o->cls == vm.rt.dict_t; }

// A set holding the elements of any iterable (set arguments are used as they are).
Ref as_set(VM& vm, const Ref& other) {
  if (set_slots::is_set(other.get())) return other;
  return set_make(vm, vm.rt.set_t, Tag::Set, other);
}

}  // namespace

int set_key_eq(VM& vm, Obj* stored, const Ref& key) {
  Obj* k = key.get();
  if (stored->tag == Tag::Str && k->tag == Tag::Str)
    return static_cast<StrObj*>(stored)->s == static_cast<StrObj*>(k)->s;
  if (stored->tag == Tag::Int && k->tag == Tag::Int)
    return static_cast<IntObj*>(stored)->v == static_cast<IntObj*>(k)->v;
  return vm.eq(Ref(stored), key);
}

bool set_update_internal(VM& vm, DictObj* so, const Ref& other) {
  KeyEq eq{vm};
  if (set_slots::is_set(other.get())) return set_slots::merge(so, D(other), eq) >= 0;
  if (exact_dict(vm, other.get())) {
    DictObj* d = D(other);
    set_slots::ensure_table(so);
    if (std::size_t(so->set_fill + d->used) * 5 >= (so->entries.size() - 1) * 3)
      set_slots::resize(so, std::size_t(so->used + d->used) * 2);
    std::vector<DictEntry> es = d->entries;
    for (DictEntry& e : es)
      if (e.key && set_slots::add(so, e.key, e.hash, eq) < 0) return false;
    return true;
  }
  Ref it = vm.iter(other);
  if (!it) return false;
  for (;;) {
    Ref x = vm.next(it);
    if (!x) return !vm.exc;
    if (!vm.dict_set(so, x, Ref())) return false;
  }
}

Ref set_new_like(VM& vm, const Obj* proto) {
  bool frozen = proto->tag == Tag::FrozenSet;
  return make<DictObj>(frozen ? vm.rt.frozenset_t : vm.rt.set_t, frozen ? Tag::FrozenSet : Tag::Set);
}

Ref set_make(VM& vm, ClassObj* cls, Tag tag, const Ref& iterable) {
  Ref s = make<DictObj>(cls, tag);
  if (iterable && !set_update_internal(vm, D(s), iterable)) return nullptr;
  return s;
}

Ref set_copy_of(VM& vm, const Ref& so) {
  Ref r = set_new_like(vm, so.get());
  if (!set_update_internal(vm, D(r), so)) return nullptr;
  return r;
}

Ref set_intersection_of(VM& vm, const Ref& so_in, const Ref& other_in) {
  if (so_in.get() == other_in.get()) return set_copy_of(vm, so_in);
  KeyEq eq{vm};
  Ref result = set_new_like(vm, so_in.get());
  Ref so = so_in, other = other_in;
  if (set_slots::is_set(other.get())) {
    if (D(other)->used > D(so)->used) std::swap(so, other);
    std::vector<DictEntry> walk = D(other)->entries;
    for (DictEntry& e : walk) {
      if (!e.key) continue;
      long j = set_slots::lookup(D(so), e.key, e.hash, eq);
      if (j == -2) return nullptr;
      if (j >= 0 && set_slots::add(D(result), e.key, e.hash, eq) < 0) return nullptr;
    }
    return result;
  }
  Ref it = vm.iter(other);
  if (!it) return nullptr;
  for (;;) {
    Ref x = vm.next(it);
    if (!x) return vm.exc ? nullptr : result;
    std::int64_t h;
    if (!vm.hash(x, h)) return nullptr;
    long j = set_slots::lookup(D(so), x, h, eq);
    if (j == -2) return nullptr;
    if (j >= 0 && set_slots::add(D(result), x, h, eq) < 0) return nullptr;
  }
}

bool set_intersection_update(VM& vm, DictObj* so, const Ref& other) {
  Ref tmp = set_intersection_of(vm, Ref(so), other);
  if (!tmp) return false;
  // set_swap_bodies: so takes tmp's table
  std::swap(so->entries, D(tmp)->entries);
  std::swap(so->used, D(tmp)->used);
  std::swap(so->set_fill, D(tmp)->set_fill);
  mem_touch(so);
  mem_touch(tmp.get());
  return true;
}

bool set_difference_update(VM& vm, DictObj* so, const Ref& other) {
  KeyEq eq{vm};
  if (so == other.get()) { set_slots::clear(so); return true; }
  if (set_slots::is_set(other.get())) {
    std::vector<DictEntry> walk = D(other)->entries;
    for (DictEntry& e : walk)
      if (e.key && set_slots::discard(so, e.key, e.hash, eq) < 0) return false;
  } else {
    Ref it = vm.iter(other);
    if (!it) return false;
    for (;;) {
      Ref x = vm.next(it);
      if (!x) { if (vm.exc) return false; break; }
      if (vm.dict_del(so, x) < 0) return false;
    }
  }
  // more than 1/4 dummies: resize them away
  if (so->entries.empty() || std::size_t(so->set_fill - so->used) <= (so->entries.size() - 1) / 4) return true;
  set_slots::resize(so, std::size_t(so->used > 50000 ? so->used * 2 : so->used * 4));
  return true;
}

Ref set_difference_of(VM& vm, const Ref& so, const Ref& other) {
  KeyEq eq{vm};
  std::int64_t other_size;
  if (set_slots::is_set(other.get()) || exact_dict(vm, other.get())) other_size = D(other)->used;
  else other_size = -1;
  if (other_size < 0 || (D(so)->used >> 2) > other_size) {
    Ref r = set_copy_of(vm, so);
    if (!r || !set_difference_update(vm, D(r), other)) return nullptr;
    return r;
  }
  Ref result = set_new_like(vm, so.get());
  std::vector<DictEntry> walk = D(so)->entries;
  for (DictEntry& e : walk) {
    if (!e.key) continue;
    int found;
    if (other->tag == Tag::Dict) {
      Ref v = vm.dict_get(D(other), e.key);
      if (!v && vm.exc) return nullptr;
      found = v ? 1 : 0;
    } else {
      long j = set_slots::lookup(D(other), e.key, e.hash, eq);
      if (j == -2) return nullptr;
      found = j >= 0;
    }
    if (!found && set_slots::add(D(result), e.key, e.hash, eq) < 0) return nullptr;
  }
  return result;
}

bool set_symmetric_difference_update(VM& vm, DictObj* so, const Ref& other) {
  KeyEq eq{vm};
  if (so == other.get()) { set_slots::clear(so); return true; }
  Ref otherset;
  if (exact_dict(vm, other.get()) || set_slots::is_set(other.get())) {
    otherset = other;
  } else {
    otherset = set_make(vm, vm.rt.set_t, Tag::Set, other);
    if (!otherset) return false;
  }
  std::vector<DictEntry> walk = D(otherset)->entries;
  for (DictEntry& e : walk) {
    if (!e.key) continue;
    int r = set_slots::discard(so, e.key, e.hash, eq);
    if (r < 0) return false;
    if (r == 0 && set_slots::add(so, e.key, e.hash, eq) < 0) return false;
  }
  return true;
}

Ref set_symmetric_difference_of(VM& vm, const Ref& so, const Ref& other) {
  // make_new_set_basetype(type(so), other), then update it with so
  Ref r = set_new_like(vm, so.get());
  if (!set_update_internal(vm, D(r), other)) return nullptr;
  if (!set_symmetric_difference_update(vm, D(r), so)) return nullptr;
  return r;
}

int set_is_subset(VM& vm, const Ref& so, const Ref& other_in) {
  Ref other = as_set(vm, other_in);
  if (!other) return -1;
  if (D(so)->used > D(other)->used) return 0;
  KeyEq eq{vm};
  std::vector<DictEntry> walk = D(so)->entries;
  for (DictEntry& e : walk) {
    if (!e.key) continue;
    long j = set_slots::lookup(D(other), e.key, e.hash, eq);
    if (j == -2) return -1;
    if (j < 0) return 0;
  }
  return 1;
}

Ref set_binary_op(VM& vm, int op, const Ref& a, const Ref& b, bool inplace) {
  if (!set_slots::is_set(a.get()) || !set_slots::is_set(b.get())) return nullptr;
  if (op != NB_OR && op != NB_AND && op != NB_SUBTRACT && op != NB_XOR) return nullptr;
  if (inplace && a->tag == Tag::Set) {
    DictObj* so = D(a);
    bool ok = op == NB_OR ? set_update_internal(vm, so, b)
            : op == NB_AND ? set_intersection_update(vm, so, b)
            : op == NB_SUBTRACT ? set_difference_update(vm, so, b)
            : set_symmetric_difference_update(vm, so, b);
    return ok ? a : nullptr;
  }
  switch (op) {
    case NB_OR: {
      Ref r = set_copy_of(vm, a);
      if (!r || a.get() == b.get()) return r;
      return set_update_internal(vm, D(r), b) ? r : nullptr;
    }
    case NB_AND: return set_intersection_of(vm, a, b);
    case NB_SUBTRACT: return set_difference_of(vm, a, b);
    default: return set_symmetric_difference_of(vm, a, b);
  }
}

Ref set_order_compare(VM& vm, int op, const Ref& a, const Ref& b) {
  if (!set_slots::is_set(a.get()) || !set_slots::is_set(b.get())) return nullptr;
  std::int64_t na = D(a)->used, nb = D(b)->used;
  int r;
  switch (op) {
    case CMP_LE: r = set_is_subset(vm, a, b); break;
    case CMP_GE: r = set_is_subset(vm, b, a); break;
    case CMP_LT: r = na < nb ? set_is_subset(vm, a, b) : 0; break;
    case CMP_GT: r = na > nb ? set_is_subset(vm, b, a) : 0; break;
    default: return nullptr;
  }
  if (r < 0) return nullptr;
  return vm.rt.make_bool(r != 0);
}

}  // namespace pitfall::sim
