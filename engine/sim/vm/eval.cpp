// The dispatch loop (Python/ceval.c's _PyEval_EvalFrameDefault, 3.11 shape):
// frames live on VM::frames; Python calls push a frame and continue in the
// same loop; exceptions unwind through each frame's block stack.
#include <cmath>
#include <bit>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "sim/vm/user_descriptors.h"
#include "sim/modules/ascii_repr.h"
#include "sim/vm/arg_buffer.h"
#include "sim/vm/builtin_call.h"
#include "sim/vm/list_append_call.h"
#include "sim/vm/async_gen.h"
#include "sim/vm/annotations.h"
#include "sim/vm/async_ops.h"
#include "sim/vm/instance_new.h"
#include "sim/vm/match_ops.h"
#include "sim/vm/set_ops.h"
#include "sim/vm/int_ops.h"
#include "sim/vm/inline_caches.h"
#include "sim/vm/frame_objects.h"
#include "sim/vm/str_append.h"
#include "sim/vm/vm.h"
#include "sim/vm/coro_frames.h"
#include "sim/vm/code_check.h"
#include "sim/modules/exception_groups.h"
#include "sim/vm/vm_memory.h"
#include "sim/vm/scalar_results.h"
#include "sim/vm/float_binary.h"
#include "sim/vm/fused_pairs.h"

namespace pitfall::sim {

namespace {
// int and bool; subclasses take the generic path (their operator methods may be overridden)
inline bool is_int(const Obj* o) { return o->builtin_int; }  // (tag Int and cls->builtin: object.h)
inline std::int64_t ival(const Obj* o) { return static_cast<const IntObj*>(o)->v; }
// Instructions after which the eval breaker is checked (see the end of the loop).
constexpr struct EvalBreakerOps {
  bool at[kOpCount] = {};
  constexpr EvalBreakerOps() {
    for (int op : {JUMP_BACKWARD, CALL, CALL_FUNCTION_EX, BEFORE_WITH, WITH_EXIT}) at[op] = true;
  }
  constexpr bool operator[](int op) const { return at[op]; }
} kEvalBreakerOp;
// A subclass of a built-in type other than object/exceptions: built by
// __new_native__ with the call's arguments (VM::instantiate), not allocated blank.
inline bool has_native_base(const ClassObj* c) {
  for (const ClassObj* m : c->mro) if (m->builtin) return !m->is_exception && m->name != "object";
  return false;
}
}  // namespace

// Per instruction of `code`, two ints in code->line_ids: its line (for
// cur_line) and its slot in the per-line table `lines`, which is the line
// when its statistics are kept (not library code, a line of the program's
// source: 0 < line < lines.size()) and 0 otherwise: lines[0] takes the time
// of those instructions and the report never reads it. Made on the code's
// first frame; a last int keeps the `library` flag it was made with (bit 0)
// and whether the code can be run without bounds checks (bit 1, below).
static_assert(std::endian::native == std::endian::little);  // (FETCH_AND_ACCOUNT reads the two as one word)
constexpr int kLineWordsLibrary = 1, kLineWordsChecked = 2;

// The dispatch loop fetches f->instrs[f->ip] without testing f->ip against
// the code's size and jumps through the switch without testing the opcode's
// range: code_runs_unchecked() (code_check.h) is true for the code it runs.
// What a frame of code that fails the check runs instead: one NOT_MODELLED,
// whose case raises RuntimeError "internal: the code cannot be run", on no line.
static const Instr kUncheckedCode[1] = {{NOT_MODELLED, 0}};
static const Pos kUncheckedPos[1] = {};
static const std::int32_t kUncheckedLineWords[3] = {0, 0, 0};

// code->run_code: the code's instructions with the pairs the VM runs with
// one dispatch (PITFALL_FUSED_OPCODES, code.h). The first of a pair is never
// an eval breaker instruction and cannot switch frames, so between the two
// the handler only tests for the slow path (FUSED_SECOND); the two are on
// one line with one statistics slot (code.line_ids, made first). The second
// of a pair is not fused itself (it is fetched alone when a jump lands on it).
bool g_fused_pairs = true;
std::uint64_t g_fused_pairs_made = 0;

static void fuse_pairs(CodeObj& code) {
  const std::vector<Instr>& c = code.code;
  code.run_code = c;
  if (!g_fused_pairs) return;
  const std::vector<int>& w = code.line_ids;
  for (std::size_t i = 0; i + 1 < c.size(); ++i) {
    if (w[2 * i] != w[2 * i + 2] || w[2 * i + 1] != w[2 * i + 3]) continue;  // (FUSED_SECOND)
    const int a = c[i].op, b = c[i + 1].op;
    int fused = -1;
    if (a == LOAD_FAST && b == LOAD_FAST) fused = LOAD_FAST__LOAD_FAST;
    else if (a == LOAD_FAST && b == LOAD_CONST) fused = LOAD_FAST__LOAD_CONST;
    else if (a == LOAD_CONST && b == LOAD_FAST) fused = LOAD_CONST__LOAD_FAST;
    else if (a == STORE_FAST && b == LOAD_FAST) fused = STORE_FAST__LOAD_FAST;
    else if (a == STORE_FAST && b == STORE_FAST) fused = STORE_FAST__STORE_FAST;
    else if (a == FOR_ITER && b == STORE_FAST) fused = FOR_ITER__STORE_FAST;
    else if (a == BINARY_OP && b == STORE_FAST) fused = BINARY_OP__STORE_FAST;
    else if (a == COMPARE_OP && b == POP_JUMP_IF_FALSE) fused = COMPARE_OP__POP_JUMP_IF_FALSE;
    else if (a == COMPARE_OP && b == POP_JUMP_IF_TRUE) fused = COMPARE_OP__POP_JUMP_IF_TRUE;
    if (fused < 0) continue;
    code.run_code[i].op = std::uint8_t(fused);
    ++g_fused_pairs_made;
    ++i;  // (the second stays unfused)
  }
}

static const std::int32_t* line_words(const VM& vm, CodeObj* code) {
  const std::size_t n = code->code.size();
  std::vector<int>& w = code->line_ids;
  if (w.size() != 2 * n + 1 || (w.back() & kLineWordsLibrary) != int(code->library) || code->run_code.size() != n) {
    w.assign(2 * n + 1, 0);
    for (std::size_t i = 0; i < n && i < code->pos.size(); ++i) {
      const int line = code->pos[i].line;
      w[2 * i] = line;
      w[2 * i + 1] = !code->library && line > 0 && std::size_t(line) < vm.lines.size() ? line : 0;
    }
    w[2 * n] = int(code->library) | (code_runs_unchecked(*code) ? kLineWordsChecked : 0);
    fuse_pairs(*code);
  }
  return w.data();
}

Frame* VM::new_frame(FuncObj* f, CodeObj* code, Ref globals, Ref locals) {
  Frame* fr = new Frame();
  fr->code = code;
  fr->pos = code->pos.data();
  fr->line_words = line_words(*this, code);
  fr->instrs = code->run_code.data();  // (made with the line words)
  fr->ncode = int(code->code.size());
  if (!(fr->line_words[2 * code->code.size()] & kLineWordsChecked)) [[unlikely]] {
    fr->instrs = kUncheckedCode;
    fr->pos = kUncheckedPos;
    fr->line_words = kUncheckedLineWords;
    fr->ncode = 1;
  }
  fr->line_stats = !code->library;
  if (code->library) fr->last_line = 0;  // (its instructions' slot: never counted)
  fr->code_ref = Ref(code);
  if (f) fr->func = Ref(f);
  fr->globals = std::move(globals);
  fr->globals_d = fr->globals.as<DictObj>();
  fr->locals = std::move(locals);
  int nl = code->nlocalsplus();
  fr->slots = make_frame_slots(std::size_t(nl + code->stacksize + 1));
  fr->stack = fr->slots.get() + nl;
  return fr;
}

void VM::free_frame(Frame* f) {
  if (f->frame_obj) frame_object_detach(this, f, frames.empty() ? nullptr : frames.back());
  delete f;
}

Frame* VM::frame_for_call(FuncObj* f, Ref* args, int n, TupleObj* kwnames, Ref* kwv) {
  CodeObj* co = f->co();
  int nkw = kwnames ? int(kwnames->items.size()) : 0;
  if (!kwv && nkw) { kwv = args + n - nkw; n -= nkw; }
  Frame* fr = new_frame(f, co, f->globals, nullptr);
  Ref* loc = fr->slots.get();
  int argc = co->argcount;
  int npos = n < argc ? n : argc;
  for (int i = 0; i < npos; ++i) loc[i] = args[i];
  int slot_varargs = -1, slot_varkw = -1;
  int next = argc + co->kwonlyargcount;
  if (co->flags & CO_VARARGS) slot_varargs = next++;
  if (co->flags & CO_VARKEYWORDS) slot_varkw = next++;
  auto fail = [&](const std::string& msg) -> Frame* {
    raise(rt.TypeError, co->qualname + "() " + msg);
    delete fr;
    return nullptr;
  };
  if (n > argc) {
    if (slot_varargs < 0) {
      int ndef = f->defaults ? int(f->defaults.as<TupleObj>()->items.size()) : 0;
      std::string takes = ndef ? "from " + std::to_string(argc - ndef) + " to " + std::to_string(argc) : std::to_string(argc);
      return fail("takes " + takes + " positional argument" + (argc == 1 && !ndef ? "" : "s") + " but " + std::to_string(n) +
                  (n == 1 ? " was" : " were") + " given");
    }
    std::vector<Ref> rest(args + argc, args + n);
    loc[slot_varargs] = rt.make_tuple(std::move(rest));
  } else if (slot_varargs >= 0) {
    loc[slot_varargs] = rt.make_tuple({});
  }
  if (slot_varkw >= 0) loc[slot_varkw] = rt.make_dict();
  for (int k = 0; k < nkw; ++k) {
    StrObj* name = kwnames->items[k].as<StrObj>();
    int idx = -1;
    for (int i = co->posonlyargcount; i < argc + co->kwonlyargcount; ++i)
      if (co->varnames[i] == name->s) { idx = i; break; }
    if (idx < 0) {
      if (slot_varkw < 0) {
        // positional-only parameters given by keyword (ceval.c positional_only_passed_as_keyword)
        std::string posonly;
        for (int j = 0; j < nkw; ++j)
          for (int i = 0; i < co->posonlyargcount; ++i)
            if (co->varnames[i] == kwnames->items[j].as<StrObj>()->s) posonly += (posonly.empty() ? "" : ", ") + co->varnames[i];
        if (!posonly.empty()) return fail("got some positional-only arguments passed as keyword arguments: '" + posonly + "'");
        return fail("got an unexpected keyword argument '" + name->s + "'");
      }
      dict_set(loc[slot_varkw].as<DictObj>(), kwnames->items[k], kwv[k]);
      continue;
    }
    if (loc[idx]) return fail("got multiple values for argument '" + name->s + "'");
    loc[idx] = kwv[k];
  }
  // defaults
  if (n < argc) {
    int ndef = f->defaults ? int(f->defaults.as<TupleObj>()->items.size()) : 0;
    int first_def = argc - ndef;
    std::vector<std::string> missing;
    for (int i = n; i < argc; ++i) {
      if (loc[i]) continue;
      if (i >= first_def) loc[i] = f->defaults.as<TupleObj>()->items[i - first_def];
      else missing.push_back(co->varnames[i]);
    }
    if (!missing.empty()) {
      std::string names;
      for (size_t i = 0; i < missing.size(); ++i) {
        if (i) names += missing.size() == 2 ? " and " : (i + 1 == missing.size() ? ", and " : ", ");
        names += "'" + missing[i] + "'";
      }
      return fail("missing " + std::to_string(missing.size()) + " required positional argument" + (missing.size() == 1 ? "" : "s") + ": " + names);
    }
  }
  for (int i = argc; i < argc + co->kwonlyargcount; ++i) {
    if (loc[i]) continue;
    Ref d;
    if (f->kwdefaults) d = dict_get_str(f->kwdefaults.as<DictObj>(), rt.intern(co->varnames[i]).as<StrObj>());
    if (!d) return fail("missing 1 required keyword-only argument: '" + co->varnames[i] + "'");
    loc[i] = d;
  }
  // cells and free variables
  int nv = int(co->varnames.size());
  for (size_t i = 0; i < co->cellvars.size(); ++i) {
    Ref cell = make<CellObj>(rt.cell_t);
    if (co->cell_from_arg[i] >= 0) cell.as<CellObj>()->v = loc[co->cell_from_arg[i]];
    loc[nv + i] = cell;
  }
  if (!co->freevars.empty() && f->closure) {
    auto& cl = f->closure.as<TupleObj>()->items;
    for (size_t i = 0; i < co->freevars.size() && i < cl.size(); ++i) loc[nv + co->cellvars.size() + i] = cl[i];
  }
  return fr;
}

int VM::current_line() const {
  Frame* f = current_frame();
  if (!f) return 0;
  int ip = f->ip > 0 ? f->ip - 1 : 0;
  return ip < int(f->code->pos.size()) ? f->code->pos[ip].line : 0;
}

// The slots above the top of a frame's stack are always empty: every pop
// empties its slot (POP() is moved from, the rest reset()). So a push
// constructs the value in the slot without releasing an old one; a build with
// PITFALL_STACK_CHECKS (the sanitizer build) stops on a slot found full.
#ifdef PITFALL_STACK_CHECKS
#define PITFALL_CHECK_EMPTY_SLOT(slot) \
  if ((slot)->get()) stack_slot_full(f)
#else
#define PITFALL_CHECK_EMPTY_SLOT(slot)
#endif
#define PUSH(v)                                        \
  do {                                                 \
    Ref* const top_ = f->stack + f->sp;                \
    PITFALL_CHECK_EMPTY_SLOT(top_);                    \
    ::new (static_cast<void*>(top_)) Ref(v);           \
    ++f->sp;                                           \
  } while (0)
#define POP() (std::move(f->stack[--f->sp]))
// LOAD_FAST's work: the local in.arg pushed, or UnboundLocalError.
#define PUSH_LOCAL()                                                                  \
  do {                                                                                \
    if (!f->slots[in.arg]) { unbound_local(*this, f, in.arg); GOTO_ERROR(); }         \
    PUSH(f->slots[in.arg]);                                                           \
  } while (0)
#define TOP() (f->stack[f->sp - 1])
#define PEEK(n) (f->stack[f->sp - (n)])
#define GOTO_ERROR() goto error

#ifdef PITFALL_STACK_CHECKS
[[noreturn, gnu::cold]] static void stack_slot_full(const Frame* f) {
  std::fprintf(stderr, "internal: the slot above the stack of %s (ip %d, sp %d) holds a value\n",
               f->code->qualname.c_str(), f->ip, f->sp);
  std::abort();
}
#endif

// LOAD_FAST of a local with no value.
[[gnu::cold, gnu::noinline]] static void unbound_local(VM& vm, const Frame* f, int slot) {
  vm.raise(vm.rt.UnboundLocalError,
           "cannot access local variable '" + f->code->varnames[std::size_t(slot)] + "' where it is not associated with a value");
}

// A Python __enter__/__exit__ (a bound method of a Python function) as a new
// frame of the running loop, so that the with-statement's body of a lock or
// executor written in Python can block like any call. Null when the manager's
// method is something else (exc set if binding the arguments failed).
static Frame* with_frame(VM& vm, const Ref& m, int nargs, Ref type = nullptr, Ref value = nullptr) {
  if (m->tag != Tag::BoundMethod) return nullptr;
  BoundMethodObj* bm = m.as<BoundMethodObj>();
  if (bm->func->tag != Tag::Func) return nullptr;
  FuncObj* fn = bm->func.as<FuncObj>();
  if (fn->co()->flags & (CO_GENERATOR | CO_COROUTINE | CO_ASYNC_GENERATOR)) return nullptr;
  if (vm.frames.size() >= size_t(vm.recursion_limit)) return nullptr;
  Ref a[4] = {bm->self, type ? type : vm.rt.None, value ? value : vm.rt.None, vm.rt.None};
  return vm.frame_for_call(fn, a, 1 + nargs, nullptr);
}

// The frame of a new instance's Python __init__, for both class-call routes
// of CALL (the call site's cached route and the general one): the instance
// allocated (an exception's args from the `npos` positional arguments), the
// arguments bound after it, the `consumed` stack entries of the call dropped,
// the recursion limit checked. Null with the exception set.
static Frame* init_frame(VM& vm, Frame* f, ClassObj* cls, FuncObj* init, Ref* args, int n, int npos, TupleObj* kwn,
                         int consumed) {
  Ref obj = vm.instantiate(cls, nullptr, -1, nullptr);  // allocation only
  if (!obj) return nullptr;
  if (obj->tag == Tag::Exception) obj.as<ExceptionObj>()->args = vm.rt.make_tuple(std::vector<Ref>(args, args + npos));
  ArgBuffer a2;
  a2.fill(obj, args, n);
  Frame* nf = vm.frame_for_call(init, a2.data(), n + 1, kwn);
  if (!nf) return nullptr;
  for (int i = 0; i < consumed; ++i) f->stack[--f->sp].reset();
  if (vm.frames.size() >= size_t(vm.recursion_limit)) {
    delete nf;
    vm.raise(vm.rt.RecursionError, "maximum recursion depth exceeded");
    return nullptr;
  }
  nf->init_self = std::move(obj);
  return nf;
}

// Fetches the instruction at f->ip into `ip` and `in` and accounts it: its
// line, the instruction count, its cost on the clock and on its line
// (line_words()). (No test of f->ip against the code's size, no test of the
// opcode's range: code_runs_unchecked() made sure of both where the frame was
// made.)
#define FETCH_AND_ACCOUNT()                                                \
  ip = f->ip;                                                              \
  in = f->instrs[ip];                                                      \
  if (in.op >= kOpCount) __builtin_unreachable();                          \
  {                                                                        \
    std::uint64_t lw_;                                                     \
    std::memcpy(&lw_, f->line_words + 2 * ip, sizeof lw_);                 \
    const int slot_ = int(std::uint32_t(lw_ >> 32));                       \
    cur_line = int(std::uint32_t(lw_));                                    \
    cur_slot = slot_;                                                      \
    f->ip = ip + 1;                                                        \
    ++instructions;                                                        \
    const double c_ = op_cost[in.op];                                      \
    clock_ns += c_;                                                        \
    cpu_ns += c_;                                                          \
    LineStat& ls_ = line_tab[slot_];                                       \
    ls_.part[ip & 1] += c_;                                                \
    if (slot_ != f->last_line) [[unlikely]] {                              \
      if (slot_) { ++ls_.count; f->last_line = slot_; }                    \
    }                                                                      \
  }

// A fused pair's handler may take the second instruction on its common paths
// only; on the others it ends as the first does and the loop fetches the
// second as usual (fuse_pairs() leaves it as it is).
// The second instruction of a fused pair (fuse_pairs()), `op2`, once the
// first ran without a jump: what the end of the first (not an eval breaker
// instruction) and FETCH_AND_ACCOUNT do for it when the slow path has
// nothing to do (otherwise the loop takes the second). The two share their
// line and its statistics slot: cur_line and the line's count stay.
#define FUSED_SECOND(op2)                                                  \
  if (instructions >= check_at) [[unlikely]] goto next_instruction;        \
  ip = ip + 1;                                                             \
  in.op = op2;                                                             \
  in.arg = f->instrs[ip].arg;                                              \
  f->ip = ip + 1;                                                          \
  ++instructions;                                                          \
  {                                                                        \
    const double c_ = op_cost[op2];                                        \
    clock_ns += c_;                                                        \
    cpu_ns += c_;                                                          \
    line_tab[cur_slot].part[ip & 1] += c_;                                 \
  }

// Threaded dispatch (native builds): each handler below is reached through
// the table of their labels, and the hot ones end with their own copy of the
// next instruction's test, fetch and jump (NEXT) instead of going round the
// loop (clang may still share the final jump between copies). Where computed
// gotos are missing (WebAssembly lowers them to a switch anyway) the switch
// dispatches and NEXT goes back to the loop's head. Either way NEXT does what
// the end of the loop does: the eval breaker after one of its instructions,
// then the slow path's test.
#if defined(__clang__) && !defined(__EMSCRIPTEN__)
#define PITFALL_THREADED_DISPATCH 1
#define TARGET(op) case op: L_##op
#define DISPATCH()                                                         \
  do {                                                                     \
    if (instructions >= check_at) [[unlikely]] goto next_instruction;      \
    FETCH_AND_ACCOUNT();                                                   \
    goto *kTargets[in.op];                                                 \
  } while (0)
#else
#define PITFALL_THREADED_DISPATCH 0
#define TARGET(op) case op
#define DISPATCH() goto next_instruction
#endif
// The end of the handler of `op` (a literal: whether it checks the eval
// breaker is known where it is written) when no local of the handler is alive.
// Eval-breaker check points (Python/ceval.c: loop back-edges, after calls,
// which covers function entry): the thread stops when its time slice is over
// (after a built-in that asked the scheduler for a blocking call: the slow
// path at the top of the loop).
#define NEXT(op)                                                           \
  do {                                                                     \
    if constexpr (kEvalBreakerOp[op]) {                                    \
      if (outermost && clock_ns >= deadline_ns) { result.reset(); return Stop::Slice; } \
    }                                                                      \
    DISPATCH();                                                            \
  } while (0)
// NEXT of the instruction in `in` (the end of the loop, for the handlers
// that end with `break`).
#define NEXT_ANY()                                                         \
  do {                                                                     \
    if (kEvalBreakerOp[in.op] && outermost && clock_ns >= deadline_ns) {   \
      result.reset();                                                      \
      return Stop::Slice;                                                  \
    }                                                                      \
    DISPATCH();                                                            \
  } while (0)

Stop VM::eval(std::size_t base, Ref& result) {
  Frame* f = frames.back();
  const bool outermost = nested == 0;
  ++nested;
  struct NestGuard {
    int& n; int& line; int& slot; int saved_line, saved_slot;
    ~NestGuard() { --n; line = saved_line; slot = saved_slot; }
  } guard{nested, cur_line, cur_slot, cur_line, cur_slot};
  // a blocking call made before the last slice ended failed (see thread_runtime.cpp)
  // the per-line table never changes size after the VM is made (line_words())
  LineStat* const line_tab = lines.data();
  const std::uint64_t first_instruction = instructions;  // (see has_pending below)
  if (outermost && resume_raise) { resume_raise = false; goto error; }

  check_at = 0;  // the first instruction takes the slow path (work made before this call)
  int ip;     // the instruction being run (FETCH_AND_ACCOUNT)
  Instr in;
#if PITFALL_THREADED_DISPATCH
  static void* const kTargets[kOpCount] = {
#define X(n) &&L_##n,
      PITFALL_OPCODES(X)
#undef X
  };
#endif

  for (;;) {
  next_instruction:
    // One test per instruction sends it to the slow path: the memory layer's
    // work (it sets check_at to 0 when it has some, vm_memory.cpp), a
    // built-in's blocking call (has_pending: ThreadRuntime::request sets
    // check_at to 0 with it) and the instruction budget (check_at is at most
    // budget - 1).
    if (instructions >= check_at) [[unlikely]] {
      check_at = budget ? budget - 1 : 0;
      if (has_pending) [[unlikely]] {
        // the eval breaker after the instruction that made the call (as if
        // tested at the end of that instruction: nothing ran since); in a
        // nested eval it waits for the outermost one
        if (outermost && instructions != first_instruction) { result.reset(); return Stop::Slice; }
        check_at = 0;
      }
      if (VmMemory* mem = memory.get(); mem && mem->has_work() && !mem->flush()) GOTO_ERROR();  // MemoryError
      if (instructions + 1 >= budget) {
        FETCH_AND_ACCOUNT();
        budget_exceeded = true;
        budget_estimate = estimate_steady_state(*this);
        raise(rt.UnsupportedError, "instruction budget exhausted");
        GOTO_ERROR();
      }
    }
    {
      FETCH_AND_ACCOUNT();
#if PITFALL_THREADED_DISPATCH
      goto *kTargets[in.op];
#endif
      switch (static_cast<Op>(in.op)) {
        TARGET(NOP): NEXT(NOP);
        TARGET(POP_TOP): f->stack[--f->sp].reset(); NEXT(POP_TOP);
        TARGET(PUSH_NULL): PUSH(Ref()); NEXT(PUSH_NULL);
        TARGET(COPY): PUSH(Ref(PEEK(in.arg))); NEXT(COPY);
        TARGET(SWAP): std::swap(f->stack[f->sp - 1], f->stack[f->sp - in.arg]); NEXT(SWAP);
        TARGET(LOAD_CONST): PUSH(f->code->consts[in.arg]); NEXT(LOAD_CONST);
        TARGET(LOAD_FAST): do {
          Ref& v = f->slots[in.arg];
          if (!v) { unbound_local(*this, f, in.arg); GOTO_ERROR(); }
          PUSH(v);
          break;
        } while (0); NEXT(LOAD_FAST);
        TARGET(STORE_FAST): f->slots[in.arg] = POP(); NEXT(STORE_FAST);
        TARGET(LOAD_FAST__LOAD_FAST): do {
          PUSH_LOCAL();
          FUSED_SECOND(LOAD_FAST);
          PUSH_LOCAL();
        } while (0); NEXT(LOAD_FAST);
        TARGET(LOAD_FAST__LOAD_CONST): do {
          PUSH_LOCAL();
          FUSED_SECOND(LOAD_CONST);
          PUSH(f->code->consts[in.arg]);
        } while (0); NEXT(LOAD_CONST);
        TARGET(LOAD_CONST__LOAD_FAST): do {
          PUSH(f->code->consts[in.arg]);
          FUSED_SECOND(LOAD_FAST);
          PUSH_LOCAL();
        } while (0); NEXT(LOAD_FAST);
        TARGET(STORE_FAST__LOAD_FAST): do {
          f->slots[in.arg] = POP();
          FUSED_SECOND(LOAD_FAST);
          PUSH_LOCAL();
        } while (0); NEXT(LOAD_FAST);
        TARGET(STORE_FAST__STORE_FAST): do {
          f->slots[in.arg] = POP();
          FUSED_SECOND(STORE_FAST);
          f->slots[in.arg] = POP();
        } while (0); NEXT(STORE_FAST);
        TARGET(DELETE_FAST): {
          if (!f->slots[in.arg]) {
            raise(rt.UnboundLocalError, "cannot access local variable '" + f->code->varnames[in.arg] + "' where it is not associated with a value");
            GOTO_ERROR();
          }
          f->slots[in.arg].reset();
          break;
        }
        TARGET(LOAD_CLOSURE): PUSH(f->slots[f->code->varnames.size() + in.arg]); break;
        TARGET(LOAD_DEREF):
        TARGET(LOAD_CLASSDEREF): do {
          int nv = int(f->code->varnames.size());
          const std::string& nm = in.arg < int(f->code->cellvars.size()) ? f->code->cellvars[in.arg]
                                                                         : f->code->freevars[in.arg - f->code->cellvars.size()];
          if (in.op == LOAD_CLASSDEREF && f->locals) {
            Ref v = dict_get_str(f->locals.as<DictObj>(), rt.intern(nm).as<StrObj>());
            if (v) { PUSH(std::move(v)); break; }
          }
          Ref& cell = f->slots[nv + in.arg];
          if (!cell || !cell.as<CellObj>()->v) {
            if (in.arg < int(f->code->cellvars.size()))
              raise(rt.UnboundLocalError, "cannot access local variable '" + nm + "' where it is not associated with a value");
            else
              raise(rt.NameError, "cannot access free variable '" + nm + "' where it is not associated with a value in enclosing scope");
            GOTO_ERROR();
          }
          PUSH(cell.as<CellObj>()->v);
          break;
        } while (0); NEXT(LOAD_CLASSDEREF);
        TARGET(STORE_DEREF): do {
          Ref& cell = f->slots[f->code->varnames.size() + in.arg];
          if (!cell) cell = make<CellObj>(rt.cell_t);
          cell.as<CellObj>()->v = POP();
          break;
        } while (0); NEXT(STORE_DEREF);
        TARGET(DELETE_DEREF): {
          Ref& cell = f->slots[f->code->varnames.size() + in.arg];
          if (cell) cell.as<CellObj>()->v.reset();
          break;
        }
        TARGET(LOAD_GLOBAL): do {
          StrObj* name = f->code->names[in.arg].as<StrObj>();
          InlineCacheSlot& ic = ic_slot(f->code, ip);
          bool from_globals = false;
          if (Obj* hit = ic_load_global_hit(*this, ic, f->globals_d, name, from_globals)) {  // inline_caches.h
            if (from_globals) charge_variant(CV_LOAD_GLOBAL_MODULE);
            PUSH(Ref(hit));
            break;
          }
          ic_specialize_load_global(*this, ic, f->globals_d, name);
          Ref v = dict_get_str(f->globals_d, name);
          if (v) charge_variant(CV_LOAD_GLOBAL_MODULE);
          else v = dict_get_str(builtins.as<DictObj>(), name);
          if (!v) { raise(rt.NameError, "name '" + name->s + "' is not defined"); GOTO_ERROR(); }
          PUSH(std::move(v));
          break;
        } while (0); NEXT(LOAD_GLOBAL);
        TARGET(STORE_GLOBAL): {
          StrObj* name = f->code->names[in.arg].as<StrObj>();
          InlineCacheSlot& ic = ic_slot(f->code, ip);
          Ref v = POP();
          if (ic_store_name_hit(ic, f->globals_d, name, v)) break;
          ic_specialize_store_name(ic, f->globals_d, name);
          dict_set_str(f->globals_d, name, std::move(v));
          break;
        }
        TARGET(DELETE_GLOBAL): {
          StrObj* name = f->code->names[in.arg].as<StrObj>();
          if (dict_del(f->globals_d, f->code->names[in.arg]) != 1) { raise(rt.NameError, "name '" + name->s + "' is not defined"); GOTO_ERROR(); }
          break;
        }
        TARGET(LOAD_NAME): {
          StrObj* name = f->code->names[in.arg].as<StrObj>();
          InlineCacheSlot& ic = ic_slot(f->code, ip);
          if (Obj* hit = ic_load_name_hit(ic, f->locals.get(), f->globals_d, name)) { PUSH(Ref(hit)); break; }
          ic_specialize_load_name(ic, f->locals.get(), f->globals_d, name);
          Ref v;
          if (f->locals) v = dict_get_str(f->locals.as<DictObj>(), name);
          if (!v) v = dict_get_str(f->globals_d, name);
          if (!v) v = dict_get_str(builtins.as<DictObj>(), name);
          if (!v) { raise(rt.NameError, "name '" + name->s + "' is not defined"); GOTO_ERROR(); }
          PUSH(std::move(v));
          break;
        }
        TARGET(STORE_NAME): {
          DictObj* d = f->locals ? f->locals.as<DictObj>() : f->globals_d;
          StrObj* name = f->code->names[in.arg].as<StrObj>();
          InlineCacheSlot& ic = ic_slot(f->code, ip);
          Ref v = POP();
          if (ic_store_name_hit(ic, d, name, v)) break;
          ic_specialize_store_name(ic, d, name);
          dict_set_str(d, name, std::move(v));
          break;
        }
        TARGET(DELETE_NAME): {
          DictObj* d = f->locals ? f->locals.as<DictObj>() : f->globals_d;
          StrObj* name = f->code->names[in.arg].as<StrObj>();
          if (dict_del(d, f->code->names[in.arg]) != 1) { raise(rt.NameError, "name '" + name->s + "' is not defined"); GOTO_ERROR(); }
          break;
        }
        TARGET(LOAD_ATTR): do {
          StrObj* name = f->code->names[in.arg].as<StrObj>();
          InlineCacheSlot& ic = ic_slot(f->code, ip);
          if (Obj* hit = ic_load_attr_hit(ic, TOP().get(), name)) {  // inline_caches.h
            charge_variant(ic.kind == IC_ATTR_MODULE ? CV_LOAD_ATTR_MODULE : ic.kind == IC_ATTR_CLASS ? CV_LOAD_ATTR_CLASS
                           : hit->tag == Tag::BoundMethod ? CV_LOAD_ATTR_METHOD : CV_NONE);
            TOP() = Ref(hit);  // the value held before the receiver is dropped
            break;
          }
          ic_specialize_load_attr(*this, ic, TOP().get(), name);
          Ref o = POP();
          std::uint64_t props = property_gets;
          Ref v = getattr(o, name);
          if (!v) GOTO_ERROR();
          charge_variant(props != property_gets ? CV_LOAD_ATTR_PROPERTY : o->tag == Tag::Module ? CV_LOAD_ATTR_MODULE
                         : o->tag == Tag::Class ? CV_LOAD_ATTR_CLASS : v->tag == Tag::BoundMethod ? CV_LOAD_ATTR_METHOD : CV_NONE);
          PUSH(std::move(v));
          break;
        } while (0); NEXT(LOAD_ATTR);
        TARGET(LOAD_METHOD): do {
          StrObj* name = f->code->names[in.arg].as<StrObj>();
          InlineCacheSlot& ic = ic_slot(f->code, ip);
          if (Obj* hit = ic_load_method_hit(*this, ic, TOP().get(), name)) {  // inline_caches.h
            if (ic.kind == IC_METHOD_MODULE) {
              Ref o = POP();
              charge_variant(CV_LOAD_METHOD_MODULE);
              PUSH(Ref());
              PUSH(Ref(hit));
            } else {
              Ref o = POP();
              PUSH(Ref(hit));
              PUSH(std::move(o));
            }
            break;
          }
          ic_specialize_load_method(*this, ic, TOP().get(), name);
          Ref o = POP();
          ClassObj* t = o->cls;
          if (o->tag != Tag::Class && o->tag != Tag::Module && o->tag != Tag::Super && !(t->has_getattr && overrides_getattribute(*this, t))) {
            Ref d = lookup_type(t, name);
            if (d && (d->tag == Tag::Func || (d->tag == Tag::Builtin && d.as<BuiltinObj>()->is_method))) {
              bool shadowed = false;
              if (o->tag == Tag::Instance || o->tag == Tag::Exception) {
                InstanceObj* io = o.as<InstanceObj>();
                if (io->dict && dict_get_str(io->dict.as<DictObj>(), name)) shadowed = true;
              }
              if (!shadowed) { PUSH(std::move(d)); PUSH(std::move(o)); break; }
            }
          }
          Ref v = getattr(o, name);
          if (!v) GOTO_ERROR();
          charge_variant(o->tag == Tag::Module ? CV_LOAD_METHOD_MODULE : o->tag == Tag::Class ? CV_LOAD_METHOD_CLASS : CV_LOAD_METHOD_INSTANCE);
          PUSH(Ref());
          PUSH(std::move(v));
          break;
        } while (0); NEXT(LOAD_METHOD);
        TARGET(STORE_ATTR): do {
          Ref o = POP();
          Ref v = POP();
          StrObj* name = f->code->names[in.arg].as<StrObj>();
          InlineCacheSlot& ic = ic_slot(f->code, ip);
          if (o->tag == Tag::Instance && !o.as<InstanceObj>()->dict) charge_variant(CV_STORE_ATTR_SLOT);
          if (ic_store_attr_hit(*this, ic, o.get(), name, v)) break;  // inline_caches.h
          ic_specialize_store_attr(*this, ic, o.get(), name);
          if (!setattr(o, name, std::move(v))) GOTO_ERROR();
          break;
        } while (0); NEXT(STORE_ATTR);
        TARGET(DELETE_ATTR): {
          Ref o = POP();
          if (!delattr(o, f->code->names[in.arg].as<StrObj>())) GOTO_ERROR();
          break;
        }
        TARGET(BINARY_OP): TARGET(BINARY_OP__STORE_FAST): do {
          Obj* a = PEEK(2).get();
          Obj* b = PEEK(1).get();
          if (is_int(a) && is_int(b)) {
            std::int64_t x = ival(a), y = ival(b), r;
            bool done = true;
            switch (nb_base(in.arg)) {
              case NB_ADD: done = !__builtin_add_overflow(x, y, &r); break;
              case NB_SUBTRACT: done = !__builtin_sub_overflow(x, y, &r); break;
              case NB_MULTIPLY: done = !__builtin_mul_overflow(x, y, &r); break;
              case NB_AND: r = x & y; break;
              case NB_OR: r = x | y; break;
              case NB_XOR: r = x ^ y; break;
              case NB_REMAINDER:
                if (y == 0 || (y == -1)) { done = false; break; }
                r = x % y;
                if (r && ((r < 0) != (y < 0))) r += y;
                break;
              case NB_FLOOR_DIVIDE:
                if (y == 0 || y == -1) { done = false; break; }
                r = x / y;
                if ((x % y != 0) && ((x < 0) != (y < 0))) --r;
                break;
              default: done = false;
            }
            if (done) {
              charge_variant(int_binary_variant(in.arg));
              if (int_allocates(r)) charge_variant(CV_INT_ALLOC);
              f->sp -= 2;
              f->stack[f->sp].reset();
              f->stack[f->sp + 1].reset();
              PUSH(int_result(*this, r));  // the last step (scalar_results.h)
              if (in.op == BINARY_OP__STORE_FAST) {
                FUSED_SECOND(STORE_FAST);
                f->slots[in.arg] = POP();
              }
              break;
            }
          }
          if (double r; float_binary(in.arg, a, b, r)) {  // float_binary.h
            charge_variant(CV_BINARY_OP_FLOAT);
            f->stack[--f->sp].reset();
            f->stack[f->sp - 1].reset();
            f->stack[f->sp - 1] = float_result(*this, r);  // the last step (scalar_results.h)
            if (in.op == BINARY_OP__STORE_FAST) {
              FUSED_SECOND(STORE_FAST);
              f->slots[in.arg] = POP();
            }
            break;
          }
          // s += t appends in place when only the target name refers to s (str_append.h)
          const bool in_place = a->tag == Tag::Str && str_append_in_place(*this, f, in.arg, a, b);
          Ref r = binary(in.arg, PEEK(2), PEEK(1));
          if (!r) GOTO_ERROR();
          charge_variant(binary_variant(in.arg, a, b));
          charge_sequence_binary(*this, in.arg, a, b, r.get(), in_place);
          f->stack[--f->sp].reset();
          f->stack[f->sp - 1] = std::move(r);
          break;
        } while (0); NEXT(BINARY_OP);
        TARGET(UNARY_NEGATIVE): TARGET(UNARY_POSITIVE): TARGET(UNARY_INVERT): {
          Ref a = POP();
          Ref r;
          if (a->tag == Tag::Int) {
            std::int64_t v = ival(a.get());
            if (in.op == UNARY_NEGATIVE) {
              r = v == INT64_MIN ? int_negate(*this, a.get()) : rt.make_int(-v);
            } else if (in.op == UNARY_POSITIVE) r = rt.make_int(v);
            else r = rt.make_int(~v);
          } else if (a->tag == Tag::BigInt) {
            r = in.op == UNARY_NEGATIVE ? int_negate(*this, a.get()) : in.op == UNARY_POSITIVE ? a : int_invert(*this, a.get());
          } else if (a->tag == Tag::Float && in.op != UNARY_INVERT) {
            double v = static_cast<FloatObj*>(a.get())->v;
            r = rt.make_float(in.op == UNARY_NEGATIVE ? -v : v);
          } else {
            const char* dn = in.op == UNARY_NEGATIVE ? "__neg__" : in.op == UNARY_POSITIVE ? "__pos__" : "__invert__";
            Ref m = lookup_type(a->cls, rt.intern(dn).as<StrObj>());
            if (!m) {
              raise(rt.TypeError, std::string("bad operand type for unary ") + (in.op == UNARY_NEGATIVE ? "-" : in.op == UNARY_POSITIVE ? "+" : "~") + ": '" + type_name(a) + "'");
              GOTO_ERROR();
            }
            r = call1(m, a);
          }
          if (!r) GOTO_ERROR();
          PUSH(std::move(r));
          break;
        }
        TARGET(UNARY_NOT): do {
          Ref a = POP();
          int t = truthy(a);
          if (t < 0) GOTO_ERROR();
          PUSH(t ? rt.False : rt.True);
          break;
        } while (0); NEXT(UNARY_NOT);
        TARGET(COMPARE_OP): TARGET(COMPARE_OP__POP_JUMP_IF_FALSE): TARGET(COMPARE_OP__POP_JUMP_IF_TRUE): do {
          Obj* a = PEEK(2).get();
          Obj* b = PEEK(1).get();
          if (is_int(a) && is_int(b)) {
            std::int64_t x = ival(a), y = ival(b);
            bool r = false;
            switch (in.arg) {
              case CMP_LT: r = x < y; break;
              case CMP_LE: r = x <= y; break;
              case CMP_EQ: r = x == y; break;
              case CMP_NE: r = x != y; break;
              case CMP_GT: r = x > y; break;
              case CMP_GE: r = x >= y; break;
            }
            f->stack[--f->sp].reset();
            f->stack[f->sp - 1] = r ? rt.True : rt.False;
            if (in.op != COMPARE_OP) {
              const bool if_true = in.op == COMPARE_OP__POP_JUMP_IF_TRUE;
              FUSED_SECOND(if_true ? POP_JUMP_IF_TRUE : POP_JUMP_IF_FALSE);
              f->stack[--f->sp].reset();
              if (r == if_true) f->ip = in.arg;
            }
            break;
          }
          Ref r = compare(in.arg, PEEK(2), PEEK(1));
          if (!r) GOTO_ERROR();
          charge_variant(compare_variant(a, b));
          f->stack[--f->sp].reset();
          f->stack[f->sp - 1] = std::move(r);
          break;
        } while (0); NEXT(COMPARE_OP);
        TARGET(IS_OP): do {
          bool r = PEEK(2).get() == PEEK(1).get();
          f->stack[--f->sp].reset();
          f->stack[f->sp - 1] = (r != bool(in.arg)) ? rt.True : rt.False;
          break;
        } while (0); NEXT(IS_OP);
        TARGET(CONTAINS_OP): do {
          int r = contains(PEEK(1), PEEK(2));
          if (r < 0) GOTO_ERROR();
          charge_variant(contains_variant(PEEK(1).get()));
          f->stack[--f->sp].reset();
          f->stack[f->sp - 1] = (bool(r) != bool(in.arg)) ? rt.True : rt.False;
          break;
        } while (0); NEXT(CONTAINS_OP);
        TARGET(BINARY_SUBSCR): do {
          Obj* o = PEEK(2).get();
          Obj* k = PEEK(1).get();
          if (o->tag == Tag::List && k->tag == Tag::Int) {
            auto& items = static_cast<ListObj*>(o)->items;
            std::int64_t i = ival(k);
            if (i < 0) i += std::int64_t(items.size());
            if (i >= 0 && i < std::int64_t(items.size())) {
              Ref v = items[size_t(i)];
              f->stack[--f->sp].reset();
              f->stack[f->sp - 1] = std::move(v);
              break;
            }
          }
          Ref v = getitem(PEEK(2), PEEK(1));
          if (!v) GOTO_ERROR();
          charge_variant(subscr_variant(o, k));
          f->stack[--f->sp].reset();
          f->stack[f->sp - 1] = std::move(v);
          break;
        } while (0); NEXT(BINARY_SUBSCR);
        TARGET(STORE_SUBSCR): do {
          Ref key = POP();
          Ref o = POP();
          Ref v = POP();
          if (o->tag == Tag::List) charge_variant(CV_STORE_SUBSCR_LIST);
          if (!setitem(o, key, std::move(v))) GOTO_ERROR();
          break;
        } while (0); NEXT(STORE_SUBSCR);
        TARGET(DELETE_SUBSCR): {
          Ref key = POP();
          Ref o = POP();
          if (!delitem(o, key)) GOTO_ERROR();
          break;
        }
        TARGET(BUILD_SLICE): {
          Ref s = make<SliceObj>(rt.slice_t);
          SliceObj* so = s.as<SliceObj>();
          if (in.arg == 3) so->step = POP(); else so->step = rt.None;
          so->stop = POP();
          so->start = POP();
          PUSH(std::move(s));
          break;
        }
        TARGET(BUILD_LIST): TARGET(BUILD_TUPLE): do {
          Ref l = in.op == BUILD_LIST ? rt.make_list() : make<TupleObj>(rt.tuple_t);
          Ref* items;
          if (in.op == BUILD_LIST) { auto& v = l.as<ListObj>()->items; v.resize(size_t(in.arg)); items = v.data(); }
          else { auto& v = l.as<TupleObj>()->items; v.resize(size_t(in.arg)); items = v.data(); }
          for (int i = in.arg - 1; i >= 0; --i) items[size_t(i)] = POP();
          PUSH(std::move(l));
          break;
        } while (0); NEXT(BUILD_LIST);
        TARGET(BUILD_SET): {
          Ref s = make<DictObj>(rt.set_t, Tag::Set);
          for (int i = in.arg; i >= 1; --i)
            if (!dict_set(s.as<DictObj>(), PEEK(i), Ref())) GOTO_ERROR();
          for (int i = 0; i < in.arg; ++i) f->stack[--f->sp].reset();
          PUSH(std::move(s));
          break;
        }
        TARGET(BUILD_MAP): {
          Ref d = rt.make_dict();
          for (int i = in.arg; i >= 1; --i)
            if (!dict_set(d.as<DictObj>(), PEEK(2 * i), PEEK(2 * i - 1))) GOTO_ERROR();
          for (int i = 0; i < 2 * in.arg; ++i) f->stack[--f->sp].reset();
          PUSH(std::move(d));
          break;
        }
        TARGET(BUILD_STRING): do {
          std::string s;
          for (int i = in.arg; i >= 1; --i) s += PEEK(i).as<StrObj>()->s;
          for (int i = 0; i < in.arg; ++i) f->stack[--f->sp].reset();
          PUSH(rt.make_str(std::move(s)));
          break;
        } while (0); NEXT(BUILD_STRING);
        TARGET(LIST_APPEND): do {
          Ref v = POP();
          PEEK(in.arg).as<ListObj>()->items.push_back(std::move(v));
          mem_touch(PEEK(in.arg).get());
          break;
        } while (0); NEXT(LIST_APPEND);
        TARGET(SET_ADD): {
          Ref v = POP();
          if (!dict_set(PEEK(in.arg).as<DictObj>(), std::move(v), Ref())) GOTO_ERROR();
          break;
        }
        TARGET(MAP_ADD): {
          Ref v = POP();
          Ref k = POP();
          if (!dict_set(PEEK(in.arg).as<DictObj>(), std::move(k), std::move(v))) GOTO_ERROR();
          break;
        }
        TARGET(LIST_EXTEND): TARGET(SET_UPDATE): {
          Ref it = POP();
          if (in.op == SET_UPDATE) {  // _PySet_Update: set_update_internal, CPython's order
            if (!set_update_internal(*this, PEEK(in.arg).as<DictObj>(), it)) GOTO_ERROR();
            break;
          }
          std::vector<Ref> items;
          if (!to_list(it, items)) GOTO_ERROR();
          if (in.op == LIST_EXTEND) {
            auto& dst = PEEK(in.arg).as<ListObj>()->items;
            for (auto& x : items) dst.push_back(std::move(x));
            mem_touch(PEEK(in.arg).get());
          } else {
            for (auto& x : items) if (!dict_set(PEEK(in.arg).as<DictObj>(), std::move(x), Ref())) GOTO_ERROR();
          }
          break;
        }
        TARGET(DICT_UPDATE): TARGET(DICT_MERGE): {
          Ref src = POP();
          DictObj* dst = PEEK(in.arg).as<DictObj>();
          if (src->tag != Tag::Dict) {
            raise(rt.TypeError, "'" + type_name(src) + "' object is not a mapping");
            GOTO_ERROR();
          }
          for (auto& e : src.as<DictObj>()->entries) {
            if (!e.key) continue;
            if (in.op == DICT_MERGE && dict_get(dst, e.key)) {
              std::string k;
              str_to(e.key, k);
              raise(rt.TypeError, "function got multiple values for keyword argument '" + k + "'");
              GOTO_ERROR();
            }
            if (!dict_set(dst, e.key, e.value)) GOTO_ERROR();
          }
          break;
        }
        TARGET(LIST_TO_TUPLE): {
          Ref l = POP();
          PUSH(rt.make_tuple(l.as<ListObj>()->items));
          break;
        }
        TARGET(FORMAT_VALUE): do {
          Ref spec;
          if (in.arg & 4) spec = POP();
          Ref v = POP();
          int conv = in.arg & 3;
          if (conv == 1) { v = str(v); if (!v) GOTO_ERROR(); }
          else if (conv >= 2) { v = conv == 3 ? ascii_of(*this, v) : repr(v); if (!v) GOTO_ERROR(); }
          Ref r;
          if (!spec && v->tag == Tag::Str && v->cls == rt.str_t) r = v;
          else r = format(v, spec ? spec.as<StrObj>()->s : std::string());
          if (!r) GOTO_ERROR();
          PUSH(std::move(r));
          break;
        } while (0); NEXT(FORMAT_VALUE);
        TARGET(UNPACK_SEQUENCE): do {
          Ref seq = POP();
          if (seq->tag == Tag::Tuple || seq->tag == Tag::List) {
            // a tuple or list of the right length: its items straight onto the stack (no copy)
            const auto src = list_or_tuple_items(seq.get());
            if (src.size() == size_t(in.arg)) {
              for (int i = in.arg - 1; i >= 0; --i) PUSH(src[size_t(i)]);
              break;
            }
          }
          std::vector<Ref> items;
          if (seq->tag == Tag::Tuple) items = seq.as<TupleObj>()->items;
          else if (seq->tag == Tag::List) items = seq.as<ListObj>()->items;
          else {
            Ref it = iter(seq);
            if (!it) {
              if (matches(exc, rt.TypeError)) { exc.reset(); raise(rt.TypeError, "cannot unpack non-iterable " + type_name(seq) + " object"); }
              GOTO_ERROR();
            }
            for (;;) {
              Ref x = next(it);
              if (!x) { if (exc) GOTO_ERROR(); break; }
              items.push_back(std::move(x));
              if (int(items.size()) > in.arg) break;
            }
          }
          if (int(items.size()) != in.arg) {
            if (int(items.size()) > in.arg) raise(rt.ValueError, "too many values to unpack (expected " + std::to_string(in.arg) + ")");
            else raise(rt.ValueError, "not enough values to unpack (expected " + std::to_string(in.arg) + ", got " + std::to_string(items.size()) + ")");
            GOTO_ERROR();
          }
          for (int i = in.arg - 1; i >= 0; --i) PUSH(std::move(items[size_t(i)]));
          break;
        } while (0); NEXT(UNPACK_SEQUENCE);
        TARGET(UNPACK_EX): {
          int before = in.arg & 0xff, after = in.arg >> 8;
          Ref seq = POP();
          std::vector<Ref> items;
          if (!to_list(seq, items)) GOTO_ERROR();
          if (int(items.size()) < before + after) {
            raise(rt.ValueError, "not enough values to unpack (expected at least " + std::to_string(before + after) + ", got " + std::to_string(items.size()) + ")");
            GOTO_ERROR();
          }
          std::vector<Ref> out;
          for (int i = 0; i < before; ++i) out.push_back(items[size_t(i)]);
          Ref mid = rt.make_list();
          for (size_t i = size_t(before); i < items.size() - size_t(after); ++i) mid.as<ListObj>()->items.push_back(items[i]);
          out.push_back(mid);
          for (size_t i = items.size() - size_t(after); i < items.size(); ++i) out.push_back(items[i]);
          for (int i = int(out.size()) - 1; i >= 0; --i) PUSH(std::move(out[size_t(i)]));
          break;
        }
        TARGET(GET_ITER): do {
          Ref o = POP();
          Ref it = iter(o);
          if (!it) GOTO_ERROR();
          PUSH(std::move(it));
          break;
        } while (0); NEXT(GET_ITER);
        TARGET(FOR_ITER): TARGET(FOR_ITER__STORE_FAST): do {
          Obj* it = TOP().get();
          Ref v;
          if (it->tag == Tag::Iter) {
            IterObj* io = static_cast<IterObj*>(it);
            charge_variant(kForIterVariant[io->kind]);
            if (io->kind == ITER_RANGE) {  // range_next (text.cpp), inline
              if (io->n > 0) {
                --io->n;
                const std::int64_t x = io->i;
                __builtin_add_overflow(x, io->step, &io->i);  // wraps only past the last item
                if (int_allocates(x)) charge_variant(CV_INT_ALLOC);
                v = int_result(*this, x);  // the last step but the push (scalar_results.h)
              }
            } else if (io->kind == ITER_LIST && io->a && io->a->tag == Tag::List) {  // list_next, inline
              const std::vector<Ref>& items = io->a.as<ListObj>()->items;
              if (io->i < std::int64_t(items.size())) v = items[std::size_t(io->i++)];
            } else {
              v = io->next(*this, io);
            }
          } else {
            charge_variant(CV_FOR_ITER_OTHER);
            v = next(TOP());
          }
          if (v) {
            PUSH(std::move(v));
            if (in.op == FOR_ITER__STORE_FAST) {
              FUSED_SECOND(STORE_FAST);
              f->slots[in.arg] = POP();
            }
            break;
          }
          if (exc) GOTO_ERROR();
          f->stack[--f->sp].reset();
          f->ip = in.arg;
          break;
        } while (0); NEXT(FOR_ITER);
        TARGET(JUMP_FORWARD):
          f->ip = in.arg;
          NEXT(JUMP_FORWARD);
        TARGET(JUMP_BACKWARD):
          f->ip = in.arg;
          if (outermost && instructions >= slice_end) {
            result.reset();
            return Stop::Slice;
          }
          NEXT(JUMP_BACKWARD);
        TARGET(POP_JUMP_IF_FALSE): TARGET(POP_JUMP_IF_TRUE): do {
          Ref v = POP();
          int t;
          if (v.get() == rt.True.get()) t = 1;
          else if (v.get() == rt.False.get()) t = 0;
          else if (is_int(v.get())) t = ival(v.get()) != 0;
          else { t = truthy(v); if (t < 0) GOTO_ERROR(); }
          if (bool(t) == (in.op == POP_JUMP_IF_TRUE)) f->ip = in.arg;
          break;
        } while (0); NEXT(POP_JUMP_IF_FALSE);
        TARGET(JUMP_IF_FALSE_OR_POP): TARGET(JUMP_IF_TRUE_OR_POP): {
          int t = truthy(TOP());
          if (t < 0) GOTO_ERROR();
          if (bool(t) == (in.op == JUMP_IF_TRUE_OR_POP)) f->ip = in.arg;
          else f->stack[--f->sp].reset();
          break;
        }
        TARGET(KW_NAMES): f->kwnames = f->code->consts[in.arg]; break;
        TARGET(CALL): TARGET(CALL_FUNCTION_EX): do {
          if (in.op == CALL && !f->kwnames) {
            // built-in methods without keywords, as the general path below calls
            // them: `o.m(x)` ([m, o, x...] from LOAD_METHOD) and a bound one,
            // `append(x)` ([null, bm, x...]); builtin_call.h
            const int na = in.arg;
            Obj* m = PEEK(na + 2).get();
            Obj* c = PEEK(na + 1).get();
            if (m && m->tag == Tag::Builtin) {
              auto* b = static_cast<BuiltinObj*>(m);
              charge_variant(b->is_method ? CV_CALL_METHOD_BUILTIN : CV_CALL_BUILTIN);
              if (na == 1 && call_list_append(*this, b, &PEEK(2))) {  // list_append_call.h
                for (int i = 0; i < 3; ++i) f->stack[--f->sp].reset();
                PUSH(rt.None);
                break;
              }
              Ref r = call_builtin(*this, b, &PEEK(na + 1), na + 1, nullptr);
              if (!r) GOTO_ERROR();
              for (int i = 0; i < na + 2; ++i) f->stack[--f->sp].reset();
              PUSH(std::move(r));
              break;
            }
            if (!m && c->tag == Tag::Class) {
              // a Python class with a Python __init__ (the slot was filled by the
              // general path's class route below, which this repeats)
              if (FuncObj* init = ic_call_init_hit(ic_slot(f->code, ip), c, rt.type_t)) {
                auto* cls = static_cast<ClassObj*>(c);
                charge_variant(cls->builtin && !cls->is_exception ? CV_CALL_BUILTIN : CV_CALL_CLASS);
                Frame* nf = init_frame(*this, f, cls, init, &PEEK(na), na, na, nullptr, na + 2);
                if (!nf) GOTO_ERROR();
                frames.push_back(nf);
                f = nf;
                break;
              }
            }
            if (!m && c->tag == Tag::BoundMethod && static_cast<BoundMethodObj*>(c)->func->tag == Tag::Builtin) {
              auto* bm = static_cast<BoundMethodObj*>(c);
              charge_variant(CV_CALL_METHOD_BUILTIN);
              Ref fn = bm->func;  // held to the end, as the general path's `callable`
              ArgBuffer a;
              Ref* args = a.fill(bm->self, &PEEK(na), na);
              if (na == 1 && call_list_append(*this, fn.as<BuiltinObj>(), args)) {  // list_append_call.h
                a.clear();
                for (int i = 0; i < 3; ++i) f->stack[--f->sp].reset();
                PUSH(rt.None);
                break;
              }
              Ref r = call_builtin(*this, fn.as<BuiltinObj>(), args, na + 1, nullptr);
              if (!r) GOTO_ERROR();
              a.clear();
              for (int i = 0; i < na + 2; ++i) f->stack[--f->sp].reset();
              PUSH(std::move(r));
              break;
            }
          }
          Ref callable;
          Ref* args;
          int n;
          TupleObj* kwn = nullptr;
          Ref kwholder;
          std::vector<Ref> exargs;
          int consumed;
          if (in.op == CALL) {
            n = in.arg;
            Ref& meth = PEEK(n + 2);
            args = &PEEK(n);
            if (meth) {
              callable = meth;
              args = &PEEK(n + 1);
              ++n;
            } else {
              callable = PEEK(n + 1);
            }
            consumed = in.arg + 2;
            if (f->kwnames) { kwholder = std::move(f->kwnames); kwn = kwholder.as<TupleObj>(); }
          } else {
            Ref kwargs;
            if (in.arg & 1) kwargs = POP();
            Ref pos = POP();
            callable = PEEK(1);
            if (pos->tag == Tag::Tuple) exargs = pos.as<TupleObj>()->items;
            else if (!to_list(pos, exargs)) GOTO_ERROR();
            if (kwargs) {
              std::vector<Ref> names;
              for (auto& e : kwargs.as<DictObj>()->entries) {
                if (!e.key) continue;
                if (e.key->tag != Tag::Str) { raise(rt.TypeError, "keywords must be strings"); GOTO_ERROR(); }
                names.push_back(e.key);
                exargs.push_back(e.value);
              }
              if (!names.empty()) { kwholder = rt.make_tuple(std::move(names)); kwn = kwholder.as<TupleObj>(); }
            }
            if (PEEK(2)) {  // `o.m(*a)` loaded by LOAD_METHOD: [method, self] under the arguments
              exargs.insert(exargs.begin(), PEEK(1));
              callable = PEEK(2);
            }
            args = exargs.data();
            n = int(exargs.size());
            consumed = 2;
          }
          charge_variant(callable->tag == Tag::BoundMethod ? (callable.as<BoundMethodObj>()->func->tag == Tag::Func ? CV_CALL_BOUND_METHOD : CV_CALL_METHOD_BUILTIN)
                         : callable->tag == Tag::Builtin ? (callable.as<BuiltinObj>()->is_method ? CV_CALL_METHOD_BUILTIN : CV_CALL_BUILTIN)
                         // built-in types are called like built-ins (CALL_BUILTIN_CLASS, Python/specialize.c)
                         : callable->tag == Tag::Class ? (callable.as<ClassObj>()->builtin && !callable.as<ClassObj>()->is_exception ? CV_CALL_BUILTIN : CV_CALL_CLASS)
                         : CV_NONE);
          // bound methods: unwrap
          Ref self_holder;
          ArgBuffer bm_args;  // arg_buffer.h: no host allocation for a few arguments
          if (callable->tag == Tag::BoundMethod) {
            BoundMethodObj* bm = callable.as<BoundMethodObj>();
            args = bm_args.fill(bm->self, args, n);
            ++n;
            callable = bm->func;
          }
          if (callable->tag == Tag::Func) {
            FuncObj* fn = callable.as<FuncObj>();
            Frame* nf = frame_for_call(fn, args, n, kwn);
            if (!nf) GOTO_ERROR();
            for (int i = 0; i < consumed; ++i) f->stack[--f->sp].reset();
            if (fn->co()->flags & (CO_GENERATOR | CO_COROUTINE | CO_ASYNC_GENERATOR)) {
              Ref g = make<GenObj>((fn->co()->flags & CO_COROUTINE) ? rt.coroutine_t : (fn->co()->flags & CO_ASYNC_GENERATOR) ? rt.async_generator_t : rt.generator_t);
              GenObj* go = g.as<GenObj>();
              go->async_gen = fn->co()->flags & CO_ASYNC_GENERATOR;
              go->frame = nf;
              nf->gen = go;
              go->coroutine = fn->co()->flags & CO_COROUTINE;
              go->name = fn->name;
              go->qualname = fn->qualname;
              PUSH(std::move(g));
              break;
            }
            if (frames.size() >= size_t(recursion_limit)) {
              delete nf;
              raise(rt.RecursionError, "maximum recursion depth exceeded");
              GOTO_ERROR();
            }
            frames.push_back(nf);
            f = nf;
            break;
          }
          if (callable->tag == Tag::Class) {
            ClassObj* cls = callable.as<ClassObj>();
            Ref init;
            if (!cls->builtin && cls != rt.type_t) init = lookup_type(cls, rt.intern("__init__").as<StrObj>());
            if (init && init->tag == Tag::Func && !user_new_of(*this, cls) && !has_native_base(cls) && cls->cls == rt.type_t) {
              if (in.op == CALL && !kwn) ic_specialize_call_init(ic_slot(f->code, ip), cls, init.get());  // inline_caches.h
              const int npos = n - (kwn ? int(kwn->items.size()) : 0);
              Frame* nf = init_frame(*this, f, cls, init.as<FuncObj>(), args, n, npos, kwn, consumed);
              if (!nf) GOTO_ERROR();
              frames.push_back(nf);
              f = nf;
              break;
            }
          }
          Ref r = call(callable, args, n, kwn);
          if (!r) GOTO_ERROR();
          if (!bm_args.empty()) bm_args.clear();
          if (!exargs.empty()) exargs.clear();
          for (int i = 0; i < consumed; ++i) f->stack[--f->sp].reset();
          PUSH(std::move(r));
          break;
        } while (0); NEXT(CALL);
        TARGET(MAKE_FUNCTION): do {
          Ref code = POP();
          Ref fn = make<FuncObj>(rt.function_t);
          FuncObj* fo = fn.as<FuncObj>();
          if (in.arg & 8) fo->closure = POP();
          if (in.arg & 4) fo->annotations = annotations_dict(*this, Ref(POP()));  // vm/annotations.cpp
          if (in.arg & 2) fo->kwdefaults = POP();
          if (in.arg & 1) fo->defaults = POP();
          CodeObj* co = code.as<CodeObj>();
          fo->code = code;
          fo->globals = f->globals;
          fo->name = rt.intern(co->name);
          fo->qualname = rt.intern(co->qualname);  // shared with the code object, as in CPython
          PUSH(std::move(fn));
          break;
        } while (0); NEXT(MAKE_FUNCTION);
        TARGET(RETURN_VALUE): do {
          Ref v = POP();
          if (f->init_self) {
            if (v.get() != rt.None.get()) {
              raise(rt.TypeError, "__init__() should return None, not '" + type_name(v) + "'");
              GOTO_ERROR();
            }
            v = f->init_self;
          }
          Frame* done = f;
          frames.pop_back();
          if (done->gen) {
            done->gen->finished = true;
            if (done->frame_obj) frame_object_detach(this, done, frames.empty() ? nullptr : frames.back());
            if (frames.size() == base) { result = std::move(v); return Stop::Returned; }
            // a coroutine frame SEND pushed (coro_frames.h): the SEND ends with the value
            GenObj* rg = done->gen;
            v = gen_leave_frame(*this, rg, Stop::Returned, std::move(v));
            f = frames.back();
            if (rg->async_gen) {  // the asend() raises StopAsyncIteration at its SEND
              agen_frame_left(*this, TOP(), true);
              GOTO_ERROR();
            }
            f->stack[f->sp - 1] = std::move(v);
            f->ip = f->instrs[f->ip - 1].arg;
            break;
          }
          bool entry = frames.size() == base;
          bool discard = done->discard_result;
          if (!done->gen) free_frame(done);
          if (entry) { result = std::move(v); return Stop::Returned; }
          f = frames.back();
          if (!discard) PUSH(std::move(v));
          break;
        } while (0); NEXT(RETURN_VALUE);
        TARGET(YIELD_VALUE): do {
          Ref v = POP();
          if (in.arg && f->gen) f->gen->wrapped = true;  // an async generator's own yield
          frames.pop_back();
          if (frames.size() > base && f->gen) {  // a coroutine frame SEND pushed: the value is the SEND's
            GenObj* yg = f->gen;
            yg->running = false;
            f = frames.back();
            if (yg->async_gen && agen_frame_yielded(*this, TOP())) {  // its own yield: the asend() is done
              TOP() = std::move(v);
              f->ip = f->instrs[f->ip - 1].arg;
              break;
            }
            PUSH(std::move(v));
            break;
          }
          result = std::move(v);
          return Stop::Yielded;
        } while (0); NEXT(YIELD_VALUE);
        TARGET(GET_YIELD_FROM_ITER): {
          Ref o = POP();
          if (o->tag == Tag::Generator) { PUSH(std::move(o)); break; }
          Ref it = iter(o);
          if (!it) GOTO_ERROR();
          PUSH(std::move(it));
          break;
        }
        TARGET(GET_AWAITABLE): {
          Ref o = POP();
          if ((o->tag == Tag::Generator && o.as<GenObj>()->coroutine) || o->tag == Tag::Iter || is_agen_awaitable(*this, o)) { PUSH(std::move(o)); break; }
          Ref m = getattr_opt(o, rt.intern("__await__").as<StrObj>());
          if (!m) {
            if (exc) GOTO_ERROR();
            raise(rt.TypeError, "object " + type_name(o) + " can't be used in 'await' expression");
            GOTO_ERROR();
          }
          Ref it = call0(m);
          if (!it) GOTO_ERROR();
          PUSH(std::move(it));
          break;
        }
        TARGET(SEND): {
          Ref v = POP();
          Ref& sub = TOP();
          Ref r;
          bool done = false;
          if (sub->tag == Tag::Generator) {
            if (outermost && f->gen && gen_enter_frame(*this, sub.as<GenObj>(), v)) {  // coro_frames.h
              f = frames.back();
              break;
            }
            Stop how;
            r = gen_send(sub.as<GenObj>(), v, how);
            if (!r) GOTO_ERROR();
            done = how == Stop::Returned;
          } else if (is_agen_awaitable(*this, sub)) {  // asend/athrow/aclose/anext (sim/vm/async_gen.cpp)
            if (outermost && f->gen && agen_enter_frame(*this, sub, v)) {  // coro_frames.h
              f = frames.back();
              break;
            }
            r = agen_awaitable_send(*this, sub, v, done);
            if (!r) GOTO_ERROR();
          } else if (v.get() == rt.None.get()) {
            r = next(sub);
            if (!r) {
              if (exc) {
                if (matches(exc, rt.StopIteration)) {
                  Ref e = std::move(exc);
                  r = e.as<ExceptionObj>()->value ? e.as<ExceptionObj>()->value : rt.None;
                  done = true;
                } else {
                  GOTO_ERROR();
                }
              } else {
                r = rt.None;
                done = true;
              }
            }
          } else {
            Ref m = getattr(sub, rt.intern("send").as<StrObj>());
            if (!m) GOTO_ERROR();
            r = call1(m, v);
            if (!r) {
              if (!matches(exc, rt.StopIteration)) GOTO_ERROR();
              Ref e = std::move(exc);
              r = e.as<ExceptionObj>()->value ? e.as<ExceptionObj>()->value : rt.None;
              done = true;
            }
          }
          if (done) {
            f->stack[--f->sp].reset();
            PUSH(std::move(r));
            f->ip = in.arg;
          } else {
            PUSH(std::move(r));
          }
          break;
        }
        TARGET(SETUP_FINALLY): f->blocks.push_back({in.arg, f->sp}); break;
        TARGET(SETUP_CLEANUP): f->blocks.push_back({in.arg, f->sp - 1}); break;
        TARGET(POP_BLOCK): if (!f->blocks.empty()) f->blocks.pop_back(); break;
        TARGET(POP_EXCEPT): exc_info = POP(); if (exc_info.get() == rt.None.get()) exc_info.reset(); break;
        TARGET(RERAISE): {
          Ref e = POP();
          Ref prev = POP();
          exc_info = prev.get() == rt.None.get() ? Ref() : prev;
          exc = std::move(e);
          goto reraise;
        }
        TARGET(RERAISE_RESTORE): {
          Ref e = POP();
          f->stack[--f->sp].reset();
          Ref prev = POP();
          exc_info = prev.get() == rt.None.get() ? Ref() : prev;
          exc = std::move(e);
          goto reraise;
        }
        TARGET(RAISE_VARARGS): {
          if (in.arg == 0) {
            if (!exc_info) { raise(rt.RuntimeError, "No active exception to reraise"); GOTO_ERROR(); }
            exc = exc_info;
            goto reraise;
          }
          Ref cause;
          if (in.arg == 2) cause = POP();
          Ref e = POP();
          if (e->tag == Tag::Class) {
            if (!e.as<ClassObj>()->is_exception) { raise(rt.TypeError, "exceptions must derive from BaseException"); GOTO_ERROR(); }
            e = call0(e);
            if (!e) GOTO_ERROR();
          }
          if (e->tag != Tag::Exception) { raise(rt.TypeError, "exceptions must derive from BaseException"); GOTO_ERROR(); }
          if (cause) {
            if (cause->tag == Tag::Class) { cause = call0(cause); if (!cause) GOTO_ERROR(); }
            ExceptionObj* eo = e.as<ExceptionObj>();
            eo->cause = cause.get() == rt.None.get() ? Ref() : cause;
            eo->suppress_context = true;
          }
          raise_obj(e);
          GOTO_ERROR();
        }
        TARGET(CHECK_EXC_MATCH): {
          Ref t = POP();
          bool m = false;
          if (t->tag == Tag::Tuple) {
            for (auto& x : t.as<TupleObj>()->items) if (x->tag == Tag::Class && matches(TOP(), x.as<ClassObj>())) m = true;
          } else if (t->tag == Tag::Class) {
            m = matches(TOP(), t.as<ClassObj>());
          } else {
            raise(rt.TypeError, "catching classes that do not inherit from BaseException is not allowed");
            GOTO_ERROR();
          }
          PUSH(m ? rt.True : rt.False);
          break;
        }
        TARGET(CHECK_EG_MATCH): {  // except* (modules/exception_groups.h): [exc, type] -> [rest, match|None]
          Ref t = POP();
          Ref r = except_star_match(*this, TOP(), t);
          if (!r) GOTO_ERROR();
          Ref match = r.as<TupleObj>()->items[1];
          TOP() = r.as<TupleObj>()->items[0];
          if (match.get() != rt.None.get()) exc_info = match;
          PUSH(std::move(match));
          break;
        }
        TARGET(PREP_RERAISE_STAR): {  // [orig, raised_list] -> [exception to re-raise | None]
          Ref raised = POP();
          Ref orig = POP();
          Ref r = except_star_reraise(*this, orig, raised);
          if (!r) GOTO_ERROR();
          PUSH(std::move(r));
          break;
        }
        TARGET(MATCH_SEQUENCE): PUSH(match_is_sequence(*this, TOP()) ? rt.True : rt.False); break;
        TARGET(MATCH_MAPPING): PUSH(match_is_mapping(*this, TOP()) ? rt.True : rt.False); break;
        TARGET(GET_LEN): {
          std::int64_t n = len(TOP());
          if (n < 0) GOTO_ERROR();
          PUSH(rt.make_int(n));
          break;
        }
        TARGET(MATCH_KEYS): {
          Ref v = match_keys(*this, PEEK(2), PEEK(1));
          if (!v) GOTO_ERROR();
          PUSH(std::move(v));
          break;
        }
        TARGET(MATCH_CLASS): {
          Ref names = POP();
          Ref type = POP();
          Ref r = match_class(*this, TOP(), type, in.arg, names);
          if (!r) GOTO_ERROR();
          TOP() = std::move(r);
          break;
        }
        TARGET(GET_AITER): {
          Ref o = POP();
          Ref it = async_get_aiter(*this, o);
          if (!it) GOTO_ERROR();
          PUSH(std::move(it));
          break;
        }
        TARGET(GET_ANEXT): {
          Ref aw = async_get_anext(*this, TOP());
          if (!aw) GOTO_ERROR();
          PUSH(std::move(aw));
          break;
        }
        TARGET(END_ASYNC_FOR): {
          // stack: [aiter, prev, exc]; StopAsyncIteration ends the loop, anything else propagates
          if (!matches(TOP(), rt.StopAsyncIteration)) {
            Ref e = POP();
            Ref prev = POP();
            exc_info = prev.get() == rt.None.get() ? Ref() : prev;
            exc = std::move(e);
            goto reraise;
          }
          f->stack[--f->sp].reset();
          exc_info = POP();
          if (exc_info.get() == rt.None.get()) exc_info.reset();
          f->stack[--f->sp].reset();
          break;
        }
        TARGET(BEFORE_ASYNC_WITH): {
          Ref mgr = POP();
          Ref exitf;
          Ref aw = async_before_with(*this, mgr, exitf);
          if (!aw) GOTO_ERROR();
          PUSH(std::move(exitf));
          PUSH(std::move(aw));
          break;
        }
        TARGET(BEFORE_WITH): {
          Ref mgr = POP();
          Ref enter = getattr_opt(mgr, rt.intern("__enter__").as<StrObj>());
          Ref exitf = getattr_opt(mgr, rt.intern("__exit__").as<StrObj>());
          if (!enter || !exitf) {
            if (!exc) raise(rt.TypeError, "'" + type_name(mgr) + "' object does not support the context manager protocol");
            GOTO_ERROR();
          }
          if (Frame* nf = with_frame(*this, enter, 0)) {  // a Python __enter__ runs in this loop (it may block)
            PUSH(std::move(exitf));
            frames.push_back(nf);
            f = nf;
            break;
          }
          if (exc) GOTO_ERROR();
          Ref r = call0(enter);
          if (!r) GOTO_ERROR();
          PUSH(std::move(exitf));
          PUSH(std::move(r));
          break;
        }
        TARGET(WITH_EXIT): {
          Ref exitf = POP();
          if (Frame* nf = with_frame(*this, exitf, 3)) {
            nf->discard_result = true;
            frames.push_back(nf);
            f = nf;
            break;
          }
          if (exc) GOTO_ERROR();
          Ref a[3] = {rt.None, rt.None, rt.None};
          Ref r = call(exitf, a, 3);
          if (!r) GOTO_ERROR();
          break;
        }
        TARGET(WITH_EXCEPT_START): {
          Ref e = TOP();
          Ref exitf = PEEK(3);
          if (Frame* nf = with_frame(*this, exitf, 3, Ref(e->cls), e)) {  // its value lands on this stack
            frames.push_back(nf);
            f = nf;
            break;
          }
          if (exc) GOTO_ERROR();
          Ref a[3] = {Ref(e->cls), e, rt.None};
          Ref r = call(exitf, a, 3);
          if (!r) GOTO_ERROR();
          PUSH(std::move(r));
          break;
        }
        TARGET(LOAD_BUILD_CLASS): {
          Ref b = dict_get_str(builtins.as<DictObj>(), rt.intern("__build_class__").as<StrObj>());
          PUSH(std::move(b));
          break;
        }
        TARGET(IMPORT_NAME): {
          Ref m = import(f->code->names[in.arg].as<StrObj>()->s);
          if (!m) GOTO_ERROR();
          PUSH(std::move(m));
          break;
        }
        TARGET(IMPORT_FROM): {
          StrObj* name = f->code->names[in.arg].as<StrObj>();
          Ref v = getattr_opt(TOP(), name);
          if (!v) {
            if (exc) GOTO_ERROR();
            std::string mod = TOP()->tag == Tag::Module ? TOP().as<ModuleObj>()->name : "?";
            Ref sub = import(mod + "." + name->s);
            if (!sub) {
              exc.reset();
              raise(rt.ImportError, "cannot import name '" + name->s + "' from '" + mod + "' (not modelled by the simulator)");
              GOTO_ERROR();
            }
            v = sub;
          }
          PUSH(std::move(v));
          break;
        }
        TARGET(IMPORT_STAR): {
          Ref m = POP();
          if (m->tag == Tag::Module) {
            DictObj* dst = f->locals ? f->locals.as<DictObj>() : f->globals_d;
            for (auto& e : m.as<ModuleObj>()->dict.as<DictObj>()->entries)
              if (e.key && e.key.as<StrObj>()->s[0] != '_') dict_set(dst, e.key, e.value);
          }
          break;
        }
        TARGET(LOAD_ASSERTION_ERROR): PUSH(Ref(rt.AssertionError)); break;
        TARGET(NOT_MODELLED):
          if (f->instrs == kUncheckedCode) raise(rt.RuntimeError, "internal: the code cannot be run (it falls off its end or jumps outside it)");
          else not_modelled(std::string("the instruction ") + op_name(in.op));
          GOTO_ERROR();
        case kOpCount: default:  // every opcode has its case (-Wswitch) and code_runs_unchecked() let in no other
          __builtin_unreachable();
      }
      // the handlers that end with `break` (NEXT of whichever instruction ran)
      NEXT_ANY();
    }

  error:
    // add a traceback entry for the current frame
    if (exc && exc->tag == Tag::Exception) {
      traceback_here(*this, exc.as<ExceptionObj>(), f, f->ip - 1);
    }
  reraise:
    for (;;) {
      if (!exc) raise(rt.SystemExit, "internal: error without exception");
      if (!f->blocks.empty() && !budget_exceeded) {
        Block b = f->blocks.back();
        f->blocks.pop_back();
        while (f->sp > b.level) f->stack[--f->sp].reset();
        PUSH(exc_info ? exc_info : rt.None);
        Ref e = std::move(exc);
        exc_info = e;
        PUSH(std::move(e));
        f->ip = b.handler;
        break;
      }
      // leave this frame
      Frame* done = f;
      frames.pop_back();
      if (done->gen) done->gen->finished = true;
      if (done->gen && done->frame_obj) frame_object_detach(this, done, frames.empty() ? nullptr : frames.back());
      bool at_base = frames.size() == base;
      GenObj* left_agen = done->gen && !at_base && done->gen->async_gen ? done->gen : nullptr;
      if (done->gen && !at_base) gen_leave_frame(*this, done->gen, Stop::Exception, nullptr);  // into the awaiting frame
      while (done->sp > 0) done->stack[--done->sp].reset();
      if (!done->gen) free_frame(done);
      if (at_base) { result.reset(); return Stop::Exception; }
      f = frames.back();
      if (left_agen) agen_frame_left(*this, f->stack[f->sp - 1], false);  // the asend() under it is over
      if (exc && exc->tag == Tag::Exception) traceback_here(*this, exc.as<ExceptionObj>(), f, f->ip - 1);
    }
  }
}

}  // namespace pitfall::sim
