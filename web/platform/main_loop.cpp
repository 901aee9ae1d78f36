// Emscripten main loop with idle skipping; see main_loop.h.
#include "platform/main_loop.h"

#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>
#include <emscripten/emscripten.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include "platform/canvas.h"
#include "platform/input.h"

namespace pitfall::web::platform {

namespace {

constexpr int kSettleFrames = 3;  // frames rendered after the last input

struct Loop {
  AppHooks hooks;
  GLFWwindow* window = nullptr;
  CanvasMetrics canvas;
  double ui_dpr = 0;       // dpr the fonts/style were built for
  bool dirty = true;
  int settle = 0;
  std::uint64_t frames = 0;
  double frame_ms_total = 0, frame_ms_last = 0;  // main-thread time per rendered frame
  double t0_ms = 0, last_frame_ms = 0;
  ImGuiMouseCursor cursor = ImGuiMouseCursor_COUNT;
};

Loop& loop() {
  static Loop l;
  return l;
}

const char* css_cursor(ImGuiMouseCursor c) {
  switch (c) {
    case ImGuiMouseCursor_None: return "none";
    case ImGuiMouseCursor_TextInput: return "text";
    case ImGuiMouseCursor_ResizeAll: return "move";
    case ImGuiMouseCursor_ResizeNS: return "ns-resize";
    case ImGuiMouseCursor_ResizeEW: return "ew-resize";
    case ImGuiMouseCursor_ResizeNESW: return "nesw-resize";
    case ImGuiMouseCursor_ResizeNWSE: return "nwse-resize";
    case ImGuiMouseCursor_Hand: return "pointer";
    case ImGuiMouseCursor_NotAllowed: return "not-allowed";
    default: return "default";
  }
}

void render_one_frame() {
  Loop& l = loop();
  ImGuiIO& io = ImGui::GetIO();
  const double t_start = emscripten_get_now();

  if (l.canvas.dpr != l.ui_dpr) {
    l.ui_dpr = l.canvas.dpr;
    if (l.hooks.rescale) l.hooks.rescale(l.ui_dpr);
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
  }

  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  // Device pixels end to end: the mouse is already in backing pixels.
  io.DisplaySize = ImVec2(static_cast<float>(l.canvas.backing_w), static_cast<float>(l.canvas.backing_h));
  io.DisplayFramebufferScale = ImVec2(1, 1);
  double now = emscripten_get_now();
  double dt = (now - l.last_frame_ms) / 1000.0;
  if (!(dt >= 1e-4)) dt = 1e-4;  // 1.86 asserts DeltaTime > 0
  if (dt > 0.1) dt = 0.1;        // after an idle pause: no huge jump in animations
  io.DeltaTime = static_cast<float>(dt);
  l.last_frame_ms = now;

  bool had_input = feed_imgui_input(io);

  ImGui::NewFrame();
  if (l.hooks.draw) l.hooks.draw();
  ImGui::Render();

  glViewport(0, 0, l.canvas.backing_w, l.canvas.backing_h);
  glClearColor(0.08f, 0.08f, 0.09f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  ++l.frames;
  l.frame_ms_last = emscripten_get_now() - t_start;
  l.frame_ms_total += l.frame_ms_last;

  set_keyboard_wishes(io.WantCaptureKeyboard, io.WantTextInput);
  ImGuiMouseCursor c = io.MouseDrawCursor ? ImGuiMouseCursor_None : ImGui::GetMouseCursor();
  if (c != l.cursor) {
    l.cursor = c;
    set_canvas_cursor(css_cursor(c));
  }
  if (had_input) l.settle = kSettleFrames;
  else if (l.settle > 0) --l.settle;
}

void tick() {
  Loop& l = loop();
  CanvasMetrics m = measure_canvas();
  if (!(m == l.canvas)) {
    if (m.backing_w != l.canvas.backing_w || m.backing_h != l.canvas.backing_h) apply_backing_size(m);
    l.canvas = m;
    l.dirty = true;
  }
  double now_s = (emscripten_get_now() - l.t0_ms) / 1000.0;
  bool app_work = l.hooks.wants_frame && l.hooks.wants_frame(now_s);
  if (!l.dirty && l.settle == 0 && !app_work && !input_pending() && !input_held()) return;
  l.dirty = false;
  render_one_frame();
}

// Without a WebGL context nothing is drawn, but app work (the simulation behind
// the page API) still runs on animation frames.
void tick_without_rendering() {
  Loop& l = loop();
  if (l.hooks.wants_frame) l.hooks.wants_frame((emscripten_get_now() - l.t0_ms) / 1000.0);
}

std::string start_without_rendering(std::string why) {
  emscripten_set_main_loop(tick_without_rendering, 0, false);
  return why;
}

}  // namespace

std::string run_main_loop(AppHooks hooks) {
  Loop& l = loop();
  l.hooks = std::move(hooks);
  l.t0_ms = l.last_frame_ms = emscripten_get_now();

  if (!glfwInit()) return start_without_rendering("GLFW initialisation failed");
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  l.canvas = measure_canvas();
  l.window = glfwCreateWindow(l.canvas.backing_w, l.canvas.backing_h, "Pitfall Lab", nullptr, nullptr);
  if (!l.window) return start_without_rendering("WebGL 2 is not available in this browser");
  glfwMakeContextCurrent(l.window);
  apply_backing_size(l.canvas);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;              // no layout file in the virtual FS
  io.ConfigInputTextCursorBlink = false;  // a blinking caret would need frames while idle
  ImGui_ImplGlfw_InitForOpenGL(l.window, false);  // our own input layer (input.cpp)
  ImGui_ImplOpenGL3_Init("#version 300 es");
  install_input_handlers(io);
  set_flush_hook([] {
    // Process pending keys now (copy/cut need ImGui's answer inside the DOM event).
    for (int i = 0; i < 8 && input_pending(); ++i) render_one_frame();
  });

  emscripten_set_main_loop(tick, 0, false);
  return {};
}

void request_frame() { loop().dirty = true; }
std::uint64_t rendered_frames() { return loop().frames; }
double frame_ms_last() { return loop().frame_ms_last; }
double frame_ms_average() { return loop().frames ? loop().frame_ms_total / static_cast<double>(loop().frames) : 0.0; }
double seconds_since_load() { return (emscripten_get_now() - loop().t0_ms) / 1000.0; }
double device_pixel_ratio() { return loop().ui_dpr > 0 ? loop().ui_dpr : 1.0; }

const char* ui_font_path() {
#ifdef PITFALL_WEB_FONT
  return PITFALL_WEB_FONT;
#else
  return nullptr;
#endif
}

}  // namespace pitfall::web::platform
