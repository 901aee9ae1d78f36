// Steady-state estimation for programs that run out of the instruction budget.
//
// When the budget ends inside loops whose length is known (a `for` over a
// range, list or tuple), the running loops have each measured their own cost
// per iteration so far: (clock now - clock when the loop's iterator was
// created) / iterations started. The estimate extrapolates from the innermost
// such loop outwards: the innermost loop's end is its start plus its cost so
// far scaled by total/started iterations; that end closes the current
// iteration of the loop around it, whose end is extrapolated the same way,
// and so on across frames up to the outermost loop. What the program would
// do after the outermost loop is not included (it is not known), and neither
// is any change of per-iteration cost (e.g. a growing list): the report says so.
#pragma once
#include <string>

namespace pitfall::sim {

class VM;

struct SteadyStateEstimate {
  bool ok = false;      // false: no loop of known length was running
  double end_ns = 0;    // estimated clock at the end of the outermost loop
  int loops = 0;        // loops used
  int line = 0;         // line of the outermost loop's statement (0 if unknown)
  double done = 0;      // fraction of the outermost loop's iterations started
  std::string note;     // what was estimated, for the report
};

SteadyStateEstimate estimate_steady_state(const VM& vm);

}  // namespace pitfall::sim
