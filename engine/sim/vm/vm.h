// The simulated interpreter: an explicit frame stack (no C++ recursion per
// Python call), a dispatch loop that can stop at any instruction boundary,
// and the object protocols (attributes, calls, arithmetic, comparison, hash,
// iteration, repr/str) that instructions and built-ins share.
//
// Notes about the model: follows Python/ceval.c (3.11). Python-to-Python calls,
// class instantiation with a Python __init__ and returns never recurse in C++.
// Built-ins that must call back into Python (sorted(key=), __eq__ during a dict
// lookup, generators driven by sum()/list(), __exit__, ...) run a nested
// dispatch loop; nesting is capped and counted against the recursion limit.
// A slice can only end in the outermost loop. Each executed instruction
// advances the virtual clock by its cost from the cost table; per-line time
// and counts are accumulated for the report. Python threads are saved VM
// thread states run in turn by the scheduler (thread_runtime.h): eval() stops
// at eval-breaker points once `deadline_ns` has passed and after a built-in
// asked for a blocking call (`pending`).
#pragma once
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "report/report.h"
#include "sim/compiler/code.h"
#include "sim/objects/runtime.h"
#include "sim/sched/request.h"
#include "sim/vm/cost_variants.h"
#include "sim/vm/free_cascade.h"
#include "sim/vm/objects_ext.h"
#include "sim/vm/steady_state.h"
#include "sim/vm/type_cache.h"

namespace pitfall::sim {

struct Options;
class ThreadRuntime;
class VmMemory;
struct WeakRefObj;

enum class Stop { Returned, Yielded, Exception, Slice };

// A line's statistics: its time in two partial sums, the instructions at
// even and at odd positions (eval.cpp: consecutive instructions add to
// different sums, so the adds do not wait for each other), and how many
// times it was entered.
struct LineStat {
  double part[2] = {0, 0};
  std::int64_t count = 0;
  double ns() const { return part[0] + part[1]; }
};

struct AsyncioState;
// What an instance of a Python subclass of a built-in type holds beyond the
// native object: its __dict__ and __slots__ values (vm/native_attrs.h).
struct NativeAttrs {
  Ref dict;                // DictObj, created on first use (null: none yet)
  std::vector<Ref> slots;  // __slots__ values by slot index
};
class VM {
 public:
  explicit VM(const std::string& filename, const std::string& source, const std::string& python);
  ~VM();

  ObjHeap heap;  // first member: destroyed last, frees what refcounting could not
  struct HeapActivator {  // makes `heap` current before `rt` creates the built-in objects
    explicit HeapActivator(ObjHeap& h) { g_obj_heap = &h; }
  } heap_activator{heap};
  Runtime rt;
  std::string filename, source, python;
  std::vector<std::string> source_lines;

  // ---- thread state ----
  std::vector<Frame*> frames;
  Ref exc;       // exception being raised
  Ref exc_info;  // exception being handled (sys.exc_info)
  int nested = 0;
  int recursion_limit = 1000;

  // ---- interpreter state ----
  Ref builtins;  // dict
  Ref main_module;
  Ref modules;   // dict name -> module
  std::string out, err;
  double clock_ns = 0, cpu_ns = 0;
  std::uint64_t instructions = 0, budget = 200'000'000;
  std::uint64_t slice_end = 0;  // instruction count at which the current slice ends
  std::uint64_t check_at = 0;   // eval's slow path runs at this instruction count: budget, memory work (eval.cpp)
  bool budget_exceeded = false;
  SteadyStateEstimate budget_estimate;  // taken when the budget ran out, before unwinding
  std::uint64_t memory_limit = 1ull << 30;
  double op_cost[kOpCount] = {};
  double variant_delta[CV_COUNT] = {};  // cost_variants.h: variant key minus opcode key
  FreeCascade free_cascade;             // free_cascade.h: cold bulk frees
  std::vector<LineStat> lines;
  int cur_line = 0;                     // line of the executing instruction
  int cur_slot = 0;                     // its slot in `lines` (0: library code or no program line; gets charge())
  std::uint64_t property_gets = 0;      // property getters run (tells LOAD_ATTR.property)
  double switch_interval = 0.005;
  bool gc_enabled = true;
  std::vector<Ref> pending_tasks;  // asyncio
  Ref loop;                        // running asyncio loop object (or null)
  // ---- threads (vm/thread_runtime.h) ----
  ThreadRuntime* threads = nullptr;          // the simulated threads; null outside a Simulation
  double deadline_ns = 1e300;                // eval-breaker: stop at the next check point at/after this time
  bool has_pending = false;                  // a built-in asked the scheduler for `pending` (blocking call)
  sched::Request pending;
  bool resume_raise = false;                 // eval() starts by raising `exc` at the current instruction
  std::shared_ptr<AsyncioState> asyncio;  // modules/asyncio_state.h
  bool finalizing = false;         // ~VM runs: no more warnings
  int wait_line = 0;               // line of the last blocking wait (asyncio stall attribution)
  std::unique_ptr<VmMemory> memory;  // sizes, tracemalloc, the cyclic GC (vm_memory.h); null until the program starts
  std::unordered_map<const Obj*, NativeAttrs> native_attrs;  // __dict__/__slots__ of built-in subclass instances (native_attrs.h)
  std::unordered_map<const Obj*, WeakRefObj*> weakref_lists;  // first weak reference to each referent (weakrefs.h)
  TypeAttrCache type_cache;  // lookup_type's results (type_cache.h)
  Ref base_exception_group;  // BaseExceptionGroup (3.11+, modules/exception_groups.h), null before it exists

  // ---- running ----
  Frame* new_frame(FuncObj* f, CodeObj* code, Ref globals, Ref locals);
  void free_frame(Frame* f);
  // Binds call arguments into a fresh frame for f; null + exception on error.
  Frame* frame_for_call(FuncObj* f, Ref* args, int n, TupleObj* kwnames, Ref* kwv = nullptr);
  Stop eval(std::size_t base, Ref& result);  // runs until frames.size() == base
  // Calls any callable from C++ (nested run for Python code). Null on exception.
  Ref call(const Ref& callable, Ref* args, int n, TupleObj* kwnames = nullptr);
  Ref call0(const Ref& c) { return call(c, nullptr, 0); }
  Ref call1(const Ref& c, Ref a) { return call(c, &a, 1); }
  Ref call2(const Ref& c, Ref a, Ref b) { Ref v[2] = {std::move(a), std::move(b)}; return call(c, v, 2); }
  Ref gen_send(GenObj* g, Ref value, Stop& how, Ref throw_exc = nullptr);
  Ref instantiate(ClassObj* cls, Ref* args, int n, TupleObj* kwnames);

  // ---- errors ----
  Ref raise(ClassObj* type, const std::string& msg);
  Ref raise_obj(Ref exc_obj);
  Ref raise_key_error(const Ref& key);  // KeyError(key): args hold the key itself, as CPython's _PyErr_SetKeyError
  Ref new_exception(ClassObj* type, const std::string& msg);
  Ref not_modelled(const std::string& what);
  bool matches(const Ref& exc_obj, ClassObj* type);
  std::string format_exception(const Ref& e);  // full traceback text
  std::string format_traceback_stack(const Ref& e);  // its "  File ..." lines
  std::string format_exception_only(const Ref& e);   // "Type: message" and notes

  // ---- protocols ----
  Ref getattr(const Ref& o, StrObj* name);
  Ref getattr_opt(const Ref& o, StrObj* name);  // null without exception when missing
  bool setattr(const Ref& o, StrObj* name, Ref v);
  bool delattr(const Ref& o, StrObj* name);
  Ref lookup_type(ClassObj* t, StrObj* name);  // MRO lookup, borrowed semantics
  Ref binary(int op, const Ref& a, const Ref& b);
  Ref compare(int op, const Ref& a, const Ref& b);
  int eq(const Ref& a, const Ref& b);        // -1 error
  int truthy(const Ref& a);                  // -1 error
  bool hash(const Ref& a, std::int64_t& h);
  int contains(const Ref& container, const Ref& item);
  Ref getitem(const Ref& o, const Ref& key);
  bool setitem(const Ref& o, const Ref& key, Ref v);
  bool delitem(const Ref& o, const Ref& key);
  Ref iter(const Ref& o);
  Ref next(const Ref& it);                   // null: exhausted (no exc) or error (exc set)
  Ref repr(const Ref& o);
  Ref str(const Ref& o);
  bool repr_to(const Ref& o, std::string& out);
  bool str_to(const Ref& o, std::string& out);
  Ref format(const Ref& o, const std::string& spec);
  std::int64_t len(const Ref& o);            // -1 error
  bool isinstance(const Ref& o, ClassObj* t);
  static bool is_subclass(ClassObj* a, ClassObj* b);
  std::string type_name(const Ref& o) const;
  bool to_list(const Ref& iterable, std::vector<Ref>& out);
  bool index_value(const Ref& o, std::int64_t& out);

  // ---- dicts ----
  Ref dict_get(DictObj* d, const Ref& key);          // null: missing (check exc)
  bool dict_set(DictObj* d, Ref key, Ref value);
  int dict_del(DictObj* d, const Ref& key);          // 1 removed, 0 missing, -1 error
  Ref dict_get_str(DictObj* d, StrObj* key);         // fast path for interned names
  void dict_set_str(DictObj* d, StrObj* key, Ref value);

  // ---- misc ----
  Ref make_builtin(const char* name, BuiltinFn fn, Ref data = nullptr);
  void add_method(ClassObj* t, const char* name, BuiltinFn fn);
  Ref import(const std::string& name);
  [[gnu::always_inline]] void charge(double ns) {
    clock_ns += ns;
    cpu_ns += ns;
    lines[size_t(cur_slot)].part[0] += ns;  // slot 0 takes what no program line does; never reported
  }
  [[gnu::always_inline]] void charge_variant(int v) { if (v) charge(variant_delta[v]); }
  void advance_wait(double ns) { clock_ns += ns; wait_line = current_line(); }
  double builtin_ns(const char* key, double n) const;
  mutable std::uint64_t builtin_charges = 0;  // builtin_ns() calls: a built-in charged its own cost
  void* cost_table = nullptr;  // costs::CostTable*
  Frame* current_frame() const { return frames.empty() ? nullptr : frames.back(); }
  int current_line() const;
  int python_minor() const { return python.size() > 2 && python[0] == '3' ? std::atoi(python.c_str() + 2) : 11; }
  void write_stdout(const std::string& s) { out += s; }
  void on_dealloc_instance(InstanceObj* o);
  // An exception raised where nobody can catch it (__del__, gc callbacks):
  // "Exception ignored in: <repr of where>" on stderr, and the exception is
  // dropped (PyErr_WriteUnraisable). `fallback` names `where` if its repr fails.
  void write_unraisable(const Ref& where, const char* fallback);
};

VM* current_vm();
void set_current_vm(VM* vm);

// set up built-in types' methods and the builtins module
void init_types(VM& vm);
void init_builtins(VM& vm);
void init_int_builtins(VM& vm);                   // modules/int_builtins.cpp
void init_math_ints(VM& vm, const Ref& module);   // math's exact integer functions
// Modules outside modules.cpp (modules/more_modules.cpp): fills `module` and
// returns true when `name` is one of them (check vm.exc for errors).
bool init_more_module(VM& vm, const std::string& name, const Ref& module);
void init_collections_more(VM& vm, const Ref& module);  // deque, namedtuple
void init_functools_more(VM& vm, const Ref& module);    // partial, wraps, lru_cache, ...
std::int64_t deque_size(const Obj* deque);
void init_builtin_subclassing(VM& vm);                  // __new_native__ of list/dict/tuple/str/int/...
void init_percent_format(VM& vm);                       // str % args (modules/percent_format.cpp)
Ref create_module(VM& vm, const std::string& name);  // null (no exception) if not modelled

std::string float_repr(double v);
std::string int_str(std::int64_t v);

}  // namespace pitfall::sim
