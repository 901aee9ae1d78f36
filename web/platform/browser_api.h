// The page-facing API `window.pitfallLab` (INTERFACES.md, "Browser"): the JS side
// is web/shell/pitfall_api.js; it calls the exported C functions in
// browser_api.cpp, which forward to these hooks filled in by the app.
#pragma once
#include <cstdint>
#include <functional>
#include <string>

namespace pitfall::web::platform {

struct BrowserApi {
  std::function<void(const std::string&)> set_code;
  std::function<std::string()> get_code;
  std::function<std::string()> state_json;
  std::function<void(const std::string& json)> set_options;
  std::function<std::string()> layout_json;
  std::function<bool()> is_idle;
  std::function<bool()> has_simulator;
};

void install_browser_api(BrowserApi api);
// Resolves `window.pitfallLab.ready`.
void signal_ready();

}  // namespace pitfall::web::platform
