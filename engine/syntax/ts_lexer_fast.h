// The lexer's fast paths, shared by tree-sitter's runtime
// (engine/syntax/tree_sitter_runtime.c, behind the TSLexer's function
// pointers) and the grammar's generated lexer (engine/syntax/python_parser.c,
// which calls them inline: in WebAssembly a call costs a stack-pointer round
// trip and, through a pointer, a table lookup and a signature check).
// Needs tree-sitter's private lexer.h (the runtime's Lexer).
#ifndef PITFALL_TS_LEXER_FAST_H_
#define PITFALL_TS_LEXER_FAST_H_

#include "lexer.h"

// tree-sitter's advance and mark_end (engine/syntax/tree_sitter_runtime.c).
void pitfall_ts_lexer_advance_slow(TSLexer *self, bool skip);
void pitfall_ts_lexer_mark_end_slow(TSLexer *self);

// advance: when the current character is one byte and the next byte is ASCII,
// in the same chunk and in the same included range, advancing is a position
// update and a byte read; every other case (multi-byte characters, chunk or
// range boundaries, a logger, UTF-16 input) is tree-sitter's own advance.
// Positions, columns, token starts and lookaheads come out exactly as
// tree-sitter's (lexer.c: ts_lexer__do_advance, ts_lexer__get_lookahead).
static inline __attribute__((always_inline)) void pitfall_ts_lexer_advance(TSLexer *_self, bool skip) {
  Lexer *self = (Lexer *)_self;
  // The next byte's offset in the chunk (64-bit: no wrap-around when the
  // position is before the chunk; an empty chunk has size 0).
  uint64_t offset = (uint64_t)(uint32_t)(self->current_position.bytes - self->chunk_start) + 1;
  if (self->current_position.bytes < self->chunk_start || offset >= self->chunk_size ||
      self->lookahead_size != 1 || self->logger.log || self->input.encoding != TSInputEncodingUTF8 ||
      self->current_included_range_index >= self->included_range_count)
    return pitfall_ts_lexer_advance_slow(_self, skip);
  const TSRange *range = &self->included_ranges[self->current_included_range_index];
  uint32_t next = self->current_position.bytes + 1;
  uint8_t c = (uint8_t)self->chunk[offset];
  if (c >= 0x80 || next >= range->end_byte || range->start_byte >= range->end_byte)
    return pitfall_ts_lexer_advance_slow(_self, skip);
  // ts_lexer__do_advance for a one-byte lookahead (never the byte order mark)
  if (self->data.lookahead == '\n') {
    self->current_position.extent.row++;
    self->current_position.extent.column = 0;
    self->column_data.valid = true;  // ts_lexer__set_column_data(self, 0)
    self->column_data.value = 0;
  } else {
    if (self->column_data.valid) self->column_data.value++;  // ts_lexer__increment_column_data
    self->current_position.extent.column += 1;
  }
  self->current_position.bytes = next;
  if (skip) self->token_start_position = self->current_position;
  self->data.lookahead = c;  // ts_decode_utf8 of an ASCII byte; lookahead_size stays 1
}

// mark_end: in the first included range (the whole text, for a file) the
// token ends at the current position; elsewhere tree-sitter's decides.
static inline __attribute__((always_inline)) void pitfall_ts_lexer_mark_end(TSLexer *_self) {
  Lexer *self = (Lexer *)_self;
  if (self->current_included_range_index == 0 && self->included_range_count > 0) {
    self->token_end_position = self->current_position;
    return;
  }
  pitfall_ts_lexer_mark_end_slow(_self);
}

// eof: past the last included range (lexer.c's ts_lexer__eof).
static inline __attribute__((always_inline)) bool pitfall_ts_lexer_eof(const TSLexer *_self) {
  const Lexer *self = (const Lexer *)_self;
  return self->current_included_range_index == self->included_range_count;
}

#endif  // PITFALL_TS_LEXER_FAST_H_
