// A source file's text with a line index, converting tree-sitter's byte
// positions into the 1-based line / code-point column that findings use.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pitfall::syntax {

struct Position {
  int line = 1;  // 1-based
  int col = 1;   // 1-based, in Unicode code points
};

class Source {
 public:
  Source(std::string name, std::string text);
  const std::string& name() const { return name_; }
  const std::string& text() const { return text_; }
  // Byte offset -> 1-based line and code-point column.
  Position position(std::uint32_t byte) const;
  // 1-based line's text without its line ending ("" when out of range).
  std::string_view line_text(int line) const;
  int line_count() const { return static_cast<int>(line_starts_.size()); }

 private:
  std::string name_, text_;
  std::vector<std::uint32_t> line_starts_;
};

// Whether `text` is valid UTF-8; on failure `bad_offset` gets the first bad byte.
bool valid_utf8(std::string_view text, std::size_t* bad_offset = nullptr);

}  // namespace pitfall::syntax
