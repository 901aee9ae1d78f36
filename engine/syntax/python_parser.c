// tree-sitter-python's generated parser (the npm package's src/parser.c,
// included unchanged) with its lexer calling the lexer's advance and mark_end
// and its end-of-input test directly instead of through the TSLexer's
// function pointers: the generated lexer calls advance and eof for every
// character, and in WebAssembly an indirect call costs a table lookup and a
// signature check. The functions called are
// the ones the pointers hold (engine/syntax/tree_sitter_runtime.c).
#include "tree_sitter/parser.h"

void pitfall_ts_lexer_advance_direct(TSLexer *lexer, bool skip);
void pitfall_ts_lexer_mark_end_direct(TSLexer *lexer);
bool pitfall_ts_lexer_eof_direct(const TSLexer *lexer);

// As tree_sitter/parser.h's, with direct calls.
#undef START_LEXER
#define START_LEXER()                          \
  bool result = false;                         \
  bool skip = false;                           \
  UNUSED                                       \
  bool eof = false;                            \
  int32_t lookahead;                           \
  goto start;                                  \
  next_state:                                  \
  pitfall_ts_lexer_advance_direct(lexer, skip); \
  start:                                       \
  skip = false;                                \
  lookahead = lexer->lookahead;

#undef ACCEPT_TOKEN
#define ACCEPT_TOKEN(symbol_value)     \
  result = true;                       \
  lexer->result_symbol = symbol_value; \
  pitfall_ts_lexer_mark_end_direct(lexer);

// The generated lexers' `eof = lexer->eof(lexer);` (once per character, in
// ts_lex and ts_lex_keywords): `lexer->eof(lexer)` becomes
// `lexer->lookahead * 0 + pitfall_ts_lexer_eof_direct(lexer)`, the same truth
// value (the dead read of the lookahead is dropped by the compiler). Only a
// call `eof(...)` expands: the local `eof` flag is never followed by `(`.
#define eof(lexer_) lookahead * 0 + pitfall_ts_lexer_eof_direct(lexer_)

#include PITFALL_TS_PYTHON_PARSER_C  // the grammar's src/parser.c (cmake/third_party.cmake)
