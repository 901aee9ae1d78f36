// When two compile-time constants are one entry of a code object's
// co_consts (Python/compile.c merge_consts_recursive and _PyCode_ConstantKey):
// equal values of the same type, a tuple when its items are such constants
// item by item. So `(1, 2) is (1, 2)` in one code object is True, while
// `1 == 1.0 == True` stay three constants.
#pragma once

#include "sim/objects/object.h"

namespace pitfall::sim {

// Same constant key: the same object, or the same type and value (int, str,
// bytes, float by its bits: 0.0 and -0.0 differ), or tuples of such.
bool same_const_key(const Obj* a, const Obj* b);

}  // namespace pitfall::sim
