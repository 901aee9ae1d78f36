// tree-sitter-python's generated parser (the npm package's src/parser.c,
// included unchanged) with its lexer advancing, marking a token's end and
// testing for the end of input inline (engine/syntax/ts_lexer_fast.h: the
// fast paths the TSLexer's function pointers hold, falling back to
// tree-sitter's functions) instead of through the TSLexer's function
// pointers: the generated lexer calls advance and eof for every character,
// and in WebAssembly an indirect call costs a table lookup and a signature
// check, a direct one a stack-pointer round trip.
#include "ts_lexer_fast.h"  // first: tree-sitter's api.h before parser.h, as in the runtime
#include "tree_sitter/parser.h"

// As tree_sitter/parser.h's, with the fast paths inline.
#undef START_LEXER
#define START_LEXER()                          \
  bool result = false;                         \
  bool skip = false;                           \
  UNUSED                                       \
  bool eof = false;                            \
  int32_t lookahead;                           \
  goto start;                                  \
  next_state:                                  \
  pitfall_ts_lexer_advance(lexer, skip);        \
  start:                                       \
  skip = false;                                \
  lookahead = lexer->lookahead;

#undef ACCEPT_TOKEN
#define ACCEPT_TOKEN(symbol_value)     \
  result = true;                       \
  lexer->result_symbol = symbol_value; \
  pitfall_ts_lexer_mark_end(lexer);

// The generated lexers' `eof = lexer->eof(lexer);` (once per character, in
// ts_lex and ts_lex_keywords): `lexer->eof(lexer)` becomes
// `lexer->lookahead * 0 + pitfall_ts_lexer_eof(lexer)`, the same truth
// value (the dead read of the lookahead is dropped by the compiler). Only a
// call `eof(...)` expands: the local `eof` flag is never followed by `(`.
#define eof(lexer_) lookahead * 0 + pitfall_ts_lexer_eof(lexer_)

// The generated lexer's character-set test (tree_sitter/parser.h's
// set_contains, a binary search over the set's sorted ranges, ~800 for an
// identifier character) reads, for an ASCII character, the few ranges that
// start at or below it from the front: the same answer, as the ranges are
// sorted and disjoint. Other characters go to the binary search.
static inline bool pitfall_set_contains(const TSCharacterRange *ranges, uint32_t len, int32_t lookahead) {
  if (lookahead >= 0 && lookahead < 0x80) {
    for (uint32_t i = 0; i < len && ranges[i].start <= lookahead; i++)
      if (lookahead <= ranges[i].end) return true;
    return false;
  }
  return set_contains(ranges, len, lookahead);
}
#define set_contains pitfall_set_contains

#include PITFALL_TS_PYTHON_PARSER_C  // the grammar's src/parser.c (cmake/third_party.cmake)
