#include "syntax/tree.h"

#include <algorithm>
#include <cstring>
#include <vector>

// The grammar with dense parse tables (engine/syntax/python_language.c).
extern "C" const TSLanguage* pitfall_ts_python_dense_language(void);
// Where ts_tree_delete keeps a small tree's memory for the next parse on this
// thread (null: nowhere), and the nodes' memory kept so far, freed
// (engine/syntax/tree_sitter_runtime.c).
extern "C" void pitfall_ts_keep_freed_trees_in(TSParser* parser);
extern "C" void pitfall_ts_free_kept_nodes(void);

namespace pitfall::syntax {

namespace {
// A deleted tree's memory is kept for the parser that makes the next tree on
// this thread, while it lives; once it is gone, trees are freed whole.
struct ParserDeleter {
  void operator()(TSParser* p) const {
    pitfall_ts_keep_freed_trees_in(nullptr);
    ts_parser_delete(p);
    pitfall_ts_free_kept_nodes();
  }
};
}  // namespace

// One parser per thread, kept between files: creating one and loading the
// grammar into it costs as much as parsing a short file. A finished parse
// leaves the parser reset for the next one (ts_parser_parse). The parser runs
// the grammar with dense parse tables, built once per process; trees answer
// every question about node types and fields as with tree_sitter_python().
TSParser* shared_parser() {
  static const TSLanguage* const language = pitfall_ts_python_dense_language();
  thread_local std::unique_ptr<TSParser, ParserDeleter> parser;
  thread_local bool ready = false;
  if (!parser) {
    parser.reset(ts_parser_new());
    pitfall_ts_keep_freed_trees_in(parser.get());
    ready = ts_parser_set_language(parser.get(), language);
  }
  return ready ? parser.get() : nullptr;
}

Tree::Tree(Source source) : source_(std::move(source)) {
  TSParser* parser = shared_parser();
  if (!parser) return;
  const std::string& t = source_.text();
  tree_.reset(ts_parser_parse_string(parser, nullptr, t.data(), static_cast<std::uint32_t>(t.size())));
}

namespace {
// tree-sitter's point (0-based row, byte column) of a byte offset.
TSPoint point_at(const std::string& t, std::size_t byte) {
  std::size_t line_start = t.rfind('\n', byte == 0 ? std::string::npos : byte - 1);
  line_start = line_start == std::string::npos ? 0 : line_start + 1;
  std::uint32_t row = static_cast<std::uint32_t>(std::count(t.begin(), t.begin() + static_cast<std::ptrdiff_t>(line_start), '\n'));
  return {row, static_cast<std::uint32_t>(byte - line_start)};
}
}  // namespace

Tree::Tree(Source source, const Tree& previous) : source_(std::move(source)) {
  TSParser* parser = shared_parser();
  if (!parser) return;
  const std::string& t = source_.text();
  if (!previous.ok()) {
    tree_.reset(ts_parser_parse_string(parser, nullptr, t.data(), static_cast<std::uint32_t>(t.size())));
    return;
  }
  // One edit: [start, old_end) of the old text became [start, new_end) of the new.
  const std::string& o = previous.source().text();
  std::size_t start = 0, limit = std::min(o.size(), t.size());
  while (start < limit && o[start] == t[start]) ++start;
  std::size_t tail = 0;
  while (tail < limit - start && o[o.size() - 1 - tail] == t[t.size() - 1 - tail]) ++tail;
  TSInputEdit edit;
  edit.start_byte = static_cast<std::uint32_t>(start);
  edit.old_end_byte = static_cast<std::uint32_t>(o.size() - tail);
  edit.new_end_byte = static_cast<std::uint32_t>(t.size() - tail);
  edit.start_point = point_at(t, start);
  edit.old_end_point = point_at(o, edit.old_end_byte);
  edit.new_end_point = point_at(t, edit.new_end_byte);
  TSTree* old = ts_tree_copy(previous.ts_tree());
  ts_tree_edit(old, &edit);
  tree_.reset(ts_parser_parse_string(parser, old, t.data(), static_cast<std::uint32_t>(t.size())));
  ts_tree_delete(old);
}

std::string_view Tree::text(TSNode n) const {
  std::uint32_t a = ts_node_start_byte(n), b = ts_node_end_byte(n);
  const std::string& t = source_.text();
  if (a > t.size() || b > t.size() || b < a) return {};
  return std::string_view(t.data() + a, b - a);
}

// The grammar's symbol names with their lengths, read once: a node-type test
// is then a table read and a length compare (ts_node_type hands back a C
// string whose length every comparison would measure again).
std::string_view symbol_name(TSSymbol symbol) {
  struct Names {
    std::vector<std::string_view> names;
    Names() {
      const TSLanguage* lang = tree_sitter_python();
      std::uint32_t count = ts_language_symbol_count(lang);
      names.resize(count);
      for (std::uint32_t s = 0; s < count; ++s) {
        const char* name = ts_language_symbol_name(lang, static_cast<TSSymbol>(s));
        if (name) names[s] = name;
      }
    }
  };
  static const Names table;
  if (symbol < table.names.size()) return table.names[symbol];
  const char* name = ts_language_symbol_name(tree_sitter_python(), symbol);  // ERROR, _ERROR
  return name ? std::string_view(name) : std::string_view();
}

std::string_view type(TSNode n) { return ts_node_is_null(n) ? std::string_view() : symbol_name(ts_node_symbol(n)); }
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

// The installed field() source (see FieldLookupScope).
namespace {
thread_local const TSTree* g_lookup_tree = nullptr;
thread_local FieldLookup g_lookup = nullptr;
thread_local const void* g_lookup_context = nullptr;
}  // namespace

FieldLookupScope::FieldLookupScope(const Tree& tree, FieldLookup lookup, const void* context)
    : prev_tree_(g_lookup_tree), prev_lookup_(g_lookup), prev_context_(g_lookup_context) {
  g_lookup_tree = tree.ts_tree();
  g_lookup = lookup;
  g_lookup_context = context;
}

FieldLookupScope::~FieldLookupScope() {
  g_lookup_tree = prev_tree_;
  g_lookup = prev_lookup_;
  g_lookup_context = prev_context_;
}

TSNode field(TSNode n, const char* name) {
  if (ts_node_is_null(n)) return n;
  TSFieldId id = field_id(name);
  if (id == 0) return TSNode{};
  TSNode r;
  if (n.tree == g_lookup_tree && g_lookup_tree != nullptr && g_lookup(g_lookup_context, n, id, &r)) return r;
  return ts_node_child_by_field_id(n, id);
}
bool null(TSNode n) { return ts_node_is_null(n); }

}  // namespace pitfall::syntax
