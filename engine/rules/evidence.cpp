// Evidence sentences from a simulation report (see evidence.h).
#include "rules/evidence.h"

#include <cstdio>
#include <string>

#include "rules/lint.h"

namespace pitfall::rules {
namespace {

std::string fmt(const char* f, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, f, v);
  return buf;
}

std::string duration_ms(double ms) { return ms >= 1000 ? fmt("%.2f s", ms / 1000) : fmt("%.0f ms", ms); }

std::string bytes(std::int64_t b) {
  double v = static_cast<double>(b);
  if (v >= 1024.0 * 1024 * 1024) return fmt("%.1f GB", v / (1024.0 * 1024 * 1024));
  if (v >= 1024.0 * 1024) return fmt("%.1f MB", v / (1024.0 * 1024));
  if (v >= 1024.0) return fmt("%.1f KB", v / 1024.0);
  return fmt("%.0f bytes", v);
}

bool covers(const report::Finding& f, int line) {
  int end = f.end_line > 0 ? f.end_line : f.line;
  return line >= f.line && line <= end;
}

std::string stall_evidence(const report::Finding& f, const report::Report& r) {
  const report::Stall* worst = nullptr;
  int count = 0;
  double total = 0;
  for (const report::Stall& s : r.loop.stalls) {
    if (!covers(f, s.line)) continue;
    ++count;
    total += s.dur_ms;
    if (worst == nullptr || s.dur_ms > worst->dur_ms) worst = &s;
  }
  if (worst == nullptr) return {};
  std::string out = "stalled the event loop " + duration_ms(worst->dur_ms) + fmt(" at t=%.2f s", worst->start_s);
  if (count > 1) out += " (" + std::to_string(count) + " stalls, " + duration_ms(total) + " in total)";
  return out;
}

std::string gil_evidence(const report::Report& r) {
  double run = 0, wait = 0;
  int lanes = 0;
  for (const report::ThreadLane& t : r.threads) {
    bool counted = false;
    for (const report::Segment& s : t.segments) {
      double d = s.end_s - s.start_s;
      if (d <= 0) continue;
      if (s.state == "run") run += d;
      else if (s.state == "wait_gil") wait += d;
      else continue;
      counted = true;
    }
    if (counted) ++lanes;
  }
  if (lanes < 2 || wait <= 0 || run + wait <= 0) return {};
  double share = 100.0 * wait / (run + wait);
  return "threads waited " + fmt("%.0f%%", share) + " of the time for the GIL (" + std::to_string(lanes) +
         " threads, " + std::to_string(r.gil_switches) + " GIL hand-offs)";
}

std::string line_evidence(const report::Finding& f, const report::Report& r, bool want_alloc) {
  const report::LineCost* best = nullptr;
  for (const report::LineCost& l : r.lines)
    if (covers(f, l.line) && (best == nullptr || (want_alloc ? l.alloc_bytes > best->alloc_bytes : l.time_s > best->time_s)))
      best = &l;
  if (best == nullptr) return {};
  if (want_alloc) {
    if (best->alloc_bytes <= 0) return {};
    return "this line allocated " + bytes(best->alloc_bytes) + " over " + std::to_string(best->count) + " executions";
  }
  if (best->time_s <= 0) return {};
  return "this line took " + duration_ms(best->time_s * 1000) + " over " + std::to_string(best->count) +
         " executions";
}

std::string memory_evidence(const report::Report& r, bool gc) {
  if (r.mem_peak <= 0) return {};
  std::string out = "peak memory " + bytes(r.mem_peak) + ", " + bytes(r.mem_final) + " still held at exit";
  if (gc) {
    std::int64_t n = r.gc_collections[0] + r.gc_collections[1] + r.gc_collections[2];
    out += "; the cyclic GC ran " + std::to_string(n) + " times and freed " + std::to_string(r.gc_collected) +
           " objects";
  }
  return out;
}

}  // namespace

void attach_evidence(std::vector<report::Finding>& findings, const report::Report& r) {
  for (report::Finding& f : findings) {
    std::string e;
    const std::string& id = f.rule;
    if (id == "blocking-call-in-async" || id == "cpu-heavy-coroutine" || id == "threading-lock-in-async")
      e = stall_evidence(f, r);
    else if (id == "cpu-bound-thread")
      e = gil_evidence(r);
    else if (id == "sequential-awaits-in-loop" || id == "multiprocessing-tiny-tasks")
      e = line_evidence(f, r, false);
    else if (id == "materialized-list-for-reduction" || id == "quadratic-list-summation")
      e = line_evidence(f, r, true);
    else if (id == "unbounded-cache" || id == "cached-instance-method")
      e = memory_evidence(r, false);
    else if (id == "cycle-with-del" || id == "gc-disabled")
      e = memory_evidence(r, true);
    if (!e.empty()) f.evidence = std::move(e);
  }
}

void join_findings(report::Report& report, const std::string& file, const std::string& text) {
  report.findings = lint_source(file, text);
  attach_evidence(report.findings, report);
}

}  // namespace pitfall::rules
