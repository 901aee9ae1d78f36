// Exception groups (PEP 654, Python 3.11+): the BaseExceptionGroup and
// ExceptionGroup built-ins, the two steps of an `except*` statement
// (CHECK_EG_MATCH, PREP_RERAISE_STAR) and the boxed traceback of an uncaught
// group. The classes are Python source (exception_groups_py.cpp).
#pragma once
#include <string>

#include "sim/vm/vm.h"

namespace pitfall::sim {

// Puts BaseExceptionGroup / ExceptionGroup into the builtins (3.11+); sets
// vm.base_exception_group. False + vm.exc when the module failed.
bool install_exception_groups(VM& vm);

// CHECK_EG_MATCH: the (rest, match) pair for exception `exc` and an except*
// clause's type (or tuple of types); match is None when nothing matched.
// Null + vm.exc for an invalid clause type.
Ref except_star_match(VM& vm, const Ref& exc, const Ref& type);

// PREP_RERAISE_STAR: what the except* statement raises once all clauses ran
// (`raised` holds what the handlers raised plus the unhandled rest), or None.
Ref except_star_reraise(VM& vm, const Ref& orig, const Ref& raised);

bool is_exception_group(VM& vm, const Ref& e);
bool chain_has_group(VM& vm, const Ref& e);  // e or an exception in its cause/context chain
// The traceback text of e when groups are involved (Lib/traceback.py's
// TracebackException.format with _ExceptionPrintContext, which
// Python/pythonrun.c's print_exception_group mirrors).
std::string format_exception_groups(VM& vm, const Ref& e);

}  // namespace pitfall::sim
