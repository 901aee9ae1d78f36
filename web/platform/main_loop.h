// The browser main loop: WebGL 2 context (through Emscripten's GLFW emulation),
// Dear ImGui's GLFW + OpenGL3 backends, and a requestAnimationFrame loop that
// renders only when something changed (input, canvas size or dpr, app work),
// plus a few frames after the last input so hover and layout settle.
#pragma once
#include <cstdint>
#include <functional>
#include <string>

namespace pitfall::web::platform {

struct AppHooks {
  // Rebuild fonts and style for a device pixel ratio (first frame and on change).
  std::function<void(double dpr)> rescale;
  // Builds one ImGui frame (between ImGui::NewFrame and ImGui::Render).
  std::function<void()> draw;
  // True while the app has work that needs frames (e.g. a running simulation
  // or a timer that is due at `now_s`, seconds since load).
  std::function<bool(double now_s)> wants_frame;
};

// Creates the context and starts the loop. Returns "" or, when rendering is
// impossible, why (then the page API and app work keep running, undrawn).
std::string run_main_loop(AppHooks hooks);

void request_frame();               // app state changed outside the UI (API call)
std::uint64_t rendered_frames();    // frames rendered since load
double frame_ms_last();             // main-thread time of the last rendered frame
double frame_ms_average();          // ... averaged over all rendered frames
double seconds_since_load();
double device_pixel_ratio();        // the one the UI is currently built for

// Path of the UI font in the virtual file system, or nullptr (built-in font).
const char* ui_font_path();

}  // namespace pitfall::web::platform
