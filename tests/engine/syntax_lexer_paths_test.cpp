// The lexer's fast paths (engine/syntax/ts_lexer_fast.h: the ASCII advance,
// mark_end and eof, inline in the generated lexer and the Python scanner) and
// the parse's own node records (engine/syntax/tree_sitter_runtime.c: new
// nodes summarized in locals, stack pushes, inline reference counts) against
// tree-sitter's own code: text handed to the parser one character per chunk
// takes tree-sitter's advance at every character (the fast path only moves
// inside a chunk), so its tree, node by node (type, range, points, flags, field, parse
// state, descendant count), is what tree-sitter's lexer gives; and a reparse
// of one-character chunks after an edit must give it too.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "syntax/tree.h"
#include "test_support.h"

extern "C" const TSLanguage* pitfall_ts_python_dense_language(void);

namespace fs = std::filesystem;

namespace {

std::string dump(const TSTree* tree) {
  std::string out;
  TSTreeCursor c = ts_tree_cursor_new(ts_tree_root_node(tree));
  for (;;) {
    TSNode n = ts_tree_cursor_current_node(&c);
    const char* field = ts_tree_cursor_current_field_name(&c);
    TSPoint a = ts_node_start_point(n), b = ts_node_end_point(n);
    out += std::string(ts_node_type(n)) + ' ' + std::to_string(ts_node_start_byte(n)) + '-' +
           std::to_string(ts_node_end_byte(n)) + ' ' + std::to_string(a.row) + ':' + std::to_string(a.column) + '-' +
           std::to_string(b.row) + ':' + std::to_string(b.column) + (ts_node_is_missing(n) ? " M" : "") +
           (ts_node_has_error(n) ? " E" : "") + (ts_node_is_extra(n) ? " X" : "") + ' ' + (field ? field : "-") +
           ' ' + std::to_string(ts_node_parse_state(n)) + ' ' + std::to_string(ts_node_descendant_count(n)) + '\n';
    if (ts_tree_cursor_goto_first_child(&c)) continue;
    bool more = true;
    while (more && !ts_tree_cursor_goto_next_sibling(&c)) more = ts_tree_cursor_goto_parent(&c);
    if (!more) break;
  }
  ts_tree_cursor_delete(&c);
  return out;
}

// Hands the parser one character per read: a byte and the UTF-8
// continuation bytes after it (tree-sitter does not decode a character split
// between chunks).
const char* one_char(void* payload, std::uint32_t byte, TSPoint, std::uint32_t* read) {
  const std::string& text = *static_cast<const std::string*>(payload);
  if (byte >= text.size()) {
    *read = 0;
    return "";
  }
  std::uint32_t n = 1;
  while (byte + n < text.size() && (static_cast<unsigned char>(text[byte + n]) & 0xC0) == 0x80) ++n;
  *read = n;
  return text.data() + byte;
}

struct Parser {
  TSParser* p = ts_parser_new();
  Parser() {
    // Built once (each call builds a new table), as engine/syntax/tree.cpp does.
    static const TSLanguage* const language = pitfall_ts_python_dense_language();
    ts_parser_set_language(p, language);
  }
  ~Parser() { ts_parser_delete(p); }
  TSTree* whole(const std::string& text, TSTree* old = nullptr) {
    return ts_parser_parse_string(p, old, text.data(), static_cast<std::uint32_t>(text.size()));
  }
  TSTree* charwise(const std::string& text, TSTree* old = nullptr) {
    TSInput input{const_cast<std::string*>(&text), one_char, TSInputEncodingUTF8, nullptr};
    return ts_parser_parse(p, old, input);
  }
};

std::vector<std::string> texts() {
  std::vector<std::string> out;
  for (const char* dir : {"tests/fixtures", "tests/corpus"}) {
    for (const auto& e : fs::recursive_directory_iterator(fs::path(PITFALL_SOURCE_DIR) / dir))
      if (e.is_regular_file() && e.path().extension() == ".py") out.push_back(pitfall::test::slurp(e.path()));
  }
  // Off the ASCII path: non-ASCII names, CRLF, tabs, form feeds, a byte order
  // mark, invalid UTF-8, NUL, continuations, f-strings, errors.
  out.push_back("\xEF\xBB\xBF" "x = 1\n");
  out.push_back("caf\xC3\xA9 = '\xE2\x82\xAC'  # \xF0\x9F\x90\x8D\r\nprint(caf\xC3\xA9)\n");
  out.push_back("if x:\n\tif y:\n\t\tpass\n\f\nz = 2\n");
  out.push_back(std::string("s = 'a\xff\xfe' + \"b") + '\0' + "\"\nx = 1 + \\\n    2\n");
  out.push_back("def g():\n    return f'{x!r:>{w}} {{}}' + 'unterminated\n  return\n");
  return out;
}

}  // namespace

TEST_CASE("parser: text read one character per chunk (tree-sitter's own advance) gives the same tree", "[parse][lint]") {
  std::vector<std::string> all = texts();
  REQUIRE(all.size() > 50);
  Parser parser;
  int nodes = 0;
  for (const std::string& text : all) {
    TSTree* a = parser.whole(text);
    TSTree* b = parser.charwise(text);
    REQUIRE(a);
    REQUIRE(b);
    std::string da = dump(a), db = dump(b);
    INFO(text.substr(0, 200));
    CHECK(da == db);
    nodes += static_cast<int>(ts_node_descendant_count(ts_tree_root_node(a)));
    // And incrementally, after deleting the middle byte (as an edit of one
    // byte; its point counted in the text).
    if (text.size() > 2) {
      std::uint32_t at = static_cast<std::uint32_t>(text.size() / 2);
      std::string edited = text.substr(0, at) + text.substr(at + 1);
      TSPoint p{0, 0};
      for (std::uint32_t i = 0; i < at; ++i) p = text[i] == '\n' ? TSPoint{p.row + 1, 0} : TSPoint{p.row, p.column + 1};
      TSPoint old_end = text[at] == '\n' ? TSPoint{p.row + 1, 0} : TSPoint{p.row, p.column + 1};
      TSInputEdit edit{at, at + 1, at, p, old_end, p};
      TSTree* old_a = ts_tree_copy(a);
      TSTree* old_b = ts_tree_copy(b);
      ts_tree_edit(old_a, &edit);
      ts_tree_edit(old_b, &edit);
      TSTree* ea = parser.whole(edited, old_a);
      TSTree* eb = parser.charwise(edited, old_b);
      REQUIRE(ea);
      REQUIRE(eb);
      CHECK(dump(ea) == dump(eb));
      for (TSTree* t : {old_a, old_b, ea, eb}) ts_tree_delete(t);
    }
    ts_tree_delete(a);
    ts_tree_delete(b);
  }
  CHECK(nodes > 10000);
}
