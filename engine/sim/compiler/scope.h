// Symbol tables: which names of each scope are local, global, cell or free,
// computed from the syntax tree before code generation, as CPython's
// Python/symtable.c does (class bodies are skipped when resolving free
// variables; comprehensions and lambdas are function scopes; walrus targets
// bind in the nearest enclosing non-comprehension scope).
#pragma once
#include <tree_sitter/api.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "syntax/tree.h"

namespace pitfall::sim {

enum SymFlag { DEF_LOCAL = 1, DEF_GLOBAL = 2, DEF_NONLOCAL = 4, USE = 8, DEF_PARAM = 16,
               SYM_FREE = 32, SYM_CELL = 64, SYM_GLOBAL_IMPLICIT = 128, SYM_FREE_CLASS = 256 };

struct Scope {
  enum Kind { Module, Function, Class } kind = Module;
  bool comprehension = false, lambda = false, generator = false, coroutine = false;
  bool uses_super = false;  // needs the implicit __class__ cell
  bool needs_class_cell = false;  // class scope: some method uses super()/__class__
  std::string name;
  Scope* parent = nullptr;
  std::map<std::string, int> symbols;
  std::vector<std::string> params;  // in order
  std::vector<std::string> cellvars, freevars;  // sorted like CPython
  std::vector<std::string> local_order;  // locals in first-binding order after params
  std::vector<std::unique_ptr<Scope>> children;
  std::map<std::pair<std::uint32_t, std::uint32_t>, Scope*> by_node;

  int flags(const std::string& n) const {
    auto it = symbols.find(n);
    return it == symbols.end() ? 0 : it->second;
  }
  Scope* child(TSNode n) const {
    auto it = by_node.find({ts_node_start_byte(n), ts_node_end_byte(n)});
    return it == by_node.end() ? nullptr : it->second;
  }
};

// Builds the scope tree of a module. `error`/`error_node` are set for
// constructs that are invalid (e.g. nonlocal at module level).
std::unique_ptr<Scope> build_scopes(const syntax::Tree& tree, std::string& error, TSNode& error_node);

}  // namespace pitfall::sim

namespace pitfall::sim {
// A def/lambda parameter list, flattened.
struct Param {
  enum Kind { Positional, VarArgs, KwOnly, VarKw } kind = Positional;
  std::string name;
  TSNode default_value{};  // null node when none
  TSNode annotation{};     // `x: T`: the T node, null when none
  bool has_default = false;
};
struct ParamList {
  std::vector<Param> params;  // in source order
  int posonly = 0;            // count before '/'
};
ParamList parse_params(const syntax::Tree& tree, TSNode params);
}  // namespace pitfall::sim
