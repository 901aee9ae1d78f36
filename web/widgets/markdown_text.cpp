// Markdown subset renderer (see markdown_text.h).
#include "widgets/markdown_text.h"

#include <imgui.h>

#include <string>
#include <vector>

namespace pitfall::web::widgets {

namespace {

enum class BlockKind { Paragraph, Heading, Bullet, Code };

struct Block {
  BlockKind kind;
  std::string text;
  std::string marker;  // list marker ("-", "1.") for bullets
};

std::string_view trim_left(std::string_view s) {
  size_t i = s.find_first_not_of(" \t");
  return i == std::string_view::npos ? std::string_view{} : s.substr(i);
}

std::string drop_bold(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '*' && i + 1 < s.size() && s[i + 1] == '*') { ++i; continue; }
    out += s[i];
  }
  return out;
}

// Returns the marker length if `s` (already left-trimmed) starts a list item.
size_t list_marker(std::string_view s) {
  if (s.size() >= 2 && (s[0] == '-' || s[0] == '*' || s[0] == '+') && s[1] == ' ') return 1;
  size_t i = 0;
  while (i < s.size() && i < 3 && s[i] >= '0' && s[i] <= '9') ++i;
  if (i > 0 && i + 1 < s.size() && (s[i] == '.' || s[i] == ')') && s[i + 1] == ' ') return i + 1;
  return 0;
}

std::vector<Block> parse(std::string_view md) {
  std::vector<Block> blocks;
  bool in_code = false;
  bool open = false;  // last paragraph/bullet still takes continuation lines
  while (!md.empty()) {
    size_t nl = md.find('\n');
    std::string_view line = md.substr(0, nl);
    md = nl == std::string_view::npos ? std::string_view{} : md.substr(nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::string_view t = trim_left(line);
    if (t.substr(0, 3) == "```") {
      in_code = !in_code;
      if (in_code) blocks.push_back({BlockKind::Code, "", ""});
      open = false;
      continue;
    }
    if (in_code) {
      Block& b = blocks.back();
      if (!b.text.empty()) b.text += '\n';
      b.text += line;
      continue;
    }
    if (t.empty()) { open = false; continue; }
    if (t[0] == '#') {
      size_t k = t.find_first_not_of('#');
      blocks.push_back({BlockKind::Heading, drop_bold(trim_left(k == std::string_view::npos ? "" : t.substr(k))), ""});
      open = false;
      continue;
    }
    if (size_t m = list_marker(t)) {
      blocks.push_back({BlockKind::Bullet, drop_bold(trim_left(t.substr(m))), std::string(t.substr(0, m))});
      open = true;
      continue;
    }
    if (open) {
      blocks.back().text += ' ';
      blocks.back().text += drop_bold(t);
    } else {
      blocks.push_back({BlockKind::Paragraph, drop_bold(t), ""});
      open = true;
    }
  }
  return blocks;
}

}  // namespace

void MarkdownText(std::string_view markdown) {
  const ImVec4 heading(0.55f, 0.80f, 1.0f, 1.0f);
  const ImVec4 code(0.80f, 0.86f, 0.70f, 1.0f);
  bool first = true;
  for (const Block& b : parse(markdown)) {
    switch (b.kind) {
      case BlockKind::Heading:
        if (!first) ImGui::Spacing();
        ImGui::TextColored(heading, "%s", b.text.c_str());
        break;
      case BlockKind::Paragraph:
        ImGui::TextWrapped("%s", b.text.c_str());
        break;
      case BlockKind::Bullet:
        if (b.marker == "-" || b.marker == "*" || b.marker == "+") {
          ImGui::Bullet();
        } else {
          ImGui::TextUnformatted(b.marker.c_str());
        }
        ImGui::SameLine();
        ImGui::TextWrapped("%s", b.text.c_str());
        break;
      case BlockKind::Code:
        ImGui::Indent();
        ImGui::PushStyleColor(ImGuiCol_Text, code);
        ImGui::TextUnformatted(b.text.c_str());
        ImGui::PopStyleColor();
        ImGui::Unindent();
        break;
    }
    first = false;
  }
}

}  // namespace pitfall::web::widgets
