// The caret line CPython 3.11+ prints under a traceback entry's source line
// (Python/traceback.c for uncaught exceptions, Lib/traceback.py
// StackSummary.format_frame_summary for traceback.format_tb and friends):
// "^" under the failing expression when it does not cover the whole line,
// "~" around the "^" of a binary operator or subscript (Pos::anchor).
#pragma once

#include <string>

#include "sim/compiler/code.h"

namespace pitfall::sim {

// "    <spaces><marks>\n" for `p` on `source_line` (the line as in the file,
// its indentation included), or "" when no carets are printed (3.10,
// multi-line expressions, an expression that is the whole line).
std::string traceback_caret_line(const std::string& python, const Pos& p, const std::string& source_line);

class VM;
struct Args;
// _pitfall_warnings.carets(code, tb_lasti): the caret line of a traceback entry, or "".
Ref traceback_carets(VM& vm, Args& a);
// _pitfall_warnings.suppress_context(exc): exc.__suppress_context__.
Ref traceback_suppress_context(VM& vm, Args& a);

}  // namespace pitfall::sim
