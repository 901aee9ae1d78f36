// The one check of a code object that lets the dispatch loop (vm/eval.cpp)
// run it without a bounds test per instruction.
#pragma once

#include "sim/compiler/code.h"

namespace pitfall::sim {

// True when every opcode of `code` is a known one, every jump's target
// (jumps, FOR_ITER's exit, SEND's, the handlers of SETUP_FINALLY/CLEANUP) is
// inside the code and its last instruction never falls through. Then the
// instruction pointer stays inside the code: the only other ways it moves
// are to the next instruction and back to a jump's target (a SEND after a
// coroutine frame returns, a handler from the block stack). The compiler
// always ends code with RETURN_VALUE.
bool code_runs_unchecked(const CodeObj& code);

}  // namespace pitfall::sim
