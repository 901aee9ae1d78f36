// Frozenset constants built at compile time (see const_frozenset.h).
#include "sim/compiler/const_frozenset.h"

#include <cstdint>

#include "sim/objects/set_slots.h"
#include "sim/pylib/hash.h"

namespace pitfall::sim {

namespace {

bool numeric(const Obj* o) { return o->tag == Tag::Int || o->tag == Tag::BigInt || o->tag == Tag::Float; }

// hash() of a constant, as VM::hash computes it.
bool const_hash(Runtime& rt, Obj* o, std::int64_t& h) {
  switch (o->tag) {
    case Tag::Int: h = pylib::hash_int(static_cast<IntObj*>(o)->v); return true;
    case Tag::BigInt: h = static_cast<BigIntObj*>(o)->v.hash(); return true;
    case Tag::Float: h = pylib::hash_double(static_cast<FloatObj*>(o)->v, reinterpret_cast<std::uintptr_t>(o)); return true;
    case Tag::Str: {
      auto* s = static_cast<StrObj*>(o);
      if (s->hash == -1) s->hash = pylib::hash_str(s->s, rt.python_minor);
      h = s->hash;
      return true;
    }
    case Tag::None: h = pylib::hash_none(rt.python_minor, reinterpret_cast<std::uintptr_t>(o)); return true;
    case Tag::Tuple: {
      auto& items = static_cast<TupleObj*>(o)->items;
      std::vector<std::int64_t> hs(items.size());
      for (std::size_t i = 0; i < items.size(); ++i)
        if (!const_hash(rt, items[i].get(), hs[i])) return false;
      h = pylib::hash_tuple(hs);
      return true;
    }
    default: return false;
  }
}

// == between constants whose hashes are equal.
int const_eq(Obj* a, Obj* b) {
  if (a == b) return 1;
  if (a->tag == Tag::Str && b->tag == Tag::Str) return static_cast<StrObj*>(a)->s == static_cast<StrObj*>(b)->s;
  if (numeric(a) && numeric(b)) {
    if (a->tag == Tag::Int && b->tag == Tag::Int) return static_cast<IntObj*>(a)->v == static_cast<IntObj*>(b)->v;
    if (a->tag == Tag::BigInt && b->tag == Tag::BigInt) return static_cast<BigIntObj*>(a)->v == static_cast<BigIntObj*>(b)->v;
    if (a->tag == Tag::BigInt || b->tag == Tag::BigInt) return 0;  // equal hashes with another kind: not folded exactly
    double x = a->tag == Tag::Float ? static_cast<FloatObj*>(a)->v : double(static_cast<IntObj*>(a)->v);
    double y = b->tag == Tag::Float ? static_cast<FloatObj*>(b)->v : double(static_cast<IntObj*>(b)->v);
    return x == y;
  }
  if (a->tag == Tag::Tuple && b->tag == Tag::Tuple) {
    auto& p = static_cast<TupleObj*>(a)->items;
    auto& q = static_cast<TupleObj*>(b)->items;
    if (p.size() != q.size()) return 0;
    for (std::size_t i = 0; i < p.size(); ++i)
      if (!const_eq(p[i].get(), q[i].get())) return 0;
    return 1;
  }
  return 0;
}

}  // namespace

Ref make_const_frozenset(Runtime& rt, const std::vector<Ref>& items) {
  auto eq = [](Obj* stored, const Ref& k) { return const_eq(stored, k.get()); };
  Ref first = make<DictObj>(rt.frozenset_t, Tag::FrozenSet);
  for (const Ref& x : items) {
    std::int64_t h;
    if (!const_hash(rt, x.get(), h)) return nullptr;
    set_slots::add(first.as<DictObj>(), x, h, eq);
  }
  // merge_consts_recursive (Python/compile.c) replaces the constant by
  // PyFrozenSet_New(a tuple of its items in iteration order): a second build
  Ref s = make<DictObj>(rt.frozenset_t, Tag::FrozenSet);
  for (const DictEntry& e : first.as<DictObj>()->entries)
    if (e.key) set_slots::add(s.as<DictObj>(), e.key, e.hash, eq);
  return s;
}

}  // namespace pitfall::sim
