// Code editor widget (see code_editor.h).
#include "widgets/code_editor.h"

#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace pitfall::web::widgets {

namespace {

int count_lines(const std::string& text) {
  return 1 + static_cast<int>(std::count(text.begin(), text.end(), '\n'));
}

int caret_callback(ImGuiInputTextCallbackData* data) {
  auto* state = static_cast<CodeEditorState*>(data->UserData);
  int line = 0;
  for (int i = 0; i < data->CursorPos && i < data->BufTextLen; ++i)
    if (data->Buf[i] == '\n') ++line;
  if (line != state->caret_line) {
    state->caret_line = line;
    state->reveal_line = line + 1;
  }
  return 0;
}

}  // namespace

bool CodeEditor(const char* id, std::string& text, CodeEditorState& state, const ImVec2& size,
                const std::vector<LineMark>& marks, const std::vector<LineHeat>& heat) {
  const ImGuiStyle& style = ImGui::GetStyle();
  ImGui::PushID(id);
  ImGui::PushStyleColor(ImGuiCol_ChildBg, style.Colors[ImGuiCol_FrameBg]);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::BeginChild("##scroll", size, false, ImGuiWindowFlags_NoMove);
  ImGui::PopStyleVar();

  const float lh = ImGui::GetTextLineHeight();
  const float char_w = ImGui::CalcTextSize("0").x;
  const int lines = count_lines(text);
  int digits = 1;
  for (int n = lines; n >= 10; n /= 10) ++digits;
  digits = std::max(digits, 3);
  const float marker_w = std::round(char_w * 0.8f);
  const float heat_w = heat.empty() ? 0.0f : std::round(char_w * 2.5f);
  const float gutter = marker_w + heat_w + char_w * static_cast<float>(digits + 1);

  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float text_h = static_cast<float>(lines + 1) * lh + 2 * style.FramePadding.y;
  const float field_h = std::max(avail.y, text_h);

  // Gutter: only the visible line numbers; finding markers as small bars.
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float scroll = ImGui::GetScrollY();
  const float top = origin.y + style.FramePadding.y;
  int first = std::max(0, static_cast<int>((scroll - style.FramePadding.y) / lh) - 1);
  int last = std::min(lines, first + static_cast<int>(avail.y / lh) + 3);
  const ImU32 number_col = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  char buf[16];
  for (int i = first; i < last; ++i) {
    std::snprintf(buf, sizeof buf, "%d", i + 1);
    float w = ImGui::CalcTextSize(buf).x;
    dl->AddText(ImVec2(origin.x + gutter - char_w - w, top + static_cast<float>(i) * lh), number_col, buf);
  }
  for (const LineMark& m : marks) {
    if (m.line < 1 || m.line > lines) continue;
    float y = top + static_cast<float>(m.line - 1) * lh;
    dl->AddRectFilled(ImVec2(origin.x + marker_w * 0.25f, y + lh * 0.1f),
                      ImVec2(origin.x + marker_w * 0.75f, y + lh * 0.9f), m.color, marker_w * 0.25f);
  }

  // Per-line cost: a bar in the gutter and a tint behind the line's text.
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const bool gutter_hovered = ImGui::IsWindowHovered() && mouse.x >= origin.x && mouse.x < origin.x + gutter;
  for (const LineHeat& h : heat) {
    if (h.line < 1 || h.line > lines) continue;
    const float y = top + static_cast<float>(h.line - 1) * lh;
    const float level = std::clamp(h.level, 0.0f, 1.0f);
    const float bx = origin.x + marker_w;
    dl->AddRectFilled(ImVec2(bx, y + lh * 0.15f), ImVec2(bx + std::max(1.0f, (heat_w - 2) * level), y + lh * 0.85f),
                      h.color);
    ImVec4 tint = ImGui::ColorConvertU32ToFloat4(h.color);
    tint.w = 0.25f * level;
    if (level >= 0.02f)
      dl->AddRectFilled(ImVec2(origin.x + gutter, y), ImVec2(origin.x + avail.x, y + lh),
                        ImGui::ColorConvertFloat4ToU32(tint));
    if (gutter_hovered && mouse.y >= y && mouse.y < y + lh && !h.tooltip.empty())
      ImGui::SetTooltip("%s", h.tooltip.c_str());
  }

  // Text replaced from outside while the field is active: the field keeps its own
  // copy of the text while active, so release it to show the new text.
  if (state.external_change) {
    if (state.input_id != 0 && ImGui::GetActiveID() == state.input_id) ImGui::ClearActiveID();
    state.external_change = false;
  }

  ImGui::SetCursorScreenPos(ImVec2(origin.x + gutter, origin.y));
  ImGui::PushStyleColor(ImGuiCol_FrameBg, IM_COL32(0, 0, 0, 0));
  bool changed = ImGui::InputTextMultiline("##text", &text, ImVec2(avail.x - gutter, field_h),
                                           ImGuiInputTextFlags_CallbackAlways, caret_callback, &state);
  ImGui::PopStyleColor();
  state.input_id = ImGui::GetItemID();

  // Keep the caret (or a requested line) in view: the outer child scrolls.
  if (state.reveal_line > 0) {
    float y = style.FramePadding.y + static_cast<float>(state.reveal_line - 1) * lh;
    float view_h = ImGui::GetWindowHeight();
    if (y < scroll) ImGui::SetScrollY(y);
    else if (y + 2 * lh > scroll + view_h) ImGui::SetScrollY(y + 2 * lh - view_h);
    state.reveal_line = 0;
  }

  ImGui::EndChild();
  ImGui::PopStyleColor();
  ImGui::PopID();
  return changed;
}

}  // namespace pitfall::web::widgets
