// Per-line cost for the editor gutter: each line's share of the simulated time
// from the report's `lines` (time and execution count per line, as a line
// profiler would show them).
#include "ui/line_heat.h"

#include <algorithm>
#include <cstdio>

#include "ui/chart_common.h"

namespace pitfall::web::ui {

std::vector<widgets::LineHeat> line_heat(const report::Report& r, int* hottest_line) {
  std::vector<widgets::LineHeat> out;
  double total = 0, top = 0;
  int hottest = 0;
  for (const report::LineCost& l : r.lines) {
    total += l.time_s;
    if (l.time_s > top) {
      top = l.time_s;
      hottest = l.line;
    }
  }
  if (hottest_line) *hottest_line = hottest;
  if (!(total > 0)) return out;
  for (const report::LineCost& l : r.lines) {
    if (l.line < 1 || (l.time_s <= 0 && l.count == 0)) continue;
    widgets::LineHeat h;
    h.line = l.line;
    const double share = l.time_s / total;
    // Level relative to the hottest line so one dominant line reads as "hot" and
    // the rest stay distinguishable.
    h.level = static_cast<float>(top > 0 ? l.time_s / top : 0);
    const float k = h.level;
    h.color = IM_COL32(static_cast<int>(230 + 25 * k), static_cast<int>(200 - 130 * k), static_cast<int>(80 - 40 * k),
                       255);
    char buf[160];
    std::snprintf(buf, sizeof buf, "line %d: %s (%.1f%% of the time), %lld execution%s", l.line,
                  format_time(l.time_s).c_str(), share * 100, static_cast<long long>(l.count), l.count == 1 ? "" : "s");
    h.tooltip = buf;
    if (l.alloc_bytes > 0) h.tooltip += "\nallocated " + format_bytes(double(l.alloc_bytes));
    out.push_back(std::move(h));
  }
  return out;
}

}  // namespace pitfall::web::ui
