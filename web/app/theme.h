// The look: dark theme, UI font, sizes scaled to the device pixel ratio (the UI
// is laid out in device pixels; see web/platform/canvas.h).
#pragma once

namespace pitfall::web {

constexpr float kBaseFontPx = 15.0f;  // CSS pixels

// Rebuilds the font atlas (call before the renderer re-uploads it) and the style.
void apply_theme(double dpr, const char* font_path);

}  // namespace pitfall::web
