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

// Full-window layout: header, editor | findings over rule doc, output below.
UiEvents draw_workspace(AppState& s);

void draw_header(AppState& s, UiEvents& ev);
bool draw_editor_panel(AppState& s, const ImVec2& size);
void draw_findings_panel(AppState& s, const ImVec2& size);
void draw_rule_doc_panel(const AppState& s, const ImVec2& size);
void draw_output_panel(const AppState& s, const ImVec2& size);

}  // namespace pitfall::web::ui
