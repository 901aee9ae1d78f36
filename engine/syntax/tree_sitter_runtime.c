// tree-sitter's runtime, built from its unchanged sources (the npm package's
// lib/src, included file by file as its own lib.c does) with additions, each
// a function of tree-sitter's renamed around its file's #include and defined
// here, or a macro around an #include.
//
// The lexer's fast paths (engine/syntax/ts_lexer_fast.h): the TSLexer's
// advance is an ASCII fast path in front of tree-sitter's (when the current
// character is one byte and the next byte is ASCII, in the same chunk and
// included range, advancing is a position update and a byte read); the
// generated lexer and the Python scanner call it, mark_end and eof inline.
//
// New nodes (ts_subtree_new_node) summarized in locals and written once,
// stack pushes (ts_stack_push) without zeroing the whole stack node, and
// subtree reference counts inline in parser.c, stack.c and tree.c.
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
// Natively, every ts_malloc of the runtime first looks for a freed node of the
// size it asks for (pitfall_ts_malloc, below pitfall_ts_tree_delete_into).
#ifndef __EMSCRIPTEN__
static inline void *pitfall_ts_malloc(size_t size);
#undef ts_malloc
#define ts_malloc pitfall_ts_malloc
#endif
#include "./get_changed_ranges.c"
#include "./language.c"
#include "./lexer.c"

// tree-sitter's advance and mark_end, out of line (the fast paths in
// ts_lexer_fast.h fall back to them).
__attribute__((noinline)) void pitfall_ts_lexer_advance_slow(TSLexer *self, bool skip) {
  ts_lexer__advance(self, skip);
}
__attribute__((noinline)) void pitfall_ts_lexer_mark_end_slow(TSLexer *self) { ts_lexer__mark_end(self); }

#include "ts_lexer_fast.h"

// The lexer every parser gets (ts_parser_new calls ts_lexer_init).
static void pitfall_ts_lexer_init(Lexer *self) {
  ts_lexer_init(self);
  self->data.advance = pitfall_ts_lexer_advance;
}

#include "./atomic.h"
// Reference counting inline in the files that follow (parser, stack, tree; not
// subtree.c, which defines the functions): retaining or releasing a leaf
// stored inline is nothing, and releasing a subtree that other references
// keep alive is one decrement, so neither needs a call (in WebAssembly a call
// is a stack-pointer round trip at least). A release that drops the last
// reference gives the reference back and hands the subtree to
// ts_subtree_release, which takes it again and frees the subtree as always.
static inline void pitfall_ts_subtree_retain_inline(Subtree self) {
  if (self.data.is_inline) return;
  atomic_inc((volatile uint32_t *)&self.ptr->ref_count);
}
static inline void pitfall_ts_subtree_release_inline(SubtreePool *pool, Subtree self) {
  if (self.data.is_inline) return;
  if (atomic_dec((volatile uint32_t *)&self.ptr->ref_count) > 0) return;
  atomic_inc((volatile uint32_t *)&self.ptr->ref_count);
  ts_subtree_release(pool, self);
}
#define ts_subtree_retain(self_) pitfall_ts_subtree_retain_inline(self_)
#define ts_subtree_release(pool_, self_) pitfall_ts_subtree_release_inline(pool_, self_)

#define ts_lexer_init pitfall_ts_lexer_init
#include "./node.c"
#include "./parser.c"
#undef ts_lexer_init
#include "./query.c"
// tree-sitter's pop, renamed, for every case that is not a single path.
#define ts_stack_pop_count pitfall_ts_stack_pop_count_stock
#define ts_stack_push pitfall_ts_stack_push_stock
#include "./stack.c"
#undef ts_stack_push
#undef ts_stack_pop_count
// tree-sitter's new node, renamed: ts_subtree_new_node (below) summarizes the
// children of an ordinary node itself and calls tree-sitter's otherwise.
#define ts_subtree_new_node pitfall_ts_subtree_new_node_stock
#undef ts_subtree_retain
#undef ts_subtree_release
#include "./subtree.c"
#define ts_subtree_retain(self_) pitfall_ts_subtree_retain_inline(self_)
#define ts_subtree_release(pool_, self_) pitfall_ts_subtree_release_inline(pool_, self_)
#undef ts_subtree_new_node
#include "./tree_cursor.c"
// tree-sitter's tree delete, renamed: ts_tree_delete (below) keeps a small
// tree's memory for the next parse and calls it for every other tree.
#define ts_tree_delete pitfall_ts_tree_delete_stock
#include "./tree.c"
#undef ts_tree_delete
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


// A tree's delete that keeps its leaves for the next parse. tree-sitter's
// ts_tree_delete releases the tree through a pool of capacity 0, so every
// subtree goes back to malloc; a parser's own pool keeps at most 32 freed
// leaves (TS_MAX_TREE_POOL_SIZE). Here the tree is released exactly as
// ts_subtree_release does (the same reference counts, the same external
// scanner states deleted, nodes' children arrays freed), but the leaves' heap
// records, all of one size, go onto `parser`'s pool of free leaves, up to
// PITFALL_KEPT_LEAVES of them: ts_subtree_pool_allocate takes from that pool
// before it calls malloc, so the next parse's leaves cost no malloc, and this
// delete no free, for each of them. ts_parser_delete frees whatever the pool
// still holds. `parser` must not be parsing (its pool's work stack is used
// here); with no parser this is tree-sitter's ts_tree_delete. The parser is
// the thread's shared one (engine/syntax/tree.cpp names it with
// pitfall_ts_keep_freed_trees_in when it makes it, and takes it back before
// deleting it).
#define PITFALL_KEPT_LEAVES 8192u
#define PITFALL_KEEP_TREES_UP_TO (16u * 1024u)

// Nodes' memory kept the same way, by child count: a node with c children is
// one block holding its children and then its record, of at least
// ts_subtree_alloc_size(c) bytes (ts_subtree_new_node, ts_subtree_clone), and
// the parse asks for exactly that size when it pops a node's children off the
// stack (ts_stack_pop_count) and when it copies a node. The blocks are kept
// per thread, up to PITFALL_KEPT_NODES per child count below
// PITFALL_NODE_CLASSES, and handed back by ts_malloc for that size; realloc
// and free treat them as the malloc blocks they are.
#define PITFALL_NODE_CLASSES 9u
#define PITFALL_KEPT_NODES 1024u
typedef Array(void *) PitfallKeptNodes;
static _Thread_local PitfallKeptNodes pitfall_kept_nodes[PITFALL_NODE_CLASSES];

static inline void *pitfall_ts_malloc(size_t size) {
  if (size > sizeof(SubtreeHeapData)) {
    size_t extra = size - sizeof(SubtreeHeapData);
    if (extra % sizeof(Subtree) == 0 && extra / sizeof(Subtree) < PITFALL_NODE_CLASSES) {
      PitfallKeptNodes *kept = &pitfall_kept_nodes[extra / sizeof(Subtree)];
      if (kept->size > 0) return kept->contents[--kept->size];
    }
  }
  return ts_current_malloc(size);
}

// Frees the nodes' blocks this thread keeps (called when its parser goes).
void pitfall_ts_free_kept_nodes(void) {
  for (uint32_t c = 0; c < PITFALL_NODE_CLASSES; c++) {
    for (uint32_t i = 0; i < pitfall_kept_nodes[c].size; i++) ts_free(pitfall_kept_nodes[c].contents[i]);
    array_delete(&pitfall_kept_nodes[c]);
  }
}

static void pitfall_ts_tree_delete_into(TSTree *self, TSParser *parser) {
  if (!self) return;
  // Only a small tree's memory is kept: blocks handed back come in the order
  // the tree was released, scattered over the heap, where malloc would carve
  // the next tree's nodes out of merged free memory one after the other. For
  // a file of a few thousand lines that scatter costs more in cache misses
  // (the parse, the node index's walk and this delete all follow the nodes)
  // than malloc and free do: the 3.11 standard library lints 15-25 % slower
  // natively when every tree's memory is kept.
  if (!parser || ts_subtree_total_bytes(self->root) > PITFALL_KEEP_TREES_UP_TO) {
    pitfall_ts_tree_delete_stock(self);
    return;
  }
  SubtreePool *pool = &parser->tree_pool;
  Subtree root = self->root;
  array_clear(&pool->tree_stack);
  if (!root.data.is_inline && atomic_dec((volatile uint32_t *)&root.ptr->ref_count) == 0) {
    array_push(&pool->tree_stack, ts_subtree_to_mut_unsafe(root));
  }
  while (pool->tree_stack.size > 0) {
    MutableSubtree tree = array_pop(&pool->tree_stack);
    if (tree.ptr->child_count > 0) {
      Subtree *children = ts_subtree_children(tree);
      for (uint32_t i = 0; i < tree.ptr->child_count; i++) {
        Subtree child = children[i];
        if (child.data.is_inline) continue;
        if (atomic_dec((volatile uint32_t *)&child.ptr->ref_count) == 0) {
          array_push(&pool->tree_stack, ts_subtree_to_mut_unsafe(child));
        }
      }
      uint32_t count = tree.ptr->child_count;
      if (count < PITFALL_NODE_CLASSES && pitfall_kept_nodes[count].size < PITFALL_KEPT_NODES) {
        array_push(&pitfall_kept_nodes[count], (void *)children);
      } else {
        ts_free(children);
      }
    } else {
      if (tree.ptr->has_external_tokens) {
        ts_external_scanner_state_delete(&tree.ptr->external_scanner_state);
      }
      if (pool->free_trees.size < PITFALL_KEPT_LEAVES) {
        array_push(&pool->free_trees, tree);
      } else {
        ts_free(tree.ptr);
      }
    }
  }
  ts_language_delete(self->language);
  ts_free(self->included_ranges);
  ts_free(self);
}

static _Thread_local TSParser *pitfall_keeper = NULL;

// Natively only. In WebAssembly, Emscripten's dlmalloc merges a freed tree's
// blocks as they are freed and the next parse carves its nodes out of the
// merged memory one after the other; kept blocks made the parse of the
// 200-line tutor file about 10 % slower there (0.89-0.97 -> 0.98-1.15 ms,
// alternating runs under load), where natively (glibc's fast bins are not
// merged until a large request) it is 9.8 % fewer instructions and 4-14 %
// less time.
void pitfall_ts_keep_freed_trees_in(TSParser *parser) {
#ifdef __EMSCRIPTEN__
  (void)parser;
#else
  pitfall_keeper = parser;
#endif
}

void ts_tree_delete(TSTree *self) { pitfall_ts_tree_delete_into(self, pitfall_keeper); }

// ts_stack_push (stack.h; once per shifted token and per reduction).
// tree-sitter's stack_node_new first zeroes the whole StackNode, its eight
// links included (232 bytes natively, 152 in WebAssembly), then fills in the
// first link. Here only what stack_node_new sets is written: the same state,
// position, link count, first link, reference count, error cost, node count
// and dynamic precedence. Links past link_count are never read (links are
// added at link_count, stack_node_add_link); links[0] of a node with no
// predecessor is zeroed as tree-sitter's (ts_stack_can_merge-like tests read
// its subtree).
void ts_stack_push(Stack *self, StackVersion version, Subtree subtree, bool pending, TSStateId state) {
  StackHead *head = array_get(&self->heads, version);
  StackNode *previous = head->node;
  StackNode *node = self->node_pool.size > 0 ? array_pop(&self->node_pool) : ts_malloc(sizeof(StackNode));
  node->state = state;
  node->ref_count = 1;
  if (previous) {
    node->link_count = 1;
    node->links[0] = (StackLink){.node = previous, .subtree = subtree, .is_pending = pending};
    Length position = previous->position;
    unsigned error_cost = previous->error_cost;
    unsigned node_count = previous->node_count;
    int dynamic_precedence = previous->dynamic_precedence;
    if (subtree.ptr) {
      error_cost += ts_subtree_error_cost(subtree);
      position = length_add(position, ts_subtree_total_size(subtree));
      node_count += stack__subtree_node_count(subtree);
      // as tree-sitter's `+=`, wrapping instead of overflowing
      dynamic_precedence = (int)((unsigned)dynamic_precedence + (unsigned)ts_subtree_dynamic_precedence(subtree));
    }
    node->position = position;
    node->error_cost = error_cost;
    node->node_count = node_count;
    node->dynamic_precedence = dynamic_precedence;
  } else {
    node->link_count = 0;
    node->links[0] = (StackLink){.node = NULL, .subtree = NULL_SUBTREE, .is_pending = false};
    node->position = length_zero();
    node->error_cost = 0;
    node->node_count = 0;
    node->dynamic_precedence = 0;
  }
  if (!subtree.ptr) head->node_count_at_last_error = node->node_count;
  head->node = node;
}

// ts_subtree_new_node (subtree.h; once per reduction) for an ordinary node:
// tree-sitter's makes the node's record with every summary field zeroed, then
// ts_subtree_summarize_children stores each running total into the record
// after each child (bit-fields included, each a read-modify-write), and since
// the children array and the record share one block the compiler reloads
// them all on every child. Here the same fields are computed from the
// children in locals, with the cases and their order of
// ts_subtree_summarize_children (subtree.c), and the record is written once.
// Error and error-repeat nodes (whose costs depend on more) and nodes with no
// children go to tree-sitter's.
MutableSubtree ts_subtree_new_node(TSSymbol symbol, SubtreeArray *children, unsigned production_id,
                                   const TSLanguage *language) {
  const uint32_t count = children->size;
  if (count == 0 || symbol == ts_builtin_sym_error || symbol == ts_builtin_sym_error_repeat)
    return pitfall_ts_subtree_new_node_stock(symbol, children, production_id, language);
  TSSymbolMetadata metadata = ts_language_symbol_metadata(language, symbol);
  // The node's record after the array of children.
  size_t new_byte_size = ts_subtree_alloc_size(count);
  if (children->capacity * sizeof(Subtree) < new_byte_size) {
    children->contents = ts_realloc(children->contents, new_byte_size);
    children->capacity = (uint32_t)(new_byte_size / sizeof(Subtree));
  }
  const Subtree *kids = children->contents;
  const TSSymbol *alias_sequence = ts_language_alias_sequence(language, production_id);
  Length padding = length_zero(), size = length_zero();
  uint32_t named_child_count = 0, visible_child_count = 0, visible_descendant_count = 0;
  uint32_t error_cost = 0, structural_index = 0, lookahead_end_byte = 0;
  uint32_t dynamic_precedence = 0;  // int32_t's bits, added without overflow
  bool depends_on_column = false, state_change = false, external_tokens = false, has_error_child = false;
  for (uint32_t i = 0; i < count; i++) {
    Subtree child = kids[i];
    Length child_padding, child_size;
    uint32_t child_lookahead_bytes;
    bool extra, visible, named;
    TSSymbol child_symbol;
    const SubtreeHeapData *heap = NULL;  // a node's or heap leaf's record
    if (child.data.is_inline) {
      // A small leaf: never an error, never depending on the column, no
      // external tokens nor scanner state; a missing one costs as missing.
      child_padding = (Length){child.data.padding_bytes, {child.data.padding_rows, child.data.padding_columns}};
      child_size = (Length){child.data.size_bytes, {0, child.data.size_bytes}};
      child_lookahead_bytes = child.data.lookahead_bytes;
      if (child.data.is_missing) error_cost += ERROR_COST_PER_MISSING_TREE + ERROR_COST_PER_RECOVERY;
      extra = child.data.extra;
      visible = child.data.visible;
      named = child.data.named;
      child_symbol = child.data.symbol;
    } else {
      heap = child.ptr;
      if (size.extent.row == 0 && heap->depends_on_column) depends_on_column = true;
      if (heap->has_external_scanner_state_change) state_change = true;
      child_padding = heap->padding;
      child_size = heap->size;
      child_lookahead_bytes = heap->lookahead_bytes;
      child_symbol = heap->symbol;
      if (child_symbol != ts_builtin_sym_error_repeat)
        error_cost += heap->is_missing ? ERROR_COST_PER_MISSING_TREE + ERROR_COST_PER_RECOVERY : heap->error_cost;
      extra = heap->extra;
      visible = heap->visible;
      named = heap->named;
      if (heap->child_count > 0) {
        dynamic_precedence += (uint32_t)heap->dynamic_precedence;
        visible_descendant_count += heap->visible_descendant_count;
      }
      if (heap->has_external_tokens) external_tokens = true;
      if (child_symbol == ts_builtin_sym_error) has_error_child = true;
    }
    if (i == 0) {
      padding = child_padding;
      size = child_size;
    } else {
      size = length_add(size, length_add(child_padding, child_size));
    }
    uint32_t child_lookahead_end_byte = padding.bytes + size.bytes + child_lookahead_bytes;
    if (child_lookahead_end_byte > lookahead_end_byte) lookahead_end_byte = child_lookahead_end_byte;
    if (!extra && child_symbol != 0 && alias_sequence && alias_sequence[structural_index] != 0) {
      visible_descendant_count++;
      visible_child_count++;
      if (ts_language_symbol_metadata(language, alias_sequence[structural_index]).named) named_child_count++;
    } else if (visible) {
      visible_descendant_count++;
      visible_child_count++;
      if (named) named_child_count++;
    } else if (heap && heap->child_count > 0) {
      visible_child_count += heap->visible_child_count;
      named_child_count += heap->named_child_count;
    }
    if (!extra) structural_index++;
  }
  Subtree first_child = kids[0];
  Subtree last_child = kids[count - 1];
  uint16_t repeat_depth = 0;
  if (count >= 2 && !metadata.visible && !metadata.named && ts_subtree_symbol(first_child) == symbol) {
    uint32_t first_depth = ts_subtree_repeat_depth(first_child), last_depth = ts_subtree_repeat_depth(last_child);
    repeat_depth = (uint16_t)((first_depth > last_depth ? first_depth : last_depth) + 1);
  }
  SubtreeHeapData *data = (SubtreeHeapData *)&children->contents[count];
  *data = (SubtreeHeapData){
      .ref_count = 1,
      .padding = padding,
      .size = size,
      .lookahead_bytes = lookahead_end_byte - size.bytes - padding.bytes,
      .error_cost = error_cost,
      .child_count = count,
      .symbol = symbol,
      .parse_state = has_error_child ? TS_TREE_STATE_NONE : 0,
      .visible = metadata.visible,
      .named = metadata.named,
      .extra = false,
      .fragile_left = has_error_child || ts_subtree_fragile_left(first_child),
      .fragile_right = has_error_child || ts_subtree_fragile_right(last_child),
      .has_changes = false,
      .has_external_tokens = external_tokens,
      .has_external_scanner_state_change = state_change,
      .depends_on_column = depends_on_column,
      .is_missing = false,
      .is_keyword = false,
      {{
          .visible_child_count = visible_child_count,
          .named_child_count = named_child_count,
          .visible_descendant_count = visible_descendant_count,
          .dynamic_precedence = (int32_t)dynamic_precedence,
          .repeat_depth = repeat_depth,
          .production_id = (uint16_t)production_id,
          .first_leaf = {.symbol = ts_subtree_leaf_symbol(first_child),
                         .parse_state = ts_subtree_leaf_parse_state(first_child)},
      }}};
#ifdef PITFALL_TS_CHECK_NODES
  // A check build (-DPITFALL_TS_CHECK_NODES): every node's record compared
  // field by field with tree-sitter's for the same children; aborts on a
  // difference.
  SubtreeArray copy = array_new();
  array_reserve(&copy, (uint32_t)(new_byte_size / sizeof(Subtree)) + 1);
  memcpy(copy.contents, kids, count * sizeof(Subtree));
  copy.size = count;
  const SubtreeHeapData *a = data, *b = pitfall_ts_subtree_new_node_stock(symbol, &copy, production_id, language).ptr;
  if (a->ref_count != b->ref_count || memcmp(&a->padding, &b->padding, sizeof a->padding) ||
      memcmp(&a->size, &b->size, sizeof a->size) || a->lookahead_bytes != b->lookahead_bytes ||
      a->error_cost != b->error_cost || a->child_count != b->child_count || a->symbol != b->symbol ||
      a->parse_state != b->parse_state || a->visible != b->visible || a->named != b->named || a->extra != b->extra ||
      a->fragile_left != b->fragile_left || a->fragile_right != b->fragile_right || a->has_changes != b->has_changes ||
      a->has_external_tokens != b->has_external_tokens ||
      a->has_external_scanner_state_change != b->has_external_scanner_state_change ||
      a->depends_on_column != b->depends_on_column || a->is_missing != b->is_missing ||
      a->is_keyword != b->is_keyword || a->visible_child_count != b->visible_child_count ||
      a->named_child_count != b->named_child_count || a->visible_descendant_count != b->visible_descendant_count ||
      a->dynamic_precedence != b->dynamic_precedence || a->repeat_depth != b->repeat_depth ||
      a->production_id != b->production_id || a->first_leaf.symbol != b->first_leaf.symbol ||
      a->first_leaf.parse_state != b->first_leaf.parse_state)
    abort();
  ts_free(copy.contents);
#endif
  return (MutableSubtree){.ptr = data};
}
