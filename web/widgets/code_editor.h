// A code editor for the skeleton: ImGui's multi-line text field with a line
// number gutter, markers on lines that have findings, and scrolling that follows
// the caret. The text field is sized to hold every line, so one outer child
// window scrolls both the gutter and the text.
#pragma once
#include <imgui.h>

#include <string>
#include <vector>

namespace pitfall::web::widgets {

struct LineMark {
  int line = 0;  // 1-based
  ImU32 color = 0;
};

// Per-line cost shown in the gutter like a line profiler: a bar whose length and
// a background tint whose strength follow `level` (0..1), and a tooltip on hover.
struct LineHeat {
  int line = 0;  // 1-based
  float level = 0;
  ImU32 color = 0;
  std::string tooltip;
};

struct CodeEditorState {
  ImGuiID input_id = 0;       // the text field's ImGui id (known after the first frame)
  int caret_line = 0;         // 0-based line of the caret while editing
  bool external_change = false;  // text replaced from outside: drop the field's own copy
  int reveal_line = 0;        // 1-based line to scroll into view next frame (0: none)
};

// Draws the editor filling `size`; returns true when the user changed `text`.
bool CodeEditor(const char* id, std::string& text, CodeEditorState& state, const ImVec2& size,
                const std::vector<LineMark>& marks, const std::vector<LineHeat>& heat = {});

}  // namespace pitfall::web::widgets
