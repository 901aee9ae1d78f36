// Rows of the cost table that only tables measured after they were added carry
// (an older table, or one of a version not measured, simply has no such row):
// charged when present, nothing otherwise, never the `builtin.default`
// fall-back of CostTable::builtin.
#pragma once

#include "sim/costs/cost_table.h"
#include "sim/vm/vm.h"

namespace pitfall::sim {

// base + per_item*n of a `builtin.*` row if the table has it (counted as the
// built-in's own charge, as VM::builtin_ns does), else 0.
inline double measured_row_ns(const VM& vm, const char* key, double n) {
  if (!vm.cost_table || !static_cast<const costs::CostTable*>(vm.cost_table)->has_builtin(key)) return 0;
  return vm.builtin_ns(key, n);
}

// A misc parameter of the table, or 0.
inline double measured_param_ns(const VM& vm, const char* key) {
  return vm.cost_table ? static_cast<const costs::CostTable*>(vm.cost_table)->param(key, 0) : 0;
}

}  // namespace pitfall::sim
