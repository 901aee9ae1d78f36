// sys.getsizeof and traced bytes per object, and container growth rules
// (see sizes.h for the notes about the model).
#include "sim/memory/sizes.h"

#include <algorithm>

#include "sim/pylib/set_table.h"
#include "sim/pylib/sizes.h"

namespace pitfall::sim::memory {

namespace {
i64 round_up(i64 n, i64 to) { return (n + to - 1) / to * to; }
i64 usable_fraction(i64 size) { return (size << 1) / 3; }
// calculate_log2_keysize: smallest table (>= 8 slots) with at least minsize slots.
// Usable entries of the smallest dict table holding n entries (3.10 split values).
i64 usable_for(i64 n) {
  i64 size = 8;
  while (usable_fraction(size) < n && size < (i64{1} << 40)) size <<= 1;
  return usable_fraction(size);
}
}  // namespace

// ---- list ----------------------------------------------------------------

void list_resize(ListAlloc& l, i64 newsize) {
  if (newsize < 0) newsize = 0;
  l.allocated = static_cast<i64>(::pitfall::sim::pylib::list_resize_capacity(static_cast<std::size_t>(l.allocated),
                                                             static_cast<std::size_t>(l.size),
                                                             static_cast<std::size_t>(newsize)));
  l.size = newsize;
}

void list_preallocate_exact(ListAlloc& l, i64 n) {
  if (n <= 0) return;
  l.allocated = (n + 1) & ~i64{1};
}

void list_append(ListAlloc& l) { list_resize(l, l.size + 1); }

void list_extend_known(ListAlloc& l, i64 n) {
  if (n <= 0) return;
  if (l.allocated == 0) {  // ob_item == NULL
    list_preallocate_exact(l, n);
    l.size = n;
    return;
  }
  list_resize(l, l.size + n);
}

ListAlloc list_exact(i64 n) {
  ListAlloc l;
  l.size = l.allocated = std::max<i64>(0, n);
  return l;
}

// ---- dict ----------------------------------------------------------------

DictKeys DictModel::presized(i64 n, bool all_str_keys) const {
  if (n <= 0) return {};
  const i64 max_presize = 128 * 1024;
  if (n > usable_fraction(max_presize)) n = usable_fraction(max_presize);
  return DictKeys::presized(static_cast<std::size_t>(n), all_str_keys);
}

void DictModel::insert_new(DictKeys& k, bool key_is_str) const {
  k.insert(minor_ <= 10 ? (k.log2_size == 0 ? key_is_str : k.str_keys) : key_is_str);
}

i64 DictModel::keys_bytes(const DictKeys& k) const {
  return static_cast<i64>(k.getsizeof(minor_)) - 64;
}

// ---- set -----------------------------------------------------------------

void set_add_new(SetTable& s) {
  s.fill++;
  s.used++;
  const i64 mask = s.slots - 1;
  if (s.fill * 5 < mask * 3) return;
  const i64 minused = s.used > 50000 ? s.used * 2 : s.used * 4;
  i64 newsize = 8;
  while (newsize <= minused && newsize < (i64{1} << 50)) newsize <<= 1;
  s.slots = newsize;
  s.fill = s.used;
}

void set_discard(SetTable& s) {
  if (s.used > 0) s.used--;
}

i64 set_getsizeof(i64 slots) { return static_cast<i64>(::pitfall::sim::pylib::set_getsizeof(static_cast<std::size_t>(slots))); }
Footprint set_traced(i64 slots) { return {216, set_getsizeof(slots) - 216, 0}; }

// ---- scalar and fixed-size objects ------------------------------------------

int Sizes::int_ndigits(std::int64_t v) {
  std::uint64_t u = v < 0 ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
  int n = 0;
  while (u) {
    u >>= 30;
    ++n;
  }
  return n;
}

i64 Sizes::int_getsizeof(int ndigits) const {
  return 24 + 4 * (minor_ <= 10 ? ndigits : std::max(1, ndigits));
}

i64 Sizes::int_traced(int ndigits, IntOrigin origin, int operand_digits) const {
  switch (origin) {
    case IntOrigin::Medium:
      return minor_ <= 10 ? 28 : 32;  // _PyLong_New(1) vs sizeof(PyLongObject)
    case IntOrigin::AddSub:
      return 24 + 4 * (std::max(operand_digits, ndigits) + 1);
    case IntOrigin::Exact:
      break;
  }
  return int_getsizeof(ndigits);
}

i64 Sizes::str(StrKind kind, i64 length) const {
  const bool compact_ascii = kind == StrKind::Ascii;
  const i64 header = compact_ascii ? (minor_ <= 11 ? 48 : 40) : (minor_ <= 11 ? 72 : 56);
  const i64 width = kind == StrKind::Ucs4 ? 4 : kind == StrKind::Ucs2 ? 2 : 1;
  i64 size = header + (length + 1) * width;
  // One-character Latin-1 strings are the cached singletons; from 3.12 these
  // static objects carry their UTF-8 form (2 bytes + NUL).
  if (kind == StrKind::Latin1 && length == 1 && minor_ >= 12) size += 3;
  return size;
}

StrKind Sizes::str_kind_of_utf8(const char* data, std::size_t n, i64* code_points) {
  std::uint32_t maxcp = 0;
  i64 count = 0;
  for (std::size_t i = 0; i < n;) {
    const auto c = static_cast<unsigned char>(data[i]);
    std::uint32_t cp = c;
    std::size_t len = 1;
    if (c >= 0xF0) { cp = c & 0x07; len = 4; }
    else if (c >= 0xE0) { cp = c & 0x0F; len = 3; }
    else if (c >= 0xC0) { cp = c & 0x1F; len = 2; }
    for (std::size_t j = 1; j < len && i + j < n; ++j)
      cp = (cp << 6) | (static_cast<unsigned char>(data[i + j]) & 0x3F);
    maxcp = std::max(maxcp, cp);
    i += len;
    ++count;
  }
  if (code_points) *code_points = count;
  if (maxcp < 0x80) return StrKind::Ascii;
  if (maxcp < 0x100) return StrKind::Latin1;
  if (maxcp < 0x10000) return StrKind::Ucs2;
  return StrKind::Ucs4;
}

i64 Sizes::instance_getsizeof() const { return minor_ == 11 ? 56 : 48; }

Footprint Sizes::instance_traced(i64 nattrs) const {
  nattrs = std::max<i64>(0, nattrs);
  if (minor_ <= 10) {  // object + a split-table dict (object, values array)
    if (nattrs == 0) return {48, 0, 0};
    return {48, 64, kPtr * usable_for(nattrs)};
  }
  const i64 cap = std::min<i64>(nattrs + 1, 29);
  if (minor_ <= 12)  // values array apart (new_values: prefix + pointers)
    return {instance_getsizeof(), cap * kPtr + round_up(cap + 2, kPtr), 0};
  // 3.13+: inline values inside the object (PyDictValues header + slots + order)
  return {48 + 8 + cap * kPtr + round_up(cap, kPtr), 0, 0};
}

i64 Sizes::instance_dict_getsizeof(i64 nattrs) const {
  if (minor_ <= 10) return 64 + kPtr * usable_for(std::max<i64>(1, nattrs));
  return 64 + kPtr * 27;  // shared keys usable size measured for small classes
}

i64 Sizes::function() const { return minor_ <= 10 ? 144 : minor_ == 11 ? 152 : 160; }

i64 Sizes::type_object() const {
  if (minor_ <= 10) return 1072;
  if (minor_ == 11) return 1688;
  if (minor_ == 12) return 1704;
  return 1712;
}

i64 Sizes::generator(i64 nlocalsplus, i64 stacksize, bool coroutine) const {
  if (minor_ <= 10) return coroutine ? 112 : 104;
  return (minor_ == 11 ? 168 : 160) + kPtr * (nlocalsplus + stacksize);
}

i64 Sizes::deque(i64 len) const {
  const i64 base = minor_ <= 10 ? 96 : 232;
  const i64 blocks = len <= 0 ? 1 : (1 + len + 63) / 64;  // leftindex 1 after extend
  return base + blocks * (64 * kPtr + 2 * kPtr);
}

}  // namespace pitfall::sim::memory
