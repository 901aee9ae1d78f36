// The output panel: the program's stdout/stderr (the run's status is on the
// status line, ui/status_line.cpp).
#include <imgui.h>

#include "ui/colors.h"
#include "ui/panels.h"

namespace pitfall::web::ui {

void draw_output_panel(const AppState& s, const ImVec2& size) {
  ImGui::BeginChild("##output_panel", size, true);
  ImGui::TextUnformatted("Output");
  if (s.sim.status.empty() || !s.sim.available) {
    ImGui::SameLine();
    ImGui::TextColored(muted_text(), "(what the program prints appears here)");
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
