// Code objects and the instruction set of the simulated VM, modelled on
// CPython 3.11's bytecode (Include/opcode.h, Python/compile.c). Jumps carry
// absolute instruction indexes; exception handling uses a per-frame block
// stack (SETUP_FINALLY/POP_BLOCK) with the same handler shapes as CPython.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sim/objects/inline_cache_slot.h"
#include "sim/objects/object.h"

namespace pitfall::sim {

#define PITFALL_OPCODES(X)                                                                  \
  X(NOP) X(POP_TOP) X(PUSH_NULL) X(COPY) X(SWAP) X(LOAD_CONST) X(LOAD_FAST) X(STORE_FAST)   \
  X(DELETE_FAST) X(LOAD_DEREF) X(STORE_DEREF) X(DELETE_DEREF) X(LOAD_CLASSDEREF)            \
  X(LOAD_CLOSURE) X(LOAD_GLOBAL) X(STORE_GLOBAL) X(DELETE_GLOBAL) X(LOAD_NAME)             \
  X(STORE_NAME) X(DELETE_NAME) X(LOAD_ATTR) X(STORE_ATTR) X(DELETE_ATTR) X(LOAD_METHOD)     \
  X(BINARY_OP) X(UNARY_NEGATIVE) X(UNARY_POSITIVE) X(UNARY_INVERT) X(UNARY_NOT)            \
  X(COMPARE_OP) X(IS_OP) X(CONTAINS_OP) X(BINARY_SUBSCR) X(STORE_SUBSCR) X(DELETE_SUBSCR)   \
  X(BUILD_SLICE) X(BUILD_LIST) X(BUILD_TUPLE) X(BUILD_SET) X(BUILD_MAP) X(BUILD_STRING)     \
  X(LIST_APPEND) X(SET_ADD) X(MAP_ADD) X(LIST_EXTEND) X(SET_UPDATE) X(DICT_UPDATE)          \
  X(DICT_MERGE) X(LIST_TO_TUPLE) X(FORMAT_VALUE) X(UNPACK_SEQUENCE) X(UNPACK_EX)           \
  X(GET_ITER) X(FOR_ITER) X(JUMP_FORWARD) X(JUMP_BACKWARD) X(POP_JUMP_IF_FALSE)            \
  X(POP_JUMP_IF_TRUE) X(JUMP_IF_FALSE_OR_POP) X(JUMP_IF_TRUE_OR_POP) X(CALL) X(KW_NAMES)    \
  X(CALL_FUNCTION_EX) X(MAKE_FUNCTION) X(RETURN_VALUE) X(YIELD_VALUE)                       \
  X(GET_YIELD_FROM_ITER) X(GET_AWAITABLE) X(SEND) X(SETUP_FINALLY) X(POP_BLOCK)            \
  X(POP_EXCEPT) X(RERAISE) X(RERAISE_RESTORE) X(RAISE_VARARGS) X(CHECK_EXC_MATCH)          \
  X(BEFORE_WITH) X(WITH_EXIT) X(WITH_EXCEPT_START) X(LOAD_BUILD_CLASS) X(IMPORT_NAME)     \
  X(IMPORT_FROM) X(IMPORT_STAR) X(LOAD_ASSERTION_ERROR) X(GET_AITER) X(GET_ANEXT)         \
  X(END_ASYNC_FOR) X(BEFORE_ASYNC_WITH) X(SETUP_CLEANUP) X(NOT_MODELLED)                 \
  X(MATCH_SEQUENCE) X(MATCH_MAPPING) X(MATCH_CLASS) X(MATCH_KEYS) X(GET_LEN)                 \
  X(CHECK_EG_MATCH) X(PREP_RERAISE_STAR)                                                   \
  PITFALL_FUSED_OPCODES(X)

// Pairs of instructions on one line that the VM runs with one dispatch (as
// CPython 3.11's superinstructions): never emitted by the compiler, only in
// the copy of a code's instructions that frames run (fused_code(), eval.cpp),
// where the pair's first instruction takes the fused opcode and the second
// stays as it is (a jump may land on it). Each of the two is still fetched,
// accounted and counted as itself: only host time changes.
#define PITFALL_FUSED_OPCODES(X)                                                            \
  X(LOAD_FAST__LOAD_FAST) X(LOAD_FAST__LOAD_CONST) X(LOAD_CONST__LOAD_FAST)                 \
  X(STORE_FAST__LOAD_FAST) X(STORE_FAST__STORE_FAST) X(FOR_ITER__STORE_FAST)                \
  X(BINARY_OP__STORE_FAST) X(COMPARE_OP__POP_JUMP_IF_FALSE) X(COMPARE_OP__POP_JUMP_IF_TRUE)

enum Op : std::uint8_t {
#define X(n) n,
  PITFALL_OPCODES(X)
#undef X
  kOpCount
};
// The instruction a fused opcode starts with (any other opcode: itself).
constexpr int unfused_op(int op) {
  switch (op) {
    case LOAD_FAST__LOAD_FAST: case LOAD_FAST__LOAD_CONST: return LOAD_FAST;
    case LOAD_CONST__LOAD_FAST: return LOAD_CONST;
    case STORE_FAST__LOAD_FAST: case STORE_FAST__STORE_FAST: return STORE_FAST;
    case FOR_ITER__STORE_FAST: return FOR_ITER;
    case BINARY_OP__STORE_FAST: return BINARY_OP;
    case COMPARE_OP__POP_JUMP_IF_FALSE: case COMPARE_OP__POP_JUMP_IF_TRUE: return COMPARE_OP;
    default: return op;
  }
}
const char* op_name(int op);
bool op_is_jump(int op);

// BINARY_OP arguments (CPython's NB_* order).
enum BinOp { NB_ADD, NB_AND, NB_FLOOR_DIVIDE, NB_LSHIFT, NB_MATRIX_MULTIPLY, NB_MULTIPLY,
             NB_REMAINDER, NB_OR, NB_POWER, NB_RSHIFT, NB_SUBTRACT, NB_TRUE_DIVIDE, NB_XOR,
             NB_INPLACE = 13 };
// The operation of a BINARY_OP argument, in-place or not (arguments are never
// negative: unsigned arithmetic, a multiply and a shift)
inline int nb_base(int arg) { return int(unsigned(arg) % unsigned(NB_INPLACE)); }
const char* binop_symbol(int op);  // "+", "+=", ...
enum CmpOp { CMP_LT, CMP_LE, CMP_EQ, CMP_NE, CMP_GT, CMP_GE };

struct Instr { std::uint8_t op; std::int32_t arg; };
struct Pos {
  int line = 0, col = 0, end_line = 0, end_col = 0;  // 1-based, code points
  int anchor = 0, anchor_end = 0;  // traceback "^" part inside a "~" range (binary operator, subscript)
};

enum CodeFlags { CO_GENERATOR = 1, CO_COROUTINE = 2, CO_VARARGS = 4, CO_VARKEYWORDS = 8,
                 CO_NEWLOCALS = 16, CO_ASYNC_GENERATOR = 32 };

struct CodeObj : Obj {
  std::string name, qualname, filename;
  int firstlineno = 1;
  int flags = 0;
  int argcount = 0, posonlyargcount = 0, kwonlyargcount = 0;
  std::vector<std::string> varnames, cellvars, freevars;
  std::vector<int> cell_from_arg;  // per cellvar: arg index or -1
  std::vector<Instr> code;
  std::vector<Pos> pos;
  std::vector<Ref> consts;
  std::vector<Ref> names;  // interned StrObj
  int stacksize = 0;
  bool library = false;  // simulator-provided module code (threading, concurrent.futures): no per-line stats
  std::vector<int> line_ids;  // per instruction: its line and its slot in the VM's line table (filled by the VM: eval.cpp)
  std::vector<Instr> run_code;  // `code` with fused pairs (PITFALL_FUSED_OPCODES): what frames run (filled with line_ids)
  InlineCacheArray icache;  // per instruction, made on first use (vm/inline_caches.h)
  explicit CodeObj(ClassObj* c) : Obj(c, Tag::Code) {}
  int nlocalsplus() const { return int(varnames.size() + cellvars.size() + freevars.size()); }
};

}  // namespace pitfall::sim
