// Docstrings (Python/compile.c compiler_function, compiler_body): a function
// whose body starts with a string literal keeps it as co_consts[0] and
// __doc__; a class body stores it as __doc__ in the class namespace.
//
// Notes about the model: the simulator marks such a code object with
// kCoHasDocstring (CPython 3.14's CO_HAS_DOCSTRING bit; 3.11 always puts the
// docstring or None first in co_consts), never shown in co_flags. A
// concatenated or f-string first statement is not taken as a docstring.
#pragma once

namespace pitfall::sim {

constexpr int kCoHasDocstring = 0x4000000;

}  // namespace pitfall::sim
