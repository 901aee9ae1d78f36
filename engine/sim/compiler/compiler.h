// Compiler: Python source -> code objects (CST -> bytecode), following the
// code shapes of CPython 3.11's Python/compile.c.
#pragma once
#include <string>
#include <vector>

#include "sim/compiler/code.h"
#include "sim/objects/runtime.h"

namespace pitfall::sim {

// A SyntaxWarning the compiler raised (CPython's compiler_warn): its line and
// message; shown on stderr as warnings.showwarning formats it.
struct CompileWarning {
  int line = 0;
  std::string message;
};

struct CompileResult {
  Ref code;                 // CodeObj of the module, null on error
  std::vector<CompileWarning> warnings;  // in the order CPython raises them
  std::string error_type;   // "SyntaxError" or "NotModelled"
  std::string error;        // message
  int line = 0, col = 0;
  int end_line = 0, end_col = 0;  // the offending node's end (0: a point), for the caret line
};

CompileResult compile_module(Runtime& rt, const std::string& filename, const std::string& source);
// The warnings as CPython prints them: "FILE:LINE: SyntaxWarning: MESSAGE",
// then that line of `source` stripped (none for a "<string>"-like name,
// which linecache cannot read, nor past the end of `source`).
std::string format_warnings(const CompileResult& cr, const std::string& filename, const std::string& source);
// eval() mode: the source must be one expression; the code returns its value.
CompileResult compile_eval(Runtime& rt, const std::string& filename, const std::string& source);
CompileResult compile_source(Runtime& rt, const std::string& filename, const std::string& source, bool eval_mode);

// Unescapes a Python string literal body (no quotes); `raw` keeps backslashes.
std::string unescape_literal(std::string_view body, bool raw, bool bytes, std::string& error);

}  // namespace pitfall::sim
