// Entry point of the web app: one App, its page API, and the main loop.
#include <imgui.h>

#include "app/app.h"
#include "app/theme.h"
#include "platform/browser_api.h"
#include "platform/main_loop.h"
#include "ui/panels.h"

namespace {

pitfall::web::App& app() {
  static pitfall::web::App a;
  return a;
}

}  // namespace

int main() {
  namespace platform = pitfall::web::platform;
  using pitfall::web::App;

  platform::BrowserApi api;
  api.set_code = [](const std::string& text) { app().set_code(text); };
  api.get_code = [] { return app().state().code; };
  api.state_json = [] { return app().state_json(); };
  api.set_options = [](const std::string& json) { app().set_options_json(json); };
  api.layout_json = [] { return app().layout_json(platform::device_pixel_ratio()); };
  api.is_idle = [] { return app().is_idle(); };
  api.has_simulator = [] { return app().state().sim.available; };
  platform::install_browser_api(std::move(api));

  platform::AppHooks hooks;
  hooks.rescale = [](double dpr) { pitfall::web::apply_theme(dpr, platform::ui_font_path()); };
  hooks.draw = [] {
    pitfall::web::ui::UiEvents ev = pitfall::web::ui::draw_workspace(app().state());
    if (ev.code_edited) app().on_code_edited();
    if (ev.options_changed) app().on_options_changed();
  };
  hooks.wants_frame = [](double now_s) { return app().wants_frame(now_s); };

  std::string error = platform::run_main_loop(std::move(hooks));
  if (!error.empty()) app().state().error = error;
  platform::signal_ready();
  return 0;
}
