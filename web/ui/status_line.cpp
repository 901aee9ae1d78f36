// The status line under the panels: how the simulated run ended (ok, exception,
// budget, error, or still running) with its located message, the one-line
// summary, and an "estimated" badge when the engine extrapolated the figures.
#include <imgui.h>

#include <string>

#include "ui/colors.h"
#include "ui/panels.h"

namespace pitfall::web::ui {

namespace {

// "ZeroDivisionError: division by zero (line 5)" from CPython's traceback text:
// its last line is the exception, and the last `File "...", line N` frame is
// where it was raised.
std::string exception_message(const report::Report& r) {
  const std::string& err = r.stderr_text;
  std::string last;
  size_t end = err.find_last_not_of("\n");
  if (end != std::string::npos) {
    size_t start = err.rfind('\n', end);
    last = err.substr(start == std::string::npos ? 0 : start + 1, end - (start == std::string::npos ? 0 : start + 1) + 1);
  }
  if (last.empty() && r.exception) last = *r.exception;
  size_t at = err.rfind(", line ");
  if (at != std::string::npos) {
    size_t digits = at + 7, n = digits;
    while (n < err.size() && err[n] >= '0' && err[n] <= '9') ++n;
    if (n > digits) last += " (line " + err.substr(digits, n - digits) + ")";
  }
  return last;
}

ImVec4 status_color(const std::string& status) {
  if (status == "ok") return ImVec4(0.45f, 0.82f, 0.50f, 1.0f);
  if (status == "running") return muted_text();
  if (status == "budget") return severity_color("warning");
  return severity_color("error");
}

}  // namespace

void draw_status_line(AppState& s) {
  ChartStats& cs = s.charts;
  const report::Report& r = s.sim.report;
  cs.status = s.sim.status;
  cs.status_message.clear();
  cs.estimated_badge = false;
  ImVec2 p = ImGui::GetCursorScreenPos();
  s.layout.status = Rect{p.x, p.y, ImGui::GetContentRegionAvail().x, ImGui::GetFrameHeight()};

  if (!s.error.empty()) {
    ImGui::TextColored(severity_color("error"), "%s", s.error.c_str());
    return;
  }
  if (!s.sim.available) {
    ImGui::TextColored(muted_text(), "(the simulator is not part of this build yet)");
    return;
  }
  if (s.sim.status.empty()) {
    ImGui::TextColored(muted_text(), "(waiting for an edit)");
    return;
  }
  const ImVec4 c = status_color(s.sim.status);
  ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(c.x * 0.35f, c.y * 0.35f, c.z * 0.35f, 1.0f));
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(c.x * 0.35f, c.y * 0.35f, c.z * 0.35f, 1.0f));
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, ImVec4(c.x * 0.35f, c.y * 0.35f, c.z * 0.35f, 1.0f));
  ImGui::PushStyleColor(ImGuiCol_Text, c);
  ImGui::SmallButton(s.sim.status.c_str());
  ImGui::PopStyleColor(4);

  if (s.sim.status == "exception") cs.status_message = exception_message(r);
  else if (s.sim.status == "error") cs.status_message = r.error.empty() ? s.sim.stderr_text : r.error;
  else if (s.sim.status == "budget") cs.status_message = "stopped at the instruction budget";
  if (!cs.status_message.empty()) {
    ImGui::SameLine();
    ImGui::TextColored(c, "%s", cs.status_message.c_str());
  }
  if (r.estimated) {
    cs.estimated_badge = true;
    ImGui::SameLine();
    const ImVec4 amber = severity_color("warning");
    ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(amber.x * 0.3f, amber.y * 0.3f, amber.z * 0.3f, 1.0f));
    ImGui::PushStyleColor(ImGuiCol_Text, amber);
    ImGui::SmallButton("estimated");
    ImGui::PopStyleColor(2);
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("%s", r.estimate_note.empty() ? "figures extrapolated from the part that ran"
                                                      : r.estimate_note.c_str());
  }
  if (!s.sim.summary.empty()) {
    ImGui::SameLine();
    ImGui::TextColored(muted_text(), "%s", s.sim.summary.c_str());
  }
}

}  // namespace pitfall::web::ui
