// The shared per-file node index and scope/binding tables (see node_index.h).
#include "rules/node_index.h"

#include <algorithm>
#include <cstring>
#include <string>
#include <unordered_set>

#include "syntax/named_nodes.h"

namespace pitfall::rules {

namespace {

TSSymbol sym(const TSLanguage* lang, const char* name) {
  return ts_language_symbol_for_name(lang, name, static_cast<std::uint32_t>(std::strlen(name)), true);
}

TSFieldId field_id(const TSLanguage* lang, const char* name) {
  return ts_language_field_id_for_name(lang, name, static_cast<std::uint32_t>(std::strlen(name)));
}

struct Lang {
  const TSLanguage* lang = tree_sitter_python();
  TSSymbol module = sym(lang, "module"), function = sym(lang, "function_definition"),
           lambda = sym(lang, "lambda"), klass = sym(lang, "class_definition"),
           list_comp = sym(lang, "list_comprehension"), set_comp = sym(lang, "set_comprehension"),
           dict_comp = sym(lang, "dictionary_comprehension"), gen = sym(lang, "generator_expression"),
           for_in = sym(lang, "for_in_clause"), comment = sym(lang, "comment"),
           identifier = sym(lang, "identifier"), paren = sym(lang, "parenthesized_expression"),
           call = sym(lang, "call"), attribute = sym(lang, "attribute");
  TSFieldId body = field_id(lang, "body"), right = field_id(lang, "right"), f_function = field_id(lang, "function"),
            f_attribute = field_id(lang, "attribute");
};

const Lang& lang() {
  static const Lang l;
  return l;
}

// Every symbol's name (as syntax::symbol_name), read once for NodeIndex::type.
struct SymbolNames {
  std::vector<std::string_view> names;
  SymbolNames() {
    std::uint32_t count = ts_language_symbol_count(lang().lang);
    names.resize(count);
    for (std::uint32_t s = 0; s < count; ++s) names[s] = syntax::symbol_name(static_cast<TSSymbol>(s));
  }
};
const SymbolNames& symbol_names() {
  static const SymbolNames n;
  return n;
}

}  // namespace

// Identifier texts are interned once (one hash per identifier); every table
// below is keyed by the small name id, so queries hash a name once at most.
struct NodeIndex::Names {
  static constexpr std::uint32_t kNoName = 0xffffffffu;
  static constexpr NodeId kUnresolved = 0xfffffffeu;
  std::vector<Use> use;             // per node (meaningful for identifiers)
  std::vector<NodeId> bind_scope;   // per node: the scope a binding lands in
  std::vector<NodeId> owner;        // per node: binding statement
  std::vector<std::uint32_t> name;  // per node: interned name id (identifiers)
  std::vector<NodeId> resolved;     // per node: where a load resolves (filled on demand by loads())
  // Interned names: open addressing over name ids (kNoName = empty), a power
  // of two at least twice the identifier count; texts by id in `texts`.
  std::vector<std::uint32_t> slots;
  std::vector<std::string_view> texts;
  static std::uint32_t hash(std::string_view t) {
    std::uint32_t h = 2166136261u;  // FNV-1a
    for (char c : t) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
    return h;
  }
  void reset_ids(std::size_t identifiers) {
    std::size_t room = 16;
    while (room < 2 * identifiers) room *= 2;
    slots.assign(room, kNoName);
    texts.clear();
  }
  // The id of `text`, made when it is new (the table holds at most half as
  // many names as slots: reset_ids sized it for every identifier).
  std::uint32_t intern(std::string_view text) {
    const std::size_t mask = slots.size() - 1;
    for (std::size_t h = hash(text) & mask;; h = (h + 1) & mask) {
      std::uint32_t at = slots[h];
      if (at == kNoName) {
        at = static_cast<std::uint32_t>(texts.size());
        slots[h] = at;
        texts.push_back(text);
        return at;
      }
      if (texts[at] == text) return at;
    }
  }
  // Bindings sorted by key (scope << 32 | name id), source order within a key.
  std::vector<std::uint64_t> binding_keys;
  std::vector<Binding> binding_list;
  std::vector<std::pair<std::uint64_t, NodeId>> unsorted;  // scratch while building
  std::vector<std::uint32_t> load_start;  // loads of name k: load_ids[load_start[k], load_start[k + 1])
  std::vector<NodeId> load_ids;
  std::vector<char> bound;  // by name id
  std::unordered_set<std::uint64_t> global_decl, nonlocal_decl;  // scope << 32 | name id

  std::uint32_t id_of(std::string_view text) const {
    if (slots.empty()) return kNoName;
    const std::size_t mask = slots.size() - 1;
    for (std::size_t h = hash(text) & mask;; h = (h + 1) & mask) {
      std::uint32_t at = slots[h];
      if (at == kNoName || texts[at] == text) return at;
    }
  }
  BindingSpan find(std::uint64_t k) const {
    auto [a, b] = std::equal_range(binding_keys.begin(), binding_keys.end(), k);
    const Binding* base = binding_list.data();
    return {base + (a - binding_keys.begin()), base + (b - binding_keys.begin())};
  }
  void clear() {
    slots.clear();
    texts.clear();
    binding_keys.clear();
    binding_list.clear();
    unsorted.clear();
    global_decl.clear();
    nonlocal_decl.clear();
  }
};

// Buffers of the last index destroyed on this thread, reused by the next one:
// linting file after file then allocates (and faults in) no fresh memory.
struct NodeIndex::Spare {
  Table<Entry> nodes;
  Table<PitfallNodeRef> refs;
  Table<std::uint32_t> starts, ends;
  Table<NodeId> slots;
  std::vector<NodeId> bucketed;
  std::vector<std::uint32_t> bucket, fill;
  std::vector<CallSite> calls;
  std::unique_ptr<Names> names;
  static Spare& get() {
    thread_local Spare spare;
    return spare;
  }
};

NodeIndex::~NodeIndex() {
  Spare& s = Spare::get();
  if (nodes_.capacity() > s.nodes.capacity()) s.nodes = std::move(nodes_);
  if (refs_.capacity() > s.refs.capacity()) s.refs = std::move(refs_);
  if (starts_.capacity() > s.starts.capacity()) s.starts = std::move(starts_);
  if (ends_.capacity() > s.ends.capacity()) s.ends = std::move(ends_);
  if (slots_.capacity() > s.slots.capacity()) s.slots = std::move(slots_);
  if (bucketed_.capacity() > s.bucketed.capacity()) s.bucketed = std::move(bucketed_);
  if (bucket_.capacity() > s.bucket.capacity()) s.bucket = std::move(bucket_);
  if (calls_.capacity() > s.calls.capacity()) s.calls = std::move(calls_);
  if (names_ && !s.names) s.names = std::move(names_);
}

namespace {
std::uint64_t key(NodeId scope, std::uint32_t name) { return (static_cast<std::uint64_t>(scope) << 32) | name; }
}  // namespace

NodeIndex::NodeIndex(const syntax::Tree& tree) : tree_(tree) {
  const Lang& L = lang();
  scope_syms_ = {L.module, L.function, L.lambda, L.klass, L.list_comp, L.set_comp, L.dict_comp, L.gen};
  comp_syms_ = {L.list_comp, L.set_comp, L.dict_comp, L.gen};
  fn_sym_ = L.function;
  lambda_sym_ = L.lambda;
  class_sym_ = L.klass;
  module_sym_ = L.module;
  comment_sym_ = L.comment;
  paren_sym_ = L.paren;
  const SymbolNames& names = symbol_names();
  names_by_symbol_ = names.names.data();
  name_count_ = static_cast<std::uint32_t>(names.names.size());
  if (!tree.ok()) return;
  Spare& spare = Spare::get();
  nodes_ = std::move(spare.nodes);
  refs_ = std::move(spare.refs);
  starts_ = std::move(spare.starts);
  ends_ = std::move(spare.ends);
  slots_ = std::move(spare.slots);
  bucketed_ = std::move(spare.bucketed);
  bucket_ = std::move(spare.bucket);
  calls_ = std::move(spare.calls);
  calls_.clear();
  TSNode root = tree.root();
  // One pass over tree-sitter's subtrees writes the named nodes with their
  // parent, extent, symbol and field straight into the index
  // (engine/syntax/named_nodes.c); scopes follow in source order, parents first.
  std::size_t most = ts_node_descendant_count(root) + 1;
  nodes_.reserve(most);
  refs_.reserve(most);
  starts_.reserve(most);
  ends_.reserve(most);
  std::uint32_t count = pitfall_named_nodes(root, &refs_[0], &nodes_[0], &starts_[0], &ends_[0]);
  nodes_.count = refs_.count = starts_.count = ends_.count = count;
  build_slots();
  for (NodeId id = 1; id < count; ++id) {
    Entry& e = nodes_[id];
    NodeId parent = e.parent;
    if (parent == kNoNode) continue;
    const Entry& p = nodes_[parent];
    if (p.symbol == L.function || p.symbol == L.lambda || p.symbol == L.klass) {
      e.scope = (e.field == L.body) ? parent : p.scope;
    } else if (is_comprehension(parent)) {
      e.scope = parent;
    } else if (p.symbol == L.for_in && e.field == L.right && p.parent != kNoNode && is_comprehension(p.parent)) {
      // Only the first `for` clause's iterable runs in the enclosing scope:
      // the clause's previous named sibling (comments aside) is the element
      // when it is the first one.
      NodeId prev = kNoNode;
      for (NodeId k = p.parent + 1; k < parent; k = nodes_[k].end)
        if (nodes_[k].symbol != L.comment) prev = k;
      bool first = prev == kNoNode || nodes_[prev].symbol != L.for_in;
      e.scope = first ? nodes_[p.parent].scope : p.scope;
    } else {
      e.scope = p.scope;
    }
  }
  // Group ids by symbol (counting sort: no per-type allocations).
  std::size_t nsym = ts_language_symbol_count(L.lang) + 1;
  bucket_.assign(nsym + 1, 0);
  for (const Entry& e : nodes_)
    if (e.symbol < nsym) ++bucket_[e.symbol + 1];
  for (std::size_t k = 1; k <= nsym; ++k) bucket_[k] += bucket_[k - 1];
  bucketed_.resize(bucket_[nsym]);
  std::vector<std::uint32_t>& fill = spare.fill;
  fill.assign(bucket_.begin(), bucket_.end() - 1);
  for (NodeId id = 0; id < count; ++id)
    if (nodes_[id].symbol < nsym) bucketed_[fill[nodes_[id].symbol]++] = id;
}

bool NodeIndex::in_field(NodeId i, const char* name) const {
  return i < nodes_.size() && nodes_[i].field != 0 && nodes_[i].field == syntax::field_id(name);
}

// field() answered from the index: the node's first named child in the field.
// Where tree-sitter's grammar lets a field hold an anonymous token
// (node-types.json: `operator`, `operators`, a dict pattern's `key`, a
// comprehension clause's `right` with its commas) and no named child has it,
// tree-sitter answers.
bool NodeIndex::lookup_field(const void* self, TSNode n, TSFieldId field, TSNode* out) {
  const NodeIndex& idx = *static_cast<const NodeIndex*>(self);
  NodeId i = idx.find(n);
  if (i == kNoNode) return false;
  NodeId k = idx.field_child(i, field);
  if (k != kNoNode) {
    *out = idx.node(k);
    return true;
  }
  static const TSFieldId anonymous[] = {field_id(lang().lang, "operator"), field_id(lang().lang, "operators"),
                                        field_id(lang().lang, "key"), field_id(lang().lang, "right")};
  for (TSFieldId a : anonymous)
    if (a == field) return false;
  *out = TSNode{};
  return true;
}

void NodeIndex::build_slots() {
  std::size_t n = nodes_.size(), room = 16;
  std::uint32_t bits = 4;
  while (room < 2 * n) {
    room *= 2;
    ++bits;
  }
  slots_.reserve(room);
  slots_.count = room;
  slot_shift_ = 32 - bits;
  std::fill(&slots_[0], &slots_[0] + room, kNoNode);
  const std::size_t mask = room - 1;
  for (NodeId i = 0; i < n; ++i) {
    std::size_t h = slot_of(refs_[i].id);
    while (slots_[h] != kNoNode) h = (h + 1) & mask;
    slots_[h] = i;
  }
}

NodeId NodeIndex::find(TSNode n) const {
  if (n.id == nullptr) return kNoNode;  // ts_node_is_null
  if (n.tree != tree_.ts_tree() || slots_.size() == 0) return kNoNode;
  // The subtree's address names the node (with its alias: an aliased
  // subtree is the same node only under the same alias); anonymous nodes are
  // never in the table, so a probe for one ends at an empty slot.
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t h = slot_of(n.id);; h = (h + 1) & mask) {
    NodeId at = slots_[h];
    if (at == kNoNode) return kNoNode;
    if (refs_[at].id == n.id && refs_[at].context[3] == n.context[3]) return at;
  }
}

IdSpan NodeIndex::of(std::string_view t) const {
  // Symbol lookups by name scan the grammar's table: remember them.
  thread_local std::vector<std::pair<std::string, TSSymbol>> cache;
  TSSymbol s = 0;
  bool known = false;
  for (const auto& [name, sym] : cache)
    if (name == t) {
      s = sym;
      known = true;
      break;
    }
  if (!known) {
    s = ts_language_symbol_for_name(lang().lang, t.data(), static_cast<std::uint32_t>(t.size()), true);
    cache.emplace_back(std::string(t), s);
  }
  if (s == 0 || bucket_.empty() || static_cast<std::size_t>(s) + 1 >= bucket_.size()) return {};
  const NodeId* base = bucketed_.data();
  return {base + bucket_[s], base + bucket_[s + 1]};
}

TSSymbol NodeIndex::symbol_of(std::string_view t) {
  thread_local std::vector<std::pair<std::string, TSSymbol>> cache;
  for (const auto& [name, sym] : cache)
    if (name == t) return sym;
  TSSymbol s = ts_language_symbol_for_name(lang().lang, t.data(), static_cast<std::uint32_t>(t.size()), true);
  cache.emplace_back(std::string(t), s);
  return s;
}

bool NodeIndex::text_has(std::string_view word) const {
  for (const auto& [w, has] : words_)
    if (w == word) return has;
  const std::string& t = tree_.source().text();
  bool has = word.empty();
  if (!has && word.size() <= t.size()) {
    // Look for the word's rarest letter in source code (memchr, word-wide)
    // and compare around each hit, instead of stopping at every occurrence of
    // its first letter as string_view::find does ("a" of "async").
    static constexpr std::string_view kCommonLast = "zqjxkvybwgpfmuchdlrinosate";
    auto rank = [](char c) -> std::size_t {
      if (c >= 'A' && c <= 'Z') return 0;
      std::size_t r = kCommonLast.find(c);
      return r != std::string_view::npos ? r + 1 : (c == '_' || c == ' ' || c == '.' ? 40 : 30);
    };
    std::size_t pick = 0;
    for (std::size_t k = 1; k < word.size(); ++k)
      if (rank(word[k]) < rank(word[pick])) pick = k;
    const char* base = t.data();
    const char* p = base + pick;
    const char* last = base + (t.size() - word.size()) + pick;  // the pick's last possible place
    while (p <= last) {
      p = static_cast<const char*>(std::memchr(p, word[pick], static_cast<std::size_t>(last - p) + 1));
      if (p == nullptr) break;
      if (std::memcmp(p - pick, word.data(), word.size()) == 0) {
        has = true;
        break;
      }
      ++p;
    }
  }
  words_.emplace_back(word, has);
  return has;
}

const std::vector<CallSite>& NodeIndex::calls() const {
  if (calls_built_) return calls_;
  calls_built_ = true;
  const Lang& L = lang();
  IdSpan all = of("call");
  calls_.reserve(all.size());
  for (NodeId c : all) {
    CallSite s{c, field_child(c, L.f_function), 0, {}};
    if (s.callee != kNoNode) {
      s.callee_symbol = nodes_[s.callee].symbol;
      if (s.callee_symbol == L.attribute) {
        NodeId a = field_child(s.callee, L.f_attribute);
        if (a != kNoNode) s.name = text(a);
      } else {
        s.name = text(s.callee);
      }
    }
    calls_.push_back(s);
  }
  return calls_;
}

bool NodeIndex::calls_builtin(const CallSite& c, std::string_view name) const {
  if (c.callee == kNoNode || c.callee_symbol != lang().identifier || c.name != name) return false;
  if (!bound_anywhere(name)) return true;
  return resolve(scope(c.callee), name) == kNoNode;
}

namespace {
thread_local const NodeIndex* g_current = nullptr;
thread_local const syntax::Tree* g_current_tree = nullptr;
}  // namespace

// syntax::field, answered straight from the lint's index for its tree (the
// same answers: a null node gives itself, an unknown field name a null node).
TSNode child_by_field(TSNode n, const char* name) {
  if (g_current == nullptr || n.tree == nullptr || n.tree != g_current_tree->ts_tree()) return syntax::field(n, name);
  if (n.id == nullptr) return n;
  TSFieldId id = syntax::field_id(name);
  if (id == 0) return TSNode{};
  TSNode r;
  if (NodeIndex::lookup_field(g_current, n, id, &r)) return r;
  return ts_node_child_by_field_id(n, id);
}

bool NodeIndex::is_scope(NodeId i) const {
  if (i >= nodes_.size()) return false;
  return std::find(scope_syms_.begin(), scope_syms_.end(), nodes_[i].symbol) != scope_syms_.end();
}
bool NodeIndex::is_function_scope(NodeId i) const {
  return i < nodes_.size() && (nodes_[i].symbol == fn_sym_ || nodes_[i].symbol == lambda_sym_);
}
bool NodeIndex::is_comprehension(NodeId i) const {
  if (i >= nodes_.size()) return false;
  return std::find(comp_syms_.begin(), comp_syms_.end(), nodes_[i].symbol) != comp_syms_.end();
}

NodeId NodeIndex::enclosing_function(NodeId i) const {
  if (i >= nodes_.size()) return kNoNode;
  NodeId s = nodes_[i].scope;
  while (s != 0 && s != kNoNode) {
    if (is_function_scope(s)) return s;
    if (nodes_[s].symbol == class_sym_) return kNoNode;
    s = nodes_[s].scope;
  }
  return kNoNode;
}

bool NodeIndex::contains(NodeId a, NodeId i) const {
  return a < nodes_.size() && i >= a && i < nodes_[a].end;
}

// ---- names ---------------------------------------------------------------

namespace {
// The node types and fields classify() tests, as symbol and field ids (one
// integer compare each instead of a name compare per test).
struct NameSyms {
  const TSLanguage* lang = tree_sitter_python();
  TSSymbol attribute = sym(lang, "attribute"), keyword_argument = sym(lang, "keyword_argument"),
           global_statement = sym(lang, "global_statement"), nonlocal_statement = sym(lang, "nonlocal_statement"),
           function_definition = sym(lang, "function_definition"), class_definition = sym(lang, "class_definition"),
           default_parameter = sym(lang, "default_parameter"),
           typed_default_parameter = sym(lang, "typed_default_parameter"),
           typed_parameter = sym(lang, "typed_parameter"), list_splat_pattern = sym(lang, "list_splat_pattern"),
           dictionary_splat_pattern = sym(lang, "dictionary_splat_pattern"), parameters = sym(lang, "parameters"),
           lambda_parameters = sym(lang, "lambda_parameters"), aliased_import = sym(lang, "aliased_import"),
           dotted_name = sym(lang, "dotted_name"), import_statement = sym(lang, "import_statement"),
           import_from_statement = sym(lang, "import_from_statement"), delete_statement = sym(lang, "delete_statement"),
           assignment = sym(lang, "assignment"), for_statement = sym(lang, "for_statement"),
           for_in_clause = sym(lang, "for_in_clause"), as_pattern_target = sym(lang, "as_pattern_target"),
           except_clause = sym(lang, "except_clause"), with_statement = sym(lang, "with_statement"),
           augmented_assignment = sym(lang, "augmented_assignment"), named_expression = sym(lang, "named_expression");
  // Assignment targets are climbed through these wrappers.
  TSSymbol containers[9] = {sym(lang, "pattern_list"), sym(lang, "tuple_pattern"), sym(lang, "list_pattern"),
                            sym(lang, "tuple"), sym(lang, "list"), sym(lang, "parenthesized_expression"),
                            sym(lang, "list_splat_pattern"), sym(lang, "list_splat"), sym(lang, "expression_list")};
  TSFieldId f_attribute = field_id(lang, "attribute"), f_name = field_id(lang, "name"), f_type = field_id(lang, "type"),
            f_alias = field_id(lang, "alias"), f_left = field_id(lang, "left");
  bool container(TSSymbol s) const {
    for (TSSymbol c : containers)
      if (c == s) return true;
    return false;
  }
};

const NameSyms& name_syms() {
  static const NameSyms s;
  return s;
}
}  // namespace

Use NodeIndex::classify(NodeId id, NodeId* owner, NodeId* bind_scope) const {
  const NameSyms& S = name_syms();
  *owner = kNoNode;
  *bind_scope = nodes_[id].scope;
  NodeId p = nodes_[id].parent;
  if (p == kNoNode) return Use::kLoad;
  const TSSymbol pt = nodes_[p].symbol;
  const TSFieldId field = nodes_[id].field;
  if (pt == S.attribute) return field == S.f_attribute ? Use::kOther : Use::kLoad;
  if (pt == S.keyword_argument) return field == S.f_name ? Use::kOther : Use::kLoad;
  if (pt == S.global_statement || pt == S.nonlocal_statement) return Use::kDeclare;
  if (pt == S.function_definition || pt == S.class_definition) {
    if (field == S.f_name) {
      *owner = p;
      return Use::kStore;
    }
    return Use::kLoad;
  }
  // Parameters: the element (name, default, typed or splat parameter) sits in
  // `parameters` / `lambda_parameters`, whose parent is the function.
  {
    NodeId element = id;
    if (pt == S.default_parameter || pt == S.typed_default_parameter) {
      if (field != S.f_name) return Use::kLoad;
      element = p;
    } else if (pt == S.typed_parameter) {
      if (field == S.f_type) return Use::kLoad;
      element = p;
    } else if (pt == S.list_splat_pattern || pt == S.dictionary_splat_pattern) {
      element = p;
      NodeId g = nodes_[p].parent;
      if (g != kNoNode && nodes_[g].symbol == S.typed_parameter) element = g;
    }
    NodeId container = element == id ? p : nodes_[element].parent;
    if (container != kNoNode &&
        (nodes_[container].symbol == S.parameters || nodes_[container].symbol == S.lambda_parameters)) {
      NodeId f = nodes_[container].parent;
      if (f != kNoNode && is_function_scope(f)) {
        *owner = f;
        *bind_scope = f;
        return Use::kParam;
      }
    }
  }
  // Imports.
  if (pt == S.aliased_import) {
    if (field == S.f_alias) {
      *owner = p;
      return Use::kStore;
    }
    return Use::kOther;
  }
  if (pt == S.dotted_name) {
    NodeId g = nodes_[p].parent;
    if (g == kNoNode) return Use::kOther;
    // `import a.b.c` binds `a`: the dotted name's first named child.
    if (nodes_[g].symbol == S.import_statement && p + 1 < nodes_[p].end && p + 1 == id) {
      *owner = g;
      return Use::kStore;
    }
    if (nodes_[g].symbol == S.import_from_statement && nodes_[p].field == S.f_name) {
      *owner = g;
      return Use::kStore;
    }
    return Use::kOther;
  }
  // Targets: climb through tuple/list/star wrappers.
  NodeId c = id;
  while (nodes_[c].parent != kNoNode && S.container(nodes_[nodes_[c].parent].symbol)) c = nodes_[c].parent;
  NodeId cp = nodes_[c].parent;
  if (cp == kNoNode) return Use::kLoad;
  const TSSymbol ct = nodes_[cp].symbol;
  const TSFieldId cf = nodes_[c].field;
  if (ct == S.delete_statement) return Use::kDel;
  if ((ct == S.assignment && cf == S.f_left) || (ct == S.for_statement && cf == S.f_left) ||
      (ct == S.for_in_clause && cf == S.f_left) || ct == S.as_pattern_target ||
      (ct == S.except_clause && cf == S.f_alias)) {
    *owner = cp;
    if (ct == S.assignment) {
      while (nodes_[*owner].parent != kNoNode && nodes_[nodes_[*owner].parent].symbol == S.assignment)
        *owner = nodes_[*owner].parent;
    }
    if (ct == S.as_pattern_target) {
      NodeId w = cp;
      while (w != kNoNode && nodes_[w].symbol != S.with_statement && nodes_[w].symbol != S.except_clause)
        w = nodes_[w].parent;
      if (w != kNoNode) *owner = w;
    }
    return Use::kStore;
  }
  if (ct == S.augmented_assignment && cf == S.f_left) {
    *owner = cp;
    return c == id ? Use::kAugment : Use::kLoad;
  }
  if (ct == S.named_expression && cf == S.f_name) {
    *owner = cp;
    NodeId s = nodes_[id].scope;
    while (s != 0 && s != kNoNode && is_comprehension(s)) s = nodes_[s].scope;
    *bind_scope = s;
    return Use::kStore;
  }
  return Use::kLoad;
}

void NodeIndex::build_names() const {
  if (names_) return;
  std::unique_ptr<Names> n = std::move(Spare::get().names);
  if (n) n->clear();
  else n = std::make_unique<Names>();
  IdSpan ids = of("identifier");
  n->use.assign(nodes_.size(), Use::kOther);
  n->bind_scope.assign(nodes_.size(), kNoNode);
  n->owner.assign(nodes_.size(), kNoNode);
  n->name.assign(nodes_.size(), Names::kNoName);
  n->reset_ids(ids.size());
  // Pass 1: interned names, uses, declarations.
  for (NodeId id : ids) {
    std::uint32_t nm = n->intern(text(id));
    n->name[id] = nm;
    NodeId owner, scope;
    Use u = classify(id, &owner, &scope);
    n->use[id] = u;
    n->owner[id] = owner;
    n->bind_scope[id] = scope;
    if (u == Use::kDeclare) {
      bool global = nodes_[nodes_[id].parent].symbol == name_syms().global_statement;
      (global ? n->global_decl : n->nonlocal_decl).insert(key(nodes_[id].scope, nm));
    }
  }
  const std::size_t names = n->texts.size();
  n->bound.assign(names, 0);
  n->load_start.assign(names + 1, 0);
  // Pass 2: bindings, and loads counted per name.
  for (NodeId id : ids) {
    Use u = n->use[id];
    std::uint32_t nm = n->name[id];
    if (u == Use::kLoad || u == Use::kAugment || u == Use::kDel) ++n->load_start[nm + 1];
    if (u == Use::kStore || u == Use::kAugment || u == Use::kParam || u == Use::kDel) {
      NodeId s = n->bind_scope[id];
      if (s != kNoNode && !n->global_decl.empty() && n->global_decl.count(key(s, nm))) s = 0;
      else if (s != kNoNode && !n->nonlocal_decl.empty() && n->nonlocal_decl.count(key(s, nm))) {
        NodeId up = s == 0 ? kNoNode : nodes_[s].scope;
        while (up != kNoNode) {
          if (up != 0 && is_function_scope(up)) break;
          if (up == 0) {
            up = kNoNode;
            break;
          }
          up = nodes_[up].scope;
        }
        s = up == kNoNode ? s : up;
      }
      n->bind_scope[id] = s;
      n->unsorted.push_back({key(s, nm), id});
      n->bound[nm] = 1;
    }
  }
  // Bindings grouped by (scope, name), source order within a group.
  std::sort(n->unsorted.begin(), n->unsorted.end());
  n->binding_keys.reserve(n->unsorted.size());
  n->binding_list.reserve(n->unsorted.size());
  for (const auto& [k, id] : n->unsorted) {
    n->binding_keys.push_back(k);
    n->binding_list.push_back({id, n->owner[id], n->use[id]});
  }
  n->resolved.assign(nodes_.size(), Names::kUnresolved);
  // Loads grouped by name, source order within a name (counting sort).
  for (std::size_t k = 1; k <= names; ++k) n->load_start[k] += n->load_start[k - 1];
  n->load_ids.resize(n->load_start[names]);
  std::vector<std::uint32_t> fill(n->load_start.begin(), n->load_start.end() - 1);
  for (NodeId id : ids) {
    Use u = n->use[id];
    if (u == Use::kLoad || u == Use::kAugment || u == Use::kDel) n->load_ids[fill[n->name[id]]++] = id;
  }
  names_ = std::move(n);
}

Use NodeIndex::use(NodeId i) const {
  build_names();
  return i < names_->use.size() ? names_->use[i] : Use::kOther;
}

BindingSpan NodeIndex::bindings(NodeId scope, std::string_view name) const {
  build_names();
  std::uint32_t nm = names_->id_of(name);
  if (nm == Names::kNoName) return {};
  return names_->find(key(scope, nm));
}

bool NodeIndex::bound_anywhere(std::string_view name) const {
  build_names();
  std::uint32_t nm = names_->id_of(name);
  return nm != Names::kNoName && names_->bound[nm];
}

NodeId NodeIndex::resolve(NodeId from, std::string_view name) const {
  build_names();
  std::uint32_t nm = names_->id_of(name);
  if (nm == Names::kNoName || !names_->bound[nm]) return kNoNode;
  auto bound_in = [&](NodeId s) { return !names_->find(key(s, nm)).empty(); };
  NodeId s = from;
  bool first = true;
  while (s != kNoNode && s < nodes_.size()) {
    bool skip = !first && nodes_[s].symbol == class_sym_;
    if (!skip) {
      if (!names_->global_decl.empty() && names_->global_decl.count(key(s, nm))) return bound_in(0) ? 0 : kNoNode;
      if (bound_in(s)) return s;
    }
    if (s == 0) break;
    first = false;
    s = nodes_[s].scope;
  }
  return kNoNode;
}

std::vector<NodeId> NodeIndex::loads(NodeId scope, std::string_view name) const {
  build_names();
  std::vector<NodeId> out;
  std::uint32_t nm = names_->id_of(name);
  if (nm == Names::kNoName) return out;
  for (std::uint32_t k = names_->load_start[nm]; k < names_->load_start[nm + 1]; ++k) {
    NodeId id = names_->load_ids[k];
    NodeId& r = names_->resolved[id];
    if (r == Names::kUnresolved) r = resolve(nodes_[id].scope, name);
    if (r == scope) out.push_back(id);
  }
  return out;
}

// ---- the per-lint shared index ------------------------------------------

namespace {
thread_local std::unique_ptr<NodeIndex> g_fallback;
}  // namespace

const NodeIndex* current_index(const TSTree* tree) {
  return g_current && g_current_tree && g_current_tree->ts_tree() == tree ? g_current : nullptr;
}

const NodeIndex& index_of(const syntax::Tree& tree) {
  if (g_current && g_current_tree == &tree) return *g_current;
  // Outside lint(): a fresh private index (valid until the next such call).
  g_fallback = std::make_unique<NodeIndex>(tree);
  return *g_fallback;
}

IndexScope::IndexScope(const syntax::Tree& tree)
    : index_(std::make_unique<NodeIndex>(tree)),
      fields_(std::make_unique<syntax::FieldLookupScope>(tree, &NodeIndex::lookup_field, index_.get())),
      prev_(g_current),
      prev_tree_(g_current_tree) {
  g_current = index_.get();
  g_current_tree = &tree;
}

IndexScope::~IndexScope() {
  g_current = prev_;
  g_current_tree = prev_tree_;
}

}  // namespace pitfall::rules
