// Symbol-table pass over the tree-sitter CST (see scope.h).
#include "sim/compiler/scope.h"

#include <algorithm>
#include <map>
#include <set>

namespace pitfall::sim {
namespace {

using syntax::field;
using syntax::type;

bool named(TSNode n) { return !ts_node_is_null(n) && ts_node_is_named(n); }

class Builder {
 public:
  Builder(const syntax::Tree& t, std::string& err, TSNode& err_node) : t_(t), err_(err), err_node_(err_node) {}

  std::string text(TSNode n) const { return std::string(t_.text(n)); }

  void def(Scope* s, const std::string& name, int flag = DEF_LOCAL) {
    int& f = s->symbols[name];
    if ((f & (DEF_LOCAL | DEF_PARAM)) == 0 && (flag & (DEF_LOCAL | DEF_PARAM)) && !(flag & DEF_PARAM))
      s->local_order.push_back(name);
    f |= flag;
  }
  void use(Scope* s, const std::string& name) {
    s->symbols[name] |= USE;
    if (name == "super" || name == "__class__") s->uses_super = true;
  }

  Scope* new_scope(Scope* parent, Scope::Kind k, TSNode n, const std::string& name) {
    auto s = std::make_unique<Scope>();
    s->kind = k;
    s->parent = parent;
    s->name = name;
    Scope* raw = s.get();
    parent->by_node[{ts_node_start_byte(n), ts_node_end_byte(n)}] = raw;
    parent->children.push_back(std::move(s));
    return raw;
  }

  void bind_target(TSNode n, Scope* s) {
    if (ts_node_is_null(n)) return;
    auto ty = type(n);
    if (ty == "identifier") { def(s, text(n)); return; }
    if (ty == "attribute" || ty == "subscript") { visit(n, s); return; }
    if (ty == "as_pattern_target") { for (uint32_t i = 0; i < ts_node_named_child_count(n); ++i) bind_target(ts_node_named_child(n, i), s); return; }
    // pattern_list, tuple_pattern, list_pattern, list_splat_pattern, parenthesized_expression, tuple, list, expression_list
    uint32_t c = ts_node_named_child_count(n);
    for (uint32_t i = 0; i < c; ++i) {
      TSNode ch = ts_node_named_child(n, i);
      if (type(ch) == "comment") continue;
      bind_target(ch, s);
    }
  }

  void visit_children(TSNode n, Scope* s) {
    uint32_t c = ts_node_named_child_count(n);
    for (uint32_t i = 0; i < c; ++i) visit(ts_node_named_child(n, i), s);
  }

  void function_like(TSNode n, Scope* s, TSNode params, TSNode body, const std::string& name, bool is_lambda) {
    ParamList pl = parse_params(t_, params);
    for (auto& p : pl.params)
      if (p.has_default) visit(p.default_value, s);
    // annotations are evaluated in the enclosing scope in CPython; visiting them is harmless
    Scope* f = new_scope(s, Scope::Function, n, name);
    f->lambda = is_lambda;
    // order: positional, kw-only, *args, **kwargs
    for (int pass = 0; pass < 4; ++pass)
      for (auto& p : pl.params) {
        int want = pass == 0 ? Param::Positional : pass == 1 ? Param::KwOnly : pass == 2 ? Param::VarArgs : Param::VarKw;
        if (p.kind == want) { f->params.push_back(p.name); f->symbols[p.name] |= DEF_PARAM; }
      }
    if (!ts_node_is_null(body)) {
      if (is_lambda) visit(body, f);
      else visit_children(body, f);
    }
  }

  void comprehension(TSNode n, Scope* s) {
    // children: body field + for_in_clause / if_clause
    std::vector<TSNode> clauses;
    uint32_t c = ts_node_named_child_count(n);
    for (uint32_t i = 0; i < c; ++i) {
      TSNode ch = ts_node_named_child(n, i);
      if (type(ch) == "for_in_clause" || type(ch) == "if_clause") clauses.push_back(ch);
    }
    bool first = true;
    Scope* f = new_scope(s, Scope::Function, n, type(n) == "generator_expression" ? "<genexpr>" :
                         type(n) == "list_comprehension" ? "<listcomp>" : type(n) == "set_comprehension" ? "<setcomp>" : "<dictcomp>");
    f->comprehension = true;
    f->params.push_back(".0");
    f->symbols[".0"] |= DEF_PARAM;
    if (type(n) == "generator_expression") f->generator = true;
    for (TSNode cl : clauses) {
      if (type(cl) == "for_in_clause") {
        TSNode right = field(cl, "right");
        if (first) visit(right, s);
        else visit(right, f);
        if (ts_node_child_count(cl) > 0 && std::string_view(ts_node_type(ts_node_child(cl, 0))) == "async") f->coroutine = true;
        bind_target(field(cl, "left"), f);
        // extra iterables after commas (rare) are visited in the inner scope
        first = false;
      } else {
        visit_children(cl, f);
      }
    }
    visit(field(n, "body"), f);
    // an async list/set/dict comprehension is awaited by the comprehension it sits in, which is async too
    if (f->coroutine && !f->generator && s->comprehension) s->coroutine = true;
  }

  void visit(TSNode n, Scope* s) {
    if (!named(n)) return;
    if (++depth_ > 400) {
      if (err_.empty()) { err_ = "too deeply nested code is not modelled"; err_node_ = n; }
      --depth_;
      return;
    }
    visit_node(n, s);
    --depth_;
  }

  void visit_node(TSNode n, Scope* s) {
    auto ty = type(n);
    if (ty == "identifier") { use(s, text(n)); return; }
    if (ty == "comment" || ty == "string_start" || ty == "string_end" || ty == "string_content" || ty == "escape_sequence") return;
    if (ty == "function_definition") {
      TSNode name = field(n, "name");
      def(s, text(name));
      bool is_async = ts_node_child_count(n) > 0 && std::string_view(ts_node_type(ts_node_child(n, 0))) == "async";
      size_t before = s->children.size();
      function_like(n, s, field(n, "parameters"), field(n, "body"), text(name), false);
      if (s->children.size() > before && is_async) s->children.back()->coroutine = true;
      return;
    }
    if (ty == "decorated_definition") {
      uint32_t c = ts_node_named_child_count(n);
      for (uint32_t i = 0; i < c; ++i) {
        TSNode ch = ts_node_named_child(n, i);
        if (type(ch) == "decorator") visit_children(ch, s);
      }
      visit(field(n, "definition"), s);
      return;
    }
    if (ty == "lambda") { function_like(n, s, field(n, "parameters"), field(n, "body"), "<lambda>", true); return; }
    if (ty == "class_definition") {
      TSNode name = field(n, "name");
      def(s, text(name));
      TSNode sup = field(n, "superclasses");
      if (!ts_node_is_null(sup)) visit_children(sup, s);
      Scope* c = new_scope(s, Scope::Class, n, text(name));
      TSNode body = field(n, "body");
      visit_children(body, c);
      return;
    }
    if (ty == "list_comprehension" || ty == "set_comprehension" || ty == "dictionary_comprehension" || ty == "generator_expression") {
      comprehension(n, s);
      return;
    }
    if (ty == "assignment") {
      TSNode right = field(n, "right");
      visit(right, s);
      bind_target(field(n, "left"), s);
      return;
    }
    if (ty == "augmented_assignment") {
      visit(field(n, "right"), s);
      TSNode left = field(n, "left");
      if (type(left) == "identifier") { def(s, text(left)); use(s, text(left)); }
      else visit(left, s);
      return;
    }
    if (ty == "for_statement") {
      visit(field(n, "right"), s);
      bind_target(field(n, "left"), s);
      visit(field(n, "body"), s);
      visit(field(n, "alternative"), s);
      return;
    }
    if (ty == "with_item") {
      TSNode v = field(n, "value");
      if (type(v) == "as_pattern") {
        visit(ts_node_named_child(v, 0), s);
        bind_target(field(v, "alias"), s);
      } else {
        visit(v, s);
      }
      return;
    }
    if (ty == "except_clause") {
      TSNode alias = field(n, "alias");
      TSNode value = field(n, "value");
      if (!ts_node_is_null(value) && type(value) == "as_pattern") {
        visit(ts_node_named_child(value, 0), s);
        bind_target(field(value, "alias"), s);
      } else {
        visit(value, s);
      }
      if (!ts_node_is_null(alias)) bind_target(alias, s);
      uint32_t c = ts_node_named_child_count(n);
      for (uint32_t i = 0; i < c; ++i) {
        TSNode ch = ts_node_named_child(n, i);
        if (type(ch) == "block") visit_children(ch, s);
      }
      return;
    }
    if (ty == "import_statement") {
      uint32_t c = ts_node_named_child_count(n);
      for (uint32_t i = 0; i < c; ++i) {
        TSNode ch = ts_node_named_child(n, i);
        if (type(ch) == "aliased_import") def(s, text(field(ch, "alias")));
        else if (type(ch) == "dotted_name") def(s, text(ts_node_named_child(ch, 0)));
      }
      return;
    }
    if (ty == "import_from_statement") {
      uint32_t c = ts_node_named_child_count(n);
      TSNode mod = field(n, "module_name");
      for (uint32_t i = 0; i < c; ++i) {
        TSNode ch = ts_node_named_child(n, i);
        if (ts_node_eq(ch, mod)) continue;
        if (type(ch) == "aliased_import") def(s, text(field(ch, "alias")));
        else if (type(ch) == "dotted_name") def(s, text(ch));
      }
      return;
    }
    if (ty == "global_statement" || ty == "nonlocal_statement") {
      bool global = ty == "global_statement";
      if (!global && s->kind == Scope::Module && err_.empty()) { err_ = "nonlocal declaration not allowed at module level"; err_node_ = n; }
      uint32_t c = ts_node_named_child_count(n);
      for (uint32_t i = 0; i < c; ++i) {
        TSNode ch = ts_node_named_child(n, i);
        if (type(ch) == "identifier") {
          s->symbols[text(ch)] |= global ? DEF_GLOBAL : DEF_NONLOCAL;
          if (!global) nonlocal_nodes_[{s, text(ch)}] = ch;  // locates "no binding for nonlocal"
        }
      }
      return;
    }
    if (ty == "named_expression") {
      visit(field(n, "value"), s);
      Scope* t = s;
      while (t->comprehension && t->parent) t = t->parent;
      std::string name = text(field(n, "name"));
      def(t, name);
      if (t != s) { s->symbols[name] |= DEF_NONLOCAL; if (t->kind == Scope::Module || (t->symbols[name] & DEF_GLOBAL)) s->symbols[name] = (s->symbols[name] & ~DEF_NONLOCAL) | DEF_GLOBAL; }
      return;
    }
    if (ty == "delete_statement") {
      uint32_t c = ts_node_named_child_count(n);
      for (uint32_t i = 0; i < c; ++i) bind_target(ts_node_named_child(n, i), s);
      return;
    }
    if (ty == "keyword_argument") { visit(field(n, "value"), s); return; }
    if (ty == "attribute") { visit(field(n, "object"), s); return; }
    if (ty == "yield" || ty == "await") {
      if (ty == "yield") s->generator = true;
      if (ty == "await" && s->comprehension) s->coroutine = true;
      visit_children(n, s);
      return;
    }
    if (ty == "for_in_clause" || ty == "if_clause") { visit_children(n, s); return; }
    if (ty == "case_pattern") { bind_pattern(n, s); return; }
    visit_children(n, s);
  }

  // Names a match-statement pattern binds (captures, `as` names, `*rest`,
  // `**rest`) and the names it reads (value patterns `Color.RED`, classes).
  void bind_pattern(TSNode n, Scope* s) {
    auto ty = type(n);
    uint32_t c = ts_node_named_child_count(n);
    if (ty == "dotted_name") {
      if (c == 1) def(s, text(ts_node_named_child(n, 0)));
      else if (c > 1) use(s, text(ts_node_named_child(n, 0)));
      return;
    }
    if (ty == "identifier") { def(s, text(n)); return; }  // `as name`, `*name`
    if (ty == "class_pattern") {
      for (uint32_t i = 0; i < c; ++i) {
        TSNode ch = ts_node_named_child(n, i);
        if (i == 0 && type(ch) == "dotted_name") use(s, text(ts_node_named_child(ch, 0)));
        else bind_pattern(ch, s);
      }
      return;
    }
    if (ty == "keyword_pattern") {
      for (uint32_t i = 1; i < c; ++i) bind_pattern(ts_node_named_child(n, i), s);
      return;
    }
    if (ty == "dict_pattern") {
      for (uint32_t i = 0; i < c; ++i) {
        TSNode ch = ts_node_named_child(n, i);
        if (type(ch) == "dotted_name") { use(s, text(ts_node_named_child(ch, 0))); continue; }  // a key is a value
        bind_pattern(ch, s);
      }
      return;
    }
    for (uint32_t i = 0; i < c; ++i) bind_pattern(ts_node_named_child(n, i), s);
  }

  // Resolution (CPython's analyze_block): decide free/cell per scope.
  void resolve(Scope* s, const std::set<std::string>& enclosing_fn_locals) {
    std::set<std::string> visible = enclosing_fn_locals;
    if (s->kind == Scope::Function) {
      for (auto& [name, f] : s->symbols)
        if ((f & (DEF_LOCAL | DEF_PARAM)) && !(f & (DEF_GLOBAL | DEF_NONLOCAL))) visible.insert(name);
    }
    if (s->kind == Scope::Class && needs_class_cell(s)) s->needs_class_cell = true;
    for (auto& c : s->children) {
      // implicit __class__ for methods using super()
      if (s->kind == Scope::Class && c->kind == Scope::Function && c->uses_super) {
        c->symbols["__class__"] |= USE;
      }
      std::set<std::string> pass = s->kind == Scope::Class ? enclosing_fn_locals : visible;
      if (s->kind == Scope::Class) pass.insert("__class__");
      resolve(c.get(), pass);
    }
    // free variables of this scope: used (or nonlocal) names not local here
    for (auto& [name, f] : s->symbols) {
      bool local = (f & (DEF_LOCAL | DEF_PARAM)) && !(f & (DEF_GLOBAL | DEF_NONLOCAL));
      if (s->kind == Scope::Module) continue;
      if (f & DEF_NONLOCAL) {
        if (!enclosing_fn_locals.count(name) && err_.empty()) {
          err_ = "no binding for nonlocal '" + name + "' found";
          auto it = nonlocal_nodes_.find({s, name});
          if (it != nonlocal_nodes_.end()) {
            err_node_ = it->second;
          } else {  // declared in a scope the table keys differently: any statement naming it
            for (auto& [key, node] : nonlocal_nodes_)
              if (key.second == name) { err_node_ = node; break; }
          }
        }
        f |= SYM_FREE;
        continue;
      }
      if (f & DEF_GLOBAL) continue;
      if (!local && (f & USE) && enclosing_fn_locals.count(name)) {
        if (s->kind == Scope::Class) f |= SYM_FREE_CLASS;
        f |= SYM_FREE;
      }
    }
    // children that are free in a name local here make it a cell (propagating through
    // intermediate scopes that don't define it)
    for (auto& c : s->children) mark_cells(s, c.get());
    std::vector<std::string> cells, frees;
    for (auto& [name, f] : s->symbols) {
      if (f & SYM_CELL) cells.push_back(name);
      if (f & SYM_FREE) frees.push_back(name);
    }
    if (s->kind == Scope::Class && s->needs_class_cell) {
      if (std::find(cells.begin(), cells.end(), "__class__") == cells.end()) cells.push_back("__class__");
    }
    std::sort(cells.begin(), cells.end());
    std::sort(frees.begin(), frees.end());
    s->cellvars = cells;
    s->freevars = frees;
  }

  static bool needs_class_cell(Scope* s) {
    for (auto& c : s->children)
      if (c->kind == Scope::Function && c->uses_super) return true;
    return false;
  }

  void mark_cells(Scope* s, Scope* c) {
    for (auto& [name, f] : c->symbols) {
      if (!(f & SYM_FREE)) continue;
      int& mine = s->symbols[name];
      if (s->kind == Scope::Class) {
        if (name == "__class__") continue;  // handled by needs_class_cell
        mine |= SYM_FREE;  // passes through the class
        continue;
      }
      bool local = (mine & (DEF_LOCAL | DEF_PARAM)) && !(mine & (DEF_GLOBAL | DEF_NONLOCAL));
      if (local) mine |= SYM_CELL;
      else mine |= SYM_FREE;
    }
  }

  const syntax::Tree& t_;
  std::string& err_;
  TSNode& err_node_;
  int depth_ = 0;
  std::map<std::pair<const Scope*, std::string>, TSNode> nonlocal_nodes_;
};

}  // namespace

ParamList parse_params(const syntax::Tree& tree, TSNode params) {
  ParamList out;
  if (ts_node_is_null(params)) return out;
  bool kwonly = false;
  uint32_t c = ts_node_named_child_count(params);
  for (uint32_t i = 0; i < c; ++i) {
    TSNode p = ts_node_named_child(params, i);
    auto ty = type(p);
    Param pr;
    pr.kind = kwonly ? Param::KwOnly : Param::Positional;
    TSNode inner = p;
    if (ty == "typed_parameter") {
      inner = ts_node_named_child(p, 0);
      ty = type(inner);
      pr.annotation = field(p, "type");
    } else if (ty == "typed_default_parameter") {
      pr.annotation = field(p, "type");
    }
    if (ty == "identifier") {
      pr.name = std::string(tree.text(inner));
    } else if (ty == "default_parameter" || ty == "typed_default_parameter") {
      pr.name = std::string(tree.text(field(inner, "name")));
      pr.default_value = field(inner, "value");
      pr.has_default = true;
    } else if (ty == "list_splat_pattern") {
      pr.kind = Param::VarArgs;
      pr.name = std::string(tree.text(ts_node_named_child(inner, 0)));
      kwonly = true;
    } else if (ty == "dictionary_splat_pattern") {
      pr.kind = Param::VarKw;
      pr.name = std::string(tree.text(ts_node_named_child(inner, 0)));
    } else if (ty == "keyword_separator") {
      kwonly = true;
      continue;
    } else if (ty == "positional_separator") {
      out.posonly = 0;
      for (auto& q : out.params) if (q.kind == Param::Positional) ++out.posonly;
      continue;
    } else {
      continue;
    }
    out.params.push_back(pr);
  }
  return out;
}

std::unique_ptr<Scope> build_scopes(const syntax::Tree& tree, std::string& error, TSNode& error_node) {
  auto mod = std::make_unique<Scope>();
  mod->kind = Scope::Module;
  mod->name = "<module>";
  Builder b(tree, error, error_node);
  b.visit_children(tree.root(), mod.get());
  b.resolve(mod.get(), {});
  return mod;
}

}  // namespace pitfall::sim
