// Shows a small Markdown subset as wrapped ImGui text: headings, paragraphs
// (source line breaks joined), bullet and numbered lists, fenced code blocks.
// Inline markup is left as written except **bold** markers, which are dropped.
#pragma once
#include <string_view>

namespace pitfall::web::widgets {

void MarkdownText(std::string_view markdown);

}  // namespace pitfall::web::widgets
