// What printing an uncaught exception costs CPython when the program ends.
#pragma once

#include "sim/objects/object.h"

namespace pitfall::sim {

class VM;

// Virtual ns that displaying `e` (its chain of causes and contexts included)
// takes: the cost table's exception.display_ns once, plus
// exception.display_frame_ns per printed traceback line, with runs of the same
// line past the third folded into "[Previous line repeated N more times]" as
// CPython prints them. 3.10-3.12 print in C (Python/pythonrun.c: the source
// file is opened and read for every line, and 3.11+ parse the line for the
// carets); 3.13 prints through the traceback module, imported at that moment.
// Measured by tools/bench/uncaught_display.py.
double uncaught_display_ns(const VM& vm, const Ref& e);

}  // namespace pitfall::sim
