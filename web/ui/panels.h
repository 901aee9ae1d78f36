// The app's panels, as free functions over the app state. Each draws into the
// current ImGui window region it is given; draw_workspace lays them out.
#pragma once
#include <imgui.h>

#include "app/app_state.h"

namespace pitfall::web::ui {

// What the user did this frame that the app must act on.
struct UiEvents {
  bool code_edited = false;
  bool options_changed = false;
};

// Full-window layout: header, editor | findings over rule doc, then
// output | timeline | memory, and the status line at the bottom.
UiEvents draw_workspace(AppState& s);

void draw_header(AppState& s, UiEvents& ev);
bool draw_editor_panel(AppState& s, const ImVec2& size);
void draw_findings_panel(AppState& s, const ImVec2& size);
void draw_rule_doc_panel(const AppState& s, const ImVec2& size);
void draw_output_panel(const AppState& s, const ImVec2& size);
void draw_timeline_panel(AppState& s, const ImVec2& size);
void draw_memory_panel(AppState& s, const ImVec2& size);
void draw_status_line(AppState& s);

}  // namespace pitfall::web::ui
