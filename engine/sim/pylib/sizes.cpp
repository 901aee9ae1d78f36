// list/dict/tuple/set growth and sizes (see sizes.h and set_table.h).
#include "sim/pylib/sizes.h"

#include "sim/pylib/set_table.h"

namespace pitfall::sim::pylib {

namespace {

// Smallest log2 >= 3 with (1 << log2) >= minsize.
int log2_keysize(std::size_t minsize) {
  int log2 = 3;
  while ((std::size_t{1} << log2) < minsize) ++log2;
  return log2;
}

}  // namespace

std::size_t list_resize_capacity(std::size_t allocated, std::size_t oldsize, std::size_t newsize) {
  if (allocated >= newsize && newsize >= (allocated >> 1)) return allocated;
  if (newsize == 0) return 0;
  std::size_t new_allocated = (newsize + (newsize >> 3) + 6) & ~std::size_t{3};
  if (newsize > oldsize && newsize - oldsize > new_allocated - newsize) new_allocated = (newsize + 3) & ~std::size_t{3};
  return new_allocated;
}

std::size_t list_capacity_after_appends(std::size_t n) {
  std::size_t cap = 0;
  for (std::size_t i = 1; i <= n; ++i) cap = list_resize_capacity(cap, i - 1, i);
  return cap;
}

std::size_t list_getsizeof(std::size_t capacity, int) { return 56 + 8 * capacity; }

std::size_t tuple_getsizeof(std::size_t n, int) { return 40 + 8 * n; }

std::size_t set_getsizeof(std::size_t table_slots, int) {
  return table_slots <= kSetMinSize ? 216 : 216 + 16 * table_slots;
}

DictKeysModel DictKeysModel::presized(std::size_t n, bool str_keys) {
  DictKeysModel m;
  m.str_keys = str_keys;
  if (n <= 5) return m;  // PyDict_New(): the shared empty keys
  m.log2_size = log2_keysize((n * 3 + 1) / 2);
  return m;
}

std::size_t DictKeysModel::usable() const { return (slots() << 1) / 3; }

bool DictKeysModel::insert(bool key_is_str, int minor) {
  bool resized = false;
  if (log2_size == 0) {
    log2_size = 3;
    str_keys = key_is_str;
    nentries = used = 0;
    resized = true;
  } else if (str_keys && !key_is_str && minor >= 11) {
    log2_size = log2_keysize(used * 3);
    nentries = used;
    str_keys = false;
    resized = true;
  } else if (!key_is_str) {
    str_keys = false;
  }
  if (nentries >= usable()) {
    log2_size = log2_keysize(used * 3);
    nentries = used;
    resized = true;
  }
  ++nentries;
  ++used;
  return resized;
}

void DictKeysModel::remove() {
  if (used) --used;
}

std::size_t DictKeysModel::getsizeof(int minor) const {
  const std::size_t base = 48 + 16;  // PyDictObject + GC header
  if (log2_size == 0) return base;
  const std::size_t n = slots();
  const std::size_t index_bytes = log2_size < 8 ? 1 : log2_size < 16 ? 2 : log2_size < 32 ? 4 : 8;
  const bool compact = minor >= 11 && str_keys;
  const std::size_t header = minor >= 11 ? 32 : 40;
  return base + header + n * index_bytes + usable() * (compact ? 16 : 24);
}

std::size_t dict_getsizeof(std::size_t n, int minor, bool str_keys) {
  DictKeysModel m;
  for (std::size_t i = 0; i < n; ++i) m.insert(str_keys, minor);
  return m.getsizeof(minor);
}

std::size_t dict_slots_after_inserts(std::size_t n) {
  DictKeysModel m;
  for (std::size_t i = 0; i < n; ++i) m.insert(false);
  return m.slots();
}

}  // namespace pitfall::sim::pylib
