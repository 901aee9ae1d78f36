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
      TSNode leaf = first_leaf(n);
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
