// The cost rows VM::builtin_ns resolved, by the caller's key text address.
//
// A built-in charges its size-dependent cost by key ("builtin.list.__mul__")
// every time it runs; CostTable::builtin finds the row in a map of strings and,
// for a key the table lacks, falls back to shorter keys and "builtin.default":
// up to three map searches per call. The keys come from the same literal at
// every call, so the row found is kept per text address (direct-mapped); a hit
// also compares the text and the table's serial, so a reused address never answers
// wrongly. Host speed only: the row is the one CostTable::builtin returns.
// The cache allocates nothing (keys longer than its text buffer are not
// kept) and lives outside the VM (one per host thread, vm.cpp): objects hash
// by host address, so the host's allocations stay as they were.
#pragma once
#include <cstdint>
#include <cstring>

#include "sim/costs/cost_table.h"

namespace pitfall::sim {

class BuiltinRowCache {
 public:
  const costs::SizeCost& row(const costs::CostTable& table, const char* key) {
    Hit& h = hits_[(reinterpret_cast<std::uintptr_t>(key) >> 3) % kSize];
    if (h.key == key && h.table == table.serial() && std::strcmp(h.text, key) == 0) return h.row;
    h.row = table.builtin(key);
    const std::size_t n = std::strlen(key);
    if (n >= sizeof h.text) {
      h.key = nullptr;
      return h.row;
    }
    std::memcpy(h.text, key, n + 1);
    h.key = key;
    h.table = table.serial();
    return h.row;
  }

 private:
  static constexpr std::size_t kSize = 64;
  struct Hit {
    const char* key = nullptr;
    std::uint64_t table = 0;  // CostTable::serial()
    char text[56] = {};
    costs::SizeCost row;
  };
  Hit hits_[kSize];
};

}  // namespace pitfall::sim
