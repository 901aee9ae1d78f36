#include "syntax/tree.h"

#include <cstring>

namespace pitfall::syntax {

namespace {
struct ParserDeleter {
  void operator()(TSParser* p) const { ts_parser_delete(p); }
};
}  // namespace

// One parser per thread, kept between files: creating one and loading the
// grammar into it costs as much as parsing a short file. A finished parse
// leaves the parser reset for the next one (ts_parser_parse).
TSParser* shared_parser() {
  thread_local std::unique_ptr<TSParser, ParserDeleter> parser;
  thread_local bool ready = false;
  if (!parser) {
    parser.reset(ts_parser_new());
    ready = ts_parser_set_language(parser.get(), tree_sitter_python());
  }
  return ready ? parser.get() : nullptr;
}

Tree::Tree(Source source) : source_(std::move(source)) {
  TSParser* parser = shared_parser();
  if (!parser) return;
  const std::string& t = source_.text();
  tree_.reset(ts_parser_parse_string(parser, nullptr, t.data(), static_cast<std::uint32_t>(t.size())));
}

std::string_view Tree::text(TSNode n) const {
  std::uint32_t a = ts_node_start_byte(n), b = ts_node_end_byte(n);
  const std::string& t = source_.text();
  if (a > t.size() || b > t.size() || b < a) return {};
  return std::string_view(t.data() + a, b - a);
}

std::string_view type(TSNode n) { return ts_node_is_null(n) ? std::string_view() : ts_node_type(n); }
bool is(TSNode n, std::string_view node_type) { return type(n) == node_type; }
// Field names come as string literals: remember each literal's field id by its
// address, so a lookup costs a hash probe instead of tree-sitter's scan of the
// grammar's field-name table (strncmp per field, on every call).
TSFieldId field_id(const char* name) {
  constexpr std::size_t kSlots = 256;
  struct Slot {
    const char* name;
    TSFieldId id;
  };
  thread_local Slot slots[kSlots] = {};
  std::size_t h = (reinterpret_cast<std::uintptr_t>(name) >> 2) % kSlots;
  for (std::size_t probe = 0; probe < 16; ++probe, h = (h + 1) % kSlots) {
    if (slots[h].name == name) return slots[h].id;
    if (slots[h].name == nullptr) {
      TSFieldId id = ts_language_field_id_for_name(tree_sitter_python(), name, static_cast<std::uint32_t>(std::strlen(name)));
      slots[h] = {name, id};
      return id;
    }
  }
  return ts_language_field_id_for_name(tree_sitter_python(), name, static_cast<std::uint32_t>(std::strlen(name)));
}

TSNode field(TSNode n, const char* name) {
  if (ts_node_is_null(n)) return n;
  TSFieldId id = field_id(name);
  return id == 0 ? TSNode{} : ts_node_child_by_field_id(n, id);
}
bool null(TSNode n) { return ts_node_is_null(n); }

}  // namespace pitfall::syntax
