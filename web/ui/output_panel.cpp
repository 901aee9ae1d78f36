// The output panel: simulation status and the program's stdout/stderr.
#include <imgui.h>

#include "ui/colors.h"
#include "ui/panels.h"

namespace pitfall::web::ui {

void draw_output_panel(const AppState& s, const ImVec2& size) {
  ImGui::BeginChild("##output_panel", size, true);
  ImGui::TextUnformatted("Output");
  ImGui::SameLine();
  if (!s.error.empty()) {
    ImGui::TextColored(severity_color("error"), "%s", s.error.c_str());
  } else if (!s.sim.available) {
    ImGui::TextColored(muted_text(), "(the simulator is not part of this build yet)");
  } else if (s.sim.status.empty()) {
    ImGui::TextColored(muted_text(), "(waiting for an edit)");
  } else {
    ImVec4 c = s.sim.status == "ok" ? ImVec4(0.5f, 0.85f, 0.5f, 1.0f)
               : s.sim.status == "running" ? muted_text() : severity_color("error");
    ImGui::TextColored(c, "simulation: %s", s.sim.status.c_str());
    if (!s.sim.summary.empty()) {
      ImGui::SameLine();
      ImGui::TextColored(muted_text(), "- %s", s.sim.summary.c_str());
    }
  }
  ImGui::Separator();
  ImGui::BeginChild("##output_text", ImVec2(0, 0), false, ImGuiWindowFlags_HorizontalScrollbar);
  if (!s.sim.stdout_text.empty()) ImGui::TextUnformatted(s.sim.stdout_text.c_str());
  if (!s.sim.stderr_text.empty())
    ImGui::TextColored(severity_color("error"), "%s", s.sim.stderr_text.c_str());
  ImGui::EndChild();
  ImGui::EndChild();
}

}  // namespace pitfall::web::ui
