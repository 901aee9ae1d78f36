// The parser's fast paths (engine/syntax/tree_sitter_runtime.c: the lexer's
// ASCII advance; engine/syntax/python_scanner.c: the scanner's lazy state and
// quick "no"; engine/syntax/python_language.c: dense parse tables) must give
// the trees tree-sitter gives:
// - the shared parser (dense tables) and a parser on tree_sitter_python()
//   (tree-sitter's compressed tables) build the same tree, node by node, for
//   every fixture and corpus program and for damaged and unusual text;
// - every node's row and column are those its byte offsets have in the text
//   (rows count '\n', columns count bytes), whatever the characters, line
//   ends, tabs, form feeds, byte order mark or invalid bytes;
// - a reparse after an edit gives the tree of a parse from scratch.
#include <catch2/catch.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "syntax/tree.h"
#include "test_support.h"

namespace fs = std::filesystem;
using pitfall::syntax::Source;
using pitfall::syntax::Tree;

namespace {

// Every node: depth, type, byte range, points, missing/error flags.
void dump(TSNode n, int depth, std::string& out) {
  TSPoint a = ts_node_start_point(n), b = ts_node_end_point(n);
  out += std::to_string(depth) + ' ' + ts_node_type(n) + ' ' + std::to_string(ts_node_start_byte(n)) + '-' +
         std::to_string(ts_node_end_byte(n)) + ' ' + std::to_string(a.row) + ':' + std::to_string(a.column) + '-' +
         std::to_string(b.row) + ':' + std::to_string(b.column) + (ts_node_is_missing(n) ? " M" : "") +
         (ts_node_has_error(n) ? " E" : "") + '\n';
  for (std::uint32_t i = 0, c = ts_node_child_count(n); i < c; ++i) dump(ts_node_child(n, i), depth + 1, out);
}

std::string dump(const Tree& t) {
  std::string out;
  if (t.ok()) dump(t.root(), 0, out);
  return out;
}

// The tree of a parser that runs tree-sitter's own (compressed) parse tables.
std::string dump_with_stock_tables(const std::string& text) {
  TSParser* p = ts_parser_new();
  ts_parser_set_language(p, tree_sitter_python());
  TSTree* t = ts_parser_parse_string(p, nullptr, text.data(), static_cast<std::uint32_t>(text.size()));
  std::string out;
  if (t) dump(ts_tree_root_node(t), 0, out);
  ts_tree_delete(t);
  ts_parser_delete(p);
  return out;
}

// The (row, byte column) of a byte offset, counted in the text.
TSPoint point_in(const std::string& text, std::uint32_t byte) {
  TSPoint p{0, 0};
  for (std::uint32_t i = 0; i < byte && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++p.row;
      p.column = 0;
    } else {
      ++p.column;
    }
  }
  return p;
}

void check_points(TSNode n, const std::string& text, int& checked) {
  TSPoint a = ts_node_start_point(n), b = ts_node_end_point(n);
  TSPoint ea = point_in(text, ts_node_start_byte(n)), eb = point_in(text, ts_node_end_byte(n));
  INFO(ts_node_type(n) << " at bytes " << ts_node_start_byte(n) << "-" << ts_node_end_byte(n));
  CHECK(a.row == ea.row);
  CHECK(a.column == ea.column);
  CHECK(b.row == eb.row);
  CHECK(b.column == eb.column);
  ++checked;
  for (std::uint32_t i = 0, c = ts_node_child_count(n); i < c; ++i) check_points(ts_node_child(n, i), text, checked);
}

// Text that takes the lexer off its ASCII path and the scanner off its quick
// answers: non-ASCII names and strings, CRLF, tabs, form feeds, a byte order
// mark, invalid UTF-8, NUL bytes, continuations, comments, f-strings, nested
// brackets with dedented continuation lines, unterminated strings.
std::vector<std::string> unusual_texts() {
  return {
      "\xEF\xBB\xBF" "x = 1\n",
      "caf\xC3\xA9 = '\xE2\x82\xAC'  # \xF0\x9F\x90\x8D\nprint(caf\xC3\xA9)\n",
      "def f(a,\r\n      b):\r\n    return a\t+ b\r\n",
      "if x:\n\tif y:\n\t\tpass\n\f\nz = 2\n",
      "s = 'a\xff\xfe' + \"b\"\nt = b'\\x00'\n",
      std::string("a = 1\0\nb = 2\n", 13),
      "x = 1 + \\\n    2\nif x:\n    y = (a *\nb)\n",
      "def g():\n    # comment\n        # deeper comment\n    return f'{x!r:>{w}} {{}}'\n",
      "class C:\n    def m(self):\n        '''doc\n        \xC3\xA9\n        '''\n\n\n        return rb'\\d'\n",
      "x = 'unterminated\ny = 2\n",
      "def f(:\n    pass\n  return\n",
      "  indented_first = 1\n",
      "\n\n\n# only comments\n#\n",
      "print(\"\xCE\xB1\xCE\xB2\xCE\xB3\", end='')\nl = [\n    1,\n  2,\n]\n",
  };
}

std::vector<std::string> programs() {
  std::vector<std::string> out;
  for (const char* dir : {"tests/fixtures", "tests/corpus"}) {
    for (const auto& e : fs::recursive_directory_iterator(fs::path(PITFALL_SOURCE_DIR) / dir))
      if (e.is_regular_file() && e.path().extension() == ".py") out.push_back(pitfall::test::slurp(e.path()));
  }
  return out;
}

}  // namespace

TEST_CASE("parser: dense parse tables give tree-sitter's own trees", "[parse][lint]") {
  std::vector<std::string> texts = programs();
  REQUIRE(texts.size() > 50);
  for (const std::string& t : unusual_texts()) texts.push_back(t);
  for (const std::string& text : texts) {
    Tree tree(Source("main.py", text));
    REQUIRE(tree.ok());
    std::string ours = dump(tree), stock = dump_with_stock_tables(text);
    INFO(text.substr(0, 200));
    CHECK(ours == stock);
  }
}

TEST_CASE("parser: every node's row and column are those of its bytes in the text", "[parse][lint]") {
  std::vector<std::string> texts = unusual_texts();
  for (const std::string& t : programs()) texts.push_back(t);
  int checked = 0;
  for (const std::string& text : texts) {
    Tree tree(Source("main.py", text));
    REQUIRE(tree.ok());
    INFO(text.substr(0, 200));
    check_points(tree.root(), text, checked);
  }
  CHECK(checked > 10000);
}

TEST_CASE("parser: a reparse after an edit gives the tree of a parse from scratch", "[parse][lint]") {
  std::vector<std::string> texts = unusual_texts();
  std::vector<std::string> more = programs();
  texts.insert(texts.end(), more.begin(), more.begin() + 20);
  for (const std::string& text : texts) {
    // Edits at a quarter, the middle and three quarters: a letter, a line
    // break with indentation, a quote, a non-ASCII letter, a deletion.
    std::vector<std::string> versions{text};
    for (std::size_t at : {text.size() / 4, text.size() / 2, text.size() * 3 / 4}) {
      versions.push_back(versions.back().substr(0, at) + "q" + versions.back().substr(at));
      versions.push_back(versions.back().substr(0, at) + "\n    " + versions.back().substr(at));
      versions.push_back(versions.back().substr(0, at) + "'" + versions.back().substr(at));
      versions.push_back(versions.back().substr(0, at) + "\xC3\xA9" + versions.back().substr(at));
      versions.push_back(text);
    }
    std::unique_ptr<Tree> last = std::make_unique<Tree>(Source("main.py", versions[0]));
    for (std::size_t v = 1; v < versions.size(); ++v) {
      auto next = std::make_unique<Tree>(Source("main.py", versions[v]), *last);
      Tree scratch(Source("main.py", versions[v]));
      INFO("version " << v << ": " << versions[v].substr(0, 200));
      CHECK(dump(*next) == dump(scratch));
      last = std::move(next);
    }
  }
}
