// One pass over a parsed file that every detector shares: all named nodes in
// source order with their parent, field and scope, nodes bucketed by type, and
// (built on first use) the names bound in each scope. Rules ask this index
// instead of walking the tree themselves, so linting a file costs one walk.
//
// Scopes follow Python's rules (module, def, lambda, class, comprehension):
// a def's name, decorators and defaults belong to the enclosing scope; the
// first iterable of a comprehension too; a walrus target binds in the nearest
// enclosing non-comprehension scope; `global`/`nonlocal` redirect bindings.
#pragma once
#include <tree_sitter/api.h>

#include <cstdint>
#include <iterator>
#include <memory>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "syntax/named_nodes.h"
#include "syntax/tree.h"

namespace pitfall::rules {

using NodeId = std::uint32_t;
inline constexpr NodeId kNoNode = 0xffffffffu;

// How an identifier is used.
enum class Use : std::uint8_t {
  kLoad,     // read
  kStore,    // bound by assignment, for, with, except, walrus, import, def, class
  kAugment,  // `x += ...`: read and bound
  kParam,    // a parameter name
  kDel,      // `del x`
  kDeclare,  // named in `global` / `nonlocal`
  kOther,    // not a variable: attribute name, keyword argument name, module path
};

struct Binding {
  NodeId name;   // the identifier
  NodeId owner;  // the statement or node that binds it (assignment, for_statement, ...)
  Use use;
};

// A read-only run of node ids (what NodeIndex::of returns).
struct IdSpan {
  const NodeId* b = nullptr;
  const NodeId* e = nullptr;
  const NodeId* begin() const { return b; }
  const NodeId* end() const { return e; }
  std::size_t size() const { return static_cast<std::size_t>(e - b); }
  bool empty() const { return b == e; }
  NodeId operator[](std::size_t i) const { return b[i]; }
  NodeId front() const { return *b; }
  NodeId back() const { return e[-1]; }
  operator std::vector<NodeId>() const { return std::vector<NodeId>(b, e); }
};

// A read-only run of bindings (what NodeIndex::bindings returns), source order.
struct BindingSpan {
  const Binding* b = nullptr;
  const Binding* e = nullptr;
  const Binding* begin() const { return b; }
  const Binding* end() const { return e; }
  std::reverse_iterator<const Binding*> rbegin() const { return std::reverse_iterator<const Binding*>(e); }
  std::reverse_iterator<const Binding*> rend() const { return std::reverse_iterator<const Binding*>(b); }
  std::size_t size() const { return static_cast<std::size_t>(e - b); }
  bool empty() const { return b == e; }
  const Binding& operator[](std::size_t i) const { return b[i]; }
  const Binding& front() const { return *b; }
  const Binding& back() const { return e[-1]; }
};

// A call with its callee, read from the index once per file for every rule
// (and the semantic model) that looks at calls by the name they call.
struct CallSite {
  NodeId call;
  NodeId callee;           // the call's `function` child (kNoNode when absent)
  TSSymbol callee_symbol;  // its node type (0 when absent)
  // An attribute callee's attribute name (`x.y.name(...)`), else the callee's
  // whole text (`name(...)`, `f()(...)`).
  std::string_view name;
};

// `ts_node_child_by_field_name` with the field id looked up once per name.
TSNode child_by_field(TSNode n, const char* name);

class NodeIndex {
 public:
  explicit NodeIndex(const syntax::Tree& tree);
  ~NodeIndex();  // hands its buffers to the next index built on this thread
  NodeIndex(const NodeIndex&) = delete;
  NodeIndex& operator=(const NodeIndex&) = delete;
  const syntax::Tree& tree() const { return tree_; }

  std::size_t size() const { return nodes_.size(); }
  TSNode node(NodeId i) const {
    const PitfallNodeRef& r = refs_[i];
    return TSNode{{r.context[0], r.context[1], r.context[2], r.context[3]}, r.id, tree_.ts_tree()};
  }
  NodeId parent(NodeId i) const { return nodes_[i].parent; }
  NodeId scope(NodeId i) const { return nodes_[i].scope; }  // the scope node it runs in (0 = module)
  std::string_view type(NodeId i) const {
    // The symbol was read (alias included) when the index was built: no trip
    // to the subtree, and its name comes from the grammar's table read once.
    if (i >= nodes_.size()) return std::string_view();
    TSSymbol s = nodes_[i].symbol;
    return s < name_count_ ? names_by_symbol_[s] : syntax::symbol_name(s);
  }
  bool is(NodeId i, std::string_view t) const { return type(i) == t; }
  // Whether node i sits in its parent's field `name`.
  bool in_field(NodeId i, const char* name) const;
  std::string_view text(NodeId i) const {
    const std::string& t = tree_.source().text();
    return std::string_view(t.data() + starts_[i], ends_[i] - starts_[i]);
  }
  std::uint32_t start_byte(NodeId i) const { return starts_[i]; }
  std::uint32_t end_byte(NodeId i) const { return ends_[i]; }
  // Node i's named children (comments included), in order: call
  // visit(child id) for each.
  template <typename Visit>
  void each_child(NodeId i, Visit&& visit) const {
    for (NodeId k = i + 1, end = nodes_[i].end; k < end; k = nodes_[k].end) visit(k);
  }
  // The index of a named node of this tree (kNoNode when absent or null).
  NodeId find(TSNode n) const;

  // The first named child of node i in field `field` (a field id), kNoNode
  // when there is none.
  NodeId field_child(NodeId i, TSFieldId field) const {
    for (NodeId k = i + 1, end = nodes_[i].end; k < end; k = nodes_[k].end)
      if (nodes_[k].field == field) return k;
    return kNoNode;
  }

  // A syntax::FieldLookup answering from the index (context: the index).
  static bool lookup_field(const void* self, TSNode n, TSFieldId field, TSNode* out);

  // Every named node of a type, in source order.
  IdSpan of(std::string_view type) const;
  // The node type's symbol (as stored per node), 0 when the grammar has none.
  static TSSymbol symbol_of(std::string_view type);
  TSSymbol symbol(NodeId i) const { return nodes_[i].symbol; }
  bool is_comment(NodeId i) const { return nodes_[i].symbol == comment_sym_; }
  // Node i's first named child that is not a comment, or kNoNode.
  NodeId first_child(NodeId i) const {
    for (NodeId k = i + 1, end = nodes_[i].end; k < end; k = nodes_[k].end)
      if (nodes_[k].symbol != comment_sym_) return k;
    return kNoNode;
  }
  // `(x)` -> `x`, repeatedly (as py::unparen).
  NodeId unparen(NodeId i) const {
    while (i != kNoNode && nodes_[i].symbol == paren_sym_) {
      NodeId inner = first_child(i);
      if (inner == kNoNode) break;
      i = inner;
    }
    return i;
  }

  // Whether node i, a def, `for`, `with` or comprehension `for` clause, is its
  // `async` form: such a node starts with its first keyword, so its text
  // starts with `async` exactly when it is (no trip to its first child).
  bool is_async(NodeId i) const {
    std::string_view t = text(i);
    return t.size() > 5 && t.substr(0, 5) == "async";
  }

  // Whether node i is an `async def`.
  bool is_async_def(NodeId i) const { return i < nodes_.size() && nodes_[i].symbol == fn_sym_ && is_async(i); }

  // Whether the file's text holds `word` anywhere (a cheap test rules make
  // before looking for calls or keywords that spell it); remembered per word.
  bool text_has(std::string_view word) const;

  // Every call in source order with its callee (computed once, on first call).
  const std::vector<CallSite>& calls() const;
  // Whether a call site's callee is the builtin `name`: an identifier of that
  // name not bound in the scopes a read there looks in (as py::is_builtin_call).
  bool calls_builtin(const CallSite& c, std::string_view name) const;

  // Identifier uses (computed once, on first call).
  Use use(NodeId identifier) const;
  // Bindings of `name` made in scope `scope`, in source order.
  BindingSpan bindings(NodeId scope, std::string_view name) const;
  // The scope where a read of `name` from scope `from` finds its binding
  // (skipping class scopes above `from`), or kNoNode for builtins / unbound.
  NodeId resolve(NodeId from, std::string_view name) const;
  // Whether `name` is bound anywhere in the file (any scope).
  bool bound_anywhere(std::string_view name) const;
  // Loads of `name` that resolve to scope `scope`, in source order.
  std::vector<NodeId> loads(NodeId scope, std::string_view name) const;

  // Scope node types.
  bool is_scope(NodeId i) const;
  bool is_function_scope(NodeId i) const;  // def or lambda
  bool is_comprehension(NodeId i) const;
  // The function (def/lambda) a node runs in, or kNoNode at module/class level.
  NodeId enclosing_function(NodeId i) const;
  // Whether `ancestor` contains `i` (or is `i`).
  bool contains(NodeId ancestor, NodeId i) const;
  // The end of the subtree rooted at i, as an index (exclusive).
  NodeId subtree_end(NodeId i) const { return nodes_[i].end; }

 private:
  // A table of plain records that is not zero-filled when it grows (every
  // entry is written by the walk before it is read).
  template <typename T>
  struct Table {
    std::unique_ptr<T[]> data;
    std::size_t count = 0, room = 0;
    Table() = default;
    Table(Table&& o) noexcept { *this = std::move(o); }
    Table& operator=(Table&& o) noexcept {
      data = std::move(o.data);
      count = o.count;
      room = o.room;
      o.count = o.room = 0;
      return *this;
    }
    void reserve(std::size_t n) {
      if (n > room) {
        data.reset(new T[n]);
        room = n;
      }
    }
    std::size_t size() const { return count; }
    std::size_t capacity() const { return room; }
    T& operator[](std::size_t i) { return data[i]; }
    const T& operator[](std::size_t i) const { return data[i]; }
    const T* begin() const { return data.get(); }
    const T* end() const { return data.get() + count; }
  };
  using Entry = PitfallNodeInfo;
  void build_names() const;
  Use classify(NodeId identifier, NodeId* owner, NodeId* bind_scope) const;

  const syntax::Tree& tree_;
  Table<Entry> nodes_;          // parent, scope, extent, symbol, field per node
  Table<PitfallNodeRef> refs_;  // the tree-sitter node per node
  Table<std::uint32_t> starts_;  // start byte per node
  Table<std::uint32_t> ends_;    // end byte per node
  // Node ids by their subtree's address (open addressing, kNoNode = empty,
  // size a power of two, at least twice the node count): what find() reads.
  Table<NodeId> slots_;
  std::uint32_t slot_shift_ = 32;
  std::uint32_t slot_of(const void* id) const {
    // Subtree slots are 8-byte aligned: drop those bits, then Fibonacci hashing.
    auto a = static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(id) >> 3);
    return slot_shift_ >= 32 ? 0u : static_cast<std::uint32_t>((a * 2654435769u) >> slot_shift_);
  }
  void build_slots();
  std::vector<NodeId> bucketed_;      // node ids grouped by symbol, source order within a group
  std::vector<std::uint32_t> bucket_;  // start of each symbol's group in bucketed_ (size symbols + 1)
  std::vector<TSSymbol> scope_syms_, comp_syms_;
  const std::string_view* names_by_symbol_ = nullptr;  // syntax::symbol_name of each symbol below name_count_
  std::uint32_t name_count_ = 0;
  TSSymbol fn_sym_ = 0, lambda_sym_ = 0, class_sym_ = 0, module_sym_ = 0, comment_sym_ = 0, paren_sym_ = 0;
  mutable std::vector<CallSite> calls_;
  mutable bool calls_built_ = false;
  mutable std::vector<std::pair<std::string_view, bool>> words_;  // text_has answers

  struct Names;
  struct Spare;  // buffers handed from one index to the next on a thread
  mutable std::unique_ptr<Names> names_;
};

// The index lint() is running the rules with, when `tree` is its tree (else null).
const NodeIndex* current_index(const TSTree* tree);

// The index for this tree: shared while lint() runs the rules on it, built
// on demand (and kept for the next call) otherwise.
const NodeIndex& index_of(const syntax::Tree& tree);

// Keeps one index alive for a tree while it is in scope (used by lint()).
class IndexScope {
 public:
  explicit IndexScope(const syntax::Tree& tree);
  ~IndexScope();
  IndexScope(const IndexScope&) = delete;
  IndexScope& operator=(const IndexScope&) = delete;

 private:
  std::unique_ptr<NodeIndex> index_;
  std::unique_ptr<syntax::FieldLookupScope> fields_;  // field() answered by index_
  const NodeIndex* prev_;
  const syntax::Tree* prev_tree_;
};

}  // namespace pitfall::rules
