// Dict/set hash table (Objects/dictobject.c's compact layout: dense entries
// in insertion order plus an open-addressing index with perturbed probing).
#include "sim/objects/set_slots.h"
#include "sim/vm/dict_store_str.h"
#include "sim/vm/set_ops.h"
#include "sim/vm/vm.h"

namespace pitfall::sim {

namespace {

constexpr std::int32_t kEmpty = -1, kDummy = -2;
// A new table's least key count: 8 index slots (PyDict_MINSIZE), room for 5
// keys, kept inside the dict (objects/dict_index.h).
constexpr size_t kFirstKeys = 5;

inline bool fast_eq(Obj* a, Obj* b, int& out) {
  if (a == b) { out = 1; return true; }
  if (a->tag == Tag::Str && b->tag == Tag::Str) {
    auto* x = static_cast<StrObj*>(a);
    auto* y = static_cast<StrObj*>(b);
    if (x->interned && y->interned) { out = 0; return true; }
    out = x->s == y->s;
    return true;
  }
  if (a->tag == Tag::Int && b->tag == Tag::Int) { out = static_cast<IntObj*>(a)->v == static_cast<IntObj*>(b)->v; return true; }
  return false;
}

void rebuild(DictObj* d, size_t min_size) {
  size_t live = size_t(d->used);
  size_t size = 8;
  while (size * 2 < (min_size > live ? min_size : live) * 3) size <<= 1;
  if (d->entries.size() != live) {  // deleted entries to drop (else the vector, and its capacity, stay)
    std::vector<DictEntry> entries;
    entries.reserve(live);
    for (auto& e : d->entries)
      if (e.key) entries.push_back(std::move(e));
    d->entries = std::move(entries);
  }
  d->index.assign(size, kEmpty);
  size_t mask = size - 1;
  for (size_t i = 0; i < d->entries.size(); ++i) {
    std::uint64_t h = std::uint64_t(d->entries[i].hash);
    size_t j = h & mask;
    std::uint64_t perturb = h;
    while (d->index[j] != kEmpty) {
      perturb >>= 5;
      j = (j * 5 + perturb + 1) & mask;
    }
    d->index.set(j, std::int32_t(i));
  }
}

}  // namespace

// Finds the slot of key: returns entry index or -1; `slot` gets the index slot
// (for insertion: first free slot). Returns -2 on error.
static long lookup(VM& vm, DictObj* d, const Ref& key, std::int64_t h, size_t& slot) {
  if (d->index.empty()) rebuild(d, kFirstKeys);
  size_t mask = d->index.size() - 1;
  size_t j = std::uint64_t(h) & mask;
  std::uint64_t perturb = std::uint64_t(h);
  long free_slot = -1;
  for (;;) {
    std::int32_t ix = d->index[j];
    if (ix == kEmpty) {
      slot = free_slot >= 0 ? size_t(free_slot) : j;
      return -1;
    }
    if (ix == kDummy) {
      if (free_slot < 0) free_slot = long(j);
    } else {
      DictEntry& e = d->entries[size_t(ix)];
      if (e.hash == h) {
        int eq;
        if (!fast_eq(e.key.get(), key.get(), eq)) {
          Ref k = e.key;  // keep alive across a Python __eq__
          eq = vm.eq(k, key);
          if (eq < 0) return -2;
        }
        if (eq) { slot = j; return ix; }
      }
    }
    perturb >>= 5;
    j = (j * 5 + perturb + 1) & mask;
  }
}

// Sets and frozensets keep CPython's set table in `entries` (objects/set_slots.h).
static long set_find(VM& vm, DictObj* d, const Ref& key, std::int64_t h) {
  return set_slots::lookup(d, key, h, [&vm](Obj* stored, const Ref& k) { return set_key_eq(vm, stored, k); });
}

Ref VM::dict_get(DictObj* d, const Ref& key) {
  std::int64_t h;
  if (!hash(key, h)) return nullptr;
  if (d->used == 0) return nullptr;
  if (d->tag != Tag::Dict) {
    long j = set_find(*this, d, key, h);
    return j >= 0 ? d->entries[size_t(j)].key : nullptr;
  }
  size_t slot;
  long ix = lookup(*this, d, key, h, slot);
  if (ix < 0) return nullptr;
  return d->entries[size_t(ix)].value ? d->entries[size_t(ix)].value : d->entries[size_t(ix)].key;
}

bool VM::dict_set(DictObj* d, Ref key, Ref value) {
  std::int64_t h;
  if (!hash(key, h)) return false;
  if (d->tag != Tag::Dict)
    return set_slots::add(d, std::move(key), h, [this](Obj* stored, const Ref& k) { return set_key_eq(*this, stored, k); }) >= 0;
  size_t slot;
  long ix = lookup(*this, d, key, h, slot);
  if (ix == -2) return false;
  if (d->type_dict) type_attrs_changed();
  if (ix >= 0) {
    if (d->tag == Tag::Dict) d->entries[size_t(ix)].value = std::move(value);
    return true;
  }
  if ((d->entries.size() + 1) * 3 >= d->index.size() * 2) {
    rebuild(d, size_t(d->used + 1) * (d->tag == Tag::Dict ? 3 : 4));
    lookup(*this, d, key, h, slot);
  }
  d->index.set(slot, std::int32_t(d->entries.size()));
  d->entries.push_back({h, std::move(key), std::move(value)});
  ++d->used;
  mem_touch(d);
  return true;
}

int VM::dict_del(DictObj* d, const Ref& key) {
  std::int64_t h;
  if (!hash(key, h)) return -1;
  if (d->used == 0) return 0;
  if (d->tag != Tag::Dict)
    return set_slots::discard(d, key, h, [this](Obj* stored, const Ref& k) { return set_key_eq(*this, stored, k); });
  size_t slot;
  long ix = lookup(*this, d, key, h, slot);
  if (ix == -2) return -1;
  if (ix < 0) return 0;
  if (d->type_dict) type_attrs_changed();
  d->index.set(slot, kDummy);
  DictEntry e = std::move(d->entries[size_t(ix)]);
  d->entries[size_t(ix)].key.reset();
  d->entries[size_t(ix)].value.reset();
  --d->used;
  if (d->used == 0) { d->entries.clear(); d->index.assign(8, kEmpty); }
  mem_touch(d);
  return 1;
}

Ref VM::dict_get_str(DictObj* d, StrObj* key) {
  if (d->used == 0) return nullptr;
  std::int64_t h = key->hash;
  if (h == -1) { Ref k(key); hash(k, h); }
  size_t mask = d->index.size() - 1;
  size_t j = std::uint64_t(h) & mask;
  std::uint64_t perturb = std::uint64_t(h);
  for (;;) {
    std::int32_t ix = d->index[j];
    if (ix == kEmpty) return nullptr;
    if (ix >= 0) {
      DictEntry& e = d->entries[size_t(ix)];
      if (e.key.get() == key) return e.value;
      if (e.hash == h && e.key->tag == Tag::Str && static_cast<StrObj*>(e.key.get())->s == key->s) return e.value;
    }
    perturb >>= 5;
    j = (j * 5 + perturb + 1) & mask;
  }
}

void VM::dict_set_str(DictObj* d, StrObj* key, Ref value) {
  if (dict_store_str(d, key, value)) return;  // dict_store_str.h
  // an attribute stored again: the very key object is in the table, found by
  // lookup's probe sequence before any other key of its hash (which would be
  // compared, maybe by a Python __eq__: the general path)
  if (d->tag == Tag::Dict && key->hash != -1 && d->used > 0 && !d->index.empty()) {
    const std::int64_t h = key->hash;
    const size_t mask = d->index.size() - 1;
    size_t j = std::uint64_t(h) & mask;
    std::uint64_t perturb = std::uint64_t(h);
    for (;;) {
      const std::int32_t ix = d->index[j];
      if (ix == kEmpty) break;
      if (ix >= 0) {
        DictEntry& e = d->entries[size_t(ix)];
        if (e.key.get() == key) {
          if (d->type_dict) type_attrs_changed();
          e.value = std::move(value);
          return;
        }
        if (e.hash == h) break;
      }
      perturb >>= 5;
      j = (j * 5 + perturb + 1) & mask;
    }
  }
  dict_set(d, Ref(key), std::move(value));
}

}  // namespace pitfall::sim

namespace pitfall::sim {

bool dict_store_str(DictObj* d, StrObj* key, Ref& value) {
  if (d->tag != Tag::Dict || d->type_dict || key->hash == -1) return false;
  const std::int64_t h = key->hash;
  if (d->index.empty()) rebuild(d, kFirstKeys);  // as lookup() does first
  const size_t mask = d->index.size() - 1;
  size_t j = std::uint64_t(h) & mask;
  std::uint64_t perturb = std::uint64_t(h);
  long free_slot = -1;
  for (;;) {
    const std::int32_t ix = d->index[j];
    if (ix == kEmpty) break;
    if (ix == kDummy) {
      if (free_slot < 0) free_slot = long(j);
    } else {
      DictEntry& e = d->entries[size_t(ix)];
      if (e.key.get() == key) {  // lookup's fast_eq: the same object
        e.value = std::move(value);
        return true;
      }
      if (e.hash == h) {
        const Obj* k = e.key.get();
        // two distinct interned strs differ (fast_eq); anything else is compared by the general path
        if (!(key->interned && k->tag == Tag::Str && static_cast<const StrObj*>(k)->interned)) return false;
      }
    }
    perturb >>= 5;
    j = (j * 5 + perturb + 1) & mask;
  }
  if ((d->entries.size() + 1) * 3 >= d->index.size() * 2) return false;  // dict_set resizes first
  const size_t slot = free_slot >= 0 ? size_t(free_slot) : j;
  d->index.set(slot, std::int32_t(d->entries.size()));
  d->entries.push_back({h, Ref(key), std::move(value)});
  ++d->used;
  mem_touch(d);
  return true;
}

}  // namespace pitfall::sim
