// Arithmetic on two number constants at compile time, as CPython's AST
// optimizer folds `10**6`, `60 * 60 * 24` or `1 << 20` into one constant
// (Python/ast_opt.c fold_binop with its safe_multiply / safe_power /
// safe_lshift limits: no int result past 128 bits is made there).
#pragma once

#include "sim/objects/runtime.h"

namespace pitfall::sim {

// The constant `a <op> b` (op: a BinOp of compiler/code.h, not in-place), or
// null when it is not folded: an operand that is not an int or float of the
// built-in types (bools included: they stay as written), an operation that
// would raise (1 / 0, 1 << -1) or whose result CPython would not fold, and
// what is left to the run time here (float %, // and **, negative powers,
// ints past 64 bits, true division of ints past 2**53).
Ref fold_number_binop(Runtime& rt, int op, const Obj* a, const Obj* b);

}  // namespace pitfall::sim
