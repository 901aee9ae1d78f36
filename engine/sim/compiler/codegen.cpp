// Code generation: walks the tree-sitter CST with the symbol tables from
// scope.cpp and emits CPython-3.11-shaped bytecode (see code.h). Constructs
// the simulator does not model yet produce a located "not modelled" error.
#include <charconv>
#include <set>
#include <cmath>
#include <cstring>
#include <functional>
#include <map>

#include "sim/compiler/docstring.h"
#include "sim/compiler/compiler.h"
#include "sim/compiler/const_arith.h"
#include "sim/compiler/const_frozenset.h"
#include "sim/compiler/const_key.h"
#include "sim/compiler/escape_warnings.h"
#include "sim/compiler/indentation.h"
#include "sim/compiler/scope.h"
#include "sim/pylib/parse.h"
#include "syntax/tree.h"
#include "syntax/walk.h"

namespace pitfall::sim {
namespace {

using syntax::field;
using syntax::type;

struct CompileError {
  std::string type, msg;
  TSNode node;
};

constexpr const char* kExceptStarJump = "'break', 'continue' and 'return' cannot appear in an except* block";
enum class FB { While, For, TryExcept, FinallyTry, FinallyEnd, HandlerCleanup, With, AsyncFor, AsyncWith, ExceptStar };
struct FBlock {
  FB kind;
  int continue_target = -1;
  std::vector<int> breaks;
  TSNode finally_body{};
  std::string name{};  // HandlerCleanup: the `as` name, unbound when leaving the handler
};

struct Unit {
  Ref code_ref;
  CodeObj* code;
  Scope* scope;
  std::map<std::string, int> name_idx;
  std::map<std::string, int> local_idx;  // fast locals
  std::map<std::string, int> deref_idx;  // cells then frees (offset from varnames.size())
  std::vector<FBlock> fblocks;
  Pos pos;
  bool class_annotations = false;  // class body with `name: T` statements: fills __annotations__
};

int popcount(int x) { int c = 0; while (x) { c += x & 1; x >>= 1; } return c; }

class Codegen {
 public:
  Codegen(Runtime& rt, const syntax::Tree& t, const std::string& filename) : rt_(rt), t_(t), filename_(filename) {}

  // error state (no C++ exceptions: the first error wins and compilation unwinds by checks)
  bool failed() const { return !err_.msg.empty(); }
  void fail(TSNode n, const std::string& msg, const std::string& ty = "NotModelled") {
    if (failed()) return;
    err_ = {ty, msg, n};
  }
  CompileError err_;
  std::vector<CompileWarning> warnings_;

  std::string text(TSNode n) const { return std::string(t_.text(n)); }
  // tree-sitter "extras" that may appear between any two children
  static bool is_extra(TSNode n) {
    std::string_view t = ts_node_type(n);
    return t == "comment" || t == "line_continuation";
  }

  Unit* u = nullptr;

  void set_pos(TSNode n) {
    auto s = t_.start(n), e = t_.end(n);
    u->pos = {s.line, s.col, e.line, e.col};
  }
  void set_anchor(TSNode from, TSNode to) {
    auto s = t_.start(from), e = t_.end(to);
    if (s.line == u->pos.line && e.line == u->pos.line) { u->pos.anchor = s.col; u->pos.anchor_end = e.col; }
  }
  int emit(int op, int arg = 0) {
    u->code->code.push_back({std::uint8_t(op), arg});
    u->code->pos.push_back(u->pos);
    return int(u->code->code.size()) - 1;
  }
  int here() const { return int(u->code->code.size()); }
  void patch(int at, int target) { u->code->code[at].arg = target; }

  int add_const(Ref v) {
    auto& c = u->code->consts;
    for (size_t i = 0; i < c.size(); ++i) {
      Obj* a = c[i].get();
      Obj* b = v.get();
      if (same_const_key(a, b)) return int(i);  // (merge_consts_recursive)
    }
    c.push_back(std::move(v));
    return int(c.size()) - 1;
  }
  int name(const std::string& s) {
    auto it = u->name_idx.find(s);
    if (it != u->name_idx.end()) return it->second;
    int i = int(u->code->names.size());
    u->code->names.push_back(rt_.intern(s));
    u->name_idx[s] = i;
    return i;
  }
  void load_const(Ref v) { emit(LOAD_CONST, add_const(std::move(v))); }
  // The constants of the n instructions emitted from `start` on, when they
  // are n LOAD_CONSTs (one per expression the caller compiled: no jump lands
  // between them).
  bool const_run(int start, int n, std::vector<Ref>& items) {
    if (here() - start != n) return false;
    items.clear();
    for (int i = start; i < here(); ++i) {
      const Instr& in = u->code->code[std::size_t(i)];
      if (in.op != LOAD_CONST) return false;
      items.push_back(u->code->consts[std::size_t(in.arg)]);
    }
    return true;
  }
  void drop_from(int start) {
    u->code->code.resize(std::size_t(start));
    u->code->pos.resize(std::size_t(start));
  }
  // -, + or ~ of the one constant emitted from `start` on (an int, bool or
  // float; ~ of an int or bool) as one LOAD_CONST of the result, as CPython's
  // AST optimizer folds them (Python/ast_opt.c fold_unaryop): `-2.5`,
  // `-(-3)`, `~0`. False: nothing changed.
  bool fold_unary(int start, const std::string& op) {
    std::vector<Ref> items;
    if (!const_run(start, 1, items)) return false;
    const Obj* c = items[0].get();
    Ref r;
    if (c->tag == Tag::Int && (c->cls == rt_.int_t || c->cls == rt_.bool_t)) {
      const std::int64_t v = static_cast<const IntObj*>(c)->v;
      if (v == INT64_MIN) return false;
      r = rt_.make_int(op == "-" ? -v : op == "+" ? v : ~v);
    } else if (c->tag == Tag::Float && c->cls == rt_.float_t && op != "~") {
      const double v = static_cast<const FloatObj*>(c)->v;
      r = rt_.make_float(op == "-" ? -v : v);
    }
    if (!r) return false;
    drop_from(start);
    load_const(std::move(r));
    return true;
  }

  // BUILD_TUPLE n of the n values emitted from `start` on, or one LOAD_CONST
  // of the tuple when they are all constants, at the current position: what
  // CPython's AST optimizer does to a tuple display of constants
  // (Python/ast_opt.c fold_tuple, nested tuples included) and its peephole
  // to the tuples it builds itself (compile.c fold_tuple_on_constants:
  // defaults, annotations, a[1, 2]). `()` is the empty-tuple singleton.
  void build_tuple(int start, int n) {
    std::vector<Ref> items;
    if (!const_run(start, n, items)) {
      emit(BUILD_TUPLE, n);
      return;
    }
    drop_from(start);
    load_const(n == 0 ? rt_.empty_tuple : rt_.make_tuple(std::move(items)));
  }

  // ---- units ----
  std::unique_ptr<Unit> new_unit(Scope* s, const std::string& name, const std::string& qualname, TSNode n) {
    auto nu = std::make_unique<Unit>();
    nu->code_ref = make<CodeObj>(rt_.code_t);
    nu->code = nu->code_ref.as<CodeObj>();
    nu->scope = s;
    nu->code->name = name;
    nu->code->qualname = qualname;
    nu->code->filename = filename_;
    nu->code->firstlineno = ts_node_is_null(n) ? 1 : t_.start(n).line;
    if (s->kind == Scope::Function) {
      nu->code->flags |= CO_NEWLOCALS;
      for (auto& p : s->params) {
        nu->local_idx[p] = int(nu->code->varnames.size());
        nu->code->varnames.push_back(p);
      }
      for (auto& l : s->local_order) {
        int f = s->flags(l);
        if ((f & (SYM_CELL | SYM_FREE | DEF_GLOBAL | DEF_NONLOCAL)) || nu->local_idx.count(l)) continue;
        nu->local_idx[l] = int(nu->code->varnames.size());
        nu->code->varnames.push_back(l);
      }
      // any other local (e.g. bound only by del) not yet placed
      for (auto& [nm, f] : s->symbols) {
        if ((f & (DEF_LOCAL | DEF_PARAM)) && !(f & (SYM_CELL | SYM_FREE | DEF_GLOBAL | DEF_NONLOCAL)) && !nu->local_idx.count(nm)) {
          nu->local_idx[nm] = int(nu->code->varnames.size());
          nu->code->varnames.push_back(nm);
        }
      }
      if (s->generator) nu->code->flags |= CO_GENERATOR;
      if (s->coroutine) nu->code->flags |= s->generator ? CO_ASYNC_GENERATOR : CO_COROUTINE;
      if (s->comprehension && s->coroutine && s->generator) nu->code->flags = (nu->code->flags & ~CO_COROUTINE);
    }
    nu->code->cellvars = s->cellvars;
    nu->code->freevars = s->freevars;
    int k = 0;
    for (auto& c : s->cellvars) {
      nu->deref_idx[c] = k++;
      int arg = -1;
      for (size_t i = 0; i < s->params.size(); ++i)
        if (s->params[i] == c) arg = int(i);
      nu->code->cell_from_arg.push_back(arg);
    }
    for (auto& f : s->freevars) nu->deref_idx[f] = k++;
    return nu;
  }

  Ref finish_unit(Unit* un) {
    compute_stacksize(un->code);
    return un->code_ref;
  }

  static int effect(const Instr& in, bool jump) {
    int a = in.arg;
    switch (in.op) {
      case NOP: case SWAP: case DELETE_FAST: case DELETE_DEREF: case DELETE_GLOBAL: case DELETE_NAME:
      case LOAD_ATTR: case UNARY_NEGATIVE: case UNARY_POSITIVE: case UNARY_INVERT: case UNARY_NOT:
      case LIST_TO_TUPLE: case GET_ITER: case JUMP_FORWARD: case JUMP_BACKWARD: case KW_NAMES:
      case YIELD_VALUE: case GET_YIELD_FROM_ITER: case GET_AWAITABLE: case POP_BLOCK: case CHECK_EXC_MATCH:
      case GET_AITER: case NOT_MODELLED: case CHECK_EG_MATCH:
        return 0;
      case POP_TOP: case STORE_FAST: case STORE_DEREF: case STORE_GLOBAL: case STORE_NAME:
      case BINARY_OP: case COMPARE_OP: case IS_OP: case CONTAINS_OP: case BINARY_SUBSCR:
      case LIST_APPEND: case SET_ADD: case LIST_EXTEND: case SET_UPDATE: case DICT_UPDATE: case DICT_MERGE:
      case POP_JUMP_IF_FALSE: case POP_JUMP_IF_TRUE: case RETURN_VALUE: case POP_EXCEPT:
      case DELETE_ATTR: case WITH_EXIT: case IMPORT_STAR: case PREP_RERAISE_STAR:
        return -1;
      case PUSH_NULL: case COPY: case LOAD_CONST: case LOAD_FAST: case LOAD_DEREF: case LOAD_CLASSDEREF:
      case LOAD_CLOSURE: case LOAD_GLOBAL: case LOAD_NAME: case LOAD_METHOD: case BEFORE_WITH:
      case WITH_EXCEPT_START: case LOAD_BUILD_CLASS: case IMPORT_NAME: case IMPORT_FROM:
      case LOAD_ASSERTION_ERROR: case GET_ANEXT: case BEFORE_ASYNC_WITH:
      case MATCH_SEQUENCE: case MATCH_MAPPING: case MATCH_KEYS: case GET_LEN:
        return 1;
      case MATCH_CLASS: return -2;
      case STORE_ATTR: case DELETE_SUBSCR: case MAP_ADD: case RERAISE: return -2;
      case STORE_SUBSCR: return -3;
      case RERAISE_RESTORE: return -3;
      case END_ASYNC_FOR: return -3;  // [aiter, prev, exc] popped when the loop ends
      case BUILD_SLICE: case BUILD_LIST: case BUILD_TUPLE: case BUILD_SET: case BUILD_STRING: return 1 - a;
      case BUILD_MAP: return 1 - 2 * a;
      case FORMAT_VALUE: return (a & 4) ? -1 : 0;
      case UNPACK_SEQUENCE: return a - 1;
      case UNPACK_EX: return (a & 0xff) + (a >> 8);
      case FOR_ITER: return jump ? -1 : 1;
      case JUMP_IF_FALSE_OR_POP: case JUMP_IF_TRUE_OR_POP: return jump ? 0 : -1;
      case CALL: return -(a + 1);
      case CALL_FUNCTION_EX: return -(2 + (a & 1)) + 1;
      case MAKE_FUNCTION: return -popcount(a);
      case SEND: return jump ? -1 : 0;
      case SETUP_FINALLY: return jump ? 2 : 0;
      case SETUP_CLEANUP: return jump ? 1 : 0;
      case RAISE_VARARGS: return -a;
    }
    return 0;
  }

  static void compute_stacksize(CodeObj* c) {
    int n = int(c->code.size());
    std::vector<int> depth(n + 1, -1);
    std::vector<int> work;
    int maxd = 0;
    bool overflow = false;
    auto push = [&](int i, int d) {
      if (i < 0 || i > n) return;
      if (d > 4096 || d < 0) { overflow = true; return; }
      if (d > maxd) maxd = d;
      if (depth[i] >= d) return;
      depth[i] = d;
      work.push_back(i);
    };
    push(0, 0);
    while (!work.empty()) {
      int i = work.back();
      work.pop_back();
      if (i >= n) continue;
      int d = depth[i];
      const Instr& in = c->code[i];
      if (op_is_jump(in.op)) push(in.arg, d + effect(in, true));
      bool terminal = in.op == JUMP_FORWARD || in.op == JUMP_BACKWARD || in.op == RETURN_VALUE ||
                      in.op == RERAISE || in.op == RERAISE_RESTORE || in.op == RAISE_VARARGS;
      if (!terminal) push(i + 1, d + effect(in, false));
    }
    // an inconsistent stack depth is a compiler bug; keep running with a generous stack
    c->stacksize = overflow ? 4096 + 2 : maxd + 2;
  }

  // ---- names ----
  void name_op(const std::string& n, int kind /*0 load 1 store 2 del*/) {
    Scope* s = u->scope;
    int f = s->flags(n);
    auto deref = u->deref_idx.find(n);
    if (s->kind == Scope::Module) {
      emit(kind == 0 ? LOAD_NAME : kind == 1 ? STORE_NAME : DELETE_NAME, name(n));
      return;
    }
    if (s->kind == Scope::Class) {
      if (f & DEF_GLOBAL) { emit(kind == 0 ? LOAD_GLOBAL : kind == 1 ? STORE_GLOBAL : DELETE_GLOBAL, name(n)); return; }
      if (kind == 0 && (f & SYM_FREE_CLASS) && deref != u->deref_idx.end() && !(f & DEF_LOCAL)) {
        emit(LOAD_CLASSDEREF, deref->second);
        return;
      }
      emit(kind == 0 ? LOAD_NAME : kind == 1 ? STORE_NAME : DELETE_NAME, name(n));
      return;
    }
    if (deref != u->deref_idx.end() && (f & (SYM_CELL | SYM_FREE))) {
      emit(kind == 0 ? LOAD_DEREF : kind == 1 ? STORE_DEREF : DELETE_DEREF, deref->second);
      return;
    }
    auto loc = u->local_idx.find(n);
    if (loc != u->local_idx.end()) {
      emit(kind == 0 ? LOAD_FAST : kind == 1 ? STORE_FAST : DELETE_FAST, loc->second);
      return;
    }
    emit(kind == 0 ? LOAD_GLOBAL : kind == 1 ? STORE_GLOBAL : DELETE_GLOBAL, name(n));
  }

  // ---- module ----
  Ref compile(Scope* mod) {
    auto un = new_unit(mod, "<module>", "<module>", t_.root());
    u = un.get();
    TSNode root = t_.root();
    u->pos = {1, 1, 1, 1};
    if (has_annotations(root)) {  // SETUP_ANNOTATIONS
      u->class_annotations = true;
      emit(BUILD_MAP, 0);
      emit(STORE_NAME, name("__annotations__"));
    }
    if (eval_mode) {
      // eval(): the source is one expression whose value the code returns
      TSNode only{};
      int stmts = 0;
      for (uint32_t i = 0; i < ts_node_named_child_count(root); ++i) {
        TSNode ch = ts_node_named_child(root, i);
        if (type(ch) == "comment") continue;
        ++stmts;
        only = ch;
      }
      uint32_t parts = stmts == 1 && type(only) == "expression_statement" ? ts_node_named_child_count(only) : 0;
      for (uint32_t i = 0; i < parts; ++i)
        if (!is_expression_node(ts_node_named_child(only, i))) parts = 0;
      if (parts == 0) {
        fail(stmts ? only : root, "invalid syntax", "SyntaxError");
        return nullptr;
      }
      set_pos(only);
      const int start = here();
      for (uint32_t i = 0; i < parts; ++i) expr(ts_node_named_child(only, i));
      if (parts > 1 || text(only).back() == ',') { set_pos(only); build_tuple(start, int(parts)); }
      emit(RETURN_VALUE);
      if (failed()) return nullptr;
      return finish_unit(u);
    }
    body(root);
    load_const(rt_.None);
    emit(RETURN_VALUE);
    if (failed()) return nullptr;
    return finish_unit(u);
  }

  bool eval_mode = false;  // compile_eval: return the value of the one expression
  bool is_expression_node(TSNode e) {
    auto t = type(e);
    return t != "assignment" && t != "augmented_assignment" && t != "yield" && t != "expression_list";
  }

  void body(TSNode block) {
    uint32_t c = ts_node_named_child_count(block);
    for (uint32_t i = 0; i < c && !failed(); ++i) stmt(ts_node_named_child(block, i));
  }

  // ---- statements ----
  void stmt(TSNode n) {
    auto ty = type(n);
    if (ty == "comment" || ty == "line_continuation") return;
    set_pos(n);
    if (ty == "expression_statement") {
      uint32_t c = ts_node_named_child_count(n);
      for (uint32_t i = 0; i < c; ++i) {
        TSNode e = ts_node_named_child(n, i);
        auto et = type(e);
        if (et == "assignment") {
          // tree-sitter-python reads `match [a, b]:` + `case [...]: body` as the
          // annotation `match[a, b]: case[...]: body`; say so rather than run nothing
          TSNode l = field(e, "left");
          if (ts_node_is_null(field(e, "right")) && type(l) == "subscript" && text(field(l, "value")) == "match")
            return fail(e, "a match statement whose subject starts with '[' is not modelled yet (assign the subject to a variable first)");
          assignment(e);
          continue;
        }
        if (et == "augmented_assignment") { aug_assign(e); continue; }
        if (et == "comment" || et == "line_continuation") continue;
        expr(e);
        emit(POP_TOP);
      }
      if (c > 1 && type(ts_node_named_child(n, 0)) != "assignment") {
        // `a, b` as a statement is a tuple expression; handled above as separate pops
      }
      return;
    }
    if (ty == "pass_statement") { emit(NOP); return; }
    if (ty == "if_statement") return if_stmt(n);
    if (ty == "while_statement") return while_stmt(n);
    if (ty == "for_statement") return for_stmt(n);
    if (ty == "function_definition") return funcdef(n, {});
    if (ty == "class_definition") return classdef(n, {});
    if (ty == "decorated_definition") {
      std::vector<TSNode> decs;
      uint32_t c = ts_node_named_child_count(n);
      for (uint32_t i = 0; i < c; ++i) {
        TSNode ch = ts_node_named_child(n, i);
        if (type(ch) == "decorator") decs.push_back(ch);
      }
      TSNode d = field(n, "definition");
      if (type(d) == "function_definition") funcdef(d, decs);
      else classdef(d, decs);
      return;
    }
    if (ty == "return_statement") {
      if (u->scope->kind != Scope::Function) return fail(n, "'return' outside function", "SyntaxError");
      for (auto& fb : u->fblocks)  // located at the value, as compiler_return reports it after visiting it
        if (fb.kind == FB::ExceptStar) {
          TSNode val = ts_node_named_child_count(n) ? ts_node_named_child(n, 0) : TSNode{};
          return fail(ts_node_is_null(val) ? n : val, kExceptStarJump, "SyntaxError");
        }
      TSNode v = ts_node_named_child_count(n) ? ts_node_named_child(n, 0) : TSNode{};
      if (!ts_node_is_null(v) && (u->code->flags & CO_ASYNC_GENERATOR))  // symtable.c
        return fail(n, "'return' with value in async generator", "SyntaxError");
      if (!ts_node_is_null(v)) {
        if (type(v) == "expression_list") tuple_expr(v);
        else expr(v);
      } else {
        load_const(rt_.None);
      }
      set_pos(n);
      unwind_fblocks(true, -1);
      set_pos(n);
      emit(RETURN_VALUE);
      return;
    }
    if (ty == "break_statement" || ty == "continue_statement") {
      bool brk = ty == "break_statement";
      int loop = -1;
      for (int i = int(u->fblocks.size()) - 1; i >= 0; --i) {
        if (u->fblocks[i].kind == FB::While || u->fblocks[i].kind == FB::For || u->fblocks[i].kind == FB::AsyncFor) { loop = i; break; }
        if (u->fblocks[i].kind == FB::ExceptStar) return fail(n, kExceptStarJump, "SyntaxError");
      }
      if (loop < 0) return fail(n, brk ? "'break' outside loop" : "'continue' not properly in loop", "SyntaxError");
      unwind_fblocks(false, loop + 1);
      set_pos(n);
      if (brk) {
        if (u->fblocks[loop].kind != FB::While) emit(POP_TOP);
        u->fblocks[loop].breaks.push_back(emit(JUMP_FORWARD));
      } else {
        emit(JUMP_BACKWARD, u->fblocks[loop].continue_target);
      }
      return;
    }
    if (ty == "global_statement" || ty == "nonlocal_statement") return;
    if (ty == "import_statement") return import_stmt(n);
    if (ty == "import_from_statement") return import_from(n);
    if (ty == "future_import_statement") return;
    if (ty == "raise_statement") {
      int argc = 0;
      uint32_t c = ts_node_named_child_count(n);
      TSNode cause = field(n, "cause");
      for (uint32_t i = 0; i < c; ++i) {
        TSNode ch = ts_node_named_child(n, i);
        if (!ts_node_is_null(cause) && ts_node_eq(ch, cause)) continue;
        expr(ch);
        argc = 1;
      }
      if (!ts_node_is_null(cause)) { expr(cause); argc = 2; }
      set_pos(n);
      emit(RAISE_VARARGS, argc);
      return;
    }
    if (ty == "try_statement") return try_stmt(n);
    if (ty == "with_statement") return with_stmt(n);
    if (ty == "assert_statement") {
      uint32_t c = ts_node_named_child_count(n);
      expr(ts_node_named_child(n, 0));
      int j = emit(POP_JUMP_IF_TRUE);
      emit(LOAD_ASSERTION_ERROR);
      if (c > 1) {
        emit(PUSH_NULL);
        emit(SWAP, 2);
        expr(ts_node_named_child(n, 1));
        emit(CALL, 1);
      }
      set_pos(n);
      emit(RAISE_VARARGS, 1);
      patch(j, here());
      return;
    }
    if (ty == "delete_statement") {
      uint32_t c = ts_node_named_child_count(n);
      for (uint32_t i = 0; i < c; ++i) del_target(ts_node_named_child(n, i));
      return;
    }
    if (ty == "block") { body(n); return; }
    if (ty == "match_statement") return match_stmt(n);
    if (ty == "type_alias_statement") return fail(n, "type alias statements are not modelled yet");
    if (ty == "print_statement" || ty == "exec_statement")
      return fail(n, "Missing parentheses in call to '" + std::string(ty.substr(0, ty.find('_'))) + "'", "SyntaxError");
    if (ty == "ERROR") return fail(n, "invalid syntax", "SyntaxError");
    fail(n, "statement `" + std::string(ty) + "` is not modelled yet");
  }

  void del_target(TSNode t) {
    auto ty = type(t);
    set_pos(t);
    if (ty == "identifier") { name_op(text(t), 2); return; }
    if (ty == "attribute") { expr(field(t, "object")); set_pos(t); emit(DELETE_ATTR, name(text(field(t, "attribute")))); return; }
    if (ty == "subscript") { expr(field(t, "value")); subscript_index(t); set_pos(t); emit(DELETE_SUBSCR); return; }
    if (ty == "expression_list" || ty == "tuple" || ty == "list" || ty == "parenthesized_expression" || ty == "pattern_list") {
      uint32_t c = ts_node_named_child_count(t);
      for (uint32_t i = 0; i < c; ++i) del_target(ts_node_named_child(t, i));
      return;
    }
    fail(t, "cannot delete " + std::string(ty), "SyntaxError");
  }

  // Emits the cleanup needed to leave fblocks down to `stop` (exclusive of
  // fblocks below it). With preserve_top the value on top of the stack survives.
  void unwind_fblocks(bool preserve_top, int stop) {
    if (stop < 0) stop = 0;
    std::vector<FBlock> saved;
    for (int i = int(u->fblocks.size()) - 1; i >= stop; --i) {
      FBlock fb = u->fblocks[i];
      switch (fb.kind) {
        case FB::While: break;
        case FB::For:
        case FB::AsyncFor:
          if (preserve_top) emit(SWAP, 2);
          emit(POP_TOP);
          break;
        case FB::TryExcept: emit(POP_BLOCK); break;
        case FB::ExceptStar: break;  // return/break/continue out of except* are SyntaxErrors
        case FB::FinallyTry: {
          emit(POP_BLOCK);
          // compile the finally body with the fblocks above it removed
          std::vector<FBlock> keep(u->fblocks.begin() + i, u->fblocks.end());
          u->fblocks.resize(i);
          body(fb.finally_body);
          u->fblocks.insert(u->fblocks.end(), keep.begin(), keep.end());
          break;
        }
        case FB::FinallyEnd:
          emit(POP_BLOCK);
          if (preserve_top) { emit(SWAP, 3); emit(POP_EXCEPT); emit(POP_TOP); }
          else { emit(POP_TOP); emit(POP_EXCEPT); }
          break;
        case FB::HandlerCleanup:
          if (!fb.name.empty()) emit(POP_BLOCK);
          emit(POP_BLOCK);
          if (preserve_top) emit(SWAP, 2);
          emit(POP_EXCEPT);
          if (!fb.name.empty()) {  // compiler_unwind_fblock: name = None; del name
            load_const(rt_.None);
            name_op(fb.name, 1);
            name_op(fb.name, 2);
          }
          break;
        case FB::With:
          emit(POP_BLOCK);
          if (preserve_top) emit(SWAP, 2);
          emit(WITH_EXIT);
          break;
        case FB::AsyncWith:
          emit(POP_BLOCK);
          if (preserve_top) emit(SWAP, 2);
          emit(PUSH_NULL);
          emit(SWAP, 2);
          load_const(rt_.None);
          load_const(rt_.None);
          load_const(rt_.None);
          emit(CALL, 3);
          emit_await();
          emit(POP_TOP);
          break;
      }
    }
  }

  void if_stmt(TSNode n) {
    std::vector<int> ends;
    expr(field(n, "condition"));
    int j = emit(POP_JUMP_IF_FALSE);
    body(field(n, "consequence"));
    uint32_t c = ts_node_named_child_count(n);
    for (uint32_t i = 0; i < c; ++i) {
      TSNode ch = ts_node_named_child(n, i);
      auto ty = type(ch);
      if (ty == "elif_clause") {
        ends.push_back(emit(JUMP_FORWARD));
        patch(j, here());
        set_pos(field(ch, "condition"));
        expr(field(ch, "condition"));
        j = emit(POP_JUMP_IF_FALSE);
        body(field(ch, "consequence"));
      } else if (ty == "else_clause") {
        ends.push_back(emit(JUMP_FORWARD));
        patch(j, here());
        j = -1;
        body(field(ch, "body"));
      }
    }
    if (j >= 0) patch(j, here());
    for (int e : ends) patch(e, here());
  }

  void while_stmt(TSNode n) {
    int top = here();
    expr(field(n, "condition"));
    int j = emit(POP_JUMP_IF_FALSE);
    u->fblocks.push_back({FB::While, top, {}, {}});
    body(field(n, "body"));
    set_pos(field(n, "condition"));
    emit(JUMP_BACKWARD, top);
    FBlock fb = u->fblocks.back();
    u->fblocks.pop_back();
    patch(j, here());
    TSNode alt = field(n, "alternative");
    if (!ts_node_is_null(alt)) body(field(alt, "body"));
    for (int b : fb.breaks) patch(b, here());
  }

  void for_stmt(TSNode n) {
    bool is_async = std::string_view(ts_node_type(ts_node_child(n, 0))) == "async";
    if (is_async) return async_for_stmt(n);
    TSNode right = field(n, "right");
    if (type(right) == "expression_list") tuple_expr(right);
    else iterated(right);
    set_pos(right);
    emit(GET_ITER);
    int top = emit(FOR_ITER);
    u->fblocks.push_back({FB::For, top, {}, {}});
    store_target(field(n, "left"));
    body(field(n, "body"));
    set_pos(field(n, "left"));
    emit(JUMP_BACKWARD, top);
    FBlock fb = u->fblocks.back();
    u->fblocks.pop_back();
    patch(top, here());
    TSNode alt = field(n, "alternative");
    if (!ts_node_is_null(alt)) body(field(alt, "body"));
    for (int b : fb.breaks) patch(b, here());
  }

  // the `await` sequence: awaitable on the stack -> its result
  void emit_await() {
    emit(GET_AWAITABLE);
    load_const(rt_.None);
    int s = emit(SEND);
    emit(YIELD_VALUE);
    emit(JUMP_BACKWARD, s);
    patch(s, here());
  }

  bool in_async_function() const { return u->code->flags & (CO_COROUTINE | CO_ASYNC_GENERATOR); }

  // async for (Python/compile.c compiler_async_for): GET_AITER; loop: SETUP_FINALLY
  // handler; GET_ANEXT; await; POP_BLOCK; target = value; body; handler: END_ASYNC_FOR
  void async_for_stmt(TSNode n) {
    if (!in_async_function()) return fail(n, "'async for' outside async function", "SyntaxError");
    TSNode right = field(n, "right");
    if (type(right) == "expression_list") tuple_expr(right);
    else expr(right);
    set_pos(right);
    emit(GET_AITER);
    int top = here();
    int setup = emit(SETUP_FINALLY);
    emit(GET_ANEXT);
    emit_await();
    emit(POP_BLOCK);
    u->fblocks.push_back({FB::AsyncFor, top, {}, {}});
    store_target(field(n, "left"));
    body(field(n, "body"));
    set_pos(field(n, "left"));
    emit(JUMP_BACKWARD, top);
    FBlock fb = u->fblocks.back();
    u->fblocks.pop_back();
    patch(setup, here());
    set_pos(right);
    emit(END_ASYNC_FOR);
    TSNode alt = field(n, "alternative");
    if (!ts_node_is_null(alt)) body(field(alt, "body"));
    for (int b : fb.breaks) patch(b, here());
  }

  void try_stmt(TSNode n) {
    TSNode fin{}, els{};
    std::vector<TSNode> handlers;
    uint32_t c = ts_node_named_child_count(n);
    for (uint32_t i = 0; i < c; ++i) {
      TSNode ch = ts_node_named_child(n, i);
      auto ty = type(ch);
      if (ty == "finally_clause") fin = ch;
      else if (ty == "else_clause") els = ch;
      else if (ty == "except_clause" || ty == "except_group_clause") handlers.push_back(ch);
    }
    int stars = 0;
    for (TSNode h : handlers) stars += is_except_star(h);
    if (stars && stars != int(handlers.size()))
      return fail(handlers[0], "cannot have both 'except' and 'except*' on the same 'try'", "SyntaxError");
    if (stars && rt_.python_minor < 11) {
      TSNode star = star_token(handlers[0]);
      return fail(ts_node_is_null(star) ? handlers[0] : star, "invalid syntax", "SyntaxError");
    }
    TSNode fin_body{};
    if (!ts_node_is_null(fin)) {
      for (uint32_t i = 0; i < ts_node_named_child_count(fin); ++i)
        if (type(ts_node_named_child(fin, i)) == "block") fin_body = ts_node_named_child(fin, i);
    }
    int fin_setup = -1;
    if (!ts_node_is_null(fin_body)) {
      fin_setup = emit(SETUP_FINALLY);
      FBlock fb{FB::FinallyTry, -1, {}, fin_body};
      u->fblocks.push_back(fb);
    }
    if (stars) try_except_star(field(n, "body"), handlers, els);
    else if (!handlers.empty()) try_except(field(n, "body"), handlers, els);
    else {
      body(field(n, "body"));
      if (!ts_node_is_null(els)) body(field(els, "body"));
    }
    if (!ts_node_is_null(fin_body)) {
      u->fblocks.pop_back();
      set_pos(fin);
      emit(POP_BLOCK);
      body(fin_body);
      int jend = emit(JUMP_FORWARD);
      // exceptional path: stack [prev, exc]
      patch(fin_setup, here());
      set_pos(fin);
      int cleanup = emit(SETUP_CLEANUP);
      u->fblocks.push_back({FB::FinallyEnd, -1, {}, {}});
      body(fin_body);
      u->fblocks.pop_back();
      emit(POP_BLOCK);
      emit(RERAISE);
      patch(cleanup, here());
      emit(RERAISE_RESTORE);
      patch(jend, here());
    }
  }

  static TSNode star_token(TSNode h) {
    uint32_t c = ts_node_child_count(h);
    for (uint32_t i = 0; i < c; ++i) {
      TSNode ch = ts_node_child(h, i);
      if (!ts_node_is_named(ch) && std::string_view(ts_node_type(ch)) == "*") return ch;
    }
    return TSNode{};
  }
  static bool is_except_star(TSNode h) {
    return std::string_view(ts_node_type(h)) == "except_group_clause" || !ts_node_is_null(star_token(h));
  }

  // try/except* (PEP 654), the shape of compiler_try_star_except in CPython
  // 3.11's compile.c. Handler entry: [prev, exc]; the statement keeps
  // [prev, orig, raised_list, rest]: each clause splits `rest` with
  // CHECK_EG_MATCH, runs its body on the matching part, and what the body
  // raises goes into raised_list; PREP_RERAISE_STAR then computes what the
  // statement re-raises (None when everything was handled).
  void try_except_star(TSNode try_body, const std::vector<TSNode>& handlers, TSNode els) {
    int setup = emit(SETUP_FINALLY);
    u->fblocks.push_back({FB::TryExcept, -1, {}, {}});
    body(try_body);
    u->fblocks.pop_back();
    emit(POP_BLOCK);
    if (!ts_node_is_null(els)) body(field(els, "body"));
    int jend_ok = emit(JUMP_FORWARD);
    patch(setup, here());
    set_pos(handlers[0]);
    int cleanup = emit(SETUP_CLEANUP);
    emit(COPY, 1);          // [prev, orig, exc]
    emit(BUILD_LIST, 0);    // [prev, orig, exc, list]
    emit(SWAP, 2);          // [prev, orig, list, exc]
    for (TSNode h : handlers) {
      set_pos(h);
      TSNode value = field(h, "value");
      TSNode alias = field(h, "alias");
      if (!ts_node_is_null(value) && type(value) == "as_pattern") {
        alias = field(value, "alias");
        value = ts_node_named_child(value, 0);
      }
      if (ts_node_is_null(value)) return fail(h, "expected one or more exception types", "SyntaxError");
      expr(value);
      set_pos(h);
      emit(CHECK_EG_MATCH);   // [prev, orig, list, rest, match|None]
      emit(COPY, 1);
      load_const(rt_.None);
      emit(IS_OP, 0);
      int no_match = emit(POP_JUMP_IF_TRUE);
      std::string alias_name;
      if (!ts_node_is_null(alias)) {
        TSNode id = alias;
        if (type(id) == "as_pattern_target") id = ts_node_named_child(id, 0);
        alias_name = text(id);
        name_op(alias_name, 1);
      } else {
        emit(POP_TOP);
      }
      int body_setup = emit(SETUP_FINALLY);  // what the body raises: [.., rest, exc_info, raised]
      u->fblocks.push_back({FB::ExceptStar, -1, {}, {}});
      for (uint32_t i = 0; i < ts_node_named_child_count(h); ++i) {
        TSNode ch = ts_node_named_child(h, i);
        if (type(ch) == "block") body(ch);
      }
      u->fblocks.pop_back();
      emit(POP_BLOCK);
      if (!alias_name.empty()) {
        load_const(rt_.None);
        name_op(alias_name, 1);
        name_op(alias_name, 2);
      }
      int next = emit(JUMP_FORWARD);
      patch(body_setup, here());
      if (!alias_name.empty()) {
        load_const(rt_.None);
        name_op(alias_name, 1);
        name_op(alias_name, 2);
      }
      emit(LIST_APPEND, 3);   // raised -> list: [.., list, rest, exc_info]
      emit(POP_EXCEPT);
      int next2 = emit(JUMP_FORWARD);
      patch(no_match, here());
      emit(POP_TOP);          // the None match
      patch(next, here());
      patch(next2, here());
    }
    emit(LIST_APPEND, 1);     // the unhandled rest: [prev, orig, list]
    emit(PREP_RERAISE_STAR);  // [prev, result]
    emit(COPY, 1);
    load_const(rt_.None);
    emit(IS_OP, 1);
    int reraise = emit(POP_JUMP_IF_TRUE);
    emit(POP_TOP);
    emit(POP_BLOCK);
    emit(POP_EXCEPT);
    int jend = emit(JUMP_FORWARD);
    patch(reraise, here());
    emit(POP_BLOCK);
    emit(RERAISE);
    patch(cleanup, here());
    emit(RERAISE_RESTORE);
    patch(jend, here());
    patch(jend_ok, here());
  }

  void try_except(TSNode try_body, const std::vector<TSNode>& handlers, TSNode els) {
    int setup = emit(SETUP_FINALLY);
    u->fblocks.push_back({FB::TryExcept, -1, {}, {}});
    body(try_body);
    u->fblocks.pop_back();
    emit(POP_BLOCK);
    if (!ts_node_is_null(els)) body(field(els, "body"));
    std::vector<int> ends;
    ends.push_back(emit(JUMP_FORWARD));
    patch(setup, here());
    // stack: [prev_exc, exc]
    set_pos(handlers[0]);
    int cleanup = emit(SETUP_CLEANUP);
    for (TSNode h : handlers) {
      set_pos(h);
      TSNode value = field(h, "value");
      TSNode alias = field(h, "alias");
      if (!ts_node_is_null(value) && type(value) == "as_pattern") {
        alias = field(value, "alias");
        value = ts_node_named_child(value, 0);
      }
      int next = -1;
      if (!ts_node_is_null(value)) {
        expr(value);
        set_pos(h);
        emit(CHECK_EXC_MATCH);
        next = emit(POP_JUMP_IF_FALSE);
      }
      std::string alias_name;
      if (!ts_node_is_null(alias)) {
        TSNode id = alias;
        if (type(id) == "as_pattern_target") id = ts_node_named_child(id, 0);
        alias_name = text(id);
        name_op(alias_name, 1);
      } else {
        emit(POP_TOP);
      }
      // `as name`: the name is unbound however the handler ends (an
      // exception leaving it too: CPython's cleanup_end), so a frame kept by
      // the exception's traceback does not refer to the exception
      const int name_cleanup = alias_name.empty() ? -1 : emit(SETUP_FINALLY);
      u->fblocks.push_back({FB::HandlerCleanup, -1, {}, {}, alias_name});
      for (uint32_t i = 0; i < ts_node_named_child_count(h); ++i) {
        TSNode ch = ts_node_named_child(h, i);
        if (type(ch) == "block") body(ch);
      }
      u->fblocks.pop_back();
      if (name_cleanup >= 0) emit(POP_BLOCK);
      emit(POP_BLOCK);
      emit(POP_EXCEPT);
      if (!alias_name.empty()) {
        load_const(rt_.None);
        name_op(alias_name, 1);
        name_op(alias_name, 2);
      }
      ends.push_back(emit(JUMP_FORWARD));
      if (name_cleanup >= 0) {
        patch(name_cleanup, here());
        load_const(rt_.None);
        name_op(alias_name, 1);
        name_op(alias_name, 2);
        emit(RERAISE);
      }
      if (next >= 0) patch(next, here());
      else break;
    }
    emit(POP_BLOCK);
    emit(RERAISE);
    patch(cleanup, here());
    emit(RERAISE_RESTORE);
    for (int e : ends) patch(e, here());
  }

  void with_stmt(TSNode n) {
    bool is_async = std::string_view(ts_node_type(ts_node_child(n, 0))) == "async";
    if (is_async && !in_async_function()) return fail(n, "'async with' outside async function", "SyntaxError");
    TSNode clause{};
    TSNode blk{};
    for (uint32_t i = 0; i < ts_node_named_child_count(n); ++i) {
      TSNode ch = ts_node_named_child(n, i);
      if (type(ch) == "with_clause") clause = ch;
      if (type(ch) == "block") blk = ch;
    }
    if (ts_node_is_null(blk)) blk = field(n, "body");
    std::vector<TSNode> items;
    for (uint32_t i = 0; i < ts_node_named_child_count(clause); ++i) {
      TSNode ch = ts_node_named_child(clause, i);
      if (type(ch) == "with_item") items.push_back(ch);
    }
    with_items(items, 0, blk, is_async);
  }

  // async with: BEFORE_ASYNC_WITH + await of __aenter__(); the exits await __aexit__(...)
  void with_items(const std::vector<TSNode>& items, size_t i, TSNode blk, bool is_async = false) {
    if (i == items.size()) { body(blk); return; }
    TSNode item = items[i];
    TSNode v = field(item, "value");
    TSNode target{};
    if (type(v) == "as_pattern") { target = field(v, "alias"); v = ts_node_named_child(v, 0); }
    expr(v);
    set_pos(item);
    if (is_async) {
      emit(BEFORE_ASYNC_WITH);
      emit_await();
    } else {
      emit(BEFORE_WITH);
    }
    int setup = emit(SETUP_CLEANUP);  // the handler keeps only __exit__ under (prev, exc), as 3.11's exception table depth
    if (!ts_node_is_null(target)) {
      if (type(target) == "as_pattern_target") target = ts_node_named_child(target, 0);
      store_target(target);
    } else {
      emit(POP_TOP);
    }
    u->fblocks.push_back({is_async ? FB::AsyncWith : FB::With, -1, {}, {}});
    with_items(items, i + 1, blk, is_async);
    u->fblocks.pop_back();
    // the exit calls carry the whole with statement's location (compiler_with:
    // SET_LOC(c, s)), so a traceback through __exit__ quotes the line without carets
    TSNode stmt = ts_node_parent(ts_node_parent(item));
    set_pos(ts_node_is_null(stmt) ? item : stmt);
    emit(POP_BLOCK);
    if (is_async) {
      // await exit(None, None, None)
      emit(PUSH_NULL);
      emit(SWAP, 2);
      load_const(rt_.None);
      load_const(rt_.None);
      load_const(rt_.None);
      emit(CALL, 3);
      emit_await();
      emit(POP_TOP);
    } else {
      emit(WITH_EXIT);
    }
    int end = emit(JUMP_FORWARD);
    patch(setup, here());
    // stack: [exit, prev, exc]
    emit(WITH_EXCEPT_START);
    if (is_async) emit_await();
    int j = emit(POP_JUMP_IF_TRUE);
    emit(RERAISE);
    patch(j, here());
    emit(POP_TOP);
    emit(POP_EXCEPT);
    emit(POP_TOP);
    patch(end, here());
  }

  void import_stmt(TSNode n) {
    uint32_t c = ts_node_named_child_count(n);
    for (uint32_t i = 0; i < c; ++i) {
      TSNode ch = ts_node_named_child(n, i);
      set_pos(ch);
      if (type(ch) == "aliased_import") {
        std::string full = text(field(ch, "name"));
        emit(IMPORT_NAME, name(full));
        // `import a.b as c` binds the submodule: CPython's IMPORT_NAME (no
        // fromlist) gives the top package `a`, this VM's gives the module
        // named, so walk down from the top package as CPython's IMPORT_FROMs do
        if (full.find('.') != std::string::npos) {
          emit(POP_TOP);
          emit(IMPORT_NAME, name(full.substr(0, full.find('.'))));
        }
        size_t dot = 0;
        while ((dot = full.find('.', dot)) != std::string::npos) {
          size_t next = full.find('.', dot + 1);
          emit(IMPORT_FROM, name(full.substr(dot + 1, next == std::string::npos ? std::string::npos : next - dot - 1)));
          emit(SWAP, 2);
          emit(POP_TOP);
          dot = dot + 1;
        }
        name_op(text(field(ch, "alias")), 1);
      } else if (type(ch) == "dotted_name") {
        std::string full = text(ch);
        std::string first = full.substr(0, full.find('.'));
        emit(IMPORT_NAME, name(full));
        if (first != full) { emit(POP_TOP); emit(IMPORT_NAME, name(first)); }
        name_op(first, 1);
      }
    }
  }

  void import_from(TSNode n) {
    TSNode mod = field(n, "module_name");
    if (type(mod) == "relative_import") return fail(n, "relative imports are not modelled yet");
    set_pos(n);
    emit(IMPORT_NAME, name(text(mod)));
    uint32_t c = ts_node_named_child_count(n);
    bool star = false;
    for (uint32_t i = 0; i < c; ++i) {
      TSNode ch = ts_node_named_child(n, i);
      if (ts_node_eq(ch, mod)) continue;
      if (type(ch) == "wildcard_import") { star = true; continue; }
      if (type(ch) == "aliased_import") {
        emit(IMPORT_FROM, name(text(field(ch, "name"))));
        name_op(text(field(ch, "alias")), 1);
      } else if (type(ch) == "dotted_name") {
        emit(IMPORT_FROM, name(text(ch)));
        name_op(text(ch), 1);
      }
    }
    if (star) {
      if (u->scope->kind != Scope::Module) return fail(n, "import * only allowed at module level", "SyntaxError");
      emit(IMPORT_STAR);
    } else {
      emit(POP_TOP);
    }
  }

  static bool has_annotations(TSNode body) {
    uint32_t nc = ts_node_named_child_count(body);
    for (uint32_t i = 0; i < nc; ++i) {
      TSNode st = ts_node_named_child(body, i);
      if (std::string_view(ts_node_type(st)) != "expression_statement" || ts_node_named_child_count(st) == 0) continue;
      TSNode a = ts_node_named_child(st, 0);
      if (std::string_view(ts_node_type(a)) == "assignment" && !ts_node_is_null(ts_node_child_by_field_name(a, "type", 4))) return true;
    }
    return false;
  }

  // Pushes an annotation's value, evaluated as CPython 3.11 does: names,
  // `list[int]` (types.GenericAlias), `int | None` (types.UnionType),
  // `Optional[int]` (typing), ... An annotation that names a typing name the
  // simulator only stands in for (Generic, Protocol, ...), ClassVar / InitVar
  // (dataclasses reads them from the text), or uses a form the compiler does
  // not evaluate (`*Ts`) is kept as its source text, as under
  // `from __future__ import annotations` (PEP 563).
  void annotation_value(TSNode ty) {
    TSNode inner = ty;
    if (type(inner) == "type" && ts_node_named_child_count(inner) == 1) inner = ts_node_named_child(inner, 0);
    if (annotation_evaluable(inner)) annotation_expr(inner);
    else load_const(rt_.make_str(text(inner)));
  }

  bool annotation_evaluable(TSNode n, int depth = 0) {
    static const std::set<std::string> kTypingForms = {
        // typing's names the simulator only stands in for (modules/typing_py.cpp), and the
        // markers dataclasses reads from the annotation's text
        "Generic", "Protocol", "Coroutine", "AsyncGenerator", "ContextManager", "AsyncContextManager", "Pattern", "Match",
        "IO", "TextIO", "BinaryIO", "SupportsInt", "SupportsFloat", "SupportsIndex", "SupportsAbs", "SupportsRound",
        "NamedTuple", "TypedDict", "AnyStr", "Text", "Unpack", "Required", "NotRequired", "TypeVarTuple", "ParamSpec",
        "Concatenate", "TypeGuard", "ClassVar", "InitVar", "KW_ONLY"};
    if (depth > 50) return false;
    const std::string_view k = type(n);
    if (k == "constrained_type" || k == "splat_type" || k == "member_type" || k == "list_splat" || k == "dictionary_splat") return false;
    if (k == "identifier") return !kTypingForms.count(text(n));
    if (k == "string" && is_fstring(n)) return false;
    for (uint32_t i = 0; i < ts_node_named_child_count(n); ++i)
      if (!annotation_evaluable(ts_node_named_child(n, i), depth + 1)) return false;
    return true;
  }

  // The annotation's own forms (tree-sitter's generic_type: `list[int]`, union_type: `A | B`), else an expression.
  void annotation_expr(TSNode n) {
    const std::string_view k = type(n);
    if (k == "type" && ts_node_named_child_count(n) == 1) return annotation_expr(ts_node_named_child(n, 0));
    if (k == "generic_type" && ts_node_named_child_count(n) == 2) {
      annotation_expr(ts_node_named_child(n, 0));
      TSNode params = ts_node_named_child(n, 1);
      const uint32_t np = ts_node_named_child_count(params);
      const int start = here();
      for (uint32_t i = 0; i < np; ++i) annotation_expr(ts_node_named_child(params, i));
      if (np != 1) build_tuple(start, int(np));
      set_pos(n);
      emit(BINARY_SUBSCR);
      return;
    }
    if (k == "union_type" && ts_node_named_child_count(n) == 2) {
      annotation_expr(ts_node_named_child(n, 0));
      annotation_expr(ts_node_named_child(n, 1));
      set_pos(n);
      emit(BINARY_OP, NB_OR);
      return;
    }
    expr(n);
  }

  // `name: T [= v]` in a class or module body: __annotations__['name'] = T.
  void record_annotation(TSNode n) {
    TSNode left = field(n, "left");
    TSNode ty = field(n, "type");
    if (!u->class_annotations || ts_node_is_null(ty) || type(left) != "identifier") return;
    annotation_value(ty);
    emit(LOAD_NAME, name("__annotations__"));
    load_const(rt_.make_str(text(left)));
    emit(STORE_SUBSCR);
  }

  // ---- assignment ----
  void assignment(TSNode n) {
    TSNode right = field(n, "right");
    TSNode left = field(n, "left");
    if (ts_node_is_null(right)) {
      // annotation only: `x: int`
      record_annotation(n);
      return;
    }
    std::vector<TSNode> targets{left};
    while (type(right) == "assignment") {  // a = b = c
      targets.push_back(field(right, "left"));
      TSNode r = field(right, "right");
      if (ts_node_is_null(r)) break;
      right = r;
    }
    if (type(right) == "expression_list") tuple_expr(right);
    else if (type(right) == "augmented_assignment") return fail(right, "invalid syntax", "SyntaxError");
    else expr(right);
    for (size_t i = 0; i < targets.size(); ++i) {
      if (i + 1 < targets.size()) emit(COPY, 1);
      store_target(targets[i]);
    }
    record_annotation(n);
  }

  void store_target(TSNode t) {
    auto ty = type(t);
    if (ty == "identifier") { set_pos(t); name_op(text(t), 1); return; }
    if (ty == "attribute") {
      expr(field(t, "object"));
      set_pos(t);
      emit(STORE_ATTR, name(text(field(t, "attribute"))));
      return;
    }
    if (ty == "subscript") {
      expr(field(t, "value"));
      subscript_index(t);
      set_pos(t);
      emit(STORE_SUBSCR);
      return;
    }
    if (ty == "parenthesized_expression") {
      store_target(ts_node_named_child(t, 0));
      return;
    }
    if (ty == "pattern_list" || ty == "tuple_pattern" || ty == "list_pattern" || ty == "expression_list" || ty == "tuple" || ty == "list") {
      std::vector<TSNode> elts;
      for (uint32_t i = 0; i < ts_node_named_child_count(t); ++i) {
        TSNode ch = ts_node_named_child(t, i);
        if (!is_extra(ch)) elts.push_back(ch);
      }
      int star = -1;
      for (size_t i = 0; i < elts.size(); ++i)
        if (type(elts[i]) == "list_splat_pattern" || type(elts[i]) == "list_splat") {
          if (star >= 0) return fail(t, "multiple starred expressions in assignment", "SyntaxError");
          star = int(i);
        }
      set_pos(t);
      if (star < 0 && elts.size() <= 3 && !u->code->code.empty() && u->code->code.back().op == BUILD_TUPLE &&
          u->code->code.back().arg == int(elts.size()))
        return store_without_tuple(elts);
      if (star < 0) emit(UNPACK_SEQUENCE, int(elts.size()));
      else emit(UNPACK_EX, star | (int(elts.size() - star - 1) << 8));
      for (size_t i = 0; i < elts.size(); ++i) {
        if (int(i) == star) store_target(ts_node_named_child(elts[i], 0));
        else store_target(elts[i]);
      }
      return;
    }
    if (ty == "list_splat_pattern") return fail(t, "starred assignment target must be in a list or tuple", "SyntaxError");
    fail(t, "cannot assign to " + std::string(ty), "SyntaxError");
  }

  // `a, b = x, y`: CPython's peephole (Python/compile.c, optimize_basic_block,
  // 3.11+) builds no tuple for a BUILD_TUPLE n right before an
  // UNPACK_SEQUENCE n, n <= 3: one value is stored as it is, two or three
  // are reordered by SWAP n (on the target's position); then
  // apply_static_swaps() drops the SWAP and swaps the first and the n-th of
  // the stores instead, when they are n STORE_FASTs on one line and those two
  // store to different locals that none in between stores to. (The
  // BUILD_TUPLE is the last instruction: a jump to it lands on what replaces it.)
  void store_without_tuple(const std::vector<TSNode>& elts) {
    auto& code = u->code->code;
    auto& pos = u->code->pos;
    const int n = int(elts.size());
    code.pop_back();
    pos.pop_back();
    if (n == 1) return store_target(elts[0]);
    const int swap = emit(SWAP, n);
    for (TSNode e : elts) store_target(e);
    const int j = swap + 1, k = swap + n;
    if (here() != k + 1) return;  // (a target that is not a name: not the stores of the static swap)
    for (int i = j; i <= k; ++i)
      if (code[std::size_t(i)].op != STORE_FAST || pos[std::size_t(i)].line != pos[std::size_t(j)].line) return;
    const int store_j = code[std::size_t(j)].arg, store_k = code[std::size_t(k)].arg;
    if (store_j == store_k) return;
    for (int i = j + 1; i < k; ++i)
      if (code[std::size_t(i)].arg == store_j || code[std::size_t(i)].arg == store_k) return;
    std::swap(code[std::size_t(j)], code[std::size_t(k)]);
    std::swap(pos[std::size_t(j)], pos[std::size_t(k)]);
    code.erase(code.begin() + swap);
    pos.erase(pos.begin() + swap);
  }

  void aug_assign(TSNode n) {
    TSNode left = field(n, "left");
    std::string op = text(field(n, "operator"));
    op.pop_back();
    int bop = binop_code(op) + NB_INPLACE;
    auto ty = type(left);
    if (ty == "identifier") {
      set_pos(left);
      name_op(text(left), 0);
      expr(field(n, "right"));
      set_pos(n);
      emit(BINARY_OP, bop);
      set_pos(left);
      name_op(text(left), 1);
    } else if (ty == "attribute") {
      expr(field(left, "object"));
      emit(COPY, 1);
      set_pos(left);
      emit(LOAD_ATTR, name(text(field(left, "attribute"))));
      expr(field(n, "right"));
      set_pos(n);
      emit(BINARY_OP, bop);
      emit(SWAP, 2);
      set_pos(left);
      emit(STORE_ATTR, name(text(field(left, "attribute"))));
    } else if (ty == "subscript") {
      expr(field(left, "value"));
      subscript_index(left);
      emit(COPY, 2);
      emit(COPY, 2);
      set_pos(left);
      emit(BINARY_SUBSCR);
      expr(field(n, "right"));
      set_pos(n);
      emit(BINARY_OP, bop);
      // stack: obj, key, value -> STORE_SUBSCR wants value, obj, key (TOS)
      emit(SWAP, 3);
      emit(SWAP, 2);
      set_pos(left);
      emit(STORE_SUBSCR);
    } else {
      fail(left, "'" + std::string(ty) + "' is an illegal expression for augmented assignment", "SyntaxError");
    }
  }

  static int binop_code(const std::string& op) {
    static const std::map<std::string, int> m = {
        {"+", NB_ADD}, {"&", NB_AND}, {"//", NB_FLOOR_DIVIDE}, {"<<", NB_LSHIFT}, {"@", NB_MATRIX_MULTIPLY},
        {"*", NB_MULTIPLY}, {"%", NB_REMAINDER}, {"|", NB_OR}, {"**", NB_POWER}, {">>", NB_RSHIFT},
        {"-", NB_SUBTRACT}, {"/", NB_TRUE_DIVIDE}, {"^", NB_XOR}};
    auto it = m.find(op);
    return it == m.end() ? NB_ADD : it->second;
  }

  // ---- functions & classes ----
  std::string child_qualname(const std::string& nm) {
    Scope* s = u->scope;
    if (s->kind == Scope::Module) return nm;
    if (s->kind == Scope::Class) return u->code->qualname + "." + nm;
    return u->code->qualname + ".<locals>." + nm;
  }

  // Emits defaults/kwdefaults/closure and MAKE_FUNCTION for child scope `cs` with code `code`.
  void make_function(Scope* cs, Ref code, const ParamList* pl, TSNode returns = TSNode{}) {
    int flags = 0;
    if (pl) {
      int ndef = 0;
      const int defaults_at = here();
      for (auto& p : pl->params)
        if (p.kind == Param::Positional && p.has_default) { expr(p.default_value); ++ndef; }
      if (ndef) { build_tuple(defaults_at, ndef); flags |= 1; }
      int nkw = 0;
      for (auto& p : pl->params)
        if (p.kind == Param::KwOnly && p.has_default) {
          load_const(rt_.intern(p.name));
          expr(p.default_value);
          ++nkw;
        }
      if (nkw) { emit(BUILD_MAP, nkw); flags |= 2; }
      int nann = 0;  // __annotations__ as a flat (name, value, ...) tuple, return last
      const int annotations_at = here();
      for (auto& p : pl->params)
        if (!ts_node_is_null(p.annotation)) {
          load_const(rt_.intern(p.name));
          annotation_value(p.annotation);
          ++nann;
        }
      if (!ts_node_is_null(returns)) {
        load_const(rt_.intern("return"));
        annotation_value(returns);
        ++nann;
      }
      if (nann) { build_tuple(annotations_at, 2 * nann); flags |= 4; }
    }
    if (!cs->freevars.empty()) {
      for (auto& f : cs->freevars) {
        auto it = u->deref_idx.find(f);
        if (it == u->deref_idx.end()) { fail(t_.root(), "internal: missing closure variable " + f); return; }
        emit(LOAD_CLOSURE, it->second);
      }
      emit(BUILD_TUPLE, int(cs->freevars.size()));
      flags |= 8;
    }
    load_const(std::move(code));
    emit(MAKE_FUNCTION, flags);
  }

  void funcdef(TSNode n, const std::vector<TSNode>& decs) {
    for (TSNode d : decs) {
      set_pos(d);
      emit(PUSH_NULL);
      expr(ts_node_named_child(d, 0));
    }
    set_pos(n);
    std::string nm = text(field(n, "name"));
    Scope* cs = u->scope->child(n);
    if (!cs) return fail(n, "internal: no scope for function");
    ParamList pl = parse_params(t_, field(n, "parameters"));
    Ref code = function_body(cs, nm, child_qualname(nm), n, field(n, "body"), pl, false);
    if (failed()) return;
    set_pos(n);
    make_function(cs, code, &pl, field(n, "return_type"));
    for (size_t i = 0; i < decs.size(); ++i) emit(CALL, 1);
    name_op(nm, 1);
  }

  Ref function_body(Scope* cs, const std::string& nm, const std::string& qual, TSNode n, TSNode bodyn, const ParamList& pl, bool is_lambda) {
    auto un = new_unit(cs, nm, qual, n);
    Unit* saved = u;
    u = un.get();
    CodeObj* c = u->code;
    for (auto& p : pl.params) {
      if (p.kind == Param::Positional) ++c->argcount;
      else if (p.kind == Param::KwOnly) ++c->kwonlyargcount;
      else if (p.kind == Param::VarArgs) c->flags |= CO_VARARGS;
      else c->flags |= CO_VARKEYWORDS;
    }
    c->posonlyargcount = pl.posonly;
    set_pos(n);
    if (is_lambda) {
      expr(bodyn);
      emit(RETURN_VALUE);
    } else {
      // a docstring is co_consts[0] (compiler/docstring.h), then runs as an expression statement
      if (Ref doc = docstring(bodyn); doc && c->consts.empty()) {
        c->consts.push_back(std::move(doc));
        c->flags |= kCoHasDocstring;
      }
      body(bodyn);
      if (c->code.empty() || c->code.back().op != RETURN_VALUE || true) {
        load_const(rt_.None);
        emit(RETURN_VALUE);
      }
    }
    Ref out = finish_unit(u);
    u = saved;
    return out;
  }

  void classdef(TSNode n, const std::vector<TSNode>& decs) {
    for (TSNode d : decs) {
      set_pos(d);
      emit(PUSH_NULL);
      expr(ts_node_named_child(d, 0));
    }
    set_pos(n);
    std::string nm = text(field(n, "name"));
    Scope* cs = u->scope->child(n);
    if (!cs) return fail(n, "internal: no scope for class");
    std::string qual = child_qualname(nm);
    auto un = new_unit(cs, nm, qual, n);
    Unit* saved = u;
    u = un.get();
    set_pos(n);
    emit(LOAD_NAME, name("__name__"));
    emit(STORE_NAME, name("__module__"));
    load_const(rt_.make_str(qual));
    emit(STORE_NAME, name("__qualname__"));
    if (has_annotations(field(n, "body"))) {
      // SETUP_ANNOTATIONS: dataclasses and namedtuple-style classes read them
      u->class_annotations = true;
      emit(BUILD_MAP, 0);
      emit(STORE_NAME, name("__annotations__"));
    }
    if (Ref doc = docstring(field(n, "body"))) {
      load_const(std::move(doc));
      emit(STORE_NAME, name("__doc__"));
    }
    body(field(n, "body"));
    set_pos(n);
    if (cs->needs_class_cell) {
      emit(LOAD_CLOSURE, u->deref_idx["__class__"]);
      emit(COPY, 1);
      emit(STORE_NAME, name("__classcell__"));
    } else {
      load_const(rt_.None);
    }
    emit(RETURN_VALUE);
    Ref code = finish_unit(u);
    u = saved;
    if (failed()) return;
    set_pos(n);
    emit(PUSH_NULL);
    emit(LOAD_BUILD_CLASS);
    make_function(cs, code, nullptr);
    load_const(rt_.make_str(nm));
    TSNode sup = field(n, "superclasses");
    if (!ts_node_is_null(sup)) {
      call_args(sup, 2);
    } else {
      emit(CALL, 2);
    }
    for (size_t i = 0; i < decs.size(); ++i) emit(CALL, 1);
    name_op(nm, 1);
  }

  // ---- expressions ----
  void tuple_expr(TSNode n) {  // expression_list / tuple / pattern_list
    std::vector<TSNode> elts;
    for (uint32_t i = 0; i < ts_node_named_child_count(n); ++i) {
      TSNode ch = ts_node_named_child(n, i);
      if (!is_extra(ch)) elts.push_back(ch);
    }
    sequence(elts, BUILD_TUPLE, n);
  }

  // tree-sitter-python reads `*f(x)` / `*a.b` / `*s[1:]` as a call / attribute /
  // subscript whose leftmost operand is the starred name: the list_splat under
  // that chain, or a null node.
  static TSNode leading_splat(TSNode e) {
    for (int guard = 0; guard < 64 && !ts_node_is_null(e); ++guard) {
      auto t = type(e);
      if (t == "list_splat") return e;
      const char* f = t == "call" ? "function" : t == "attribute" ? "object" : t == "subscript" ? "value" : nullptr;
      if (!f) break;
      e = ts_node_child_by_field_name(e, f, uint32_t(std::strlen(f)));
    }
    return TSNode{};
  }
  TSNode stripped_splat_{};  // a list_splat compiled as its operand (the star is the enclosing element's)

  // An element `*x` of a display or call: x's value (the caller emits the extend).
  void splat_operand(TSNode e) {
    if (type(e) == "list_splat") return expr(ts_node_named_child(e, 0));
    TSNode saved = stripped_splat_;
    stripped_splat_ = leading_splat(e);
    expr(e);
    stripped_splat_ = saved;
  }
  bool is_splat_elt(TSNode e) {
    if (type(e) == "list_splat") return true;
    TSNode l = leading_splat(e);
    return !ts_node_is_null(l) && !ts_node_eq(l, e);
  }

  // An expression iterated over (a for loop's, a comprehension's) or
  // searched (the last operand of `in` / `not in`), as CPython's AST
  // optimizer rewrites it (Python/ast_opt.c fold_iter): a list display
  // without `*` becomes a tuple display (a constant when its items are), a
  // set display of constants a frozenset constant.
  void iterated(TSNode e) {
    TSNode d = e;
    while (type(d) == "parenthesized_expression" && ts_node_named_child_count(d) == 1) d = ts_node_named_child(d, 0);
    const std::string_view ty = type(d);
    if (ty != "list" && ty != "set") return expr(e);
    std::vector<TSNode> elts;
    for (uint32_t i = 0; i < ts_node_named_child_count(d); ++i) {
      TSNode ch = ts_node_named_child(d, i);
      if (is_extra(ch)) continue;
      if (is_splat_elt(ch) || type(ch) == "parenthesized_list_splat") return expr(e);
      elts.push_back(ch);
    }
    if (ty == "list") return sequence(elts, BUILD_TUPLE, d);
    const int start = here();
    for (TSNode x : elts) expr(x);
    std::vector<Ref> items;
    set_pos(d);
    if (const_run(start, int(elts.size()), items)) {
      if (Ref fs = make_const_frozenset(rt_, items)) {
        drop_from(start);
        load_const(std::move(fs));
        return;
      }
    }
    emit(BUILD_SET, int(elts.size()));  // (as sequence() has a set display it cannot fold)
  }

  void sequence(const std::vector<TSNode>& elts, int build, TSNode n) {
    bool splat = false;
    for (TSNode e : elts) if (is_splat_elt(e) || type(e) == "parenthesized_list_splat") splat = true;
    if (!splat) {
      bool const_list = build == BUILD_LIST && elts.size() > 2;
      for (TSNode e : elts) {
        auto ty = type(e);
        if (!(ty == "integer" || ty == "string" || ty == "float" || ty == "true" || ty == "false" || ty == "none") ||
            (ty == "string" && is_fstring(e)))
          const_list = false;
      }
      const int start = here();
      for (TSNode e : elts) expr(e);
      if (const_list && here() - start == int(elts.size())) {
        // a list display of > 2 constants: BUILD_LIST 0, LOAD_CONST tuple,
        // LIST_EXTEND 1 (Python/compile.c starunpack_helper), which sizes the
        // list as list.extend does
        std::vector<Ref> items;
        for (int i = start; i < here(); ++i)
          if (u->code->code[size_t(i)].op == LOAD_CONST) items.push_back(u->code->consts[size_t(u->code->code[size_t(i)].arg)]);
        if (items.size() == elts.size()) {
          u->code->code.resize(size_t(start));
          u->code->pos.resize(size_t(start));
          set_pos(n);
          emit(BUILD_LIST, 0);
          load_const(rt_.make_tuple(std::move(items)));
          emit(LIST_EXTEND, 1);
          return;
        }
      }
      if (build == BUILD_SET && elts.size() > 2 && here() - start == int(elts.size())) {
        // a set display of > 2 constants: BUILD_SET 0, LOAD_CONST frozenset,
        // SET_UPDATE 1 (starunpack_helper); the merge of that frozenset's
        // table decides the set's order (const_frozenset.h)
        std::vector<Ref> items;
        for (int i = start; i < here(); ++i)
          if (u->code->code[size_t(i)].op == LOAD_CONST) items.push_back(u->code->consts[size_t(u->code->code[size_t(i)].arg)]);
        Ref fs = items.size() == elts.size() ? make_const_frozenset(rt_, items) : Ref();
        if (fs) {
          u->code->code.resize(size_t(start));
          u->code->pos.resize(size_t(start));
          set_pos(n);
          emit(BUILD_SET, 0);
          load_const(std::move(fs));
          emit(SET_UPDATE, 1);
          return;
        }
      }
      set_pos(n);
      if (build == BUILD_TUPLE) build_tuple(start, int(elts.size()));
      else emit(build, int(elts.size()));
      return;
    }
    emit(build == BUILD_SET ? BUILD_SET : BUILD_LIST, 0);
    for (TSNode e : elts) {
      if (is_splat_elt(e)) {
        splat_operand(e);
        emit(build == BUILD_SET ? SET_UPDATE : LIST_EXTEND, 1);
      } else {
        expr(e);
        emit(build == BUILD_SET ? SET_ADD : LIST_APPEND, 1);
      }
    }
    if (build == BUILD_TUPLE) emit(LIST_TO_TUPLE);
  }

  // The constant value of a plain str literal, or of `+` / `*` over such
  // literals and small int literals, as CPython's AST optimizer folds them
  // (Python/ast_opt.c: fold_binop, safe_multiply's 4096-item limit); the
  // folded string is one interned constant, so `"stat" + "us" is "status"`.
  bool fold_str_binop(TSNode n, std::string& out, int depth = 0) {
    if (depth > 20) return false;
    auto t = type(n);
    if (t == "parenthesized_expression" && ts_node_named_child_count(n) == 1) return fold_str_binop(ts_node_named_child(n, 0), out, depth + 1);
    if (t == "string") {
      if (is_fstring(n)) return false;
      for (char ch : text(ts_node_child(n, 0))) if (ch == 'b' || ch == 'B') return false;
      out = literal_value(n);
      return !failed();
    }
    if (t != "binary_operator") return false;
    std::string op = text(field(n, "operator"));
    TSNode l = field(n, "left"), r = field(n, "right");
    if (op == "+") {
      std::string a, b;
      if (!fold_str_binop(l, a, depth + 1) || !fold_str_binop(r, b, depth + 1)) return false;
      out = a + b;
      return true;
    }
    if (op == "*") {
      std::string a;
      TSNode num = r;
      if (!fold_str_binop(l, a, depth + 1)) {
        if (!fold_str_binop(r, a, depth + 1)) return false;
        num = l;
      }
      if (type(num) != "integer") return false;
      std::string digits = text(num);
      if (digits.empty() || digits.size() > 6 || digits.find_first_not_of("0123456789") != std::string::npos) return false;
      long k = 0;
      for (char ch : digits) k = k * 10 + (ch - '0');
      if (k > 0 && a.size() * size_t(k) > 4096) return false;
      out.clear();
      for (long i = 0; i < k; ++i) out += a;
      return true;
    }
    return false;
  }

  // The docstring of a function or class body: its first statement when that is a plain string literal.
  Ref docstring(TSNode bodyn) {
    if (ts_node_is_null(bodyn) || ts_node_named_child_count(bodyn) == 0) return nullptr;
    TSNode st = ts_node_named_child(bodyn, 0);
    if (type(st) != "expression_statement" || ts_node_named_child_count(st) != 1) return nullptr;
    TSNode e = ts_node_named_child(st, 0);
    if (type(e) != "string" || is_fstring(e)) return nullptr;
    for (char ch : text(ts_node_child(e, 0))) if (ch == 'b' || ch == 'B') return nullptr;
    return rt_.make_str(literal_value(e));
  }

  bool is_fstring(TSNode s) {
    TSNode st = ts_node_child(s, 0);
    std::string p = text(st);
    for (char ch : p) if (ch == 'f' || ch == 'F') return true;
    return false;
  }

  void expr(TSNode n) {
    if (failed()) return;
    if (++depth_ > 300) { --depth_; return fail(n, "expression too deeply nested"); }
    expr_inner(n);
    --depth_;
  }
  int depth_ = 0;

  void expr_inner(TSNode n) {
    auto ty = type(n);
    set_pos(n);
    if (ty == "identifier") { name_op(text(n), 0); return; }
    if (ty == "integer") return integer(n);
    if (ty == "float") {
      std::string s;
      for (char ch : text(n)) if (ch != '_') s += ch;
      if (!s.empty() && (s.back() == 'j' || s.back() == 'J')) return fail(n, "complex numbers are not modelled yet");
      load_const(rt_.make_float(std::strtod(s.c_str(), nullptr)));
      return;
    }
    if (ty == "true") { load_const(rt_.True); return; }
    if (ty == "false") { load_const(rt_.False); return; }
    if (ty == "none") { load_const(rt_.None); return; }
    if (ty == "ellipsis") { load_const(rt_.Ellipsis); return; }
    if (ty == "string") return string(n);
    if (ty == "concatenated_string") {
      int parts = 0;
      bool any_f = false, bytes = false;
      for (uint32_t i = 0; i < ts_node_named_child_count(n); ++i) {
        TSNode s = ts_node_named_child(n, i);
        if (type(s) != "string") continue;
        if (is_fstring(s)) any_f = true;
        std::string p = text(ts_node_child(s, 0));
        for (char ch : p) if (ch == 'b' || ch == 'B') bytes = true;
      }
      if (bytes) {
        std::string all;
        for (uint32_t i = 0; i < ts_node_named_child_count(n); ++i) {
          TSNode s = ts_node_named_child(n, i);
          if (type(s) != "string") continue;
          all += literal_value(s);
        }
        load_const(make<BytesObj>(rt_.bytes_t, all));
        return;
      }
      if (!any_f) {
        std::string all;
        for (uint32_t i = 0; i < ts_node_named_child_count(n); ++i) {
          TSNode s = ts_node_named_child(n, i);
          if (type(s) == "string") all += literal_value(s);
        }
        load_const(rt_.intern(all));
        return;
      }
      for (uint32_t i = 0; i < ts_node_named_child_count(n); ++i) {
        TSNode s = ts_node_named_child(n, i);
        if (type(s) == "string") parts += fstring_parts(s);
      }
      set_pos(n);
      emit(BUILD_STRING, parts);
      return;
    }
    if (ty == "parenthesized_expression") {
      TSNode inner = ts_node_named_child(n, 0);
      while (is_extra(inner)) inner = ts_node_next_named_sibling(inner);
      expr(inner);
      return;
    }
    if (ty == "binary_operator") {
      std::string folded;
      if (fold_str_binop(n, folded)) { load_const(rt_.intern(folded)); return; }
      const int start = here();
      expr(field(n, "left"));
      expr(field(n, "right"));
      set_pos(n);
      const int op = binop_code(text(field(n, "operator")));
      std::vector<Ref> operands;
      if (const_run(start, 2, operands)) {
        if (Ref r = fold_number_binop(rt_, op, operands[0].get(), operands[1].get())) {  // (const_arith.h)
          drop_from(start);
          load_const(std::move(r));
          return;
        }
      }
      set_anchor(field(n, "operator"), field(n, "operator"));
      emit(BINARY_OP, op);
      return;
    }
    if (ty == "unary_operator") {
      std::string op = text(field(n, "operator"));
      TSNode a = field(n, "argument");
      if (op == "-" && type(a) == "integer") return integer(a, true);  // (any size)
      const int start = here();
      expr(a);
      set_pos(n);
      if (fold_unary(start, op)) return;
      emit(op == "-" ? UNARY_NEGATIVE : op == "+" ? UNARY_POSITIVE : UNARY_INVERT);
      return;
    }
    if (ty == "not_operator") {
      expr(field(n, "argument"));
      set_pos(n);
      emit(UNARY_NOT);
      return;
    }
    if (ty == "boolean_operator") {
      std::string op = text(field(n, "operator"));
      expr(field(n, "left"));
      int j = emit(op == "and" ? JUMP_IF_FALSE_OR_POP : JUMP_IF_TRUE_OR_POP);
      expr(field(n, "right"));
      patch(j, here());
      return;
    }
    if (ty == "comparison_operator") return comparison(n);
    if (ty == "call") return call(n);
    if (ty == "attribute") {
      expr(field(n, "object"));
      set_pos(n);
      emit(LOAD_ATTR, name(text(field(n, "attribute"))));
      return;
    }
    if (ty == "subscript") {
      expr(field(n, "value"));
      subscript_index(n);
      set_pos(n);
      {
        TSNode lb{}, rb{};
        for (uint32_t i = 0; i < ts_node_child_count(n); ++i) {
          TSNode ch = ts_node_child(n, i);
          std::string_view ct = ts_node_type(ch);
          if (ct == "[" && ts_node_is_null(lb)) lb = ch;
          if (ct == "]") rb = ch;
        }
        if (!ts_node_is_null(lb) && !ts_node_is_null(rb)) set_anchor(lb, rb);
      }
      emit(BINARY_SUBSCR);
      return;
    }
    if (ty == "list" || ty == "set" || ty == "tuple" || ty == "expression_list") {
      std::vector<TSNode> elts;
      for (uint32_t i = 0; i < ts_node_named_child_count(n); ++i) {
        TSNode ch = ts_node_named_child(n, i);
        if (!is_extra(ch)) elts.push_back(ch);
      }
      sequence(elts, ty == "list" ? BUILD_LIST : ty == "set" ? BUILD_SET : BUILD_TUPLE, n);
      return;
    }
    if (ty == "dictionary") {
      int pending = 0;
      bool started = false;
      for (uint32_t i = 0; i < ts_node_named_child_count(n); ++i) {
        TSNode ch = ts_node_named_child(n, i);
        if (type(ch) == "pair") {
          expr(field(ch, "key"));
          expr(field(ch, "value"));
          ++pending;
        } else if (type(ch) == "dictionary_splat") {
          if (!started) { emit(BUILD_MAP, pending); started = true; }
          else if (pending) { emit(BUILD_MAP, pending); emit(DICT_UPDATE, 1); }
          pending = 0;
          expr(ts_node_named_child(ch, 0));
          emit(DICT_UPDATE, 1);
        }
      }
      set_pos(n);
      if (!started) emit(BUILD_MAP, pending);
      else if (pending) { emit(BUILD_MAP, pending); emit(DICT_UPDATE, 1); }
      return;
    }
    if (ty == "list_comprehension" || ty == "set_comprehension" || ty == "dictionary_comprehension" || ty == "generator_expression")
      return comprehension(n);
    if (ty == "lambda") {
      Scope* cs = u->scope->child(n);
      if (!cs) return fail(n, "internal: no scope for lambda");
      ParamList pl = parse_params(t_, field(n, "parameters"));
      Ref code = function_body(cs, "<lambda>", child_qualname("<lambda>"), n, field(n, "body"), pl, true);
      if (failed()) return;
      set_pos(n);
      make_function(cs, code, &pl);
      return;
    }
    if (ty == "conditional_expression") {
      TSNode a = ts_node_named_child(n, 0), c = ts_node_named_child(n, 1), b = ts_node_named_child(n, 2);
      expr(c);
      int j = emit(POP_JUMP_IF_FALSE);
      expr(a);
      int e = emit(JUMP_FORWARD);
      patch(j, here());
      expr(b);
      patch(e, here());
      return;
    }
    if (ty == "named_expression") {
      expr(field(n, "value"));
      emit(COPY, 1);
      TSNode nm = field(n, "name");
      std::string s = text(nm);
      name_op(s, 1);
      return;
    }
    if (ty == "await") {
      if (!(u->code->flags & (CO_COROUTINE | CO_ASYNC_GENERATOR))) {
        return fail(n, "'await' outside async function", "SyntaxError");
      }
      expr(ts_node_named_child(n, 0));
      set_pos(n);
      emit(GET_AWAITABLE);
      load_const(rt_.None);
      int s = emit(SEND);
      emit(YIELD_VALUE);
      emit(JUMP_BACKWARD, s);
      patch(s, here());
      return;
    }
    if (ty == "yield") {
      if (u->scope->kind != Scope::Function) return fail(n, "'yield' outside function", "SyntaxError");
      bool from = false;
      for (uint32_t i = 0; i < ts_node_child_count(n); ++i)
        if (std::string_view(ts_node_type(ts_node_child(n, i))) == "from") from = true;
      TSNode v = ts_node_named_child_count(n) ? ts_node_named_child(n, 0) : TSNode{};
      if (from && in_async_function()) return fail(n, "'yield from' inside async function", "SyntaxError");  // compile.c
      if (from) {
        expr(v);
        set_pos(n);
        emit(GET_YIELD_FROM_ITER);
        load_const(rt_.None);
        int s = emit(SEND);
        emit(YIELD_VALUE);
        emit(JUMP_BACKWARD, s);
        patch(s, here());
        return;
      }
      if (ts_node_is_null(v)) load_const(rt_.None);
      else if (type(v) == "expression_list") tuple_expr(v);
      else expr(v);
      set_pos(n);
      emit(YIELD_VALUE, (u->code->flags & CO_ASYNC_GENERATOR) ? 1 : 0);  // 1: 3.11's ASYNC_GEN_WRAP before it
      return;
    }
    if (ty == "slice") return fail(n, "slice outside subscript", "SyntaxError");
    if (ty == "list_splat" && !ts_node_is_null(stripped_splat_) && ts_node_eq(n, stripped_splat_)) return expr(ts_node_named_child(n, 0));
    if (ty == "list_splat") return fail(n, "can't use starred expression here", "SyntaxError");
    if (ty == "ERROR") return fail(n, "invalid syntax", "SyntaxError");
    fail(n, "expression `" + std::string(ty) + "` is not modelled yet");
  }

  void integer(TSNode n, bool negate = false) {
    std::string s;
    for (char ch : text(n)) if (ch != '_') s += ch;
    if (!s.empty() && (s.back() == 'j' || s.back() == 'J')) return fail(n, "complex numbers are not modelled yet");
    int base = 10;
    size_t off = 0;
    if (s.size() > 1 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) { base = 16; off = 2; }
    else if (s.size() > 1 && s[0] == '0' && (s[1] == 'o' || s[1] == 'O')) { base = 8; off = 2; }
    else if (s.size() > 1 && s[0] == '0' && (s[1] == 'b' || s[1] == 'B')) { base = 2; off = 2; }
    unsigned long long v = 0;
    auto r = std::from_chars(s.data() + off, s.data() + s.size(), v, base);
    if (r.ec != std::errc() || r.ptr != s.data() + s.size() || v > 9223372036854775807ull + (negate ? 1 : 0)) {
      // arbitrary precision (Objects/longobject.c PyLong_FromString)
      auto big = pylib::parse_int(s.substr(off), base);
      if (!big) return fail(n, big.error().message, "SyntaxError");
      load_const(rt_.make_int(negate ? -*big : *big));
      return;
    }
    std::int64_t iv = negate ? std::int64_t(0 - v) : std::int64_t(v);
    load_const(rt_.make_int(iv));
  }

  std::string literal_value(TSNode s) {
    // concatenated plain (non-f) string pieces
    TSNode st = ts_node_child(s, 0);
    std::string prefix = text(st);
    bool raw = false, bytes = false;
    for (char ch : prefix) {
      if (ch == 'r' || ch == 'R') raw = true;
      if (ch == 'b' || ch == 'B') bytes = true;
    }
    uint32_t b0 = ts_node_end_byte(st);
    TSNode en = ts_node_child(s, ts_node_child_count(s) - 1);
    uint32_t b1 = ts_node_start_byte(en);
    if (type(en) != "string_end") b1 = ts_node_end_byte(s);
    std::string_view src = t_.source().text();
    std::string err;
    std::string out = unescape_literal(src.substr(b0, b1 > b0 ? b1 - b0 : 0), raw, bytes, err);
    if (!err.empty()) fail(s, err, "SyntaxError");
    return out;
  }

  void string(TSNode n) {
    TSNode st = ts_node_child(n, 0);
    std::string prefix = text(st);
    bool bytes = false;
    for (char ch : prefix) if (ch == 'b' || ch == 'B') bytes = true;
    if (!is_fstring(n)) {
      std::string v = literal_value(n);
      if (bytes) load_const(make<BytesObj>(rt_.bytes_t, v));
      else load_const(rt_.intern(v));
      return;
    }
    int parts = fstring_parts(n);
    set_pos(n);
    if (parts != 1) emit(BUILD_STRING, parts);
  }

  // Emits the pieces of an f-string (or a plain string inside a concatenation); returns how many.
  int fstring_parts(TSNode n) {
    TSNode st = ts_node_child(n, 0);
    std::string prefix = text(st);
    bool raw = false, f = false;
    for (char ch : prefix) {
      if (ch == 'r' || ch == 'R') raw = true;
      if (ch == 'f' || ch == 'F') f = true;
    }
    if (!f) { load_const(rt_.intern(literal_value(n))); return 1; }
    std::string_view src = t_.source().text();
    uint32_t pos = ts_node_end_byte(st);
    int parts = 0;
    std::string lit;
    auto flush_lit = [&](uint32_t upto) {
      if (upto > pos) {
        std::string err;
        std::string piece(src.substr(pos, upto - pos));
        // {{ and }} are literal braces
        std::string dedup;
        for (size_t i = 0; i < piece.size(); ++i) {
          dedup += piece[i];
          if ((piece[i] == '{' || piece[i] == '}') && i + 1 < piece.size() && piece[i + 1] == piece[i]) ++i;
        }
        lit += unescape_literal(dedup, raw, false, err);
      }
    };
    auto emit_lit = [&]() {
      if (!lit.empty()) { load_const(rt_.intern(lit)); ++parts; lit.clear(); }
    };
    uint32_t c = ts_node_child_count(n);
    for (uint32_t i = 1; i < c; ++i) {
      TSNode ch = ts_node_child(n, i);
      auto ty = type(ch);
      if (ty == "string_end") { flush_lit(ts_node_start_byte(ch)); pos = ts_node_end_byte(ch); break; }
      if (ty == "interpolation") {
        // before 3.12 (PEP 701) the expression part may hold no backslash (fstring_find_expr)
        if (rt_.python_minor < 12) {
          TSNode ex = field(ch, "expression");
          if (!ts_node_is_null(ex) && text(ex).find('\\') != std::string::npos)
          {
            // CPython 3.11 points just past the string (the token after it)
            TSNode after = ts_node_next_sibling(n);
            return fail(ts_node_is_null(after) ? n : after, "f-string expression part cannot include a backslash", "SyntaxError"), 0;
          }
        }
        flush_lit(ts_node_start_byte(ch));
        // self-documenting `{expr=}`: the expression text up to and after '=' is literal
        for (uint32_t k = 0; k + 1 < ts_node_child_count(ch); ++k)
          if (std::string_view(ts_node_type(ts_node_child(ch, k))) == "=") {
            uint32_t from = ts_node_start_byte(ch) + 1, to = ts_node_start_byte(ts_node_child(ch, k + 1));
            lit += std::string(src.substr(from, to - from));
            break;
          }
        emit_lit();
        interpolation(ch);
        ++parts;
        pos = ts_node_end_byte(ch);
      }
    }
    emit_lit();
    if (parts == 0) { load_const(rt_.intern("")); parts = 1; }
    return parts;
  }

  void interpolation(TSNode n) {
    TSNode e = field(n, "expression");
    TSNode conv = field(n, "type_conversion");
    TSNode spec = field(n, "format_specifier");
    if (type(e) == "expression_list") tuple_expr(e);
    else expr(e);
    int flags = 0;
    if (!ts_node_is_null(conv)) {
      std::string c = text(conv);
      char k = c.empty() ? 0 : c.back();
      flags = k == 's' ? 1 : k == 'r' ? 2 : k == 'a' ? 3 : 0;
    } else {
      // self-documenting `{x=}` defaults to repr (format() when a spec is given)
      for (uint32_t i = 0; i < ts_node_child_count(n); ++i)
        if (std::string_view(ts_node_type(ts_node_child(n, i))) == "=" && ts_node_is_null(spec)) flags = 2;
    }
    if (!ts_node_is_null(spec)) {
      std::string_view src = t_.source().text();
      uint32_t pos = ts_node_start_byte(spec);
      uint32_t end = ts_node_end_byte(spec);
      if (pos < end && src[pos] == ':') ++pos;
      int parts = 0;
      for (uint32_t i = 0; i < ts_node_named_child_count(spec); ++i) {
        TSNode fe = ts_node_named_child(spec, i);
        if (type(fe) != "format_expression") continue;
        if (ts_node_start_byte(fe) > pos) { load_const(rt_.intern(std::string(src.substr(pos, ts_node_start_byte(fe) - pos)))); ++parts; }
        interpolation(fe);
        ++parts;
        pos = ts_node_end_byte(fe);
      }
      if (end > pos) { load_const(rt_.intern(std::string(src.substr(pos, end - pos)))); ++parts; }
      if (parts == 0) { load_const(rt_.intern("")); parts = 1; }
      if (parts > 1) emit(BUILD_STRING, parts);
      flags |= 4;
    }
    set_pos(n);
    emit(FORMAT_VALUE, flags);
  }

  void subscript_index(TSNode n) {
    // subscript field may repeat: a[1, 2] -> tuple
    std::vector<TSNode> subs;
    TSNode value = field(n, "value");
    for (uint32_t i = 0; i < ts_node_named_child_count(n); ++i) {
      TSNode ch = ts_node_named_child(n, i);
      if (ts_node_eq(ch, value) || is_extra(ch)) continue;
      subs.push_back(ch);
    }
    if (subs.size() == 1) return index_expr(subs[0]);
    const int start = here();
    for (TSNode s : subs) index_expr(s);
    build_tuple(start, int(subs.size()));
  }

  void index_expr(TSNode s) {
    if (type(s) != "slice") return expr(s);
    TSNode parts[3] = {{}, {}, {}};
    int colon = 0;
    for (uint32_t i = 0; i < ts_node_child_count(s); ++i) {
      TSNode ch = ts_node_child(s, i);
      if (!ts_node_is_named(ch)) { if (std::string_view(ts_node_type(ch)) == ":") ++colon; continue; }
      if (is_extra(ch)) continue;
      if (colon < 3) parts[colon] = ch;
    }
    int n = colon >= 2 ? 3 : 2;
    for (int i = 0; i < n; ++i) {
      if (ts_node_is_null(parts[i])) load_const(rt_.None);
      else expr(parts[i]);
    }
    set_pos(s);
    emit(BUILD_SLICE, n);
  }

  void comparison(TSNode n) {
    std::vector<TSNode> operands;
    std::vector<std::string> ops;
    uint32_t c = ts_node_child_count(n);
    for (uint32_t i = 0; i < c; ++i) {
      TSNode ch = ts_node_child(n, i);
      if (type(ch) == "line_continuation") continue;  // a backslash at the end of a line
      if (ts_node_is_named(ch)) {
        if (!is_extra(ch)) operands.push_back(ch);
        continue;
      }
      std::string t = text(ch);
      if (!ops.empty() && ops.size() == operands.size() && ((ops.back() == "not" && t == "in") || (ops.back() == "is" && t == "not"))) {
        ops.back() += " " + t;
        continue;
      }
      ops.push_back(t);
    }
    if (operands.size() != ops.size() + 1 || ops.empty()) return fail(n, "malformed comparison", "SyntaxError");
    auto emit_cmp = [&](const std::string& op) {
      set_pos(n);
      if (op == "<") emit(COMPARE_OP, CMP_LT);
      else if (op == "<=") emit(COMPARE_OP, CMP_LE);
      else if (op == "==") emit(COMPARE_OP, CMP_EQ);
      else if (op == "!=" || op == "<>") emit(COMPARE_OP, CMP_NE);
      else if (op == ">") emit(COMPARE_OP, CMP_GT);
      else if (op == ">=") emit(COMPARE_OP, CMP_GE);
      else if (op == "is") emit(IS_OP, 0);
      else if (op == "is not") emit(IS_OP, 1);
      else if (op == "in") emit(CONTAINS_OP, 0);
      else if (op == "not in") emit(CONTAINS_OP, 1);
      else fail(n, "unknown comparison " + op, "SyntaxError");
    };
    // the last operand of `in` / `not in` as CPython's AST optimizer has it (iterated())
    const bool last_is_container = ops.back() == "in" || ops.back() == "not in";
    const std::size_t warn_at = warnings_.size();  // (this comparison's warnings come before its operands')
    std::vector<std::pair<int, int>> spans(operands.size());  // each operand's instructions
    auto operand = [&](size_t k) {
      const int from = here();
      if (k + 1 == operands.size() && last_is_container) iterated(operands[k]);
      else expr(operands[k]);
      spans[k] = {from, here()};
    };
    operand(0);
    if (ops.size() == 1) {
      operand(1);
      emit_cmp(ops[0]);
      warn_is_literal(n, ops, spans, warn_at);
      return;
    }
    std::vector<int> cleanup;
    for (size_t i = 0; i < ops.size(); ++i) {
      operand(i + 1);
      if (i + 1 < ops.size()) {
        emit(SWAP, 2);
        emit(COPY, 2);
        emit_cmp(ops[i]);
        cleanup.push_back(emit(JUMP_IF_FALSE_OR_POP));
      } else {
        emit_cmp(ops[i]);
      }
    }
    int end = emit(JUMP_FORWARD);
    for (int j : cleanup) patch(j, here());
    emit(SWAP, 2);
    emit(POP_TOP);
    patch(end, here());
    warn_is_literal(n, ops, spans, warn_at);
  }

  // The constant an operand compiled to when it is a literal for `is`: one
  // LOAD_CONST of something other than None, True, False and ... (CPython's
  // check_is_arg, on the folded AST).
  const Obj* is_literal(std::pair<int, int> span) const {
    if (span.second - span.first != 1) return nullptr;
    const Instr& in = u->code->code[std::size_t(span.first)];
    if (in.op != LOAD_CONST) return nullptr;
    const Obj* c = u->code->consts[std::size_t(in.arg)].get();
    for (const Ref* k : {&rt_.None, &rt_.True, &rt_.False, &rt_.Ellipsis})
      if (c == k->get()) return nullptr;
    return c;
  }
  // CPython's check_compare (Python/compile.c): `is` or `is not` with a
  // literal on either side is a SyntaxWarning on the comparison's line; 3.12
  // names the literal's type (the left operand's when both are literals).
  void warn_is_literal(TSNode n, const std::vector<std::string>& ops, const std::vector<std::pair<int, int>>& spans,
                       std::size_t warn_at) {
    std::vector<CompileWarning> found;
    for (std::size_t i = 0; i < ops.size(); ++i) {
      const bool is = ops[i] == "is";
      if (!is && ops[i] != "is not") continue;
      const Obj* lit = is_literal(spans[i]);
      if (!lit) lit = is_literal(spans[i + 1]);
      if (!lit) continue;
      const std::string with = rt_.python_minor >= 12 ? "'" + lit->cls->name + "' literal" : std::string("a literal");
      found.push_back({int(t_.start(n).line), std::string(is ? "\"is\"" : "\"is not\"") + " with " + with + ". Did you mean " +
                                                 (is ? "\"==\"" : "\"!=\"") + "?"});
    }
    warnings_.insert(warnings_.begin() + std::ptrdiff_t(warn_at), found.begin(), found.end());
  }

  void call(TSNode n) {
    TSNode fn = field(n, "function");
    TSNode args = field(n, "arguments");
    if (type(fn) == "attribute") {
      expr(field(fn, "object"));
      set_pos(fn);
      emit(LOAD_METHOD, name(text(field(fn, "attribute"))));
    } else {
      emit(PUSH_NULL);
      expr(fn);
    }
    if (type(args) == "generator_expression") {
      expr(args);
      set_pos(n);
      emit(CALL, 1);
      return;
    }
    set_pos(n);
    call_args(args, 0, n);
  }

  // Emits the arguments of an argument_list and the CALL; `extra` positional
  // values are already on the stack.
  void call_args(TSNode args, int extra, TSNode call_node = TSNode{}) {
    std::vector<TSNode> items;
    bool ex = false;
    for (uint32_t i = 0; i < ts_node_named_child_count(args); ++i) {
      TSNode ch = ts_node_named_child(args, i);
      auto ty = type(ch);
      if (ty == "comment" || ty == "line_continuation") continue;
      if (is_splat_elt(ch) || ty == "dictionary_splat") ex = true;
      items.push_back(ch);
    }
    if (!ex) {
      int npos = extra;
      std::vector<std::string> kw;
      for (TSNode it : items) {
        if (type(it) == "keyword_argument") continue;
        expr(it);
        ++npos;
      }
      for (TSNode it : items) {
        if (type(it) != "keyword_argument") continue;
        kw.push_back(text(field(it, "name")));
        expr(field(it, "value"));
      }
      if (!ts_node_is_null(call_node)) set_pos(call_node);
      if (!kw.empty()) {
        std::vector<Ref> names;
        for (auto& k : kw) names.push_back(rt_.intern(k));
        emit(KW_NAMES, add_const(rt_.make_tuple(std::move(names))));
      }
      emit(CALL, npos + int(kw.size()));
      return;
    }
    // general form: build a tuple of positionals and a dict of keywords
    emit(BUILD_LIST, extra);
    for (TSNode it : items) {
      auto ty = type(it);
      if (is_splat_elt(it)) { splat_operand(it); emit(LIST_EXTEND, 1); }
      else if (ty != "keyword_argument" && ty != "dictionary_splat") { expr(it); emit(LIST_APPEND, 1); }
    }
    emit(LIST_TO_TUPLE);
    bool haskw = false;
    for (TSNode it : items) {
      auto ty = type(it);
      if (ty == "keyword_argument") {
        if (!haskw) { emit(BUILD_MAP, 0); haskw = true; }
        load_const(rt_.intern(text(field(it, "name"))));
        expr(field(it, "value"));
        emit(MAP_ADD, 1);
      } else if (ty == "dictionary_splat") {
        if (!haskw) { emit(BUILD_MAP, 0); haskw = true; }
        expr(ts_node_named_child(it, 0));
        emit(DICT_MERGE, 1);
      }
    }
    if (!ts_node_is_null(call_node)) set_pos(call_node);
    emit(CALL_FUNCTION_EX, haskw ? 1 : 0);
  }

  void comprehension(TSNode n) {
    Scope* cs = u->scope->child(n);
    if (!cs) return fail(n, "internal: no scope for comprehension");
    auto ty = type(n);
    std::vector<TSNode> clauses;
    for (uint32_t i = 0; i < ts_node_named_child_count(n); ++i) {
      TSNode ch = ts_node_named_child(n, i);
      if (type(ch) == "for_in_clause" || type(ch) == "if_clause") clauses.push_back(ch);
    }
    if (clauses.empty() || type(clauses[0]) != "for_in_clause") return fail(n, "malformed comprehension", "SyntaxError");
    std::string nm = ty == "generator_expression" ? "<genexpr>" : ty == "list_comprehension" ? "<listcomp>" : ty == "set_comprehension" ? "<setcomp>" : "<dictcomp>";
    auto un = new_unit(cs, nm, child_qualname(nm), n);
    Unit* saved = u;
    u = un.get();
    u->code->argcount = 1;
    set_pos(n);
    int kind = ty == "generator_expression" ? 0 : ty == "list_comprehension" ? 1 : ty == "set_comprehension" ? 2 : 3;
    if (kind == 1) emit(BUILD_LIST, 0);
    if (kind == 2) emit(BUILD_SET, 0);
    if (kind == 3) emit(BUILD_MAP, 0);
    comp_level(n, clauses, 0, kind, 0);
    set_pos(n);
    if (kind == 0) load_const(rt_.None);
    emit(RETURN_VALUE);
    Ref code = finish_unit(u);
    u = saved;
    if (failed()) return;
    // compile.c compiler_comprehension: an async list/set/dict comprehension
    // needs an async function (or a comprehension) around it
    if (cs->coroutine && kind != 0 && !in_async_function() && !u->scope->comprehension)
      return fail(n, "asynchronous comprehension outside of an asynchronous function", "SyntaxError");
    set_pos(n);
    emit(PUSH_NULL);
    make_function(cs, code, nullptr);
    TSNode first_iter = field(clauses[0], "right");
    iterated(first_iter);
    set_pos(n);
    emit(is_async_clause(clauses[0]) ? GET_AITER : GET_ITER);
    emit(CALL, 1);
    if (cs->coroutine && kind != 0) {
      emit(GET_AWAITABLE);
      load_const(rt_.None);
      int s = emit(SEND);
      emit(YIELD_VALUE);
      emit(JUMP_BACKWARD, s);
      patch(s, here());
    }
  }

  static bool is_async_clause(TSNode cl) {
    return ts_node_child_count(cl) > 0 && std::string_view(ts_node_type(ts_node_child(cl, 0))) == "async";
  }

  // depth = number of for-loops currently open (each leaves its iterator on the stack)
  void comp_level(TSNode n, const std::vector<TSNode>& clauses, size_t i, int kind, int loops) {
    if (i == clauses.size()) {
      set_pos(n);
      if (kind == 0) {
        expr(field(n, "body"));
        emit(YIELD_VALUE, (u->code->flags & CO_ASYNC_GENERATOR) ? 1 : 0);
        emit(POP_TOP);
      } else if (kind == 3) {
        TSNode pair = field(n, "body");
        expr(field(pair, "key"));
        expr(field(pair, "value"));
        emit(MAP_ADD, loops + 1);
      } else {
        expr(field(n, "body"));
        emit(kind == 1 ? LIST_APPEND : SET_ADD, loops + 1);
      }
      return;
    }
    TSNode cl = clauses[i];
    if (type(cl) == "for_in_clause") {
      if (i == 0) {
        emit(LOAD_FAST, 0);
      } else {
        iterated(field(cl, "right"));
        emit(is_async_clause(cl) ? GET_AITER : GET_ITER);
      }
      set_pos(cl);
      if (is_async_clause(cl)) {  // compile.c compiler_async_comprehension_generator
        int top = here();
        int setup = emit(SETUP_FINALLY);
        emit(GET_ANEXT);
        emit_await();
        emit(POP_BLOCK);
        store_target(field(cl, "left"));
        comp_level(n, clauses, i + 1, kind, loops + 1);
        set_pos(cl);
        emit(JUMP_BACKWARD, top);
        patch(setup, here());
        emit(END_ASYNC_FOR);
        return;
      }
      int top = emit(FOR_ITER);
      store_target(field(cl, "left"));
      comp_level(n, clauses, i + 1, kind, loops + 1);
      set_pos(cl);
      emit(JUMP_BACKWARD, top);
      patch(top, here());
    } else {
      TSNode cond = ts_node_named_child(cl, 0);
      expr(cond);
      int j = emit(POP_JUMP_IF_FALSE);
      comp_level(n, clauses, i + 1, kind, loops);
      patch(j, here());
    }
  }

  // ---- match statement (Python/compile.c compiler_match, 3.11) ----
  // Patterns are first read from the CST into Pat (tree-sitter inlines simple
  // patterns, so `-1`, `_` and `a | b` are token runs), then compiled with
  // CPython's discipline: the subject is on top of the stack; a failing test
  // jumps to a "fail_pop" label that pops what the pattern left on the stack.
  struct Pat {
    enum Kind { Wildcard, Capture, Value, Singleton, Seq, Map, Class, Or, As, Star } kind = Wildcard;
    std::string name;            // Capture/As/Star target ("" = wildcard star), Map rest
    std::vector<TSNode> value;   // Value: token run (literal or dotted name); Class: the class
    Ref singleton;               // None/True/False
    std::vector<Pat> items;      // Seq items, Map values, Class positional, Or alternatives, As inner
    std::vector<std::vector<TSNode>> keys;  // Map keys
    std::vector<std::string> kw_names;      // Class keyword attributes (their patterns follow the positional ones)
    bool has_rest = false;       // Map `**rest`
  };

  std::vector<TSNode> all_children(TSNode n) {
    std::vector<TSNode> out;
    uint32_t c = ts_node_child_count(n);
    for (uint32_t i = 0; i < c; ++i) {
      TSNode ch = ts_node_child(n, i);
      if (!is_extra(ch)) out.push_back(ch);
    }
    return out;
  }
  static bool is_tok(TSNode n, const char* t) { return !ts_node_is_named(n) && std::string_view(ts_node_type(n)) == t; }

  // A run of tokens forming one simple pattern.
  bool read_simple(const std::vector<TSNode>& toks, Pat& p) {
    if (toks.empty()) { fail(t_.root(), "invalid pattern", "SyntaxError"); return false; }
    if (toks.size() == 1 && is_tok(toks[0], "_")) { p.kind = Pat::Wildcard; return true; }
    TSNode n = toks[0];
    auto ty = type(n);
    if (toks.size() == 1 && ts_node_is_named(n)) {
      if (ty == "case_pattern") return read_case(n, p);
      if (ty == "dotted_name") {
        if (ts_node_named_child_count(n) == 1) {
          p.kind = Pat::Capture;
          p.name = text(ts_node_named_child(n, 0));
          return true;
        }
        p.kind = Pat::Value;
        p.value = toks;
        return true;
      }
      if (ty == "true" || ty == "false" || ty == "none") {
        p.kind = Pat::Singleton;
        p.singleton = ty == "true" ? rt_.True : ty == "false" ? rt_.False : rt_.None;
        return true;
      }
      if (ty == "integer" || ty == "float" || ty == "string" || ty == "concatenated_string") {
        p.kind = Pat::Value;
        p.value = toks;
        return true;
      }
      if (ty == "list_pattern" || ty == "tuple_pattern") {
        p.kind = Pat::Seq;
        int commas = 0, named = 0;
        for (TSNode ch : all_children(n)) { commas += is_tok(ch, ","); named += ts_node_is_named(ch); }
        if (ty == "tuple_pattern" && named == 1 && commas == 0)  // `(p)` groups, it is not a sequence
          for (TSNode ch : all_children(n)) if (ts_node_is_named(ch)) return read_case(ch, p);
        for (TSNode ch : all_children(n)) {
          if (!ts_node_is_named(ch)) continue;
          Pat sub;
          if (!read_case(ch, sub)) return false;
          p.items.push_back(std::move(sub));
        }
        int stars = 0;
        for (auto& it : p.items) stars += it.kind == Pat::Star;
        if (stars > 1) { fail(n, "multiple starred names in sequence pattern", "SyntaxError"); return false; }
        return true;
      }
      if (ty == "splat_pattern") {
        p.kind = Pat::Star;
        TSNode id = ts_node_named_child_count(n) ? ts_node_named_child(n, 0) : TSNode{};
        if (!ts_node_is_null(id)) p.name = text(id);
        return true;
      }
      if (ty == "union_pattern") {
        p.kind = Pat::Or;
        std::vector<TSNode> run;
        auto flush = [&]() {
          Pat alt;
          if (!read_simple(run, alt)) return false;
          p.items.push_back(std::move(alt));
          run.clear();
          return true;
        };
        for (TSNode ch : all_children(n)) {
          if (is_tok(ch, "|")) { if (!flush()) return false; continue; }
          run.push_back(ch);
        }
        return flush();
      }
      if (ty == "dict_pattern") {
        p.kind = Pat::Map;
        std::vector<TSNode> run;
        bool after_colon = false;
        std::vector<TSNode> key;
        for (TSNode ch : all_children(n)) {
          if (is_tok(ch, "{") || is_tok(ch, "}") || is_tok(ch, ",")) continue;
          if (type(ch) == "splat_pattern") {
            p.has_rest = true;
            if (ts_node_named_child_count(ch)) p.name = text(ts_node_named_child(ch, 0));
            continue;
          }
          if (is_tok(ch, ":")) { after_colon = true; continue; }
          if (!after_colon) { key.push_back(ch); continue; }
          Pat v;
          if (!read_case(ch, v)) return false;
          Pat kp;
          if (!read_simple(key, kp)) return false;
          if (kp.kind != Pat::Value && kp.kind != Pat::Singleton) { fail(ch, "mapping pattern keys may only match literals and attribute lookups", "SyntaxError"); return false; }
          p.keys.push_back(key);
          p.items.push_back(std::move(v));
          key.clear();
          after_colon = false;
        }
        return true;
      }
      if (ty == "class_pattern") {
        p.kind = Pat::Class;
        std::vector<Pat> kw_pats;
        for (TSNode ch : all_children(n)) {
          if (!ts_node_is_named(ch)) continue;
          if (type(ch) == "dotted_name" && p.value.empty()) { p.value.push_back(ch); continue; }
          TSNode inner = ts_node_named_child_count(ch) ? ts_node_named_child(ch, 0) : TSNode{};
          if (!ts_node_is_null(inner) && type(inner) == "keyword_pattern") {
            std::vector<TSNode> kc = all_children(inner);
            p.kw_names.push_back(text(kc[0]));
            std::vector<TSNode> rest;
            for (size_t i = 2; i < kc.size(); ++i) rest.push_back(kc[i]);
            Pat kp;
            if (!read_simple(rest, kp)) return false;
            kw_pats.push_back(std::move(kp));
            continue;
          }
          if (!kw_pats.empty()) { fail(ch, "positional patterns follow keyword patterns", "SyntaxError"); return false; }
          Pat sub;
          if (!read_case(ch, sub)) return false;
          p.items.push_back(std::move(sub));
        }
        for (auto& k : kw_pats) p.items.push_back(std::move(k));
        return true;
      }
      if (ty == "complex_pattern") { fail(n, "complex numbers are not modelled yet"); return false; }
    }
    if (toks.size() == 2 && is_tok(toks[0], "-") && (type(toks[1]) == "integer" || type(toks[1]) == "float")) {
      p.kind = Pat::Value;
      p.value = toks;
      return true;
    }
    fail(n, "pattern `" + std::string(ty) + "` is not modelled yet");
    return false;
  }

  bool read_case(TSNode n, Pat& p) {
    if (type(n) != "case_pattern") return read_simple({n}, p);
    std::vector<TSNode> toks = all_children(n);
    if (toks.size() == 1 && type(toks[0]) == "as_pattern") {
      std::vector<TSNode> kc = all_children(toks[0]);
      Pat inner;
      if (kc.size() < 3 || !read_case(kc[0], inner)) { if (!failed()) fail(n, "invalid pattern", "SyntaxError"); return false; }
      p.kind = Pat::As;
      p.name = text(kc.back());
      p.items.push_back(std::move(inner));
      return true;
    }
    return read_simple(toks, p);
  }

  // fail_pop[k]: jumps that must pop k stack items before failing
  std::vector<std::vector<int>> fail_pop_;
  int on_top_ = 0;
  void jump_to_fail(int op) {
    if (int(fail_pop_.size()) <= on_top_) fail_pop_.resize(size_t(on_top_) + 1);
    fail_pop_[size_t(on_top_)].push_back(emit(op));
  }
  // The fail_pop ladder: POP_TOP per item, deepest first; the jumps land on it.
  void emit_fail_pop() {
    for (int k = int(fail_pop_.size()) - 1; k >= 0; --k) {
      for (int j : fail_pop_[size_t(k)]) patch(j, here());
      if (k > 0) emit(POP_TOP);
    }
    fail_pop_.clear();
  }

  void value_tokens(const std::vector<TSNode>& v) {
    if (v.size() == 2) {  // -number
      if (type(v[1]) == "integer") integer(v[1], true);
      else { expr(v[1]); emit(UNARY_NEGATIVE); }
      return;
    }
    TSNode n = v[0];
    if (type(n) == "dotted_name") {
      uint32_t c = ts_node_named_child_count(n);
      name_op(text(ts_node_named_child(n, 0)), 0);
      for (uint32_t i = 1; i < c; ++i) emit(LOAD_ATTR, name(text(ts_node_named_child(n, i))));
      return;
    }
    expr(n);
  }

  void store_capture(const std::string& nm) {
    if (nm.empty()) emit(POP_TOP);
    else name_op(nm, 1);
  }

  // Subject on top of the stack; consumed on success.
  void pattern(const Pat& p) {
    if (failed()) return;
    switch (p.kind) {
      case Pat::Wildcard: emit(POP_TOP); --on_top_; return;
      case Pat::Capture: store_capture(p.name); --on_top_; return;
      case Pat::Star: store_capture(p.name); --on_top_; return;
      case Pat::Value:
        value_tokens(p.value);
        emit(COMPARE_OP, CMP_EQ);
        --on_top_;
        jump_to_fail(POP_JUMP_IF_FALSE);
        return;
      case Pat::Singleton:
        load_const(p.singleton);
        emit(IS_OP, 0);
        --on_top_;
        jump_to_fail(POP_JUMP_IF_FALSE);
        return;
      case Pat::As:
        if (p.items[0].kind == Pat::Wildcard) { store_capture(p.name); --on_top_; return; }
        emit(COPY, 1);
        ++on_top_;
        pattern(p.items[0]);
        store_capture(p.name);
        --on_top_;
        return;
      case Pat::Or: {
        std::vector<int> ends;
        for (size_t i = 0; i < p.items.size(); ++i) {
          bool last = i + 1 == p.items.size();
          if (last) { pattern(p.items[i]); break; }
          auto saved = std::move(fail_pop_);
          int saved_top = on_top_;
          fail_pop_.clear();
          emit(COPY, 1);
          on_top_ = 1;  // the copy, above the subject
          pattern(p.items[i]);
          emit(POP_TOP);  // the subject, matched by this alternative
          ends.push_back(emit(JUMP_FORWARD));
          emit_fail_pop();
          fail_pop_ = std::move(saved);
          on_top_ = saved_top;
        }
        for (int e : ends) patch(e, here());
        return;
      }
      case Pat::Seq: {
        int star = -1, n = int(p.items.size());
        for (int i = 0; i < n; ++i) if (p.items[size_t(i)].kind == Pat::Star) star = i;
        emit(MATCH_SEQUENCE);
        jump_to_fail(POP_JUMP_IF_FALSE);
        if (star < 0 || n > 1) {
          emit(GET_LEN);
          load_const(rt_.make_int(star < 0 ? n : n - 1));
          emit(COMPARE_OP, star < 0 ? CMP_EQ : CMP_GE);
          jump_to_fail(POP_JUMP_IF_FALSE);
        }
        if (star < 0) emit(UNPACK_SEQUENCE, n);
        else emit(UNPACK_EX, star | ((n - star - 1) << 8));
        on_top_ += n - 1;
        for (const Pat& it : p.items) pattern(it);
        return;
      }
      case Pat::Map: {
        int n = int(p.keys.size());
        emit(MATCH_MAPPING);
        jump_to_fail(POP_JUMP_IF_FALSE);
        if (n == 0 && !p.has_rest) { emit(POP_TOP); --on_top_; return; }
        if (n > 0) {
          emit(GET_LEN);
          load_const(rt_.make_int(n));
          emit(COMPARE_OP, CMP_GE);
          jump_to_fail(POP_JUMP_IF_FALSE);
        }
        for (auto& k : p.keys) value_tokens(k);
        emit(BUILD_TUPLE, n);
        emit(MATCH_KEYS);
        on_top_ += 2;  // keys, values (or None)
        emit(COPY, 1);
        load_const(rt_.None);
        emit(IS_OP, 1);
        jump_to_fail(POP_JUMP_IF_FALSE);
        emit(UNPACK_SEQUENCE, n);
        on_top_ += n - 1;
        for (const Pat& it : p.items) pattern(it);
        // [subject, keys]
        if (p.has_rest) {
          emit(BUILD_MAP, 0);
          emit(SWAP, 3);
          emit(DICT_UPDATE, 2);
          emit(UNPACK_SEQUENCE, n);
          for (int size = n; size > 0; --size) {
            emit(COPY, 1 + size);
            emit(SWAP, 2);
            emit(DELETE_SUBSCR);
          }
          store_capture(p.name);
        } else {
          emit(POP_TOP);
          emit(POP_TOP);
        }
        on_top_ -= 2;
        return;
      }
      case Pat::Class: {
        int nargs = int(p.items.size() - p.kw_names.size());
        value_tokens(p.value);
        std::vector<Ref> names;
        for (auto& k : p.kw_names) names.push_back(rt_.intern(k));
        load_const(rt_.make_tuple(std::move(names)));
        emit(MATCH_CLASS, nargs);
        emit(COPY, 1);
        load_const(rt_.None);
        emit(IS_OP, 1);
        jump_to_fail(POP_JUMP_IF_FALSE);
        emit(UNPACK_SEQUENCE, int(p.items.size()));
        on_top_ += int(p.items.size()) - 1;
        for (const Pat& it : p.items) pattern(it);
        return;
      }
    }
  }

  void match_stmt(TSNode n) {
    std::vector<TSNode> subjects, cases;
    TSNode blk{};
    for (TSNode ch : all_children(n)) {
      if (!ts_node_is_named(ch)) continue;
      if (type(ch) == "block") blk = ch;
      else subjects.push_back(ch);
    }
    if (!ts_node_is_null(blk))
      for (uint32_t i = 0; i < ts_node_named_child_count(blk); ++i)
        if (type(ts_node_named_child(blk, i)) == "case_clause") cases.push_back(ts_node_named_child(blk, i));
    if (subjects.size() == 1) expr(subjects[0]);
    else { for (TSNode s : subjects) expr(s); set_pos(n); emit(BUILD_TUPLE, int(subjects.size())); }
    if (cases.empty()) { emit(POP_TOP); return; }
    struct Case { Pat pat; TSNode guard{}, block{}, node{}; };
    std::vector<Case> cs;
    for (TSNode c : cases) {
      Case k;
      k.node = c;
      k.guard = field(c, "guard");
      k.block = field(c, "consequence");
      std::vector<TSNode> pats;
      for (uint32_t i = 0; i < ts_node_named_child_count(c); ++i)
        if (type(ts_node_named_child(c, i)) == "case_pattern") pats.push_back(ts_node_named_child(c, i));
      if (pats.size() == 1) { if (!read_case(pats[0], k.pat)) return; }
      else {  // `case a, b:` is a sequence pattern
        k.pat.kind = Pat::Seq;
        for (TSNode pn : pats) { Pat sub; if (!read_case(pn, sub)) return; k.pat.items.push_back(std::move(sub)); }
      }
      cs.push_back(std::move(k));
    }
    const int ncases = int(cs.size());
    const bool has_default = ncases > 1 && cs.back().pat.kind == Pat::Wildcard;
    std::vector<int> ends;
    for (int i = 0; i < ncases - (has_default ? 1 : 0); ++i) {
      Case& k = cs[size_t(i)];
      const bool last = i == ncases - (has_default ? 1 : 0) - 1;
      set_pos(k.node);
      if (!last) emit(COPY, 1);
      fail_pop_.clear();
      on_top_ = 1;
      pattern(k.pat);
      if (!ts_node_is_null(k.guard)) {
        expr(ts_node_named_child(k.guard, 0));
        on_top_ = 0;
        jump_to_fail(POP_JUMP_IF_FALSE);
      }
      if (!last) emit(POP_TOP);
      body(k.block);
      ends.push_back(emit(JUMP_FORWARD));
      set_pos(k.node);
      emit_fail_pop();
    }
    if (has_default) {
      Case& k = cs.back();
      set_pos(k.node);
      if (ncases == 1) emit(POP_TOP);
      else emit(NOP);
      if (!ts_node_is_null(k.guard)) {
        expr(ts_node_named_child(k.guard, 0));
        ends.push_back(emit(POP_JUMP_IF_FALSE));
      }
      body(k.block);
    }
    for (int e : ends) patch(e, here());
  }

  Runtime& rt_;
  const syntax::Tree& t_;
  std::string filename_;
};

}  // namespace

std::string unescape_literal(std::string_view s, bool raw, bool bytes, std::string& error) {
  std::string out;
  out.reserve(s.size());
  auto put_cp = [&](std::uint32_t cp) {
    if (bytes) { out += char(cp & 0xff); return; }
    if (cp < 0x80) out += char(cp);
    else if (cp < 0x800) { out += char(0xC0 | (cp >> 6)); out += char(0x80 | (cp & 0x3F)); }
    else if (cp < 0x10000) { out += char(0xE0 | (cp >> 12)); out += char(0x80 | ((cp >> 6) & 0x3F)); out += char(0x80 | (cp & 0x3F)); }
    else { out += char(0xF0 | (cp >> 18)); out += char(0x80 | ((cp >> 12) & 0x3F)); out += char(0x80 | ((cp >> 6) & 0x3F)); out += char(0x80 | (cp & 0x3F)); }
  };
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c != '\\' || raw) {
      if (c == '\r') { out += '\n'; if (i + 1 < s.size() && s[i + 1] == '\n') ++i; continue; }
      out += c;
      if (raw && c == '\\' && i + 1 < s.size()) { out += s[++i]; }
      continue;
    }
    if (i + 1 >= s.size()) { out += '\\'; break; }
    char e = s[++i];
    switch (e) {
      case '\n': break;
      case '\\': out += '\\'; break;
      case '\'': out += '\''; break;
      case '"': out += '"'; break;
      case 'a': out += '\a'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'v': out += '\v'; break;
      case 'x': {
        if (i + 2 >= s.size() + 0 && i + 2 > s.size()) { error = "truncated \\xXX escape"; return out; }
        std::uint32_t v = 0;
        auto r = std::from_chars(s.data() + i + 1, s.data() + std::min(s.size(), i + 3), v, 16);
        if (r.ptr != s.data() + i + 3) { error = "truncated \\xXX escape"; return out; }
        put_cp(v);
        i += 2;
        break;
      }
      case 'u': case 'U': {
        if (bytes) { out += '\\'; out += e; break; }
        size_t len = e == 'u' ? 4 : 8;
        std::uint32_t v = 0;
        auto r = std::from_chars(s.data() + i + 1, s.data() + std::min(s.size(), i + 1 + len), v, 16);
        if (r.ptr != s.data() + i + 1 + len) { error = std::string("truncated \\") + e + " escape"; return out; }
        put_cp(v);
        i += len;
        break;
      }
      case 'N': {
        error = "\\N{...} escapes are not modelled yet";
        return out;
      }
      default:
        if (e >= '0' && e <= '7') {
          std::uint32_t v = std::uint32_t(e - '0');
          for (int k = 0; k < 2 && i + 1 < s.size() && s[i + 1] >= '0' && s[i + 1] <= '7'; ++k) v = v * 8 + std::uint32_t(s[++i] - '0');
          put_cp(v);
        } else {
          out += '\\';
          out += e;
        }
    }
  }
  return out;
}

CompileResult compile_module(Runtime& rt, const std::string& filename, const std::string& source) {
  return compile_source(rt, filename, source, false);
}

CompileResult compile_eval(Runtime& rt, const std::string& filename, const std::string& source) {
  return compile_source(rt, filename, source, true);
}

CompileResult compile_source(Runtime& rt, const std::string& filename, const std::string& source, bool eval_mode) {
  CompileResult res;
  syntax::Tree tree(syntax::Source(filename, source));
  if (!tree.ok()) {
    res.error_type = "SyntaxError";
    res.error = "could not parse";
    return res;
  }
  // syntax errors first
  TSNode bad{};
  bool found = false;
  syntax::walk(tree.root(), [&](TSNode n) {
    if (found) return false;
    if (ts_node_is_error(n) || ts_node_is_missing(n)) { bad = n; found = true; return false; }
    return ts_node_has_error(n);
  });
  IndentIssue ind = check_indentation(source);  // compiler/indentation.cpp
  if (ind.found && (!found || int(tree.end(bad).line) >= ind.line)) {
    res.error_type = ind.type;
    res.error = ind.msg;
    res.line = ind.line;
    res.col = ind.col;
    return res;
  }
  if (found) {
    auto p = tree.start(bad);
    res.error_type = "SyntaxError";
    res.error = "invalid syntax";
    res.line = p.line;
    res.col = p.col;
    return res;
  }
  std::string err;
  TSNode err_node{};
  auto scopes = build_scopes(tree, err, err_node);
  if (!err.empty()) {
    res.error_type = "SyntaxError";
    res.error = err;
    if (!ts_node_is_null(err_node)) {
      auto p = tree.start(err_node), e = tree.end(err_node);
      res.line = p.line; res.col = p.col; res.end_line = e.line; res.end_col = e.col;
    }
    return res;
  }
  Codegen cg(rt, tree, filename);
  cg.eval_mode = eval_mode;
  Ref code = cg.compile(scopes.get());
  if (cg.failed()) {
    res.error_type = cg.err_.type;
    res.error = cg.err_.msg;
    if (!ts_node_is_null(cg.err_.node)) {
      auto p = tree.start(cg.err_.node), e = tree.end(cg.err_.node);
      res.line = p.line; res.col = p.col; res.end_line = e.line; res.end_col = e.col;
    }
    return res;
  }
  res.code = code;
  if (rt.python_minor >= 12) res.warnings = invalid_escape_warnings(tree);  // (the parser's come first)
  res.warnings.insert(res.warnings.end(), cg.warnings_.begin(), cg.warnings_.end());
  return res;
}

}  // namespace pitfall::sim
