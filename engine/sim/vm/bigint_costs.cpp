// Per-digit costs of big-int arithmetic (see bigint_costs.h).
#include "sim/vm/bigint_costs.h"

#include <algorithm>
#include <cmath>

#include "sim/costs/cost_table.h"
#include "sim/vm/vm.h"

namespace pitfall::sim {

namespace {
constexpr double kKaratsubaCutoff = 70;  // KARATSUBA_CUTOFF, Objects/longobject.c
}

double bigint_op_units(int op, const pylib::BigInt& x, const pylib::BigInt& y, const char*& key) {
  key = nullptr;
  const double a = double(std::max<std::size_t>(1, x.cpython_ndigits()));
  const double b = double(std::max<std::size_t>(1, y.cpython_ndigits()));
  const double lo = std::min(a, b), hi = std::max(a, b);
  if (hi <= 2) return 0;  // what BINARY_OP.bigint was measured on
  switch (op) {
    case NB_ADD: case NB_SUBTRACT: case NB_AND: case NB_OR: case NB_XOR: case NB_LSHIFT: case NB_RSHIFT:
      key = "builtin.int.__add__";
      return hi;
    case NB_MULTIPLY: {
      key = "builtin.int.__mul__";
      if (lo < kKaratsubaCutoff) return lo * hi;
      // k_mul splits the shorter operand's length off the longer one
      // (k_lopsided_mul) and recurses on three half products
      const double block = std::pow(lo, std::log2(3.0)) * std::pow(kKaratsubaCutoff, 2 - std::log2(3.0));
      return block * (hi / lo);
    }
    case NB_FLOOR_DIVIDE: case NB_REMAINDER:
      key = "builtin.int.__floordiv__";
      return std::max(1.0, a - b + 1) * b;
    default:
      return 0;
  }
}

double bigint_op_ns(VM& vm, int op, const pylib::BigInt& x, const pylib::BigInt& y) {
  const char* key = nullptr;
  const double n = bigint_op_units(op, x, y, key);
  if (!key || n <= 0 || !vm.cost_table) return 0;
  const auto* table = static_cast<const costs::CostTable*>(vm.cost_table);
  if (!table->has_builtin(key)) return 0;  // a table made before the row: the instruction alone
  // the per-digit part only: the fixed part is the instruction's
  return table->builtin(key).per_item_ns * n;
}

}  // namespace pitfall::sim
