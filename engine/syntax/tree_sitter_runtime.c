// tree-sitter's runtime, built from its unchanged sources (the npm package's
// lib/src, included file by file as its own lib.c does) with two additions: an
// ASCII fast path in front of the lexer's `advance`.
//
// The generated lexer and the external scanner call `lexer->advance` for every
// character. tree-sitter's advance then walks the included ranges, checks the
// chunk and calls the UTF-8 decoder, about 70 instructions per character
// natively and three calls in WebAssembly. When the current character is one
// byte and the next byte is ASCII, in the same chunk and in the same included
// range, advancing is a position update and a byte read: that is what
// pitfall_ts_lexer_advance does, and it hands every other case (multi-byte
// characters, chunk or range boundaries, a logger, UTF-16 input) to
// tree-sitter's own function. Positions, columns, token starts and
// lookaheads come out exactly as tree-sitter's.
//
// And a fast path in front of the parse stack's pop (ts_stack_pop_count, one
// call per reduction): when the stack has a single path down from the
// version's head for the popped subtrees (no merged versions on the way, the
// common case), the popped subtrees are read off that path directly instead of
// through stack__iter's general walk (an iterator array, a callback per node,
// array pushes one subtree at a time). The slice it returns is the one
// stack__iter would: the same subtrees, retained, in the same order, and the
// same new stack version for it.
//
// It also exports pitfall_ts_lexer_ahead, which lets the Python scanner's shim
// (engine/syntax/python_scanner.c) look at the text ahead without moving.
#include "./alloc.c"
#include "./get_changed_ranges.c"
#include "./language.c"
#include "./lexer.c"

// tree-sitter's advance, kept out of line so that the fast path below needs
// no stack frame.
__attribute__((noinline)) static void pitfall_ts_lexer_advance_slow(TSLexer *self, bool skip) {
  ts_lexer__advance(self, skip);
}

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
    ts_lexer__set_column_data(self, 0);
  } else {
    ts_lexer__increment_column_data(self);
    self->current_position.extent.column += 1;
  }
  self->current_position.bytes = next;
  if (skip) self->token_start_position = self->current_position;
  self->data.lookahead = c;  // ts_decode_utf8 of an ASCII byte; lookahead_size stays 1
}

// The lexer every parser gets (ts_parser_new calls ts_lexer_init).
static void pitfall_ts_lexer_init(Lexer *self) {
  ts_lexer_init(self);
  self->data.advance = pitfall_ts_lexer_advance;
}

#define ts_lexer_init pitfall_ts_lexer_init
#include "./node.c"
#include "./parser.c"
#undef ts_lexer_init
#include "./query.c"
// tree-sitter's pop, renamed, for every case that is not a single path.
#define ts_stack_pop_count pitfall_ts_stack_pop_count_stock
#include "./stack.c"
#undef ts_stack_pop_count
#include "./subtree.c"
#include "./tree_cursor.c"
#include "./tree.c"
#include "./wasm_store.c"

// ts_stack_pop_count (stack.h; called by parser.c's reductions and error
// recovery). stack__iter with pop_count_callback on a single path: starting at
// the head, each node's only link is followed (its subtree collected and, when
// it is not an extra or it has no subtree, counted) until `count` subtrees are
// counted; the node reached gets the slice. A node with no link or with
// several before that hands the whole pop to tree-sitter's walk.
StackSliceArray ts_stack_pop_count(Stack *self, StackVersion version, uint32_t count) {
  StackNode *head = array_get(&self->heads, version)->node;
  StackNode *node = head;
  uint32_t counted = 0, collected = 0;
  while (counted < count) {
    if (node->link_count != 1) return pitfall_ts_stack_pop_count_stock(self, version, count);
    const StackLink *link = &node->links[0];
    if (link->subtree.ptr) {
      collected++;
      if (!ts_subtree_extra(link->subtree)) counted++;
    } else {
      counted++;
    }
    node = link->node;
  }
  array_clear(&self->slices);
  array_clear(&self->iterators);
  // stack__iter's reservation (the parent node's header fits after the
  // children), or more when extras make the slice longer.
  uint32_t capacity = (uint32_t)(ts_subtree_alloc_size(count) / sizeof(Subtree));
  if (capacity < collected) capacity = collected;
  SubtreeArray subtrees = array_new();
  array_reserve(&subtrees, capacity);
  // Bottom of the stack first, as stack__iter's reversed array.
  uint32_t at = collected;
  for (StackNode *n = head; n != node; n = n->links[0].node) {
    Subtree subtree = n->links[0].subtree;
    if (subtree.ptr) {
      ts_subtree_retain(subtree);
      subtrees.contents[--at] = subtree;
    }
  }
  subtrees.size = collected;
  // ts_stack__add_slice with no slice yet: a new version for the node.
  StackSlice slice = {subtrees, ts_stack__add_version(self, version, node)};
  array_push(&self->slices, slice);
  return self->slices;
}

// The UTF-8 text from the lexer's current position (its lookahead's first
// byte) to the end of the current chunk or included range, whichever comes
// first; 0 when there is none to read without moving the lexer.
uint32_t pitfall_ts_lexer_ahead(const TSLexer *_self, const uint8_t **bytes) {
  const Lexer *self = (const Lexer *)_self;
  if (!self->chunk || self->input.encoding != TSInputEncodingUTF8 || self->lookahead_size == 0 ||
      self->current_position.bytes < self->chunk_start ||
      self->current_included_range_index >= self->included_range_count)
    return 0;
  uint32_t offset = self->current_position.bytes - self->chunk_start;
  if (offset >= self->chunk_size) return 0;
  uint32_t end = self->included_ranges[self->current_included_range_index].end_byte;
  if (end <= self->current_position.bytes) return 0;
  uint32_t n = self->chunk_size - offset;
  if (end - self->current_position.bytes < n) n = end - self->current_position.bytes;
  *bytes = (const uint8_t *)self->chunk + offset;
  return n;
}

// What the TSLexer's advance and mark_end pointers hold, for callers that know
// they run on this runtime (engine/syntax/python_parser.c).
void pitfall_ts_lexer_advance_direct(TSLexer *self, bool skip) { pitfall_ts_lexer_advance(self, skip); }
void pitfall_ts_lexer_mark_end_direct(TSLexer *self) { ts_lexer__mark_end(self); }
bool pitfall_ts_lexer_eof_direct(const TSLexer *self) { return ts_lexer__eof(self); }
