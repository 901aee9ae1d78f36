#include "syntax/tree.h"

#include <cstring>

namespace pitfall::syntax {

namespace {
struct ParserDeleter {
  void operator()(TSParser* p) const { ts_parser_delete(p); }
};
}  // namespace

Tree::Tree(Source source) : source_(std::move(source)) {
  std::unique_ptr<TSParser, ParserDeleter> parser(ts_parser_new());
  if (!ts_parser_set_language(parser.get(), tree_sitter_python())) return;
  const std::string& t = source_.text();
  tree_.reset(ts_parser_parse_string(parser.get(), nullptr, t.data(), static_cast<std::uint32_t>(t.size())));
}

std::string_view Tree::text(TSNode n) const {
  std::uint32_t a = ts_node_start_byte(n), b = ts_node_end_byte(n);
  const std::string& t = source_.text();
  if (a > t.size() || b > t.size() || b < a) return {};
  return std::string_view(t.data() + a, b - a);
}

std::string_view type(TSNode n) { return ts_node_is_null(n) ? std::string_view() : ts_node_type(n); }
bool is(TSNode n, std::string_view node_type) { return type(n) == node_type; }
TSNode field(TSNode n, const char* name) {
  return ts_node_child_by_field_name(n, name, static_cast<std::uint32_t>(std::strlen(name)));
}
bool null(TSNode n) { return ts_node_is_null(n); }

}  // namespace pitfall::syntax
