// BINARY_OP's float fast path (eval.cpp): +, -, * and / of two built-in
// numbers, at least one a float, computed as VM::binary() would (num() of
// each operand, then the double operation) and pushed as the instruction's
// last step (float_result: accounted at once, scalar_results.h). The caller
// charges what the generic path charges (CV_BINARY_OP_FLOAT) and frees the
// operands in its order (the right one first). Host speed only.
#pragma once
#include "sim/objects/object.h"
#include "sim/compiler/code.h"

namespace pitfall::sim {

// A built-in float or an int that fits int64 (Tag::Int of a built-in class:
// int or bool), as VM::binary's num() reads it; false for anything else.
[[gnu::always_inline]] inline bool float_operand(const Obj* o, double& d) {
  if (o->tag == Tag::Float) { d = static_cast<const FloatObj*>(o)->v; return o->cls->builtin; }
  if (o->tag == Tag::Int) { d = double(static_cast<const IntObj*>(o)->v); return o->cls->builtin; }
  return false;
}

// The result of BINARY_OP `arg` on a and b when the fast path applies
// (VM::binary would return a new float with it, raising nothing).
[[gnu::always_inline]] inline bool float_binary(int arg, const Obj* a, const Obj* b, double& r) {
  if (a->tag != Tag::Float && b->tag != Tag::Float) return false;
  double p, q;
  if (!float_operand(a, p) || !float_operand(b, q)) return false;
  switch (arg % NB_INPLACE) {
    case NB_ADD: r = p + q; return true;
    case NB_SUBTRACT: r = p - q; return true;
    case NB_MULTIPLY: r = p * q; return true;
    case NB_TRUE_DIVIDE: if (q == 0) return false; r = p / q; return true;
    default: return false;
  }
}

}  // namespace pitfall::sim
