// The findings panel: one entry per finding (line:col, rule id, message);
// clicking one selects it, shows its rule's doc and scrolls the editor to it.
#include <imgui.h>

#include <string>

#include "ui/colors.h"
#include "ui/panels.h"

namespace pitfall::web::ui {

void draw_findings_panel(AppState& s, const ImVec2& size) {
  ImGui::BeginChild("##findings_panel", size, true);
  ImGui::Text("Findings (%d)", static_cast<int>(s.findings.size()));
  ImGui::Separator();
  ImGui::BeginChild("##findings_list");
  if (s.findings.empty()) ImGui::TextColored(muted_text(), "No pitfalls found in this code.");
  for (int i = 0; i < static_cast<int>(s.findings.size()); ++i) {
    const report::Finding& f = s.findings[static_cast<size_t>(i)];
    ImGui::PushID(i);
    std::string where = std::to_string(f.line) + ":" + std::to_string(f.col);
    ImVec2 start = ImGui::GetCursorPos();
    // One selectable spanning the two text lines drawn over it.
    float h = ImGui::GetTextLineHeight() * 2 + ImGui::GetStyle().ItemSpacing.y;
    if (ImGui::Selectable("##finding", s.selected_finding == i, ImGuiSelectableFlags_AllowItemOverlap,
                          ImVec2(0, h))) {
      s.selected_finding = i;
      s.selected_rule = f.rule;
      s.editor.reveal_line = f.line;
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", f.message.c_str());
    ImGui::SetCursorPos(start);
    ImGui::TextColored(severity_color(f.severity), "%s", where.c_str());
    ImGui::SameLine();
    ImGui::TextUnformatted(f.rule.c_str());
    if (!f.ruff.empty()) {
      ImGui::SameLine();
      ImGui::TextColored(muted_text(), "(%s)", f.ruff.c_str());
    }
    ImGui::TextColored(muted_text(), "%s", f.message.c_str());
    ImGui::PopID();
  }
  ImGui::EndChild();
  ImGui::EndChild();
}

}  // namespace pitfall::web::ui
