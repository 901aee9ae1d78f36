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

// A named node without its tree (the tree is the same for every node of a
// walk): the TSNode fields that vary, 24 bytes instead of 32.
typedef struct {
  uint32_t context[4];  // TSNode.context: start byte, start row, start column, alias
  const void* id;       // TSNode.id: the subtree
} PitfallNodeRef;

// What the rules ask of a named node most, kept apart from the node itself so
// that scans over many nodes read 16 bytes per node.
typedef struct {
  uint32_t parent;  // index of the nearest named ancestor, or PITFALL_NO_NODE
  uint32_t scope;   // not set by the walk (filled in by the caller)
  uint32_t end;     // one past the last named descendant (pre-order index)
  TSSymbol symbol;  // public symbol (alias applied), as ts_node_symbol
  TSFieldId field;  // as ts_tree_cursor_current_field_id at this node (0: none)
} PitfallNodeInfo;

// Writes the named nodes of `root` (itself included) in pre-order into `refs`
// and `info`, their start bytes into `starts` (a compact array to
// binary-search) and end bytes into `ends` (a node's text without a trip to
// its subtree), which must each hold ts_node_descendant_count(root) + 1
// entries; returns how many.
uint32_t pitfall_named_nodes(TSNode root, PitfallNodeRef* refs, PitfallNodeInfo* info, uint32_t* starts,
                             uint32_t* ends);

#ifdef __cplusplus
}
#endif
