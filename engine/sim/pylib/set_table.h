// CPython's set hash table, reproduced slot for slot so that iterating a
// simulated set yields CPython's order, and so that its size (for
// sys.getsizeof and the memory model) follows CPython's resizes.
//
// Notes about the model: follows CPython 3.11 Objects/setobject.c:
// PySet_MINSIZE 8 slots; probing = LINEAR_PROBES (9) neighbouring slots, then
// perturbation `i = (i*5 + 1 + perturb) & mask` with perturb >>= 5;
// set_add_entry reuses the last dummy slot on its probe path; a fresh slot
// bumps fill and used and, when fill*5 >= mask*3, set_table_resize(used > 50000 ? used*2 :
// used*4) rebuilds the table (smallest power of two > minused) by walking the
// old table in slot order with set_insert_clean. discard leaves a dummy
// (hash -1). Construction order of the operators follows CPython:
//   set(iterable)  adds items in iteration order (set_update_internal);
//   set(a_set), a.copy(), a | b start with set_merge (which copies slot by
//                  slot when the target is empty and the sizes match, else
//                  reinserts, after one up-front resize);
//   a | b          copy of a, then set_merge(b);
//   a & b          walks the smaller set (b when sizes are equal) and adds
//                  the items found in the other one (the walked set's items);
//   a - b          walks a adding the items not in b, unless len(a)/4 >
//                  len(b): then copy a and discard b's items;
//   a ^ b          copy of b, then walk a: discard if present else add.
// The caller supplies hashes (already mapped -1 -> -2 as hash() does) and an
// equality callback `bool eq(const T& stored, const T& probe)`, called only
// when the stored hash equals the probe hash, as CPython compares. Identity
// shortcuts (startkey == key) are the callback's business. pop() follows
// set_pop's finger. Left out: the restart when a comparison mutates the set
// (the VM must not mutate a set from inside `eq`).
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace pitfall::sim::pylib {

inline constexpr std::size_t kSetMinSize = 8;      // PySet_MINSIZE
inline constexpr std::size_t kSetLinearProbes = 9;  // LINEAR_PROBES
inline constexpr int kSetPerturbShift = 5;          // PERTURB_SHIFT

// sys.getsizeof(set or frozenset) whose table has `table_slots` slots
// (mask + 1), for CPython 3.<minor> (10..13): 216 with the 8-slot small
// table, plus 16 bytes per slot once the table is external.
std::size_t set_getsizeof(std::size_t table_slots, int minor = 11);

template <class T>
class SetTable {
 public:
  struct Slot {
    std::int64_t hash = 0;  // 0 with no value: unused; -1 with no value: dummy
    std::optional<T> key;   // engaged: active
    bool active() const { return key.has_value(); }
    bool dummy() const { return !key && hash == -1; }
  };

  SetTable() : table_(kSetMinSize) {}

  std::size_t size() const { return used_; }       // len(s)
  bool empty() const { return used_ == 0; }
  std::size_t fill() const { return fill_; }       // active + dummy slots
  std::size_t slots() const { return table_.size(); }  // mask + 1
  std::size_t mask() const { return table_.size() - 1; }
  std::size_t getsizeof(int minor = 11) const { return set_getsizeof(slots(), minor); }
  const std::vector<Slot>& table() const { return table_; }

  // Iterate active entries in CPython order: fn(const T&, hash).
  template <class Fn>
  void for_each(Fn&& fn) const {
    for (const Slot& s : table_)
      if (s.key) fn(*s.key, s.hash);
  }
  std::vector<T> items() const {
    std::vector<T> out;
    out.reserve(used_);
    for_each([&](const T& v, std::int64_t) { out.push_back(v); });
    return out;
  }

  // The stored element equal to `key`, or nullptr.
  template <class Eq>
  const T* find(const T& key, std::int64_t hash, Eq&& eq) const {
    std::size_t idx = lookup(key, hash, eq);
    return idx == npos ? nullptr : &*table_[idx].key;
  }
  template <class Eq>
  bool contains(const T& key, std::int64_t hash, Eq&& eq) const {
    return lookup(key, hash, eq) != npos;
  }

  // s.add(key). Returns true if it was inserted (false: already present).
  // The last dummy slot met on the probe path is reused (set_add_entry's
  // freeslot); only a fresh slot counts towards fill and may resize.
  template <class Eq>
  bool add(T key, std::int64_t hash, Eq&& eq) {
    const std::size_t m = mask();
    std::size_t i = static_cast<std::size_t>(hash) & m;
    std::size_t perturb = static_cast<std::size_t>(hash);
    std::size_t freeslot = npos;
    for (;;) {
      std::size_t probes = (i + kSetLinearProbes <= m) ? kSetLinearProbes : 0;
      std::size_t j = i;
      for (;;) {
        Slot& e = table_[j];
        if (!e.key && e.hash == 0) {
          if (freeslot != npos) {
            ++used_;
            table_[freeslot].key.emplace(std::move(key));
            table_[freeslot].hash = hash;
            return true;
          }
          ++fill_;
          ++used_;
          e.key.emplace(std::move(key));
          e.hash = hash;
          if (fill_ * 5 < m * 3) return true;
          resize(used_ > 50000 ? used_ * 2 : used_ * 4);
          return true;
        }
        if (e.key) {
          if (e.hash == hash && eq(*e.key, key)) return false;
        } else {
          freeslot = j;  // a dummy: CPython keeps the last one seen
        }
        if (probes == 0) break;
        --probes;
        ++j;
      }
      perturb >>= kSetPerturbShift;
      i = (i * 5 + 1 + perturb) & m;
    }
  }

  // s.discard(key). Returns true if an element was removed.
  template <class Eq>
  bool discard(const T& key, std::int64_t hash, Eq&& eq) {
    std::size_t idx = lookup(key, hash, eq);
    if (idx == npos) return false;
    table_[idx].key.reset();
    table_[idx].hash = -1;
    --used_;
    return true;
  }

  // s.pop(): removes and returns an arbitrary element the way set_pop picks
  // it (scanning from the finger). Nothing when empty (the caller raises
  // KeyError "pop from an empty set").
  std::optional<T> pop() {
    if (used_ == 0) return std::nullopt;
    std::size_t i = finger_ & mask();
    while (!table_[i].key) i = (i + 1) & mask();
    std::optional<T> out = std::move(table_[i].key);
    table_[i].key.reset();
    table_[i].hash = -1;
    --used_;
    finger_ = i + 1;
    return out;
  }

  // s.clear(): back to the 8-slot small table.
  void clear() {
    table_.assign(kSetMinSize, Slot{});
    fill_ = used_ = 0;
    finger_ = 0;
  }

  // set_merge: add every element of `other` (s |= other, set(other), copy).
  template <class Eq>
  void merge(const SetTable& other, Eq&& eq) {
    if (&other == this || other.used_ == 0) return;
    if ((fill_ + other.used_) * 5 >= mask() * 3) resize((used_ + other.used_) * 2);
    if (fill_ == 0 && mask() == other.mask() && other.fill_ == other.used_) {
      for (std::size_t i = 0; i < table_.size(); ++i)
        if (other.table_[i].key) table_[i] = other.table_[i];
      fill_ = other.fill_;
      used_ = other.used_;
      return;
    }
    if (fill_ == 0) {
      fill_ = used_ = other.used_;
      for (const Slot& s : other.table_)
        if (s.key) insert_clean(*s.key, s.hash);
      return;
    }
    for (const Slot& s : other.table_)
      if (s.key) add(*s.key, s.hash, eq);
  }

  // Before adding the items of a dict of `n` entries (set(d), s |= d.keys()
  // of a dict): set_update_internal's one up-front resize.
  void presize_for_dict(std::size_t n) {
    if ((fill_ + n) * 5 >= mask() * 3) resize((used_ + n) * 2);
  }

  // Results of the binary operators, built in CPython's order.
  template <class Eq>
  static SetTable copy(const SetTable& a, Eq&& eq) {
    SetTable r;
    r.merge(a, eq);
    return r;
  }
  template <class Eq>
  static SetTable union_of(const SetTable& a, const SetTable& b, Eq&& eq) {
    SetTable r = copy(a, eq);
    r.merge(b, eq);
    return r;
  }
  template <class Eq>
  static SetTable intersection(const SetTable& a, const SetTable& b, Eq&& eq) {
    const SetTable* big = &a;
    const SetTable* small = &b;
    if (b.size() > a.size()) std::swap(big, small);
    SetTable r;
    for (const Slot& s : small->table_)
      if (s.key && big->contains(*s.key, s.hash, eq)) r.add(*s.key, s.hash, eq);
    return r;
  }
  template <class Eq>
  static SetTable difference(const SetTable& a, const SetTable& b, Eq&& eq) {
    if ((a.size() >> 2) > b.size()) {
      SetTable r = copy(a, eq);
      for (const Slot& s : b.table_)
        if (s.key) r.discard(*s.key, s.hash, eq);
      return r;
    }
    SetTable r;
    for (const Slot& s : a.table_)
      if (s.key && !b.contains(*s.key, s.hash, eq)) r.add(*s.key, s.hash, eq);
    return r;
  }
  template <class Eq>
  static SetTable symmetric_difference(const SetTable& a, const SetTable& b, Eq&& eq) {
    SetTable r = copy(b, eq);
    for (const Slot& s : a.table_)
      if (s.key && !r.discard(*s.key, s.hash, eq)) r.add(*s.key, s.hash, eq);
    return r;
  }

 private:
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  template <class Eq>
  std::size_t lookup(const T& key, std::int64_t hash, Eq& eq) const {
    const std::size_t m = mask();
    std::size_t i = static_cast<std::size_t>(hash) & m;
    std::size_t perturb = static_cast<std::size_t>(hash);
    for (;;) {
      std::size_t probes = (i + kSetLinearProbes <= m) ? kSetLinearProbes : 0;
      std::size_t j = i;
      for (;;) {
        const Slot& e = table_[j];
        if (!e.key && e.hash == 0) return npos;
        if (e.key && e.hash == hash && eq(*e.key, key)) return j;
        if (probes == 0) break;
        --probes;
        ++j;
      }
      perturb >>= kSetPerturbShift;
      i = (i * 5 + 1 + perturb) & m;
    }
  }

  void insert_clean(const T& key, std::int64_t hash) {
    const std::size_t m = mask();
    std::size_t i = static_cast<std::size_t>(hash) & m;
    std::size_t perturb = static_cast<std::size_t>(hash);
    for (;;) {
      if (!table_[i].key) return place(i, key, hash);
      if (i + kSetLinearProbes <= m) {
        for (std::size_t j = 1; j <= kSetLinearProbes; ++j)
          if (!table_[i + j].key) return place(i + j, key, hash);
      }
      perturb >>= kSetPerturbShift;
      i = (i * 5 + 1 + perturb) & m;
    }
  }
  void place(std::size_t i, const T& key, std::int64_t hash) {
    table_[i].key.emplace(key);
    table_[i].hash = hash;
  }

  void resize(std::size_t minused) {
    std::size_t newsize = kSetMinSize;
    while (newsize <= minused) newsize <<= 1;
    std::vector<Slot> old(newsize);
    old.swap(table_);
    fill_ = used_;
    for (Slot& s : old)
      if (s.key) insert_clean_move(std::move(*s.key), s.hash);
  }
  void insert_clean_move(T&& key, std::int64_t hash) {
    const std::size_t m = mask();
    std::size_t i = static_cast<std::size_t>(hash) & m;
    std::size_t perturb = static_cast<std::size_t>(hash);
    for (;;) {
      if (!table_[i].key) {
        table_[i].key.emplace(std::move(key));
        table_[i].hash = hash;
        return;
      }
      if (i + kSetLinearProbes <= m) {
        for (std::size_t j = 1; j <= kSetLinearProbes; ++j)
          if (!table_[i + j].key) {
            table_[i + j].key.emplace(std::move(key));
            table_[i + j].hash = hash;
            return;
          }
      }
      perturb >>= kSetPerturbShift;
      i = (i * 5 + 1 + perturb) & m;
    }
  }

  std::vector<Slot> table_;
  std::size_t fill_ = 0;
  std::size_t used_ = 0;
  std::size_t finger_ = 0;
};

}  // namespace pitfall::sim::pylib
