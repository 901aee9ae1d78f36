// The frozenset constant of a set display of constants: CPython compiles
// `{1, 2, 3}` (more than two constant elements) to BUILD_SET 0,
// LOAD_CONST frozenset({1, 2, 3}), SET_UPDATE 1 (Python/compile.c
// starunpack_helper), and the frozenset's table layout (built from the
// constants in order) is what the set's iteration order then follows.
#pragma once
#include <vector>

#include "sim/objects/runtime.h"

namespace pitfall::sim {

// The frozenset of `items` (int, bool, float, str, None, tuples of these),
// hashed as the VM hashes them for rt.python_minor; null when an item is of
// another kind.
Ref make_const_frozenset(Runtime& rt, const std::vector<Ref>& items);

}  // namespace pitfall::sim
