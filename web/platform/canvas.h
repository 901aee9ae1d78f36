// The canvas in the page: its CSS size, the device pixel ratio, and the backing
// store (device pixels). The UI works in device pixels end to end; see
// docs "imgui-web-pitfalls" §1-2 (HiDPI and resize with Emscripten 3.1.6).
#pragma once

namespace pitfall::web::platform {

struct CanvasMetrics {
  double css_w = 0, css_h = 0;  // CSS pixels, from the stylesheet layout
  double dpr = 1;               // window.devicePixelRatio
  int backing_w = 0, backing_h = 0;  // canvas.width/height = round(css * dpr)

  bool operator==(const CanvasMetrics&) const = default;
};

// Reads the CSS size and dpr now and computes the backing size they call for.
CanvasMetrics measure_canvas();
// Sets canvas.width/height (the drawing buffer) to `m.backing_w` x `m.backing_h`.
void apply_backing_size(const CanvasMetrics& m);
// The CSS cursor shown over the canvas ("default", "text", ...).
void set_canvas_cursor(const char* css_cursor);
// Gives the canvas keyboard focus (it has tabindex="-1").
void focus_canvas();

}  // namespace pitfall::web::platform
