// Function annotations: MAKE_FUNCTION's flag 0x04 operand, a flat tuple
// (name1, value1, name2, value2, ...) as CPython 3.10+ compiles it
// (Python/compile.c compiler_visit_annotations), made into the function's
// __annotations__ dict.
#pragma once
#include "sim/vm/vm.h"

namespace pitfall::sim {

Ref annotations_dict(VM& vm, const Ref& pairs);

}  // namespace pitfall::sim
