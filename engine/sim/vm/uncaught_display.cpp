// What printing an uncaught exception costs CPython (see uncaught_display.h).
#include "sim/vm/uncaught_display.h"

#include "sim/costs/cost_table.h"
#include "sim/vm/vm.h"

namespace pitfall::sim {

namespace {

// Printed traceback lines of one exception: a line repeated more than three
// times in a row prints three times and one "repeated" note.
int printed_frames(const ExceptionObj& eo) {
  int printed = 0, run = 0, last_line = -1;
  const CodeObj* last_code = nullptr;
  for (const TraceEntry& te : eo.trace) {
    const CodeObj* code = te.code.as<CodeObj>();
    int ip = te.ip < 0 ? 0 : te.ip;
    int line = ip < int(code->pos.size()) ? code->pos[size_t(ip)].line : 0;
    bool same = last_code && code->filename == last_code->filename && code->name == last_code->name && line == last_line;
    run = same ? run + 1 : 1;
    last_code = code;
    last_line = line;
    if (run <= 3) ++printed;
  }
  return printed;
}

}  // namespace

double uncaught_display_ns(const VM& vm, const Ref& e) {
  const auto* table = static_cast<const costs::CostTable*>(vm.cost_table);
  if (!table || !e || e->tag != Tag::Exception) return 0;
  double fixed = table->param("exception.display_ns", 0), per_frame = table->param("exception.display_frame_ns", 0);
  int frames = 0;
  const ExceptionObj* eo = e.as<ExceptionObj>();
  // the chain CPython prints: causes, and contexts not suppressed (bounded:
  // a chain that loops back prints once)
  for (int depth = 0; eo && depth < 64; ++depth) {
    frames += printed_frames(*eo);
    const Ref& next = eo->cause ? eo->cause : (!eo->suppress_context ? eo->context : Ref());
    eo = next && next->tag == Tag::Exception && next.get() != e.get() ? next.as<ExceptionObj>() : nullptr;
  }
  return fixed + per_frame * frames;
}

}  // namespace pitfall::sim
