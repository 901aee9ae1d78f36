// One pre-order pass over tree-sitter's subtrees that keeps the named nodes
// (see named_nodes.h). It follows tree-sitter's own rules, as in
// lib/src/tree_cursor.c (ts_tree_cursor_child_iterator_next,
// ts_tree_cursor_current_field_id) and lib/src/node.c (ts_node_symbol,
// ts_node_is_named):
// - a child is a node when its subtree is visible or the parent's production
//   aliases it; hidden subtrees are walked through transparently;
// - a child's start is its parent's start plus the total sizes of the earlier
//   children plus its own padding;
// - a node's field is the one its parent's production gives its structural
//   index (extras have none), else, while the parent is hidden, the parent's.
#include "named_nodes.h"

#include <stdlib.h>

// tree-sitter's private headers (lib/src, on the include path of this
// library); angle brackets so engine/syntax/tree.h next to this file is not taken.
#include <language.h>
#include <subtree.h>
#include <tree.h>

typedef struct {
  const Subtree* children;
  uint32_t count, index, structural;
  Length position;            // start of children[index]
  const TSSymbol* aliases;    // the production's alias sequence, or NULL
  const TSFieldMapEntry *fields, *fields_end;
  TSFieldId inherited;        // field of this frame's subtree when it is hidden
  uint32_t owner;             // nearest named node at or above this subtree
  uint32_t closes;            // named node to close when the frame ends
} Frame;

static Frame frame_for(const TSLanguage* lang, Subtree t, Length position, TSFieldId inherited, uint32_t owner,
                       uint32_t closes) {
  Frame f;
  f.children = ts_subtree_children(t);
  f.count = t.ptr->child_count;
  f.index = 0;
  f.structural = 0;
  f.position = position;
  f.aliases = ts_language_alias_sequence(lang, t.ptr->production_id);
  ts_language_field_map(lang, t.ptr->production_id, &f.fields, &f.fields_end);
  f.inherited = inherited;
  f.owner = owner;
  f.closes = closes;
  return f;
}

static void put(PitfallNodeRef* refs, PitfallNodeInfo* info, uint32_t* starts, uint32_t* ends, uint32_t id,
                TSNode node, uint32_t end_byte, uint32_t parent, TSSymbol symbol, TSFieldId field) {
  starts[id] = node.context[0];
  ends[id] = end_byte;
  refs[id].context[0] = node.context[0];
  refs[id].context[1] = node.context[1];
  refs[id].context[2] = node.context[2];
  refs[id].context[3] = node.context[3];
  refs[id].id = node.id;
  info[id].parent = parent;
  info[id].scope = 0;
  info[id].end = id + 1;
  info[id].symbol = symbol;
  info[id].field = field;
}

uint32_t pitfall_named_nodes(TSNode root, PitfallNodeRef* refs, PitfallNodeInfo* info, uint32_t* starts,
                             uint32_t* ends) {
  if (ts_node_is_null(root)) return 0;
  const TSTree* tree = root.tree;
  const TSLanguage* lang = tree->language;
  const Subtree* rs = (const Subtree*)root.id;
  Length rpos = {root.context[0], {root.context[1], root.context[2]}};
  uint32_t n = 0, owner = PITFALL_NO_NODE, closes = PITFALL_NO_NODE;
  if (ts_node_is_named(root)) {
    put(refs, info, starts, ends, n, root, ts_node_end_byte(root), PITFALL_NO_NODE, ts_node_symbol(root), 0);
    owner = closes = n++;
  }
  if (ts_subtree_child_count(*rs) == 0) return n;

  uint32_t cap = 64, depth = 0;
  Frame* stack = (Frame*)malloc(cap * sizeof(Frame));
  if (!stack) return n;
  stack[depth++] = frame_for(lang, *rs, rpos, 0, owner, closes);
  while (depth > 0) {
    Frame* f = &stack[depth - 1];
    if (f->index == f->count) {
      if (f->closes != PITFALL_NO_NODE) info[f->closes].end = n;
      --depth;
      continue;
    }
    const Subtree* child = &f->children[f->index];
    Length pos = f->position;
    bool visible = ts_subtree_visible(*child);
    bool extra = ts_subtree_extra(*child);
    TSSymbol alias = 0;
    TSFieldId field = 0;
    if (!extra) {
      uint32_t si = f->structural++;
      if (f->aliases) {
        alias = f->aliases[si];
        if (alias) visible = true;
      }
      for (const TSFieldMapEntry* m = f->fields; m < f->fields_end; ++m)
        if (!m->inherited && m->child_index == si) {
          field = m->field_id;
          break;
        }
      if (!field) field = f->inherited;
    }
    f->position = length_add(f->position, ts_subtree_size(*child));
    if (++f->index < f->count) f->position = length_add(f->position, ts_subtree_padding(f->children[f->index]));

    uint32_t id = PITFALL_NO_NODE;
    if (visible) {
      // As ts_language_symbol_metadata / ts_language_public_symbol (language.c),
      // read from the tables directly: an alias is never the error symbol.
      bool named = alias ? lang->symbol_metadata[alias].named : ts_subtree_named(*child);
      if (named) {
        id = n++;
        TSSymbol sym = alias ? alias : ts_subtree_symbol(*child);
        // As ts_node_end_byte: the start plus the subtree's size.
        put(refs, info, starts, ends, id, ts_node_new(tree, child, pos, alias),
            pos.bytes + ts_subtree_size(*child).bytes, f->owner,
            sym == ts_builtin_sym_error ? sym : lang->public_symbol_map[sym], field);
      }
    }
    if (ts_subtree_child_count(*child) > 0) {
      if (depth == cap) {
        Frame* grown = (Frame*)realloc(stack, 2 * cap * sizeof(Frame));
        if (!grown) break;
        stack = grown;
        cap *= 2;
        f = &stack[depth - 1];
      }
      uint32_t owner_below = id != PITFALL_NO_NODE ? id : f->owner;
      stack[depth] = frame_for(lang, *child, pos, visible ? 0 : field, owner_below, id);
      ++depth;
    }
  }
  // A failed allocation above leaves open nodes: close them at the end.
  while (depth > 0) {
    if (stack[depth - 1].closes != PITFALL_NO_NODE) info[stack[depth - 1].closes].end = n;
    --depth;
  }
  free(stack);
  return n;
}
