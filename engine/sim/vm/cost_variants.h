// Cost variants: the refined instruction keys of the cost tables
// (engine/sim/costs/README.md) that the VM charges where it knows what an
// instruction operated on: LOAD_ATTR on an instance / class / module /
// property, BINARY_OP on ints / floats / strs / lists, CALL of a Python
// function / built-in / method / class, FOR_ITER over a range / list /
// generator, ... CPython's specialising interpreter (3.11+, Python/specialize.c)
// executes different instructions for these cases, so their costs differ.
//
// Each instruction is first charged its plain opcode key (the most common
// case, e.g. LOAD_ATTR = LOAD_ATTR.instance); a variant then adds the
// difference `table[variant key] - table[opcode key]`, resolved once per run
// into VM::variant_delta, so the dispatch loop only adds one number.
#pragma once

#include <cstdint>

#include "sim/compiler/code.h"

namespace pitfall::sim {

enum CostVariant : int {
  CV_NONE = 0,  // no refinement (delta 0)
  CV_LOAD_ATTR_CLASS, CV_LOAD_ATTR_MODULE, CV_LOAD_ATTR_PROPERTY, CV_LOAD_ATTR_METHOD,
  CV_LOAD_METHOD_CLASS, CV_LOAD_METHOD_MODULE, CV_LOAD_METHOD_INSTANCE,
  CV_LOAD_GLOBAL_MODULE,
  CV_STORE_ATTR_SLOT,
  CV_BINARY_OP_INT_DIV, CV_BINARY_OP_INT_OTHER, CV_BINARY_OP_BIGINT, CV_BINARY_OP_FLOAT,
  CV_BINARY_OP_STR, CV_BINARY_OP_LIST, CV_BINARY_OP_OTHER,
  CV_COMPARE_OP_FLOAT, CV_COMPARE_OP_STR, CV_COMPARE_OP_OTHER,
  CV_BINARY_SUBSCR_DICT, CV_BINARY_SUBSCR_STR, CV_BINARY_SUBSCR_TUPLE, CV_BINARY_SUBSCR_OTHER,
  CV_STORE_SUBSCR_LIST,
  CV_CONTAINS_OP_DICT, CV_CONTAINS_OP_SET,
  CV_CALL_BUILTIN, CV_CALL_METHOD_BUILTIN, CV_CALL_CLASS, CV_CALL_BOUND_METHOD,
  CV_FOR_ITER_LIST, CV_FOR_ITER_TUPLE, CV_FOR_ITER_DICT, CV_FOR_ITER_GENERATOR,
  CV_FOR_ITER_OTHER,
  // int.alloc: an int outside the small-int cache made by an instruction
  // (BINARY_OP on ints, FOR_ITER over a range): PyLong allocation plus its later
  // free (when the variable is rebound or its list dies), charged where it is
  // made. An add-on to the instruction (opcode NOP, cost 0).
  CV_INT_ALLOC,
  CV_COUNT
};

struct CostVariantInfo {
  int op;           // the opcode whose plain cost the variant replaces
  const char* key;  // cost-table key
};

// Opcode and key of a variant (CV_NONE: {NOP, ""}).
const CostVariantInfo& cost_variant_info(int v);

// FOR_ITER variant of an iterator kind, indexed by IterObj::kind (objects_ext.h:
// other, range, list, tuple, dict, generator). FOR_ITER itself is FOR_ITER.range.
inline constexpr int kForIterVariant[6] = {CV_FOR_ITER_OTHER, CV_NONE, CV_FOR_ITER_LIST,
                                           CV_FOR_ITER_TUPLE, CV_FOR_ITER_DICT,
                                           CV_FOR_ITER_GENERATOR};

// CPython caches ints -5..256 (Objects/longobject.c _PY_NSMALLNEGINTS /
// _PY_NSMALLPOSINTS); any other int result is a new object.
inline bool int_allocates(std::int64_t v) { return v < -5 || v > 256; }

struct Obj;
// Variants of the generic (slow) paths, from the operands' types.
int binary_variant(int op, const Obj* a, const Obj* b);  // BINARY_OP off the int fast path
// BINARY_OP on small ints (inline: on every int operation of the dispatch loop)
inline int int_binary_variant(int op) {
  switch (nb_base(op)) {
    case NB_ADD: case NB_SUBTRACT: case NB_MULTIPLY: return CV_NONE;  // BINARY_OP = BINARY_OP.int
    case NB_REMAINDER: case NB_FLOOR_DIVIDE: case NB_TRUE_DIVIDE: return CV_BINARY_OP_INT_DIV;
    default: return CV_BINARY_OP_INT_OTHER;
  }
}
int compare_variant(const Obj* a, const Obj* b);
int subscr_variant(const Obj* o, const Obj* key);        // BINARY_SUBSCR
int contains_variant(const Obj* container);

class VM;
// Size-dependent part of a BINARY_OP that built a new sequence (str/list/tuple
// concatenation and repetition): the copy, by result length, or by the right
// operand's length when `in_place` (CPython appends in place to a str that only
// the target variable refers to: BINARY_OP_INPLACE_ADD_UNICODE, unicode_concatenate).
void charge_sequence_binary(VM& vm, int op, const Obj* a, const Obj* b, const Obj* r, bool in_place);

}  // namespace pitfall::sim
