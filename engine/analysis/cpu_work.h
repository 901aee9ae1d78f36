// Whether code is CPU-bound pure Python: loops doing arithmetic that never
// block, sleep, do I/O or call into code that may release the GIL. Shared by
// the cpu-bound-thread and cpu-heavy-coroutine detectors.
//
// Conservative by design: a call the analysis cannot classify (a method of an
// unknown object, a function from another module) makes the code "not known
// CPU-bound", so the detectors stay quiet rather than guess.
#pragma once
#include "analysis/semantic.h"

namespace pitfall::analysis {

struct LoopWork {
  bool pure = false;         // only arithmetic, builtins and pure same-file calls
  bool arithmetic = false;   // does arithmetic (binary/augmented operators)
  bool heavy = false;        // nested loop, range() over >= 10 000 items, or a heavy pure callee
  bool suspends = false;     // contains await / async for / async with
};

// Classifies the work of one loop statement (for/while), following calls to
// same-file functions up to a small depth.
LoopWork loop_work(const Model& model, NodeId loop);

// The first loop in a def's body (nested defs excluded) that is pure
// arithmetic work, or kNoNode.
NodeId cpu_bound_loop(const Model& model, NodeId def);

}  // namespace pitfall::analysis
