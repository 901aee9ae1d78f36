// The Memory panel: traced memory (what tracemalloc would report) over virtual
// time from the report's samples, the peak and final figures, one marker per
// garbage-collector run coloured and sized by generation, and the virtual
// memory limit when the run ended in MemoryError. Absent memory fields (an
// engine without the memory model) leave the panel with a short note.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "ui/chart_common.h"
#include "ui/colors.h"
#include "ui/panels.h"

namespace pitfall::web::ui {

namespace {

bool ended_in_memory_error(const report::Report& r) {
  return r.exception && r.exception->rfind("MemoryError", 0) == 0;
}

}  // namespace

void draw_memory_panel(AppState& s, const ImVec2& size) {
  ImGui::BeginChild("##memory_panel", size, true);
  ChartStats& cs = s.charts;
  const report::Report& r = s.sim.report;
  cs.memory_present = s.sim.has_report && !r.mem_samples.empty();
  cs.memory_samples = cs.memory_present ? static_cast<int>(r.mem_samples.size()) : 0;
  cs.memory_points_drawn = cs.gc_markers = 0;
  cs.peak_bytes = r.mem_peak;
  cs.final_bytes = r.mem_final;
  const bool mem_error = s.sim.has_report && ended_in_memory_error(r);
  cs.memory_limit_line = false;

  ImGui::TextUnformatted("Memory");
  ImGui::SameLine();
  if (!s.sim.has_report || (r.mem_samples.empty() && r.gc_events.empty() && !mem_error)) {
    ImGui::TextColored(muted_text(), s.sim.has_report ? "(this run's report has no memory samples)"
                                                      : "(memory over time appears here after a run)");
    ImGui::EndChild();
    return;
  }
  ImGui::TextColored(muted_text(), "peak %s, final %s", format_bytes(double(r.mem_peak)).c_str(),
                     format_bytes(double(r.mem_final)).c_str());
  ImGui::TextColored(muted_text(), "gc runs: gen0 %lld, gen1 %lld, gen2 %lld; %lld objects collected",
                     static_cast<long long>(r.gc_collections[0]), static_cast<long long>(r.gc_collections[1]),
                     static_cast<long long>(r.gc_collections[2]), static_cast<long long>(r.gc_collected));
  legend_item(IM_COL32(110, 170, 240, 255), "traced");
  for (int g = 0; g < 3; ++g) {
    std::string label = "gc gen" + std::to_string(g);
    legend_item(gc_generation_color(g), label.c_str());
  }
  if (mem_error) legend_item(IM_COL32(255, 80, 60, 255), "memory limit");
  ImGui::NewLine();

  // Plot area: value axis labels on the left, time axis below.
  const float lh = ImGui::GetTextLineHeight();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float axis_h = lh + 8;
  const float label_w = ImGui::CalcTextSize("000 MiB ").x;
  const float x0 = origin.x + label_w, x1 = origin.x + avail.x - 4;
  const float y0 = origin.y + lh * 0.5f, y1 = origin.y + std::max(avail.y - axis_h, lh * 3);
  ImDrawList* dl = ImGui::GetWindowDrawList();

  double t_end = r.wall_s;
  double top = double(std::max(r.mem_peak, r.mem_final));
  for (const auto& [t, b] : r.mem_samples) {
    t_end = std::max(t_end, t);
    top = std::max(top, double(b));
  }
  for (const report::GcEvent& e : r.gc_events) t_end = std::max(t_end, e.t_s);
  if (mem_error && s.sim.memory_limit > 0) top = std::max(top, double(s.sim.memory_limit));
  if (!(t_end > 0)) t_end = 1e-3;
  if (!(top > 0)) top = 1024;
  top *= 1.08;
  const double xs = (x1 - x0) / t_end, ys = (y1 - y0) / top;
  auto px = [&](double t) { return x0 + static_cast<float>(std::clamp(t, 0.0, t_end) * xs); };
  auto py = [&](double b) { return y1 - static_cast<float>(std::clamp(b, 0.0, top) * ys); };

  // Value grid.
  const ImU32 grid = ImGui::GetColorU32(ImGuiCol_Border);
  const ImU32 text = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  const int max_rows = std::max(1, static_cast<int>((y1 - y0) / (lh * 1.8f)));
  const double step = nice_step(top, max_rows);
  for (double v = 0; v <= top; v += step) {
    const float y = py(v);
    dl->AddLine(ImVec2(x0, y), ImVec2(x1, y), grid);
    std::string label = format_bytes(v);
    dl->AddText(ImVec2(origin.x, y - lh * 0.5f), text, label.c_str());
  }

  // Traced memory: filled area under the samples, at most one point per pixel
  // column (the column's largest value, so peaks stay visible).
  // Samples are drawn in time order whatever order the report lists them in.
  std::vector<std::pair<double, std::int64_t>> samples = r.mem_samples;
  std::stable_sort(samples.begin(), samples.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<ImVec2> pts;
  pts.reserve(std::min<size_t>(samples.size(), static_cast<size_t>(x1 - x0) * 2 + 2));
  for (const auto& [t, b] : samples) {
    ImVec2 p(std::floor(px(t)), py(double(b)));
    if (!pts.empty() && pts.back().x == p.x) pts.back().y = std::min(pts.back().y, p.y);
    else pts.push_back(p);
  }
  const ImU32 fill = IM_COL32(110, 170, 240, 70), stroke = IM_COL32(110, 170, 240, 255);
  for (size_t i = 1; i < pts.size(); ++i)
    dl->AddQuadFilled(ImVec2(pts[i - 1].x, y1), pts[i - 1], pts[i], ImVec2(pts[i].x, y1), fill);
  if (pts.size() >= 2) dl->AddPolyline(pts.data(), static_cast<int>(pts.size()), stroke, 0, 1.5f);
  else if (pts.size() == 1) dl->AddCircleFilled(pts[0], 2.5f, stroke);
  cs.memory_points_drawn = static_cast<int>(pts.size());

  // Peak, and the limit the run ran into.
  if (r.mem_peak > 0) {
    const float y = py(double(r.mem_peak));
    for (float x = x0; x < x1; x += 8) dl->AddLine(ImVec2(x, y), ImVec2(std::min(x + 4, x1), y), stroke);
    dl->AddText(ImVec2(x1 - ImGui::CalcTextSize("peak").x, y - lh), stroke, "peak");
  }
  if (mem_error && s.sim.memory_limit > 0) {
    const float y = py(double(s.sim.memory_limit));
    const ImU32 red = IM_COL32(255, 80, 60, 255);
    dl->AddLine(ImVec2(x0, y), ImVec2(x1, y), red, 2.0f);
    std::string label = "limit " + format_bytes(double(s.sim.memory_limit)) + ": MemoryError";
    dl->AddText(ImVec2(x0 + 4, y + 2), red, label.c_str());
    cs.memory_limit_line = true;
  }

  // Garbage-collector runs: ticks rising from the time axis, taller for older
  // generations.
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const bool hovered = ImGui::IsWindowHovered() && mouse.x >= x0 && mouse.x <= x1 && mouse.y >= y0 && mouse.y <= y1;
  std::string tip;
  float tip_dist = 4;
  for (const report::GcEvent& e : r.gc_events) {
    const int g = std::clamp(e.generation, 0, 2);
    const float x = px(e.t_s), h = (y1 - y0) * (0.12f + 0.1f * static_cast<float>(g));
    dl->AddLine(ImVec2(x, y1), ImVec2(x, y1 - h), gc_generation_color(g), 1.5f);
    ++cs.gc_markers;
    if (hovered && std::fabs(mouse.x - x) < tip_dist) {
      tip_dist = std::fabs(mouse.x - x);
      tip = "gc generation " + std::to_string(g) + " at " + format_time(e.t_s) + ", took " +
            format_time(e.ms * 1e-3) + ", " + std::to_string(e.collected) + " objects collected";
    }
  }
  if (hovered && tip.empty() && !samples.empty()) {
    const double t = (mouse.x - x0) / xs;
    auto it = std::lower_bound(samples.begin(), samples.end(), t,
                               [](const std::pair<double, std::int64_t>& a, double v) { return a.first < v; });
    if (it == samples.end()) --it;
    tip = format_time(it->first) + ": " + format_bytes(double(it->second)) + " traced";
  }
  if (!tip.empty()) ImGui::SetTooltip("%s", tip.c_str());

  draw_time_axis(dl, x0, x1, y1, 0, t_end);
  ImGui::Dummy(ImVec2(avail.x, std::max(avail.y, 1.0f)));
  ImGui::EndChild();
}

}  // namespace pitfall::web::ui
