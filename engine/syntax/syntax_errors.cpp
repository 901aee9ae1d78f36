#include "syntax/syntax_errors.h"

#include <string>

#include "syntax/walk.h"

namespace pitfall::syntax {
namespace {

std::string excerpt(std::string_view s) {
  std::size_t nl = s.find('\n');
  if (nl != std::string_view::npos) s = s.substr(0, nl);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r' || s.back() == '\t')) s.remove_suffix(1);
  std::string out(s.substr(0, 40));
  if (s.size() > 40) out += "...";
  return out;
}

// The first leaf inside an ERROR node: the token the parser could not place.
TSNode first_leaf(TSNode n) {
  while (ts_node_child_count(n) > 0) n = ts_node_child(n, 0);
  return n;
}

constexpr std::string_view kCompound[] = {"if", "elif", "else", "for", "while", "def", "class",
                                          "with", "try", "except", "finally", "async"};

// Byte offset of an opening bracket in [a, b) that is never closed, or npos.
// Skips string literals and comments roughly (enough for locating the error).
std::size_t unclosed_bracket(std::string_view text, std::size_t a, std::size_t b) {
  std::vector<std::size_t> open;
  char quote = 0;
  for (std::size_t i = a; i < b && i < text.size(); ++i) {
    char c = text[i];
    if (quote) {
      if (c == '\\') ++i;
      else if (c == quote || c == '\n') quote = 0;
      continue;
    }
    if (c == '#') {
      while (i < b && text[i] != '\n') ++i;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '(' || c == '[' || c == '{') {
      open.push_back(i);
    } else if ((c == ')' || c == ']' || c == '}') && !open.empty()) {
      open.pop_back();
    }
  }
  return open.empty() ? std::string_view::npos : open.front();
}

}  // namespace

std::vector<report::Finding> syntax_errors(const Tree& tree) {
  std::vector<report::Finding> out;
  auto add = [&](TSNode at, std::uint32_t end_byte, std::string message) {
    report::Finding f;
    f.rule = "syntax-error";
    f.severity = "error";
    f.file = tree.source().name();
    auto a = tree.start(at);
    auto b = tree.source().position(end_byte);
    f.line = a.line;
    f.col = a.col;
    f.end_line = b.line;
    f.end_col = b.col;
    f.message = std::move(message);
    out.push_back(std::move(f));
  };
  if (!tree.ok()) {
    report::Finding f{"syntax-error", "", "error", tree.source().name(), 1, 1, 1, 1,
                      "The parser could not read this file", false, {}, ""};
    out.push_back(f);
    return out;
  }
  if (!ts_node_has_error(tree.root())) return out;
  walk(tree.root(), [&](TSNode n) {
    if (!ts_node_has_error(n)) return false;
    if (ts_node_is_missing(n)) {
      std::string what = ts_node_type(n);
      bool token = !what.empty() && !std::isalpha(static_cast<unsigned char>(what[0]));
      add(n, ts_node_end_byte(n),
          "Syntax error: expected " + (token ? "`" + what + "`" : what) + " here");
      return false;
    }
    if (ts_node_is_error(n)) {
      const std::string& text = tree.source().text();
      std::size_t a = ts_node_start_byte(n), b = ts_node_end_byte(n);
      // Learners' two most common mistakes, worded as CPython words them.
      std::size_t open = unclosed_bracket(text, a, b);
      if (open != std::string_view::npos) {
        auto p = tree.source().position(static_cast<std::uint32_t>(open));
        report::Finding f;
        f.rule = "syntax-error";
        f.severity = "error";
        f.file = tree.source().name();
        f.line = f.end_line = p.line;
        f.col = p.col;
        f.end_col = p.col + 1;
        f.message = std::string("Syntax error: `") + text[open] + "` was never closed";
        out.push_back(std::move(f));
        return false;
      }
      TSNode leaf = first_leaf(n);
      std::string_view kw = tree.text(leaf);
      std::size_t eol = text.find('\n', a);
      if (eol == std::string::npos) eol = text.size();
      bool compound = false;
      for (auto k : kCompound) compound = compound || kw == k;
      if (compound && std::string_view(text).substr(a, eol - a).find(':') == std::string_view::npos) {
        std::size_t end = eol;
        while (end > a && (text[end - 1] == ' ' || text[end - 1] == '\r')) --end;
        add(n, static_cast<std::uint32_t>(end),
            "Syntax error: expected `:` at the end of the `" + std::string(kw) + "` line");
        return false;
      }
      std::string tok = excerpt(tree.text(leaf));
      std::uint32_t end = ts_node_end_byte(leaf);
      if (tok.empty())
        add(n, ts_node_end_byte(n), "Syntax error: invalid syntax");
      else
        add(leaf, end, "Syntax error: unexpected `" + tok + "`");
      return false;
    }
    return true;
  });
  if (out.empty()) add(tree.root(), 0, "Syntax error: invalid syntax");
  return out;
}

}  // namespace pitfall::syntax
