// A shim in front of tree-sitter-python's external scanner (its scan function
// is compiled under another name: cmake/third_party.cmake). The scanner decides
// whether a line break sits inside brackets from which closing bracket the
// parser could accept next; right after an operator, an open bracket or a
// comma no closing bracket is acceptable, so a continuation line indented less
// than the enclosing block, e.g.
//     if x:
//         total = (a *
//     b)
// became a DEDENT and a syntax error, although Python's tokenizer ignores
// indentation inside brackets (Parser/tokenizer.c: `tok->level`). In valid
// Python a line break where neither NEWLINE nor DEDENT is acceptable can only
// be inside brackets, so the shim tells the scanner so in that case; a DEDENT
// the grammar accepts is untouched.
#include <stdbool.h>
#include <string.h>

#include "tree_sitter/parser.h"

enum { kNewline = 0, kDedent = 2, kCloseParen = 8, kSymbols = 12 };  // scanner.c TokenType, EXTERNAL_TOKEN_COUNT

bool pitfall_ts_python_scan_unpatched(void* payload, TSLexer* lexer, const bool* valid_symbols);

bool tree_sitter_python_external_scanner_scan(void* payload, TSLexer* lexer, const bool* valid_symbols) {
  if (valid_symbols[kDedent] || valid_symbols[kNewline]) return pitfall_ts_python_scan_unpatched(payload, lexer, valid_symbols);
  bool v[kSymbols];
  memcpy(v, valid_symbols, sizeof v);
  v[kCloseParen] = true;  // only read to decide "within brackets"
  return pitfall_ts_python_scan_unpatched(payload, lexer, v);
}
