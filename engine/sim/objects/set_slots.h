// CPython's set hash table over a set/frozenset DictObj, so that iterating a
// simulated set yields the order CPython's would.
//
// Notes about the model: for Tag::Set and Tag::FrozenSet the DictObj's
// `entries` vector IS the slot table (mask + 1 slots, a power of two, 8 at
// least once anything was added): an active slot holds a key; an unused slot
// has no key and hash 0; a dummy (left by a removal) has no key and hash -1.
// Code that walks `entries` skipping keyless slots therefore sees CPython's
// iteration order. `set_fill` counts active + dummy slots, `used` the active
// ones. An empty `entries` (a fresh set, or one whose entries were cleared)
// is the 8-slot small table with nothing in it.
// Follows CPython 3.11 Objects/setobject.c (the same algorithm as
// pylib/set_table.h, which its tests check against CPython slot for slot):
// LINEAR_PROBES (9) neighbouring slots then perturbation
// `i = (i*5 + 1 + perturb) & mask`, perturb >>= 5; set_add_entry reuses the
// last dummy on its probe path, a fresh slot bumps fill and resizes when
// fill*5 >= mask*3 to used*4 (used*2 above 50000) with set_insert_clean in old
// slot order; set_merge copies slot for slot into an empty table of the same
// size. `eq(stored, probe)` returns 1 (equal), 0, or -1 (an error was raised);
// it is called only when the hashes match and the objects are not identical.
// Left out: the restart when a comparison mutates the set.
#pragma once
#include <cstdint>
#include <utility>
#include <vector>

#include "sim/objects/object.h"

namespace pitfall::sim::set_slots {

inline constexpr std::size_t kMinSize = 8;       // PySet_MINSIZE
inline constexpr std::size_t kLinearProbes = 9;  // LINEAR_PROBES
inline constexpr int kPerturbShift = 5;          // PERTURB_SHIFT

inline bool is_set(const Obj* o) { return o->tag == Tag::Set || o->tag == Tag::FrozenSet; }

inline void ensure_table(DictObj* s) {
  if (s->entries.empty()) {
    s->entries.resize(kMinSize);
    s->set_fill = 0;
    s->used = 0;
  }
}

// set_insert_clean: the table has no dummies and does not hold the key.
inline void insert_clean(std::vector<DictEntry>& t, Ref key, std::int64_t hash) {
  const std::size_t m = t.size() - 1;
  std::size_t i = static_cast<std::size_t>(hash) & m;
  std::size_t perturb = static_cast<std::size_t>(hash);
  for (;;) {
    if (!t[i].key) { t[i].key = std::move(key); t[i].hash = hash; return; }
    if (i + kLinearProbes <= m) {
      for (std::size_t j = 1; j <= kLinearProbes; ++j)
        if (!t[i + j].key) { t[i + j].key = std::move(key); t[i + j].hash = hash; return; }
    }
    perturb >>= kPerturbShift;
    i = (i * 5 + 1 + perturb) & m;
  }
}

// set_table_resize: the smallest power of two > minused, old slots reinserted in order.
inline void resize(DictObj* s, std::size_t minused) {
  ensure_table(s);
  std::size_t newsize = kMinSize;
  while (newsize <= minused) newsize <<= 1;
  std::vector<DictEntry> old(newsize);
  old.swap(s->entries);
  s->set_fill = s->used;
  for (DictEntry& e : old)
    if (e.key) insert_clean(s->entries, std::move(e.key), e.hash);
  mem_touch(s);
}

// set_lookkey: the slot holding an element equal to key, -1 when absent, -2 on error.
template <class Eq>
long lookup(const DictObj* s, const Ref& key, std::int64_t hash, Eq&& eq) {
  if (s->entries.empty() || s->used == 0) return -1;
  const std::size_t m = s->entries.size() - 1;
  std::size_t i = static_cast<std::size_t>(hash) & m;
  std::size_t perturb = static_cast<std::size_t>(hash);
  for (;;) {
    std::size_t probes = (i + kLinearProbes <= m) ? kLinearProbes : 0;
    for (std::size_t j = i;; ++j) {
      const DictEntry& e = s->entries[j];
      if (!e.key && e.hash == 0) return -1;
      if (e.key && e.hash == hash) {
        if (e.key.get() == key.get()) return long(j);
        Ref stored = e.key;  // alive across a Python __eq__
        int r = eq(stored.get(), key);
        if (r < 0) return -2;
        if (r) return long(j);
        if (s->entries.size() - 1 != m) return lookup(s, key, hash, eq);  // mutated: restart
      }
      if (probes == 0) break;
      --probes;
    }
    perturb >>= kPerturbShift;
    i = (i * 5 + 1 + perturb) & m;
  }
}

// set_add_entry: 1 added, 0 already present, -1 error.
template <class Eq>
int add(DictObj* s, Ref key, std::int64_t hash, Eq&& eq) {
  ensure_table(s);
  const std::size_t m = s->entries.size() - 1;
  std::size_t i = static_cast<std::size_t>(hash) & m;
  std::size_t perturb = static_cast<std::size_t>(hash);
  long freeslot = -1;
  for (;;) {
    std::size_t probes = (i + kLinearProbes <= m) ? kLinearProbes : 0;
    for (std::size_t j = i;; ++j) {
      DictEntry& e = s->entries[j];
      if (!e.key && e.hash == 0) {
        ++s->used;
        if (freeslot >= 0) {
          s->entries[std::size_t(freeslot)].key = std::move(key);
          s->entries[std::size_t(freeslot)].hash = hash;
          mem_touch(s);
          return 1;
        }
        ++s->set_fill;
        e.key = std::move(key);
        e.hash = hash;
        if (std::size_t(s->set_fill) * 5 >= m * 3)
          resize(s, std::size_t(s->used > 50000 ? s->used * 2 : s->used * 4));
        mem_touch(s);
        return 1;
      }
      if (e.key) {
        if (e.hash == hash) {
          if (e.key.get() == key.get()) return 0;
          Ref stored = e.key;
          int r = eq(stored.get(), key);
          if (r < 0) return -1;
          if (r) return 0;
          if (s->entries.size() - 1 != m) return add(s, std::move(key), hash, eq);  // mutated: restart
        }
      } else {
        freeslot = long(j);  // a dummy: the last one seen is reused
      }
      if (probes == 0) break;
      --probes;
    }
    perturb >>= kPerturbShift;
    i = (i * 5 + 1 + perturb) & m;
  }
}

// set_discard_entry: 1 removed (leaves a dummy), 0 absent, -1 error.
template <class Eq>
int discard(DictObj* s, const Ref& key, std::int64_t hash, Eq&& eq) {
  long j = lookup(s, key, hash, eq);
  if (j == -2) return -1;
  if (j < 0) return 0;
  Ref old = std::move(s->entries[std::size_t(j)].key);
  s->entries[std::size_t(j)].hash = -1;
  --s->used;
  mem_touch(s);
  return 1;
}

// set_clear_internal: back to the empty small table.
inline void clear(DictObj* s) {
  std::vector<DictEntry> old;
  old.swap(s->entries);
  s->used = 0;
  s->set_fill = 0;
  mem_touch(s);
}

// set_merge: add every element of `other` (set(other), s.copy(), s |= other).
template <class Eq>
int merge(DictObj* so, const DictObj* other, Eq&& eq) {
  if (so == other || other->used == 0) return 0;
  ensure_table(so);
  if (std::size_t(so->set_fill + other->used) * 5 >= (so->entries.size() - 1) * 3)
    resize(so, std::size_t(so->used + other->used) * 2);
  if (so->set_fill == 0 && so->entries.size() == other->entries.size() && other->set_fill == other->used) {
    for (std::size_t i = 0; i < other->entries.size(); ++i)
      if (other->entries[i].key) so->entries[i] = {other->entries[i].hash, other->entries[i].key, Ref()};
    so->set_fill = other->set_fill;
    so->used = other->used;
    mem_touch(so);
    return 0;
  }
  if (so->set_fill == 0) {
    so->set_fill = so->used = other->used;
    for (const DictEntry& e : other->entries)
      if (e.key) insert_clean(so->entries, e.key, e.hash);
    mem_touch(so);
    return 0;
  }
  std::vector<DictEntry> items = other->entries;  // other may change under a Python __eq__
  for (DictEntry& e : items)
    if (e.key && add(so, e.key, e.hash, eq) < 0) return -1;
  return 0;
}

}  // namespace pitfall::sim::set_slots
