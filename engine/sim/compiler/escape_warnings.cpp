#include "sim/compiler/escape_warnings.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>

#include "syntax/walk.h"

namespace pitfall::sim {

namespace {

// The message for the first invalid escape of one token's text (empty: none).
std::string first_invalid_escape(std::string_view s, bool bytes, bool fstring) {
  for (std::size_t i = 0; i + 1 < s.size(); ++i) {
    if (s[i] != '\\') continue;
    const char e = s[++i];
    switch (e) {
      case '\n': case '\r': case '\\': case '\'': case '"': case 'a': case 'b': case 'f': case 'n': case 'r': case 't':
      case 'v': case 'x':
        continue;
      case 'N': case 'u': case 'U':
        if (!bytes) continue;
        break;
      default:
        break;
    }
    if (e >= '0' && e <= '7') {
      std::size_t n = 1;
      unsigned v = unsigned(e - '0');
      while (n < 3 && i + n < s.size() && s[i + n] >= '0' && s[i + n] <= '7') v = v * 8 + unsigned(s[i + n++] - '0');
      if (v > 0377) return "invalid octal escape sequence '\\" + std::string(s.substr(i, 3)) + "'";
      i += n - 1;
      continue;
    }
    if (fstring && (e == '{' || e == '}')) continue;
    return std::string("invalid escape sequence '\\") + e + "'";
  }
  return {};
}

}  // namespace

std::vector<CompileWarning> invalid_escape_warnings(const syntax::Tree& tree) {
  // each with where the parser raises it: when the string (an f-string: all
  // of it, its interpolations' strings first) has been read
  std::vector<std::pair<std::uint32_t, CompileWarning>> found;
  const std::string_view text = tree.source().text();
  syntax::walk(tree.root(), [&](TSNode n) {
    if (std::string_view(ts_node_type(n)) != "string") return true;
    const std::uint32_t count = ts_node_child_count(n);
    if (count < 2) return false;
    TSNode start = ts_node_child(n, 0), end = ts_node_child(n, count - 1);
    bool raw = false, bytes = false, fstring = false;
    for (char c : tree.text(start)) {
      if (c == 'r' || c == 'R') raw = true;
      if (c == 'b' || c == 'B') bytes = true;
      if (c == 'f' || c == 'F') fstring = true;
    }
    if (raw) return fstring;  // (an f-string's interpolations may hold strings)
    const std::uint32_t body_end = std::string_view(ts_node_type(end)) == "string_end" ? ts_node_start_byte(end) : ts_node_end_byte(n);
    // one token per run of text between interpolations (3.12 f-strings: FSTRING_MIDDLE)
    std::uint32_t from = ts_node_end_byte(start);
    // the line: a string's first, an f-string's last (3.12's FSTRING_END)
    const int line = fstring ? tree.end(n).line : tree.start(n).line;
    auto scan = [&](std::uint32_t to) {
      if (to <= from) return;
      std::string msg = first_invalid_escape(text.substr(from, to - from), bytes, fstring);
      if (!msg.empty()) found.push_back({ts_node_end_byte(n), {line, std::move(msg)}});
    };
    for (std::uint32_t i = 1; fstring && i + 1 < count; ++i) {
      TSNode ch = ts_node_child(n, i);
      if (std::string_view(ts_node_type(ch)) != "interpolation") continue;
      scan(ts_node_start_byte(ch));
      from = ts_node_end_byte(ch);
    }
    scan(body_end);
    return fstring;
  });
  std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<CompileWarning> out;
  for (auto& [at, w] : found) out.push_back(std::move(w));
  return out;
}

}  // namespace pitfall::sim
