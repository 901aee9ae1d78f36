// Canvas size, device pixel ratio, cursor and focus through Emscripten's html5 API.
#include "platform/canvas.h"

#include <emscripten/emscripten.h>
#include <emscripten/html5.h>

#include <cmath>

namespace pitfall::web::platform {

namespace {
constexpr const char* kCanvas = "#canvas";
}

CanvasMetrics measure_canvas() {
  CanvasMetrics m;
  emscripten_get_element_css_size(kCanvas, &m.css_w, &m.css_h);
  m.dpr = emscripten_get_device_pixel_ratio();
  if (!(m.dpr > 0) || !std::isfinite(m.dpr)) m.dpr = 1;
  if (!(m.css_w > 0)) m.css_w = 1;
  if (!(m.css_h > 0)) m.css_h = 1;
  m.backing_w = static_cast<int>(std::lround(m.css_w * m.dpr));
  m.backing_h = static_cast<int>(std::lround(m.css_h * m.dpr));
  if (m.backing_w < 1) m.backing_w = 1;
  if (m.backing_h < 1) m.backing_h = 1;
  return m;
}

void apply_backing_size(const CanvasMetrics& m) {
  emscripten_set_canvas_element_size(kCanvas, m.backing_w, m.backing_h);
}

EM_JS(void, pl_js_set_cursor, (const char* cursor), {
  var c = Module['canvas'];
  if (c) c.style.cursor = UTF8ToString(cursor);
});

EM_JS(void, pl_js_focus_canvas, (), {
  var c = Module['canvas'];
  if (c && document.activeElement !== c) {
    c.focus();
    if (window.focus) window.focus();
  }
});

void set_canvas_cursor(const char* css_cursor) { pl_js_set_cursor(css_cursor); }
void focus_canvas() { pl_js_focus_canvas(); }

}  // namespace pitfall::web::platform
