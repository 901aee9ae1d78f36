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

// While one is alive, field() remembers its answers for nodes of this tree
// (rules ask the same node for the same field many times over).
class FieldMemoScope {
 public:
  explicit FieldMemoScope(const Tree& tree);
  ~FieldMemoScope();
  FieldMemoScope(const FieldMemoScope&) = delete;
  FieldMemoScope& operator=(const FieldMemoScope&) = delete;

 private:
  const TSTree* prev_tree_;
  std::uint32_t prev_epoch_;
};

// Small helpers over TSNode.
std::string_view symbol_name(TSSymbol symbol);  // as ts_language_symbol_name, length known
std::string_view type(TSNode n);
bool is(TSNode n, std::string_view node_type);
TSNode field(TSNode n, const char* name);
bool null(TSNode n);

}  // namespace pitfall::syntax
