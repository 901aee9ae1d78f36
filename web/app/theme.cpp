// Dark theme and fonts (see theme.h).
#include "app/theme.h"

#include <imgui.h>

#include <cmath>

namespace pitfall::web {

void apply_theme(double dpr, const char* font_path) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  const float px = std::floor(kBaseFontPx * static_cast<float>(dpr));
  ImFont* font = nullptr;
  if (font_path) {
    ImFontConfig cfg;
    cfg.OversampleH = 2;
    cfg.OversampleV = 1;
    font = io.Fonts->AddFontFromFileTTF(font_path, px, &cfg, io.Fonts->GetGlyphRangesDefault());
  }
  if (!font) {
    ImFontConfig cfg;
    cfg.SizePixels = std::floor(13.0f * static_cast<float>(dpr));
    io.Fonts->AddFontDefault(&cfg);
  }
  io.Fonts->TexDesiredWidth = 1024;

  ImGuiStyle style;
  ImGui::StyleColorsDark(&style);
  style.WindowRounding = 0;
  style.ChildRounding = 4;
  style.FrameRounding = 3;
  style.PopupRounding = 3;
  style.ScrollbarRounding = 6;
  style.GrabRounding = 3;
  style.WindowPadding = ImVec2(10, 8);
  style.FramePadding = ImVec2(6, 4);
  style.ItemSpacing = ImVec2(8, 6);
  style.WindowBorderSize = 0;
  style.ChildBorderSize = 1;
  ImVec4* c = style.Colors;
  c[ImGuiCol_WindowBg] = ImVec4(0.085f, 0.09f, 0.10f, 1.0f);
  c[ImGuiCol_ChildBg] = ImVec4(0.11f, 0.115f, 0.13f, 1.0f);
  c[ImGuiCol_FrameBg] = ImVec4(0.07f, 0.075f, 0.085f, 1.0f);
  c[ImGuiCol_Border] = ImVec4(0.22f, 0.23f, 0.26f, 1.0f);
  c[ImGuiCol_Text] = ImVec4(0.90f, 0.91f, 0.92f, 1.0f);
  c[ImGuiCol_TextDisabled] = ImVec4(0.42f, 0.44f, 0.48f, 1.0f);
  c[ImGuiCol_Header] = ImVec4(0.20f, 0.30f, 0.45f, 0.55f);
  c[ImGuiCol_HeaderHovered] = ImVec4(0.24f, 0.36f, 0.55f, 0.70f);
  c[ImGuiCol_HeaderActive] = ImVec4(0.26f, 0.40f, 0.62f, 0.85f);
  c[ImGuiCol_TextSelectedBg] = ImVec4(0.26f, 0.45f, 0.75f, 0.45f);
  style.ScaleAllSizes(static_cast<float>(dpr));
  ImGui::GetStyle() = style;
}

}  // namespace pitfall::web
