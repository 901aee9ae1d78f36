// Costs of zlib calls, interpolated between measured anchors (zlib_costs.h).
#include "sim/modules/zlib_costs.h"

#include <algorithm>
#include <string>
#include <vector>

#include "sim/costs/cost_table.h"
#include "sim/vm/vm.h"

namespace pitfall::sim {

namespace {

const char* const kKinds[] = {"runs", "json", "csv", "letters", "random"};

const costs::CostTable* table(VM& vm) { return static_cast<const costs::CostTable*>(vm.cost_table); }

// The anchors of one operation: (ratio, base ns, ns per byte), sorted by ratio.
struct Anchor { double ratio, base, per_byte; };

std::vector<Anchor> anchors(VM& vm, const std::string& row_prefix, const std::string& ratio_prefix) {
  std::vector<Anchor> out;
  const costs::CostTable* t = table(vm);
  if (!t) return out;
  for (const char* k : kKinds) {
    const std::string row = row_prefix + k, ratio = ratio_prefix + k;
    if (!t->has_builtin(row) || !t->has_param(ratio)) continue;
    costs::SizeCost c = t->builtin(row);
    out.push_back({t->param(ratio, 1.0), c.base_ns, c.per_item_ns});
  }
  std::sort(out.begin(), out.end(), [](const Anchor& a, const Anchor& b) { return a.ratio < b.ratio; });
  return out;
}

// The per-byte cost and base at `ratio`: linear between the two anchors around it.
ZlibCost interpolate(const std::vector<Anchor>& a, double ratio, double n) {
  if (a.empty()) return {0, 0};
  if (ratio <= a.front().ratio) return {a.front().base, a.front().per_byte * n};
  if (ratio >= a.back().ratio) return {a.back().base, a.back().per_byte * n};
  for (size_t i = 1; i < a.size(); ++i) {
    if (ratio > a[i].ratio) continue;
    const Anchor &lo = a[i - 1], &hi = a[i];
    const double span = hi.ratio - lo.ratio;
    const double f = span > 0 ? (ratio - lo.ratio) / span : 0.5;
    return {lo.base + f * (hi.base - lo.base), (lo.per_byte + f * (hi.per_byte - lo.per_byte)) * n};
  }
  return {a.back().base, a.back().per_byte * n};
}

// a table without the anchors (an older table): the calibrated flat row
ZlibCost flat(VM& vm, const char* key, double n) {
  const double base = vm.builtin_ns(key, 0);
  return {base, vm.builtin_ns(key, n) - base};
}

}  // namespace

ZlibCost zlib_compress_cost(VM& vm, int level, double n_in, double n_out) {
  vm.builtin_ns("builtin.zlib.compress", 0);  // the call charges its own cost
  if (level < 0 || level > 9) level = 6;
  const std::string l = std::to_string(level);
  auto a = anchors(vm, "builtin.zlib.compress:L" + l + ":", "zlib.ratio:L" + l + ":");
  if (a.empty()) return flat(vm, "builtin.zlib.compress", n_in);
  return interpolate(a, n_in > 0 ? n_out / n_in : 1.0, n_in);
}

ZlibCost zlib_decompress_cost(VM& vm, double n_in, double n_out) {
  vm.builtin_ns("builtin.zlib.decompress", 0);
  auto a = anchors(vm, "builtin.zlib.decompress:", "zlib.ratio:L6:");
  if (a.empty()) return flat(vm, "builtin.zlib.decompress", n_out);
  return interpolate(a, n_out > 0 ? n_in / n_out : 1.0, n_out);
}

ZlibCost zlib_checksum_cost(VM& vm, bool crc, double n) {
  return flat(vm, crc ? "builtin.zlib.crc32" : "builtin.zlib.adler32", n);
}

double zlib_checksum_gil_min_bytes(VM& vm) {
  const costs::CostTable* t = table(vm);
  return t ? t->param("zlib.checksum_gil_release_min_bytes", 5121) : 5121;
}

}  // namespace pitfall::sim
