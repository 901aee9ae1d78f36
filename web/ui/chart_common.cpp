// Chart helpers (see chart_common.h).
#include "ui/chart_common.h"

#include <cmath>
#include <cstdio>

namespace pitfall::web::ui {

std::string format_time(double s) {
  char buf[48];
  double a = std::fabs(s);
  if (a >= 1) std::snprintf(buf, sizeof buf, "%.3g s", s);
  else if (a >= 1e-3) std::snprintf(buf, sizeof buf, "%.3g ms", s * 1e3);
  else if (a > 0) std::snprintf(buf, sizeof buf, "%.3g us", s * 1e6);
  else std::snprintf(buf, sizeof buf, "0");
  return buf;
}

std::string format_bytes(double b) {
  char buf[48];
  if (b >= 1024.0 * 1024 * 1024) std::snprintf(buf, sizeof buf, "%.3g GiB", b / (1024.0 * 1024 * 1024));
  else if (b >= 1024.0 * 1024) std::snprintf(buf, sizeof buf, "%.3g MiB", b / (1024.0 * 1024));
  else if (b >= 1024.0) std::snprintf(buf, sizeof buf, "%.3g KiB", b / 1024.0);
  else std::snprintf(buf, sizeof buf, "%.0f B", b);
  return buf;
}

double nice_step(double range, int max_ticks) {
  if (!(range > 0) || max_ticks < 1) return 1;
  double raw = range / max_ticks;
  double p = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * p >= raw) return m * p;
  return 10 * p;
}

void draw_time_axis(ImDrawList* dl, float x0, float x1, float y, double t0, double t1) {
  if (!(t1 > t0) || x1 <= x0) return;
  const ImU32 line = ImGui::GetColorU32(ImGuiCol_Border);
  const ImU32 text = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  dl->AddLine(ImVec2(x0, y), ImVec2(x1, y), line);
  const float label_w = ImGui::CalcTextSize("000.0 ms").x * 1.15f;
  int max_ticks = static_cast<int>((x1 - x0) / label_w);
  if (max_ticks < 1) max_ticks = 1;
  const double step = nice_step(t1 - t0, max_ticks);
  const double scale = (x1 - x0) / (t1 - t0);
  for (double t = std::ceil(t0 / step) * step; t <= t1 + step * 1e-6; t += step) {
    float x = x0 + static_cast<float>((t - t0) * scale);
    dl->AddLine(ImVec2(x, y), ImVec2(x, y + 4), line);
    std::string label = format_time(std::fabs(t) < step * 1e-6 ? 0 : t);
    float w = ImGui::CalcTextSize(label.c_str()).x;
    float lx = std::fmin(std::fmax(x - w * 0.5f, x0), x1 - w);
    dl->AddText(ImVec2(lx, y + 5), text, label.c_str());
  }
}

ImU32 state_color(std::string_view s) {
  if (s == "run" || s == "running") return IM_COL32(88, 190, 120, 255);
  if (s == "wait_gil") return IM_COL32(232, 96, 88, 255);
  if (s == "io") return IM_COL32(90, 150, 235, 255);
  if (s == "sleep") return IM_COL32(150, 130, 210, 255);
  if (s == "lock" || s == "waiting") return IM_COL32(225, 175, 70, 255);
  if (s == "created") return IM_COL32(120, 124, 132, 255);
  return IM_COL32(80, 82, 88, 255);  // done / unknown
}

const char* state_label(std::string_view s) {
  if (s == "run") return "running Python";
  if (s == "wait_gil") return "waiting for the GIL";
  if (s == "io") return "blocking call (GIL released)";
  if (s == "sleep") return "sleeping";
  if (s == "lock") return "blocked on a lock/queue/join";
  if (s == "done") return "finished";
  if (s == "running") return "task running";
  if (s == "waiting") return "task awaiting";
  if (s == "created") return "task created, not started";
  return "other";
}

void legend_item(ImU32 color, const char* label) {
  const float h = ImGui::GetTextLineHeight();
  ImVec2 p = ImGui::GetCursorScreenPos();
  ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, p.y + h * 0.2f), ImVec2(p.x + h * 0.6f, p.y + h * 0.8f),
                                            color, 2.0f);
  ImGui::Dummy(ImVec2(h * 0.7f, h));
  ImGui::SameLine(0, 2);
  ImGui::TextDisabled("%s", label);
  ImGui::SameLine();
}

ImU32 gc_generation_color(int g) {
  if (g <= 0) return IM_COL32(160, 200, 255, 255);
  if (g == 1) return IM_COL32(255, 200, 90, 255);
  return IM_COL32(255, 100, 100, 255);
}

}  // namespace pitfall::web::ui
