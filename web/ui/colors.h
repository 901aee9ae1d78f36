// Colours with a meaning, shared by the panels (dark theme).
#pragma once
#include <imgui.h>

#include <string_view>

namespace pitfall::web::ui {

inline ImVec4 severity_color(std::string_view severity) {
  if (severity == "error") return ImVec4(0.95f, 0.42f, 0.40f, 1.0f);
  if (severity == "warning") return ImVec4(0.96f, 0.78f, 0.35f, 1.0f);
  return ImVec4(0.45f, 0.72f, 0.98f, 1.0f);  // info
}

inline ImVec4 muted_text() { return ImVec4(0.62f, 0.64f, 0.68f, 1.0f); }

}  // namespace pitfall::web::ui
