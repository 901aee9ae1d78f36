// The rule doc panel: the Markdown doc of the selected finding's rule, shown as
// wrapped text (headings in a brighter colour).
#include <imgui.h>

#include <string_view>

#include "rules/rule.h"
#include "ui/colors.h"
#include "ui/panels.h"

namespace pitfall::web::ui {

void draw_rule_doc_panel(const AppState& s, const ImVec2& size) {
  ImGui::BeginChild("##doc_panel", size, true);
  if (s.selected_rule.empty()) {
    ImGui::TextColored(muted_text(), "Click a finding to read about its pitfall.");
    ImGui::EndChild();
    return;
  }
  const rules::Rule* rule = rules::find_rule(s.selected_rule);
  ImGui::Text("Rule: %s", s.selected_rule.c_str());
  ImGui::Separator();
  ImGui::BeginChild("##doc_text");
  if (!rule || !rule->info.doc) {
    if (s.selected_finding >= 0 && s.selected_finding < static_cast<int>(s.findings.size()))
      ImGui::TextWrapped("%s", s.findings[static_cast<size_t>(s.selected_finding)].message.c_str());
  } else {
    std::string_view doc = rule->info.doc;
    while (!doc.empty()) {
      size_t nl = doc.find('\n');
      std::string_view line = doc.substr(0, nl);
      doc = nl == std::string_view::npos ? std::string_view{} : doc.substr(nl + 1);
      std::string text(line);
      if (line.rfind("#", 0) == 0) {
        size_t k = line.find_first_not_of('#');
        text = k == std::string_view::npos ? "" : std::string(line.substr(k));
        if (!text.empty() && text[0] == ' ') text.erase(0, 1);
        ImGui::Spacing();
        ImGui::TextColored(ImVec4(0.55f, 0.80f, 1.0f, 1.0f), "%s", text.c_str());
      } else if (line.empty()) {
        ImGui::Spacing();
      } else {
        ImGui::TextWrapped("%s", text.c_str());
      }
    }
  }
  ImGui::EndChild();
  ImGui::EndChild();
}

}  // namespace pitfall::web::ui
