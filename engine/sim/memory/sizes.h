// Object sizes as CPython reports them: sys.getsizeof (what `__sizeof__` plus
// the GC header gives) and the bytes tracemalloc traces for one object, split
// into the object's own block and the separately allocated tables it owns.
// Also the growth state of the variable-size containers (list capacity, dict
// keys tables, set tables), which the VM keeps next to each container and
// updates on every insert/append so sizes stay exact. The list and dict
// growth rules are pylib's (engine/sim/pylib/sizes.h); this layer adds what
// depends on the version and what tracemalloc sees.
//
// Notes about the model: 64-bit Linux, default (GIL) builds of CPython
// 3.10-3.14; `minor` is the 3.x minor version. Follows Objects/longobject.c
// (30-bit digits, _PyLong_FromMedium), Objects/unicodeobject.c (PEP 393 compact
// strings; the wstr fields went away in 3.12), Objects/listobject.c
// (list_resize, list_preallocate_exact), Objects/dictobject.c (new_keys_object,
// GROWTH_RATE, _PyDict_NewPresized, split tables), Objects/setobject.c
// (set_table_resize, 8-slot smalltable), Objects/object.c (inline values and
// managed dicts 3.11+), Modules/_collectionsmodule.c (deque blocks of 64).
// Left out: the UTF-8 cache of str (absent in fresh strings), free-threaded
// builds' 32-byte object header, bytearray over-allocation on append, the
// cached shared keys inside a class's own size (the class size is the value
// measured for a class whose instances have <= 5 attributes), frame objects
// (created lazily since 3.11), and the traced size of dicts of instances that
// stopped sharing keys (their getsizeof follows CPython: vm/instance_shared_keys.cpp). Figures were checked against the
// installed 3.10-3.13 interpreters (tests/memory/sizes.json).
#pragma once
#include <cstddef>
#include <cstdint>

#include "sim/pylib/sizes.h"

namespace pitfall::sim::memory {

using i64 = std::int64_t;

inline constexpr i64 kGcHeader = 16;   // PyGC_Head in front of every GC object
inline constexpr i64 kPtr = 8;

// What tracemalloc sees for one object: the object's block (including the GC
// header) and the table allocated apart from it (list item array, dict keys
// table + split values, set table, 3.11/3.12 instance values); 0 when none.
struct Footprint {
  i64 object = 0;
  i64 table = 0;
  i64 table2 = 0;  // a second table (3.10 instance: dict object + its values)
  i64 total() const { return object + table + table2; }
};

// ---- containers' growth state ---------------------------------------------

// PyListObject: ob_size and allocated.
struct ListAlloc {
  i64 size = 0, allocated = 0;
};
// list_resize(self, newsize) from Objects/listobject.c (3.9+ over-allocation),
// via pylib::list_resize_capacity.
void list_resize(ListAlloc& l, i64 newsize);
// list_preallocate_exact: used by list.extend / list(iterable) when the list
// has no item array yet and the length is known; rounds up to even.
void list_preallocate_exact(ListAlloc& l, i64 n);
// list.append / LIST_APPEND (comprehensions): list_resize(size + 1).
void list_append(ListAlloc& l);
// list.extend(seq) / LIST_EXTEND / list(seq) with a known length n (list,
// tuple, or an iterable with __len__/__length_hint__).
void list_extend_known(ListAlloc& l, i64 n);
// An exact-size list: BUILD_LIST n, [x] * n, slicing, sorted() of a list.
ListAlloc list_exact(i64 n);

// The keys table of a combined dict: pylib's model (engine/sim/pylib/sizes.h),
// which the VM's dict keeps up to date; DictModel adds the version's sizes.
using DictKeys = ::pitfall::sim::pylib::DictKeysModel;
class DictModel {
 public:
  explicit DictModel(int minor) : minor_(minor) {}
  DictKeys empty() const { return {}; }
  // _PyDict_NewPresized(n): BUILD_MAP / BUILD_CONST_KEY_MAP of n items, dict(**kw).
  DictKeys presized(i64 n, bool all_str_keys) const;
  // Inserting a key not yet present, with CPython's resizes (3.10 has no
  // str-only tables, so a non-str key never forces a resize there).
  void insert_new(DictKeys& k, bool key_is_str) const;
  void remove(DictKeys& k) const { k.remove(); }
  void clear(DictKeys& k) const { k.clear(); }
  // _PyDict_KeysSize: bytes of the keys table (0 for the shared empty keys).
  i64 keys_bytes(const DictKeys& k) const;
  i64 getsizeof(const DictKeys& k) const { return 64 + keys_bytes(k); }
  Footprint traced(const DictKeys& k) const { return {64, keys_bytes(k), 0}; }

 private:
  int minor_;
};

// PySetObject table counters for callers that do not hold a
// pylib::SetTable (which reproduces the table slot for slot): fill (active +
// dummy), used (active), mask + 1 slots.
struct SetTable {
  i64 fill = 0, used = 0, slots = 8;
};
// set.add / BUILD_SET / set(iterable) one element at a time (set_add_entry +
// set_table_resize: x4 growth, x2 above 50000 elements).
void set_add_new(SetTable& s);
void set_discard(SetTable& s);  // leaves a dummy: fill unchanged
// Sizes from the slot count (a pylib::SetTable's slots() or SetTable::slots).
i64 set_getsizeof(i64 slots);
Footprint set_traced(i64 slots);
inline i64 set_getsizeof(const SetTable& s) { return set_getsizeof(s.slots); }
inline Footprint set_traced(const SetTable& s) { return set_traced(s.slots); }

// ---- sizes of every modelled type -------------------------------------------

enum class StrKind { Ascii = 1, Latin1 = 2, Ucs2 = 3, Ucs4 = 4 };
// How an int object was allocated (its digits as requested, not as normalized).
enum class IntOrigin {
  Exact,    // constant, int(str), conversions: exactly ndigits
  Medium,   // result of fast-path arithmetic on |v| < 2**30 (_PyLong_FromMedium 3.11+)
  AddSub,   // x_add / x_sub: one digit more than the larger operand
};

class Sizes {
 public:
  explicit Sizes(int minor) : minor_(minor), dicts_(minor) {}
  int minor() const { return minor_; }
  const DictModel& dicts() const { return dicts_; }

  i64 none() const { return 16; }
  i64 boolean(bool v) const { return (!v && minor_ <= 10) ? 24 : 28; }
  // Number of 30-bit digits of |v| for a value held in 64 bits.
  static int int_ndigits(std::int64_t v);
  i64 int_getsizeof(int ndigits) const;
  // Requested bytes; `operand_digits` = digits of the larger operand (AddSub).
  i64 int_traced(int ndigits, IntOrigin origin, int operand_digits = 0) const;
  i64 float_() const { return 24; }
  i64 complex_() const { return 32; }
  // Compact str of `length` code points whose widest character is `kind`.
  i64 str(StrKind kind, i64 length) const;
  static StrKind str_kind_of_utf8(const char* data, std::size_t n, i64* code_points = nullptr);
  i64 bytes(i64 length) const { return 33 + length; }
  // bytearray(b) / bytearray(n): allocation of n + 1 bytes, 0 when empty.
  i64 bytearray(i64 length) const { return 56 + (length > 0 ? length + 1 : 0); }
  i64 tuple(i64 n) const { return 40 + kPtr * n; }
  i64 list_getsizeof(const ListAlloc& l) const { return 56 + kPtr * l.allocated; }
  Footprint list_traced(const ListAlloc& l) const { return {56, kPtr * l.allocated}; }
  i64 range() const { return 48; }
  i64 object_() const { return 16; }
  // Instance of a class without __slots__; `nattrs` = attributes set on self
  // (the number the shared keys settle on). getsizeof counts the object only.
  i64 instance_getsizeof() const;
  Footprint instance_traced(i64 nattrs) const;
  // Extra bytes when `o.__dict__` is first read (3.11+ materialises a dict).
  i64 instance_dict_materialised() const { return minor_ >= 11 ? 64 : 0; }
  // getsizeof(o.__dict__) of such an instance.
  i64 instance_dict_getsizeof(i64 nattrs) const;
  i64 slots_instance(i64 nslots) const { return 32 + kPtr * nslots; }
  i64 function() const;
  i64 bound_method() const { return 64; }
  i64 type_object() const;
  // Generator / coroutine object; from 3.11 the frame is embedded and sized by
  // the code object's co_nlocalsplus + co_stacksize.
  i64 generator(i64 nlocalsplus, i64 stacksize, bool coroutine) const;
  i64 cell() const { return 40; }
  i64 module() const { return 72; }
  // collections.deque of `len` items filled from empty (blocks of 64 slots).
  i64 deque(i64 len) const;
  i64 defaultdict(const DictKeys& k) const { return dicts_.getsizeof(k) + 8; }

  // Whether objects of a kind are tracked by the cyclic GC (count toward gen0).
  // An instance of a regular class counts twice in 3.10 (object + __dict__).
  int gc_allocations_per_instance() const { return minor_ <= 10 ? 2 : 1; }

 private:
  int minor_;
  DictModel dicts_;
};

}  // namespace pitfall::sim::memory
