// Browser events -> queue -> ImGui 1.86 IO, one frame at a time (see input.h).
// Keys are indexed by DOM keyCode in io.KeysDown[]; characters come from the
// keydown event's `key` (one code point), never from the deprecated keypress.
#include "platform/input.h"

#include <emscripten/emscripten.h>
#include <emscripten/html5.h>
#include <imgui.h>

#include <cfloat>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <string>

namespace pitfall::web::platform {

namespace {

enum class Kind { MouseMove, MouseDown, MouseUp, MouseLeave, Wheel, KeyDown, KeyUp, Char, Focus, Blur };

struct Mods {
  bool ctrl = false, shift = false, alt = false, super = false;
};

struct Event {
  Kind kind;
  Mods mods = {};
  float x = 0, y = 0;  // mouse position (device pixels) or wheel delta
  int index = 0;       // mouse button (ImGui numbering) or key index
  unsigned ch = 0;     // character for Kind::Char
};

// DOM keyCode values used as io.KeysDown indices.
enum : int {
  kBackspace = 8, kTab = 9, kEnter = 13, kShift = 16, kCtrl = 17, kAlt = 18, kEscape = 27,
  kSpace = 32, kPageUp = 33, kPageDown = 34, kEnd = 35, kHome = 36, kLeft = 37, kUp = 38,
  kRight = 39, kDown = 40, kInsert = 45, kDelete = 46, kA = 65, kC = 67, kV = 86, kX = 88,
  kY = 89, kZ = 90, kMetaLeft = 91, kMetaRight = 92, kMetaAlt = 93, kKeypadEnter = 510
};

struct State {
  std::deque<Event> queue;
  ImVec2 mouse_pos{-FLT_MAX, -FLT_MAX};
  bool mouse_down[5] = {};
  bool keys_down[512] = {};
  Mods mods = {};
  bool want_capture_keyboard = false;
  bool want_text_input = false;
  std::string clipboard;
  unsigned clipboard_serial = 0;
  std::function<void()> flush;
  bool mac = false;
};

State& st() {
  static State s;
  return s;
}

Mods mods_of(EM_BOOL ctrl, EM_BOOL shift, EM_BOOL alt, EM_BOOL meta) {
  return Mods{ctrl != 0, shift != 0, alt != 0, meta != 0};
}

void push(Event e) { st().queue.push_back(e); }

int imgui_button(unsigned short dom_button) {
  switch (dom_button) {
    case 0: return 0;  // left
    case 1: return 2;  // middle
    case 2: return 1;  // right
    default: return dom_button < 5 ? dom_button : -1;
  }
}

// Decodes `s` if it is exactly one Unicode code point in UTF-8; else 0.
unsigned single_code_point(const char* s) {
  const auto* u = reinterpret_cast<const unsigned char*>(s);
  if (!u[0]) return 0;
  unsigned c;
  int n;
  if (u[0] < 0x80) { c = u[0]; n = 1; }
  else if ((u[0] & 0xE0) == 0xC0) { c = u[0] & 0x1F; n = 2; }
  else if ((u[0] & 0xF0) == 0xE0) { c = u[0] & 0x0F; n = 3; }
  else if ((u[0] & 0xF8) == 0xF0) { c = u[0] & 0x07; n = 4; }
  else return 0;
  for (int i = 1; i < n; ++i) {
    if ((u[i] & 0xC0) != 0x80) return 0;
    c = (c << 6) | (u[i] & 0x3F);
  }
  return u[n] == 0 ? c : 0;
}

bool is_modifier_key(int k) {
  return k == kShift || k == kCtrl || k == kAlt || k == kMetaLeft || k == kMetaRight || k == kMetaAlt;
}

bool is_special_key(int k) {
  switch (k) {
    case kBackspace: case kTab: case kEnter: case kEscape: case kPageUp: case kPageDown:
    case kEnd: case kHome: case kLeft: case kUp: case kRight: case kDown: case kInsert:
    case kDelete: case kKeypadEnter:
      return true;
    default:
      return false;
  }
}

// ---- html5 callbacks: translate and queue; the return value is preventDefault ----

double dpr() {
  double d = emscripten_get_device_pixel_ratio();
  return d > 0 ? d : 1;
}

EM_BOOL on_mouse_move(int, const EmscriptenMouseEvent* e, void*) {
  Event ev{Kind::MouseMove, mods_of(e->ctrlKey, e->shiftKey, e->altKey, e->metaKey)};
  ev.x = static_cast<float>(e->targetX * dpr());
  ev.y = static_cast<float>(e->targetY * dpr());
  push(ev);
  return false;
}

EM_JS(void, pl_js_focus_canvas_now, (), {
  var c = Module['canvas'];
  if (c && document.activeElement !== c) { c.focus(); if (window.focus) window.focus(); }
});

EM_BOOL on_mouse_down(int, const EmscriptenMouseEvent* e, void*) {
  pl_js_focus_canvas_now();
  int b = imgui_button(e->button);
  Mods m = mods_of(e->ctrlKey, e->shiftKey, e->altKey, e->metaKey);
  Event move{Kind::MouseMove, m};
  move.x = static_cast<float>(e->targetX * dpr());
  move.y = static_cast<float>(e->targetY * dpr());
  push(move);
  if (b >= 0) {
    Event ev{Kind::MouseDown, m};
    ev.index = b;
    push(ev);
  }
  return true;  // no text selection / focus change on the page
}

EM_BOOL on_mouse_up(int, const EmscriptenMouseEvent* e, void*) {
  int b = imgui_button(e->button);
  if (b >= 0 && st().mouse_down[b]) {
    Event ev{Kind::MouseUp, mods_of(e->ctrlKey, e->shiftKey, e->altKey, e->metaKey)};
    ev.index = b;
    push(ev);
  } else if (b >= 0) {
    // The press may still be queued: keep the order.
    for (const Event& q : st().queue)
      if (q.kind == Kind::MouseDown && q.index == b) {
        Event ev{Kind::MouseUp, mods_of(e->ctrlKey, e->shiftKey, e->altKey, e->metaKey)};
        ev.index = b;
        push(ev);
        break;
      }
  }
  return false;
}

EM_BOOL on_mouse_leave(int, const EmscriptenMouseEvent*, void*) {
  push(Event{Kind::MouseLeave});
  return false;
}

EM_BOOL on_wheel(int, const EmscriptenWheelEvent* e, void*) {
  // deltaMode: 0 pixels (~100 per notch), 1 lines (~3 per notch), 2 pages.
  double scale = e->deltaMode == 0 ? 1.0 / 100 : e->deltaMode == 1 ? 1.0 / 3 : 3.0;
  Event ev{Kind::Wheel, mods_of(e->mouse.ctrlKey, e->mouse.shiftKey, e->mouse.altKey, e->mouse.metaKey)};
  ev.x = static_cast<float>(-e->deltaX * scale);
  ev.y = static_cast<float>(-e->deltaY * scale);
  push(ev);
  return true;  // the page must not scroll under the canvas
}

EM_BOOL on_key_down(int, const EmscriptenKeyboardEvent* e, void*) {
  State& s = st();
  Mods m = mods_of(e->ctrlKey, e->shiftKey, e->altKey, e->metaKey);
  int k = static_cast<int>(e->keyCode);
  if (k == kEnter && e->location == 3) k = kKeypadEnter;
  if (k <= 0 || k >= 512) return false;
  bool command = s.mac ? m.super : m.ctrl;
  bool alt_gr = m.ctrl && m.alt;  // Windows reports AltGr as Ctrl+Alt

  if (is_modifier_key(k)) {
    Event ev{Kind::KeyDown, m};
    ev.index = k;
    push(ev);
    return false;
  }
  // Tab while editing text: four spaces (Python indentation); else leave it to the page.
  if (k == kTab && !m.ctrl && !m.alt && !m.super) {
    if (!s.want_text_input) return false;
    for (int i = 0; i < 4; ++i) {
      Event ev{Kind::Char, m};
      ev.ch = ' ';
      push(ev);
    }
    return true;
  }
  unsigned c = single_code_point(e->key);
  if (c >= 32 && c != 127 && ((!m.ctrl && !m.super) || alt_gr)) {
    Event ev{Kind::Char, m};
    ev.ch = c;
    push(ev);
    return s.want_capture_keyboard;
  }
  if (command) {
    // Copy, cut, paste: leave the key to the browser so that it fires the
    // copy/cut/paste events (handled below); paste injects its own key press.
    if (k == kC || k == kX) {
      Event ev{Kind::KeyDown, m};
      ev.index = k;
      push(ev);
      return false;
    }
    if (k == kV) return false;
    if (k == kA || k == kZ || k == kY) {
      Event ev{Kind::KeyDown, m};
      ev.index = k;
      push(ev);
      return s.want_capture_keyboard;
    }
    return false;  // browser shortcuts (reload, tabs, devtools...)
  }
  if (is_special_key(k)) {
    Event ev{Kind::KeyDown, m};
    ev.index = k;
    push(ev);
    return s.want_capture_keyboard;
  }
  return false;
}

EM_BOOL on_key_up(int, const EmscriptenKeyboardEvent* e, void*) {
  State& s = st();
  Mods m = mods_of(e->ctrlKey, e->shiftKey, e->altKey, e->metaKey);
  int k = static_cast<int>(e->keyCode);
  if (k == kEnter && e->location == 3) k = kKeypadEnter;
  if (k <= 0 || k >= 512) return false;
  Event ev{Kind::KeyUp, m};
  ev.index = k;
  push(ev);
  // macOS sends no keyup for keys released while Cmd was down: release all.
  if (k == kMetaLeft || k == kMetaRight || k == kMetaAlt) {
    for (int i = 0; i < 512; ++i)
      if (s.keys_down[i] && i != k) {
        Event up{Kind::KeyUp, m};
        up.index = i;
        push(up);
      }
  }
  return s.want_capture_keyboard && is_special_key(k);
}

EM_BOOL on_blur(int, const EmscriptenFocusEvent*, void*) {
  push(Event{Kind::Blur});
  return false;
}

EM_BOOL on_focus(int, const EmscriptenFocusEvent*, void*) {
  push(Event{Kind::Focus});
  return false;
}

// ---- clipboard: an app-side string; DOM copy/cut/paste events bridge it ----

const char* get_clipboard(void*) { return st().clipboard.c_str(); }
void set_clipboard(void*, const char* text) {
  st().clipboard = text ? text : "";
  ++st().clipboard_serial;
}

EM_JS(void, pl_js_install_clipboard, (), {
  var onPaste = function(e) {
    if (document.activeElement !== Module['canvas']) return;
    var text = (e.clipboardData || window.clipboardData).getData("text/plain") || "";
    var n = lengthBytesUTF8(text) + 1;
    var p = Module['_malloc'](n);
    stringToUTF8(text, p, n);
    Module['_pl_platform_paste'](p);
    Module['_free'](p);
    e.preventDefault();
  };
  var onCopy = function(e) {
    if (document.activeElement !== Module['canvas']) return;
    var p = Module['_pl_platform_copy']();
    if (!p) return;
    e.clipboardData.setData('text/plain', UTF8ToString(p));
    e.preventDefault();
  };
  document.addEventListener('paste', onPaste);
  document.addEventListener('copy', onCopy);
  document.addEventListener('cut', onCopy);
});

EM_JS(int, pl_js_is_mac, (), {
  return /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent || "") ? 1 : 0;
});

// Tracks whether a key index may be toggled again within this frame.
struct FrameTrickle {
  bool key_toggled[512] = {};
  bool button_toggled[5] = {};
  bool any_button_toggled = false;
  bool moved = false;  // ImGui must see the pointer over an item a frame before a press
  bool chars = false;
  bool special_key_down = false;
};

void apply_mods(ImGuiIO& io, const Mods& m) {
  st().mods = m;
  io.KeyCtrl = m.ctrl;
  io.KeyShift = m.shift;
  io.KeyAlt = m.alt;
  io.KeySuper = m.super;
}

}  // namespace

void install_input_handlers(ImGuiIO& io) {
  State& s = st();
  s.mac = pl_js_is_mac() != 0;
  io.ConfigMacOSXBehaviors = s.mac;
  io.KeyMap[ImGuiKey_Tab] = kTab;
  io.KeyMap[ImGuiKey_LeftArrow] = kLeft;
  io.KeyMap[ImGuiKey_RightArrow] = kRight;
  io.KeyMap[ImGuiKey_UpArrow] = kUp;
  io.KeyMap[ImGuiKey_DownArrow] = kDown;
  io.KeyMap[ImGuiKey_PageUp] = kPageUp;
  io.KeyMap[ImGuiKey_PageDown] = kPageDown;
  io.KeyMap[ImGuiKey_Home] = kHome;
  io.KeyMap[ImGuiKey_End] = kEnd;
  io.KeyMap[ImGuiKey_Insert] = kInsert;
  io.KeyMap[ImGuiKey_Delete] = kDelete;
  io.KeyMap[ImGuiKey_Backspace] = kBackspace;
  io.KeyMap[ImGuiKey_Space] = kSpace;
  io.KeyMap[ImGuiKey_Enter] = kEnter;
  io.KeyMap[ImGuiKey_Escape] = kEscape;
  io.KeyMap[ImGuiKey_KeyPadEnter] = kKeypadEnter;
  io.KeyMap[ImGuiKey_A] = kA;
  io.KeyMap[ImGuiKey_C] = kC;
  io.KeyMap[ImGuiKey_V] = kV;
  io.KeyMap[ImGuiKey_X] = kX;
  io.KeyMap[ImGuiKey_Y] = kY;
  io.KeyMap[ImGuiKey_Z] = kZ;
  io.GetClipboardTextFn = get_clipboard;
  io.SetClipboardTextFn = set_clipboard;
  io.ClipboardUserData = nullptr;

  const char* canvas = "#canvas";
  emscripten_set_mousemove_callback(canvas, nullptr, false, on_mouse_move);
  emscripten_set_mousedown_callback(canvas, nullptr, false, on_mouse_down);
  emscripten_set_mouseup_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, false, on_mouse_up);
  emscripten_set_mouseleave_callback(canvas, nullptr, false, on_mouse_leave);
  emscripten_set_wheel_callback(canvas, nullptr, false, on_wheel);
  emscripten_set_keydown_callback(canvas, nullptr, false, on_key_down);
  emscripten_set_keyup_callback(canvas, nullptr, false, on_key_up);
  emscripten_set_blur_callback(canvas, nullptr, false, on_blur);
  emscripten_set_focus_callback(canvas, nullptr, false, on_focus);
  pl_js_install_clipboard();
}

bool feed_imgui_input(ImGuiIO& io) {
  State& s = st();
  // The GLFW backend's NewFrame overwrote these from its own view: restore ours.
  io.MousePos = s.mouse_pos;
  for (int b = 0; b < 5; ++b) io.MouseDown[b] = s.mouse_down[b];

  FrameTrickle t;
  bool applied = false;
  while (!s.queue.empty()) {
    const Event& e = s.queue.front();
    switch (e.kind) {
      case Kind::MouseMove:
        if (t.any_button_toggled) return true;
        if (e.x != s.mouse_pos.x || e.y != s.mouse_pos.y) t.moved = true;
        s.mouse_pos = io.MousePos = ImVec2(e.x, e.y);
        apply_mods(io, e.mods);
        break;
      case Kind::MouseLeave:
        if (t.any_button_toggled) return true;
        s.mouse_pos = io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
        t.moved = true;
        break;
      case Kind::MouseDown:
      case Kind::MouseUp:
        if (t.button_toggled[e.index] || (e.kind == Kind::MouseDown && t.moved)) return true;
        t.button_toggled[e.index] = t.any_button_toggled = true;
        s.mouse_down[e.index] = io.MouseDown[e.index] = (e.kind == Kind::MouseDown);
        apply_mods(io, e.mods);
        break;
      case Kind::Wheel:
        io.MouseWheel += e.y;
        io.MouseWheelH += e.x;
        break;
      case Kind::KeyDown:
        if (t.key_toggled[e.index] || (t.chars && !is_modifier_key(e.index))) return true;
        if (!s.keys_down[e.index]) {
          t.key_toggled[e.index] = true;
          s.keys_down[e.index] = io.KeysDown[e.index] = true;
          if (!is_modifier_key(e.index)) t.special_key_down = true;
        }
        apply_mods(io, e.mods);
        break;
      case Kind::KeyUp:
        if (t.key_toggled[e.index]) return true;
        if (s.keys_down[e.index]) {
          t.key_toggled[e.index] = true;
          s.keys_down[e.index] = io.KeysDown[e.index] = false;
        }
        apply_mods(io, e.mods);
        break;
      case Kind::Char:
        if (t.special_key_down) return true;
        io.AddInputCharacter(e.ch);
        t.chars = true;
        break;
      case Kind::Focus:
        io.AddFocusEvent(true);
        break;
      case Kind::Blur:
        for (int i = 0; i < 512; ++i) s.keys_down[i] = io.KeysDown[i] = false;
        apply_mods(io, Mods{});
        io.AddFocusEvent(false);
        break;
    }
    s.queue.pop_front();
    applied = true;
  }
  return applied;
}

bool input_pending() { return !st().queue.empty(); }

bool input_held() {
  const State& s = st();
  for (bool b : s.mouse_down)
    if (b) return true;
  for (int i = 0; i < 512; ++i)
    if (s.keys_down[i] && !is_modifier_key(i)) return true;
  return false;
}

void set_keyboard_wishes(bool want_capture_keyboard, bool want_text_input) {
  st().want_capture_keyboard = want_capture_keyboard;
  st().want_text_input = want_text_input;
}

void set_flush_hook(std::function<void()> flush) { st().flush = std::move(flush); }

}  // namespace pitfall::web::platform

// Called by the DOM listeners installed in pl_js_install_clipboard.
extern "C" {

// Paste: the text becomes the app clipboard, then a Ctrl/Cmd+V press makes
// ImGui paste it into the active widget.
EMSCRIPTEN_KEEPALIVE void pl_platform_paste(const char* text) {
  using namespace pitfall::web::platform;
  State& s = st();
  s.clipboard = text ? text : "";
  Mods m;
  if (s.mac) m.super = true; else m.ctrl = true;
  Event down{Kind::KeyDown, m};
  down.index = kV;
  Event up{Kind::KeyUp, m};
  up.index = kV;
  s.queue.push_back(down);
  s.queue.push_back(up);
}

// Copy/cut: run the frames that process the pending Ctrl+C/X now, then hand
// the browser what ImGui copied (nullptr: nothing was copied).
EMSCRIPTEN_KEEPALIVE const char* pl_platform_copy() {
  using namespace pitfall::web::platform;
  State& s = st();
  unsigned before = s.clipboard_serial;
  if (s.flush) s.flush();
  return s.clipboard_serial != before ? s.clipboard.c_str() : nullptr;
}

}  // extern "C"
