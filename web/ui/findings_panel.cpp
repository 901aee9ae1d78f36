// The findings panel: one entry per finding (line:col, rule id, wrapped message);
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
  ImDrawList* dl = ImGui::GetWindowDrawList();
  for (int i = 0; i < static_cast<int>(s.findings.size()); ++i) {
    const report::Finding& f = s.findings[static_cast<size_t>(i)];
    ImGui::PushID(i);
    // Text on the top channel, the selectable's highlight under it.
    dl->ChannelsSplit(2);
    dl->ChannelsSetCurrent(1);
    ImVec2 start = ImGui::GetCursorScreenPos();
    ImGui::BeginGroup();
    std::string where = std::to_string(f.line) + ":" + std::to_string(f.col);
    ImGui::TextColored(severity_color(f.severity), "%s", where.c_str());
    ImGui::SameLine();
    ImGui::TextUnformatted(f.rule.c_str());
    if (!f.ruff.empty()) {
      ImGui::SameLine();
      ImGui::TextColored(muted_text(), "(%s)", f.ruff.c_str());
    }
    ImGui::PushStyleColor(ImGuiCol_Text, muted_text());
    ImGui::TextWrapped("%s", f.message.c_str());
    ImGui::PopStyleColor();
    ImGui::EndGroup();
    float h = ImGui::GetItemRectMax().y - start.y;
    dl->ChannelsSetCurrent(0);
    ImGui::SetCursorScreenPos(start);
    if (ImGui::Selectable("##finding", s.selected_finding == i, 0, ImVec2(0, h))) {
      s.selected_finding = i;
      s.selected_rule = f.rule;
      s.editor.reveal_line = f.line;
    }
    dl->ChannelsMerge();
    ImGui::PopID();
  }
  ImGui::EndChild();
  ImGui::EndChild();
}

}  // namespace pitfall::web::ui
