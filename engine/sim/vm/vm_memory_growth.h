// Growth state of the memory layer's containers (VmMemory), one dense table
// per kind of object, so each object carries only the fields its kind uses:
// - a list: its ListAlloc and the size before its last in-place resize
//   (list_resize_in_place.cpp), 32 bytes;
// - a dict: its keys table (memory::DictKeys, stored with 32-bit counters),
//   the entries CPython's dict has beyond the VM's and, for a folded instance
//   __dict__, its instance, 24 bytes;
// - any other object (an instance, an exception): the link to its folded
//   __dict__ and the 3.11+ shared-keys state of its attributes, 16 bytes.
// A set has none: its table's counters are read from the VM's set each time.
// The record's `growth` field holds the kind (top two bits, never 0) and the
// index in that kind's table. Host memory only: one Growth record of all
// three kinds side by side took 128 bytes per container.
#pragma once
#include <cstdint>
#include <vector>

#include "sim/memory/chunked_vector.h"
#include "sim/memory/sizes.h"

namespace pitfall::sim {

struct Obj;

struct ListGrowth {
  memory::ListAlloc list;
  // list resized within its capacity at touch time (list_resized_in_place):
  // the boundary of that touch (epoch()) and the size before it
  std::uint64_t touch_epoch = ~std::uint64_t{0};
  std::int64_t size_before = 0;
};

struct DictGrowth {
  Obj* link = nullptr;  // a folded __dict__: its instance (or exception)
  // memory::DictKeys (keys() / set_keys()): a dict's entries stay far below
  // 2^32 (host memory runs out long before), the counters are kept in 32 bits
  std::uint32_t used = 0, nentries = 0;
  std::int32_t extra = 0;  // entries CPython's object has that the VM's does not (>= 0)
  std::int8_t log2_size = 0;
  bool str_keys = true;

  memory::DictKeys keys() const {
    memory::DictKeys k;
    k.log2_size = log2_size;
    k.used = used;
    k.nentries = nentries;
    k.str_keys = str_keys;
    return k;
  }
  void set_keys(const memory::DictKeys& k) {
    log2_size = std::int8_t(k.log2_size);
    used = narrow(k.used);
    nentries = narrow(k.nentries);
    str_keys = k.str_keys;
  }
  static std::uint32_t narrow(std::size_t n) { return n < 0xffffffffu ? std::uint32_t(n) : 0xffffffffu; }
};

struct LinkGrowth {
  Obj* link = nullptr;  // instance <-> its folded __dict__
  // 3.11+ instance: its attributes' keys in the class's shared keys
  // (instance_shared_keys.cpp): live keys last checked (-1: not yet, or
  // beyond 32 bits: checked again), whether its __dict__ was read (a dict
  // object exists) and whether it stopped sharing
  std::int32_t keys_seen = -1;
  bool materialised = false, unshared = false;

  bool seen(std::int64_t used) const { return keys_seen >= 0 && used == keys_seen; }
  void set_seen(std::int64_t used) { keys_seen = used >= 0 && used <= 0x7fffffff ? std::int32_t(used) : -1; }
};

// One kind's records: slots reused through a free list, never moved.
template <class T>
class GrowthTable {
 public:
  std::uint32_t add() {
    if (!free_.empty()) {
      const std::uint32_t i = free_.back();
      free_.pop_back();
      recs_[i] = T{};
      return i;
    }
    const auto i = std::uint32_t(recs_.size());
    recs_.emplace_back();
    return i;
  }
  void remove(std::uint32_t i) { free_.push_back(i); }
  T& operator[](std::uint32_t i) { return recs_[i]; }
  const T& operator[](std::uint32_t i) const { return recs_[i]; }

 private:
  memory::ChunkedVector<T, 10> recs_;
  std::vector<std::uint32_t> free_;
};

enum class GrowthKind : std::uint32_t { None = 0, List = 1, Dict = 2, Link = 3 };

struct GrowthTables {
  static constexpr int kKindShift = 30;
  static constexpr std::uint32_t kIndexMask = (1u << kKindShift) - 1;
  static GrowthKind kind(std::uint32_t g) { return GrowthKind(g >> kKindShift); }
  static std::uint32_t index(std::uint32_t g) { return g & kIndexMask; }
  static std::uint32_t code(GrowthKind k, std::uint32_t i) { return (std::uint32_t(k) << kKindShift) | i; }

  std::uint32_t add(GrowthKind k) {
    switch (k) {
      case GrowthKind::List: return code(k, lists.add());
      case GrowthKind::Dict: return code(k, dicts.add());
      case GrowthKind::Link: return code(k, links.add());
      case GrowthKind::None: break;
    }
    return 0;
  }
  void remove(std::uint32_t g) {
    switch (kind(g)) {
      case GrowthKind::List: lists.remove(index(g)); break;
      case GrowthKind::Dict: dicts.remove(index(g)); break;
      case GrowthKind::Link: links.remove(index(g)); break;
      case GrowthKind::None: break;
    }
  }
  // The link field of a record of any kind (a list has none: nullptr).
  Obj** link(std::uint32_t g) {
    switch (kind(g)) {
      case GrowthKind::Dict: return &dicts[index(g)].link;
      case GrowthKind::Link: return &links[index(g)].link;
      case GrowthKind::List: case GrowthKind::None: break;
    }
    return nullptr;
  }

  GrowthTable<ListGrowth> lists;
  GrowthTable<DictGrowth> dicts;
  GrowthTable<LinkGrowth> links;
};

}  // namespace pitfall::sim
