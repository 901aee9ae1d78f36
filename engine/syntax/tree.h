// tree-sitter wrapper: parse Python source into a syntax tree, with node helpers.
#pragma once
#include <tree_sitter/api.h>

#include <cstdint>
#include <memory>
#include <string_view>

#include "syntax/source.h"

extern "C" const TSLanguage* tree_sitter_python(void);

namespace pitfall::syntax {

struct TreeDeleter {
  void operator()(TSTree* t) const { ts_tree_delete(t); }
};

// A parsed file: owns the source and the tree. Nodes stay valid while it lives.
class Tree {
 public:
  explicit Tree(Source source);
  // The same file after an edit, parsed incrementally from `previous` (what an
  // editor does per keystroke): the edited range is where the two texts stop
  // sharing their prefix and suffix; tree-sitter reuses every subtree outside
  // it. The tree is the one a full parse of `source` gives.
  Tree(Source source, const Tree& previous);
  const Source& source() const { return source_; }
  TSNode root() const { return ts_tree_root_node(tree_.get()); }
  bool ok() const { return tree_ != nullptr; }
  const TSTree* ts_tree() const { return tree_.get(); }

  std::string_view text(TSNode n) const;
  Position start(TSNode n) const { return source_.position(ts_node_start_byte(n)); }
  Position end(TSNode n) const { return source_.position(ts_node_end_byte(n)); }

 private:
  Source source_;
  std::unique_ptr<TSTree, TreeDeleter> tree_;
};

// The calling thread's Python parser (kept for reuse), or nullptr when the
// grammar cannot be loaded.
TSParser* shared_parser();

// A faster source of field() answers for the nodes of one tree (the lint's
// node index): returns true with the answer in *out, or false to let
// tree-sitter answer.
using FieldLookup = bool (*)(const void* context, TSNode node, TSFieldId field, TSNode* out);

// While one is alive, field() asks `lookup` first for nodes of `tree`.
class FieldLookupScope {
 public:
  FieldLookupScope(const Tree& tree, FieldLookup lookup, const void* context);
  ~FieldLookupScope();
  FieldLookupScope(const FieldLookupScope&) = delete;
  FieldLookupScope& operator=(const FieldLookupScope&) = delete;

 private:
  const TSTree* prev_tree_;
  FieldLookup prev_lookup_;
  const void* prev_context_;
};

// A field's id, looked up once per name literal (by its address).
TSFieldId field_id(const char* name);

// Small helpers over TSNode.
std::string_view symbol_name(TSSymbol symbol);  // as ts_language_symbol_name, length known
std::string_view type(TSNode n);
bool is(TSNode n, std::string_view node_type);
TSNode field(TSNode n, const char* name);
bool null(TSNode n);

}  // namespace pitfall::syntax
