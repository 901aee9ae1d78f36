// The iterator step over a dict's or set's own entry table (dictiter_iternextkey
// & co, setiter_iternext): it->step 0 keys, 1 values, 2 (key, value) tuples;
// a size change since the iterator started raises RuntimeError as CPython does.
#pragma once
#include "sim/vm/vm.h"

namespace pitfall::sim {

Ref dict_entries_next(VM& vm, IterObj* it);

}  // namespace pitfall::sim
