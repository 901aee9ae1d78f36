// Steady-state estimation (steady_state.h).
#include "sim/vm/steady_state.h"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "sim/vm/vm.h"

namespace pitfall::sim {

namespace {

struct RunningLoop {
  double t0_ns;
  double started, total;
  int line;
};

// Iterations started and in all of a loop's iterator, or false if unknown.
bool progress(const IterObj* io, double& started, double& total) {
  switch (io->kind) {
    case ITER_RANGE:
      if (io->total < 0) return false;
      total = double(io->total);
      started = double(io->total - io->n);
      return true;
    case ITER_LIST:
      total = double(io->a.as<ListObj>()->items.size());
      started = double(io->i);
      return true;
    case ITER_TUPLE:
      total = double(io->a.as<TupleObj>()->items.size());
      started = double(io->i);
      return true;
    default: return false;
  }
}

// Line of the outermost loop of frame `f` that the current instruction is in:
// the earliest FOR_ITER before it whose exit target lies after it.
int loop_line(const Frame* f) {
  const auto& code = f->code->code;
  int line = 0;
  for (int ip = std::min(f->ip, int(code.size())) - 1; ip >= 0; --ip)
    if (code[size_t(ip)].op == FOR_ITER && code[size_t(ip)].arg >= f->ip) line = f->code->pos[size_t(ip)].line;
  return line;
}

}  // namespace

SteadyStateEstimate estimate_steady_state(const VM& vm) {
  SteadyStateEstimate e;
  std::vector<RunningLoop> loops;  // outermost first
  for (const Frame* f : vm.frames) {
    int first_in_frame = int(loops.size());
    for (int i = 0; i < f->sp; ++i) {
      const Ref& r = f->stack[i];
      if (!r || r->tag != Tag::Iter) continue;
      const IterObj* io = r.as<IterObj>();
      double started = 0, total = 0;
      if (!progress(io, started, total) || started < 1 || total < started) continue;
      loops.push_back({io->t0_ns, started, total, 0});
    }
    if (int(loops.size()) > first_in_frame) loops[size_t(first_in_frame)].line = loop_line(f);
  }
  if (loops.empty()) return e;
  double end = vm.clock_ns;
  for (size_t k = loops.size(); k-- > 0;) {
    const RunningLoop& l = loops[k];
    end = l.t0_ns + (end - l.t0_ns) * (l.total / l.started);
  }
  e.ok = true;
  e.end_ns = end;
  e.loops = int(loops.size());
  e.line = loops[0].line;
  e.done = loops[0].started / loops[0].total;
  char buf[320];
  std::snprintf(buf, sizeof buf,
                "the instruction budget ran out after %.3g s of simulated time; wall_s and cpu_s are "
                "extrapolated to the end of the running loop%s%s (%d loop%s, the outermost %.1f%% done) "
                "from their cost per iteration so far; what runs after that loop is not included",
                vm.clock_ns * 1e-9, e.line ? " at line " : "", e.line ? std::to_string(e.line).c_str() : "",
                e.loops, e.loops == 1 ? "" : "s", 100 * e.done);
  e.note = buf;
  return e;
}

}  // namespace pitfall::sim
