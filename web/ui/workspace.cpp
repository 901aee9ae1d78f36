// The workspace layout and its header bar.
#include <imgui.h>

#include <cmath>

#include "ui/colors.h"
#include "ui/panels.h"

namespace pitfall::web::ui {

namespace {

Rect rect_of_last_child() {
  ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  return Rect{a.x, a.y, b.x - a.x, b.y - a.y};
}

}  // namespace

void draw_header(AppState& s, UiEvents& ev) {
  ImGui::TextUnformatted("Pitfall Lab");
  ImGui::SameLine();
  ImGui::TextColored(muted_text(), "- what CPython would do with your code");
  ImGui::SameLine();

  static const char* const kVersions[] = {"3.10", "3.11", "3.12", "3.13", "3.14"};
  float combo_w = ImGui::CalcTextSize("3.14").x + ImGui::GetFrameHeight() + ImGui::GetStyle().FramePadding.x * 2;
  float label_w = ImGui::CalcTextSize("Python").x + ImGui::GetStyle().ItemInnerSpacing.x;
  float right = ImGui::GetWindowContentRegionMax().x - combo_w - label_w;
  if (right > ImGui::GetCursorPosX()) ImGui::SetCursorPosX(right);
  ImGui::SetNextItemWidth(combo_w);
  if (ImGui::BeginCombo("Python", s.options.python.c_str())) {
    for (const char* v : kVersions) {
      bool selected = s.options.python == v;
      if (ImGui::Selectable(v, selected)) {
        s.options.python = v;
        ev.options_changed = true;
      }
    }
    ImGui::EndCombo();
  }
}

UiEvents draw_workspace(AppState& s) {
  UiEvents ev;
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(vp->WorkSize);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
  ImGui::Begin("##workspace", nullptr, flags);

  draw_header(s, ev);
  ImGui::Separator();

  const ImGuiStyle& style = ImGui::GetStyle();
  ImVec2 avail = ImGui::GetContentRegionAvail();
  avail.y -= ImGui::GetFrameHeightWithSpacing();  // the status line
  float bottom_h = std::floor(std::max(avail.y * 0.40f, ImGui::GetTextLineHeightWithSpacing() * 8));
  float top_h = avail.y - bottom_h - style.ItemSpacing.y;
  float editor_w = std::floor(avail.x * 0.58f);
  float side_w = avail.x - editor_w - style.ItemSpacing.x;
  float findings_h = std::floor(top_h * 0.5f);
  float doc_h = top_h - findings_h - style.ItemSpacing.y;
  float output_w = std::floor(avail.x * 0.28f);
  float timeline_w = std::floor(avail.x * 0.40f);
  float memory_w = avail.x - output_w - timeline_w - 2 * style.ItemSpacing.x;

  s.charts.revision = s.sim.revision;
  ev.code_edited = draw_editor_panel(s, ImVec2(editor_w, top_h));
  ImGui::SameLine();
  ImGui::BeginGroup();
  draw_findings_panel(s, ImVec2(side_w, findings_h));
  s.layout.findings = rect_of_last_child();
  draw_rule_doc_panel(s, ImVec2(side_w, doc_h));
  s.layout.doc = rect_of_last_child();
  ImGui::EndGroup();
  draw_output_panel(s, ImVec2(output_w, bottom_h));
  s.layout.output = rect_of_last_child();
  ImGui::SameLine();
  draw_timeline_panel(s, ImVec2(timeline_w, bottom_h));
  s.layout.timeline = rect_of_last_child();
  ImGui::SameLine();
  draw_memory_panel(s, ImVec2(memory_w, bottom_h));
  s.layout.memory = rect_of_last_child();
  draw_status_line(s);

  ImGui::End();
  return ev;
}

}  // namespace pitfall::web::ui
