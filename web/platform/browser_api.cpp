// Exported C entry points behind window.pitfallLab (see browser_api.h). Strings
// returned to JS live in a static buffer until the next call.
#include "platform/browser_api.h"

#include <emscripten/emscripten.h>

#include "platform/main_loop.h"

namespace pitfall::web::platform {

namespace {
BrowserApi& api() {
  static BrowserApi a;
  return a;
}
std::string& out() {
  static std::string s;
  return s;
}
const char* give(std::string s) {
  out() = std::move(s);
  return out().c_str();
}
}  // namespace

void install_browser_api(BrowserApi a) { api() = std::move(a); }

EM_JS(void, pl_js_signal_ready, (), {
  if (Module['pitfallOnReady']) Module['pitfallOnReady']();
});

void signal_ready() { pl_js_signal_ready(); }

}  // namespace pitfall::web::platform

using pitfall::web::platform::api;
using pitfall::web::platform::give;

extern "C" {

EMSCRIPTEN_KEEPALIVE void pl_set_code(const char* text) {
  if (api().set_code) api().set_code(text ? text : "");
  pitfall::web::platform::request_frame();
}

EMSCRIPTEN_KEEPALIVE const char* pl_get_code() { return give(api().get_code ? api().get_code() : ""); }

EMSCRIPTEN_KEEPALIVE const char* pl_state_json() {
  return give(api().state_json ? api().state_json() : "null");
}

EMSCRIPTEN_KEEPALIVE void pl_set_options(const char* json) {
  if (api().set_options) api().set_options(json ? json : "{}");
  pitfall::web::platform::request_frame();
}

EMSCRIPTEN_KEEPALIVE double pl_rendered_frames() {
  return static_cast<double>(pitfall::web::platform::rendered_frames());
}

EMSCRIPTEN_KEEPALIVE double pl_frame_ms(int average) {
  return average ? pitfall::web::platform::frame_ms_average() : pitfall::web::platform::frame_ms_last();
}

EMSCRIPTEN_KEEPALIVE const char* pl_layout_json() {
  return give(api().layout_json ? api().layout_json() : "{}");
}

EMSCRIPTEN_KEEPALIVE int pl_has_simulator() { return api().has_simulator && api().has_simulator() ? 1 : 0; }

EMSCRIPTEN_KEEPALIVE int pl_is_idle() { return api().is_idle && !api().is_idle() ? 0 : 1; }

}  // extern "C"
