// Pre-order traversal of a tree-sitter subtree without recursion.
#pragma once
#include <tree_sitter/api.h>

namespace pitfall::syntax {

// Calls visit(node) for `root` and every descendant in source order. When
// visit returns false the node's children are skipped.
template <typename Visit>
void walk(TSNode root, Visit&& visit) {
  if (ts_node_is_null(root)) return;
  TSTreeCursor c = ts_tree_cursor_new(root);
  bool descend = true;
  for (;;) {
    if (descend) {
      descend = false;
      if (visit(ts_tree_cursor_current_node(&c)) && ts_tree_cursor_goto_first_child(&c)) {
        descend = true;
        continue;
      }
    }
    if (ts_tree_cursor_goto_next_sibling(&c)) {
      descend = true;
      continue;
    }
    if (!ts_tree_cursor_goto_parent(&c)) break;
    if (ts_node_eq(ts_tree_cursor_current_node(&c), root)) break;
  }
  ts_tree_cursor_delete(&c);
}

}  // namespace pitfall::syntax
