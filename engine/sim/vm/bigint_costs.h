// Size-dependent cost of arithmetic on ints past 64 bits. BINARY_OP.bigint is
// the instruction on two-digit operands (`big1 + big2`); the work of
// Objects/longobject.c grows with the operands' 30-bit digits, so an int of
// 10^4 digits (a factorial, 2**100000) costs 10^3-10^4 times that. Charged on
// top of the instruction from the table's per-digit rows (measured by
// tools/calibrate_lib/ratio_costs.py against the reference loop):
//   builtin.int.__add__        n = digits of the longer operand (x_add, x_sub;
//                              also & | ^ << >>, linear in the same way)
//   builtin.int.__mul__        n = digit products of the schoolbook product
//                              (x_mul; Karatsuba past 70 digits on both sides:
//                              min^log2(3) * 70^(2-log2(3)) per min-sized block)
//   builtin.int.__floordiv__   n = (quotient digits) * (divisor digits): x_divrem,
//                              inplace_divrem1 for a one-digit divisor
#pragma once

#include "sim/pylib/bigint.h"

namespace pitfall::sim {

class VM;

// The digit-operations count `n` of `x <op> y` for the row `key` (null when
// the operation has no size-dependent row, or both operands are small).
double bigint_op_units(int op, const pylib::BigInt& x, const pylib::BigInt& y, const char*& key);

// ns to charge for the digits of `x <op> y` beyond the instruction's own cost.
double bigint_op_ns(VM& vm, int op, const pylib::BigInt& x, const pylib::BigInt& y);

}  // namespace pitfall::sim
