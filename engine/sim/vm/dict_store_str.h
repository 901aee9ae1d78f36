// Storing a value under a str key, the common case of attribute and name
// stores, without VM::dict_set's general steps (the key's hash through
// VM::hash, lookup's comparisons that may call a Python __eq__): the very key
// object already in the table gets the value, or a key the table lacks is
// appended when no resize is due. The table ends up exactly as dict_set would
// leave it (same probe, same slot, the same host allocations in the same
// order: the first store into an empty dict builds its index as lookup does).
// Anything else (a class dict, a key of unknown hash, a probe meeting another
// key of the same hash that is not an interned str, a resize) returns false
// with `value` untouched, for the general path.
#pragma once

#include "sim/vm/vm.h"

namespace pitfall::sim {

bool dict_store_str(DictObj* d, StrObj* key, Ref& value);  // dict.cpp

}  // namespace pitfall::sim
