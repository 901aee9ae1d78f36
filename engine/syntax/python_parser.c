// tree-sitter-python's generated parser (the npm package's src/parser.c,
// included unchanged) with its lexer calling the lexer's advance and mark_end
// directly instead of through the TSLexer's function pointers: the generated
// lexer calls advance for every character, and in WebAssembly an indirect
// call costs a table lookup and a signature check. The functions called are
// the ones the pointers hold (engine/syntax/tree_sitter_runtime.c).
#include "tree_sitter/parser.h"

void pitfall_ts_lexer_advance_direct(TSLexer *lexer, bool skip);
void pitfall_ts_lexer_mark_end_direct(TSLexer *lexer);

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

#include PITFALL_TS_PYTHON_PARSER_C  // the grammar's src/parser.c (cmake/third_party.cmake)
