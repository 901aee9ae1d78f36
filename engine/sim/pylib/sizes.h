// Container growth and sys.getsizeof for list, dict and tuple as CPython
// computes them, so the memory model and `sys.getsizeof` agree with the
// real interpreter.
//
// Notes about the model: follows Objects/listobject.c (list_resize's
// over-allocation `(n + (n >> 3) + 6) & ~3`, 3.9+), Objects/dictobject.c
// (PyDict_MINSIZE 8, USABLE_FRACTION(n) = 2n/3, GROWTH_RATE = used*3,
// calculate_log2_keysize, index bytes 1/2/4/8 per slot by table size,
// entries of 24 bytes, or 16 for str-only keys on 3.11+, no shrinking on
// delete, _PyDict_NewPresized for dict displays) and the object headers of
// 3.10..3.13 (the sizes include the 16-byte GC header as sys.getsizeof
// does). Left out: split-table (instance __dict__) dicts, whose size the
// object model handles, and free lists.
#pragma once
#include <cstddef>
#include <cstdint>

namespace pitfall::sim::pylib {

// --- list ---
// New capacity after list_resize(list of `oldsize` items in `allocated`
// slots, newsize): appends, extend, insert, slice assignment, del.
std::size_t list_resize_capacity(std::size_t allocated, std::size_t oldsize, std::size_t newsize);
// Capacity of a list built by n appends to [] (list comprehensions too).
std::size_t list_capacity_after_appends(std::size_t n);
// sys.getsizeof(list) with the given capacity (56 + 8*capacity).
std::size_t list_getsizeof(std::size_t capacity, int minor = 11);

// --- tuple ---
std::size_t tuple_getsizeof(std::size_t n, int minor = 11);  // 40 + 8n ("()" too)

// --- dict (combined table) ---
// The keys table of a dict, updated as CPython does on inserts/deletes.
struct DictKeysModel {
  int log2_size = 0;         // 0: the shared empty keys of `{}` (no table)
  std::size_t used = 0;      // len(d)
  std::size_t nentries = 0;  // entries consumed (deleted ones stay until resize)
  bool str_keys = true;      // every key so far is an exact str (3.11+ compact entries)

  // A dict display / dict(**kw) / _PyDict_NewPresized for n items.
  static DictKeysModel presized(std::size_t n, bool str_keys);
  std::size_t slots() const { return log2_size ? std::size_t{1} << log2_size : 0; }
  std::size_t usable() const;  // USABLE_FRACTION(slots)
  // Insert a new key (not an overwrite). Returns true if the table resized.
  // On 3.11+ the first non-str key converts a str-only table (a resize).
  bool insert(bool key_is_str, int minor = 11);
  void remove();              // del d[k]
  void clear() { *this = DictKeysModel{}; }
  std::size_t getsizeof(int minor = 11) const;
};

// sys.getsizeof of a dict of n items built by n inserts into {}.
std::size_t dict_getsizeof(std::size_t n, int minor = 11, bool str_keys = false);
// Table slots (1 << log2) after n inserts into {} (0 for n == 0).
std::size_t dict_slots_after_inserts(std::size_t n);

}  // namespace pitfall::sim::pylib
