// C work that runs with the GIL released (zlib, hashlib on large buffers):
// the thread hands the CPU to the scheduler for that long (released_call.cpp).
#pragma once

#include "sim/vm/vm.h"

namespace pitfall::sim {

// Runs `ns` of C code that released the GIL: a CCall the scheduler gives
// another core, while other threads run Python code. Where the thread cannot
// stop (no threads, or inside C code that called back into Python) it is
// ordinary CPU time. Returns `result`, or null with an exception set (an
// error the scheduler answered with).
Ref released_call(VM& vm, double ns, Ref result);

}  // namespace pitfall::sim
