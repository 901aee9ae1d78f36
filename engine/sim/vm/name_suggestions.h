// "Did you mean: 'name'?" after an uncaught AttributeError or NameError
// (Python/suggestions.c, 3.10-3.11): the candidate closest to the wrong name
// by CPython's Levenshtein distance (a case change costs 1, other edits 2; at
// most a third of the characters may change), among dir(obj) for an
// AttributeError, and for a NameError the innermost frame's variable names,
// then its globals, then the builtins.
//
// Only the interpreter's own display adds them (an uncaught exception, an
// exception in a thread: PyErr_Display); the traceback module of 3.11 does
// not.
//
// Notes about the model: an AttributeError raised by the generic attribute
// lookup keeps its object and name (the exception's `obj` and `name`, as
// CPython 3.10+ sets them); a NameError's name is read from its message. The
// globals searched are the program's (__main__) when the failing code is the
// program's; the builtins in the simulator's insertion order (ties between
// equally close names can differ from CPython's).
#pragma once
#include <string>

#include "sim/vm/vm.h"

namespace pitfall::sim {

// Raises AttributeError(msg) carrying obj and name; returns null.
Ref raise_attribute_error(VM& vm, const Ref& obj, StrObj* name, const std::string& msg);

// The exception's `name` / `obj` attribute for AttributeError (None when not set); null when not one of them.
Ref attribute_error_field(VM& vm, ExceptionObj* e, const std::string& field);

// vm.format_exception(e) as the interpreter displays it, with suggestions.
std::string format_exception_displayed(VM& vm, const Ref& e);

// ". Did you mean: 'x'?" for `e` while format_exception_displayed runs, or "".
std::string name_suggestion(VM& vm, const Ref& e);

// CPython's suggestion among `candidates` for `wrong`, or "".
std::string closest_name(const std::vector<std::string>& candidates, const std::string& wrong);

}  // namespace pitfall::sim
