// Every named node of a tree-sitter subtree in one pass, read straight from
// tree-sitter's subtrees (engine/syntax/named_nodes.c). Equivalent to a
// TSTreeCursor walk that keeps the named nodes and asks each one for its
// field id, without the cursor's per-step bookkeeping (descendant indices,
// alias lookups per step, a climb up the stack for every field id).
#pragma once
#include <tree_sitter/api.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PITFALL_NO_NODE 0xffffffffu

typedef struct {
  TSNode node;
  uint32_t parent;  // index of the nearest named ancestor, or PITFALL_NO_NODE
  uint32_t end;     // one past the last named descendant (pre-order index)
  TSSymbol symbol;  // public symbol (alias applied), as ts_node_symbol
  TSFieldId field;  // as ts_tree_cursor_current_field_id at this node (0: none)
} PitfallNamedNode;

// Writes the named nodes of `root` (itself included) in pre-order into `out`,
// which must hold ts_node_descendant_count(root) entries; returns how many.
uint32_t pitfall_named_nodes(TSNode root, PitfallNamedNode* out);

#ifdef __cplusplus
}
#endif
