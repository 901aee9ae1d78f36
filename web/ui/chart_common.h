// Drawing helpers shared by the chart panels (timeline, memory): time and byte
// labels, "nice" axis ticks, the colour of each thread state. Pure ImDrawList,
// no plotting library.
#pragma once
#include <imgui.h>

#include <string>
#include <string_view>

namespace pitfall::web::ui {

// "850 us", "12.5 ms", "1.25 s".
std::string format_time(double s);
// "512 B", "12.5 KiB", "3.2 MiB".
std::string format_bytes(double bytes);

// Tick step for an axis spanning `range` in about `max_ticks` steps: 1, 2 or 5 x 10^k.
double nice_step(double range, int max_ticks);

// Horizontal time axis along the bottom of [x0, x1] at height y: ticks and labels.
void draw_time_axis(ImDrawList* dl, float x0, float x1, float y, double t0, double t1);

// Colour of a thread segment / task span state (INTERFACES.md segment states).
ImU32 state_color(std::string_view state);
// Human words for a state, for the legend and tooltips.
const char* state_label(std::string_view state);

// A small coloured square followed by a label, on the current line.
void legend_item(ImU32 color, const char* label);

// Colour of a garbage-collector generation marker (0, 1, 2).
ImU32 gc_generation_color(int generation);

}  // namespace pitfall::web::ui
