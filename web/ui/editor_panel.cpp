// The editor panel: file name, then the code editor with finding markers.
#include <imgui.h>

#include "ui/colors.h"
#include "ui/line_heat.h"
#include "ui/panels.h"

namespace pitfall::web::ui {

bool draw_editor_panel(AppState& s, const ImVec2& size) {
  ImGui::BeginChild("##editor_panel", size, true);
  ImGui::TextUnformatted("main.py");
  ImGui::SameLine();
  ImGui::TextColored(muted_text(), "(findings update as you type)");

  std::vector<widgets::LineMark> marks;
  marks.reserve(s.findings.size());
  for (const report::Finding& f : s.findings)
    marks.push_back({f.line, ImGui::GetColorU32(severity_color(f.severity))});

  // Per-line cost of the simulation shown (live while it runs).
  std::vector<widgets::LineHeat> heat;
  s.charts.hottest_line = 0;
  if (s.sim.has_report) heat = line_heat(s.sim.report, &s.charts.hottest_line);
  s.charts.heat_lines = static_cast<int>(heat.size());

  bool changed = widgets::CodeEditor("editor", s.code, s.editor, ImGui::GetContentRegionAvail(), marks, heat);
  ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  s.layout.editor = Rect{a.x, a.y, b.x - a.x, b.y - a.y};
  ImGui::EndChild();
  return changed;
}

}  // namespace pitfall::web::ui
