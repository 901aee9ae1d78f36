// Browser input for Dear ImGui 1.86: mouse, wheel, keys, characters, focus and
// clipboard events from the canvas, queued and fed to ImGui one frame at a time.
//
// ImGui 1.86 reads input as state (io.MouseDown, io.KeysDown) and has no event
// queue (1.87 added one), so a press and release that both arrive between two
// rendered frames would be lost, and characters typed in the same frame as Enter
// would be inserted before the newline. The queue here "trickles" events: a frame
// takes events in order and stops before one that would toggle a key or button
// already toggled this frame, before a special key after characters, and before
// characters after a special key.
#pragma once
#include <functional>
#include <string>

struct ImGuiIO;

namespace pitfall::web::platform {

// Registers the html5 callbacks on #canvas / window and the clipboard listeners.
void install_input_handlers(ImGuiIO& io);

// Applies queued events for one frame (after the backend's NewFrame, before
// ImGui::NewFrame). Returns true if at least one event was applied.
bool feed_imgui_input(ImGuiIO& io);

bool input_pending();  // events still waiting for a frame
bool input_held();     // a key or mouse button is down (keep frames coming for repeat/drag)

// ImGui's wishes from the last rendered frame, used to decide which browser
// keys to consume (preventDefault) and which to leave to the page.
void set_keyboard_wishes(bool want_capture_keyboard, bool want_text_input);

// Runs `flush` when a copy/cut event needs the app to process pending keys first.
void set_flush_hook(std::function<void()> flush);

}  // namespace pitfall::web::platform
