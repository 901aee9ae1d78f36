// The Timeline panel: what each thread (and process) of the simulated program
// was doing over virtual time, as coloured segments per lane, with the GIL
// switch count, the time spent waiting for the GIL and the report's note on
// parallelism. asyncio task spans appear as lanes under the thread running the
// event loop, and event-loop stalls (a step that blocked the loop) are marked
// on that thread with the line that blocked. Everything drawn comes from the
// engine's report (report::Report); nothing here models CPython.
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

// One row of the chart: a thread, an asyncio task or a process.
struct Lane {
  std::string label;
  const std::vector<report::Segment>* segments = nullptr;  // threads and tasks
  const report::ProcessLane* process = nullptr;
  bool is_task = false;
  bool loop_thread = false;  // stalls are marked on this lane
};

std::vector<Lane> build_lanes(const report::Report& r) {
  std::vector<Lane> lanes;
  for (size_t i = 0; i < r.threads.size(); ++i) {
    const report::ThreadLane& t = r.threads[i];
    Lane l;
    l.label = t.name.empty() ? "thread " + std::to_string(i + 1) : t.name;
    l.segments = &t.segments;
    // asyncio.run() drives the loop in the calling thread: the report's tasks and
    // stalls belong to the main thread (the first lane).
    l.loop_thread = i == 0 && (!r.tasks.empty() || !r.loop.stalls.empty());
    lanes.push_back(std::move(l));
    if (i == 0)
      for (const report::TaskLane& task : r.tasks) {
        Lane tl;
        tl.label = "  " + task.name;
        tl.segments = &task.spans;
        tl.is_task = true;
        lanes.push_back(std::move(tl));
      }
  }
  for (const report::ProcessLane& p : r.processes) {
    Lane l;
    l.label = "process " + std::to_string(p.pid);
    l.process = &p;
    lanes.push_back(std::move(l));
  }
  return lanes;
}

double end_time(const report::Report& r) {
  double t = r.wall_s;
  for (const report::ThreadLane& th : r.threads)
    for (const report::Segment& s : th.segments) t = std::max(t, s.end_s);
  for (const report::TaskLane& task : r.tasks)
    for (const report::Segment& s : task.spans) t = std::max(t, s.end_s);
  for (const report::ProcessLane& p : r.processes) t = std::max(t, p.end_s);
  for (const report::Stall& st : r.loop.stalls) t = std::max(t, st.start_s + st.dur_ms * 1e-3);
  return t;
}

void draw_legend(const report::Report& r) {
  for (const char* st : {"run", "wait_gil", "io", "sleep", "lock"}) legend_item(state_color(st), st);
  if (!r.tasks.empty())
    for (const char* st : {"running", "waiting"}) legend_item(state_color(st), st);
  if (!r.loop.stalls.empty()) legend_item(IM_COL32(255, 80, 60, 255), "loop stall");
  ImGui::NewLine();
}

}  // namespace

void draw_timeline_panel(AppState& s, const ImVec2& size) {
  ImGui::BeginChild("##timeline_panel", size, true);
  ChartStats& cs = s.charts;
  cs.thread_lanes = cs.process_lanes = cs.task_lanes = 0;
  cs.segments = cs.segments_drawn = cs.wait_gil_segments = cs.task_spans = 0;
  cs.stalls.clear();
  const report::Report& r = s.sim.report;
  cs.gil_switches = r.gil_switches;
  cs.gil_wait_s = r.gil_wait_s;

  ImGui::TextUnformatted("Timeline");
  const double t_end = s.sim.has_report ? end_time(r) : 0;
  if (!s.sim.has_report || r.threads.empty() || !(t_end > 0)) {
    ImGui::SameLine();
    ImGui::TextColored(muted_text(), "(threads over time appear here after a run)");
    ImGui::EndChild();
    return;
  }
  ImGui::SameLine();
  ImGui::TextColored(muted_text(), "%d GIL switch%s, %s waiting for the GIL, %s wall", r.gil_switches,
                     r.gil_switches == 1 ? "" : "es", format_time(r.gil_wait_s).c_str(), format_time(t_end).c_str());
  if (!r.loop.stalls.empty() || r.loop.steps > 0) {
    ImGui::TextColored(muted_text(), "event loop: %lld steps, longest %s", static_cast<long long>(r.loop.steps),
                       format_time(r.loop.max_step_ms * 1e-3).c_str());
  }
  draw_legend(r);
  if (!r.gil_note.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, muted_text());
    ImGui::TextWrapped("%s", r.gil_note.c_str());
    ImGui::PopStyleColor();
  }

  const std::vector<Lane> lanes = build_lanes(r);
  const float lh = ImGui::GetTextLineHeight();
  const float lane_h = std::floor(lh * 1.35f);
  const float axis_h = lh + 8;
  float label_w = 0;
  for (const Lane& l : lanes) label_w = std::max(label_w, ImGui::CalcTextSize(l.label.c_str()).x);
  label_w = std::min(label_w + lh * 0.5f, ImGui::GetContentRegionAvail().x * 0.35f);

  const float lanes_h = ImGui::GetContentRegionAvail().y - axis_h - 2 * ImGui::GetStyle().ItemSpacing.y;
  ImGui::BeginChild("##lanes", ImVec2(0, std::max(lane_h, lanes_h)), false,
                    ImGuiWindowFlags_NoMove);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float width = ImGui::GetContentRegionAvail().x;
  const float x0 = origin.x + label_w, x1 = origin.x + width - 4;
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const bool hovered = ImGui::IsWindowHovered();
  // The visible time window: Ctrl+wheel zooms around the mouse, dragging pans,
  // double-click shows the whole run again.
  TimeWindow& win = s.timeline_window;
  double v0 = win.whole() ? 0 : std::clamp(win.t0, 0.0, t_end);
  double v1 = win.whole() ? t_end : std::clamp(win.t1, v0, t_end);
  if (!(v1 - v0 > t_end * 1e-6)) v0 = 0, v1 = t_end;
  if (hovered && mouse.x >= x0 && mouse.x <= x1) {
    const ImGuiIO& io = ImGui::GetIO();
    const double at = v0 + (mouse.x - x0) / (x1 - x0) * (v1 - v0);
    if (io.KeyCtrl && io.MouseWheel != 0) {
      const double f = std::pow(0.8, io.MouseWheel);
      const double span = std::clamp((v1 - v0) * f, t_end * 1e-4, t_end);
      v0 = std::clamp(at - (at - v0) / (v1 - v0) * span, 0.0, t_end - span);
      v1 = v0 + span;
    } else if (ImGui::IsMouseDragging(ImGuiMouseButton_Left, 2.0f)) {
      const double dt = -io.MouseDelta.x / (x1 - x0) * (v1 - v0), span = v1 - v0;
      v0 = std::clamp(v0 + dt, 0.0, t_end - span);
      v1 = v0 + span;
    }
    if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) v0 = 0, v1 = t_end;
  }
  win = (v0 <= 0 && v1 >= t_end) ? TimeWindow{} : TimeWindow{v0, v1};
  const double scale = (x1 - x0) / (v1 - v0);
  auto xof = [&](double t) { return x0 + static_cast<float>((std::clamp(t, v0, v1) - v0) * scale); };
  std::string tip;

  for (size_t li = 0; li < lanes.size(); ++li) {
    const Lane& lane = lanes[li];
    const float y = origin.y + static_cast<float>(li) * lane_h;
    const float pad = lane.is_task ? lane_h * 0.3f : lane_h * 0.15f;
    const float ya = y + pad, yb = y + lane_h - pad;
    dl->AddText(ImVec2(origin.x, y + (lane_h - lh) * 0.5f),
                ImGui::GetColorU32(lane.is_task ? ImGuiCol_TextDisabled : ImGuiCol_Text), lane.label.c_str());
    dl->AddRectFilled(ImVec2(x0, ya), ImVec2(x1, yb), IM_COL32(255, 255, 255, 10));
    const bool row_hovered = hovered && mouse.y >= y && mouse.y < y + lane_h && mouse.x >= x0 && mouse.x <= x1;
    const double mouse_t = v0 + (mouse.x - x0) / scale;

    if (lane.process) {
      ++cs.process_lanes;
      ++cs.segments;
      ++cs.segments_drawn;
      dl->AddRectFilled(ImVec2(xof(lane.process->start_s), ya),
                        ImVec2(std::max(xof(lane.process->end_s), xof(lane.process->start_s) + 1), yb),
                        IM_COL32(70, 190, 190, 255));
      if (row_hovered && mouse_t >= lane.process->start_s && mouse_t <= lane.process->end_s)
        tip = lane.label + ": " + format_time(lane.process->start_s) + " - " + format_time(lane.process->end_s) +
              ", " + format_time(lane.process->cpu_s) + " CPU (own interpreter and GIL)";
      continue;
    }
    if (lane.is_task) ++cs.task_lanes;
    else ++cs.thread_lanes;

    // Segments narrower than a pixel that start in an already painted pixel are
    // skipped: the picture is the same and the draw list stays small.
    float last_px = -1e9f;
    for (const report::Segment& seg : *lane.segments) {
      if (lane.is_task) ++cs.task_spans;
      else ++cs.segments;
      if (seg.state == "wait_gil") ++cs.wait_gil_segments;
      if (seg.state == "done") continue;
      if (seg.end_s < v0 || seg.start_s > v1) continue;
      float a = xof(seg.start_s), b = xof(seg.end_s);
      if (b - a < 1) {
        if (std::floor(a) == last_px) continue;
        b = a + 1;
      }
      last_px = std::floor(a);
      dl->AddRectFilled(ImVec2(a, ya), ImVec2(b, yb), state_color(seg.state));
      ++cs.segments_drawn;
      if (row_hovered && tip.empty() && mouse_t >= seg.start_s && mouse_t <= seg.end_s)
        tip = lane.label.substr(lane.is_task ? 2 : 0) + ": " + state_label(seg.state) + "\n" +
              format_time(seg.start_s) + " - " + format_time(seg.end_s) + " (" +
              format_time(seg.end_s - seg.start_s) + ")";
    }
    if (lane.loop_thread) {
      for (const report::Stall& st : r.loop.stalls) {
        cs.stalls.push_back({st.line, st.dur_ms});
        if (st.start_s > v1 || st.start_s + st.dur_ms * 1e-3 < v0) continue;
        const float a = xof(st.start_s), b = std::max(xof(st.start_s + st.dur_ms * 1e-3), a + 2);
        const ImU32 red = IM_COL32(255, 80, 60, 255);
        dl->AddRect(ImVec2(a, y + 1), ImVec2(b, y + lane_h - 1), red, 0, 0, 2.0f);
        if (st.line > 0) {
          std::string label = "line " + std::to_string(st.line);
          dl->AddText(ImVec2(a + 3, y + (lane_h - lh) * 0.5f), IM_COL32(255, 235, 230, 255), label.c_str());
        }
        if (hovered && mouse.y >= y && mouse.y < y + lane_h && mouse.x >= a && mouse.x <= b)
          tip = "event loop stalled " + format_time(st.dur_ms * 1e-3) + " at " + format_time(st.start_s) +
                (st.line > 0 ? "\nblocking call on line " + std::to_string(st.line) : std::string()) +
                "\nno other task ran meanwhile";
      }
    }
  }
  ImGui::Dummy(ImVec2(width, static_cast<float>(lanes.size()) * lane_h));
  if (!tip.empty()) ImGui::SetTooltip("%s", tip.c_str());
  ImGui::EndChild();

  // Time axis below the lanes, aligned with them.
  const ImVec2 axis = ImGui::GetCursorScreenPos();
  draw_time_axis(ImGui::GetWindowDrawList(), x0, x1, axis.y + 2, v0, v1);
  ImGui::Dummy(ImVec2(width, axis_h - 4));
  ImGui::EndChild();
}

}  // namespace pitfall::web::ui
