// One inline cache slot per instruction of a code object (CodeObj::icache),
// in the spirit of CPython 3.11's specializing adaptive interpreter: what an
// attribute, method, global or name load at that instruction found the last
// time, so that the next run of the same instruction checks a few fields
// instead of walking the MRO and probing dicts. The logic is in
// sim/vm/inline_caches.h; this is only the data, so that code.h can hold it.
//
// Notes about the model: host speed only. Nothing the simulation charges or
// reports depends on whether a slot hit.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>

namespace pitfall::sim {

struct Obj;
struct ClassObj;

struct InlineCacheSlot {
  const ClassObj* type = nullptr;  // the receiver's class (or the class itself for a class attribute)
  std::uint64_t epoch = 0;         // g_type_epoch when filled (sim/vm/type_cache.h)
  Obj* descr = nullptr;            // borrowed: a class dict value, valid while the epoch holds
  std::int32_t index = -1;         // an entry index in a dict (instance, module, globals, builtins)
  std::uint8_t kind = 0;           // IcKind (sim/vm/inline_caches.h); 0: empty
  std::uint8_t backoff = 0;        // misses left before the next attempt to specialize
};

// A code object's slots. On native Linux they are mapped pages of their own
// rather than heap blocks: a heap block would move every later heap
// allocation, and with it the address-based hashes (id(), set order) of the
// simulated objects, so the caches would change what a program prints.
struct InlineCacheFree {
  std::size_t n = 0;
  bool mapped = false;  // pages of its own (else new[])
  void operator()(InlineCacheSlot* p) const;
};
using InlineCacheArray = std::unique_ptr<InlineCacheSlot[], InlineCacheFree>;
InlineCacheArray make_inline_caches(std::size_t n);  // vm/inline_caches.cpp

}  // namespace pitfall::sim
