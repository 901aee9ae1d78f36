// The rule doc panel: the Markdown doc of the selected finding's rule.
#include <imgui.h>

#include "rules/rule.h"
#include "ui/colors.h"
#include "ui/panels.h"
#include "widgets/markdown_text.h"

namespace pitfall::web::ui {

void draw_rule_doc_panel(const AppState& s, const ImVec2& size) {
  ImGui::BeginChild("##doc_panel", size, true);
  if (s.selected_rule.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, muted_text());
    ImGui::TextWrapped("Click a finding to read about its pitfall.");
    ImGui::PopStyleColor();
    ImGui::EndChild();
    return;
  }
  const rules::Rule* rule = rules::find_rule(s.selected_rule);
  ImGui::Text("Rule: %s", s.selected_rule.c_str());
  ImGui::Separator();
  ImGui::BeginChild("##doc_text");
  if (rule && rule->info.doc) {
    widgets::MarkdownText(rule->info.doc);
  } else if (s.selected_finding >= 0 && s.selected_finding < static_cast<int>(s.findings.size())) {
    ImGui::TextWrapped("%s", s.findings[static_cast<size_t>(s.selected_finding)].message.c_str());
  }
  ImGui::EndChild();
  ImGui::EndChild();
}

}  // namespace pitfall::web::ui
