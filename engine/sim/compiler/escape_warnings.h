// CPython 3.12+'s tokenizer warnings for string literals: the first invalid
// escape sequence of each string token ("\d", "\q"; "\777" past 0o377) is a
// SyntaxWarning raised while the file is parsed, so before any warning of
// the compiler (Parser/string_parser.c warn_invalid_escape_sequence; 3.11
// and earlier raise a DeprecationWarning that is not shown).
#pragma once
#include <vector>

#include "sim/compiler/compiler.h"
#include "syntax/tree.h"

namespace pitfall::sim {

// The warnings of every string literal of `tree`, in source order.
std::vector<CompileWarning> invalid_escape_warnings(const syntax::Tree& tree);

}  // namespace pitfall::sim
