// The instructions of the match statement (Python/ceval.c 3.11 MATCH_SEQUENCE,
// MATCH_MAPPING, MATCH_KEYS, MATCH_CLASS with match_class/match_keys).
#pragma once
#include "sim/vm/vm.h"

namespace pitfall::sim {

// Py_TPFLAGS_SEQUENCE: list, tuple, range, deque and their subclasses (not str/bytes).
bool match_is_sequence(VM& vm, const Ref& subject);
// Py_TPFLAGS_MAPPING: dict and its subclasses (defaultdict, Counter, OrderedDict).
bool match_is_mapping(VM& vm, const Ref& subject);
// MATCH_KEYS: the tuple of subject[k] for the keys, None when one is missing; null on error.
Ref match_keys(VM& vm, const Ref& subject, const Ref& keys);
// MATCH_CLASS: the tuple of positional then keyword attributes, None when the
// subject is not an instance or lacks one; null on error.
Ref match_class(VM& vm, const Ref& subject, const Ref& type, int nargs, const Ref& kwnames);

}  // namespace pitfall::sim
