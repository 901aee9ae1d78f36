// Object kinds that need the VM's frame type: functions, built-ins, bound
// methods, generators/coroutines, iterators, descriptors.
#pragma once
#include <memory>

#include "sim/compiler/code.h"
#include "sim/objects/object.h"

namespace pitfall::sim {

class VM;
struct Frame;
struct BuiltinObj;

// Arguments of a built-in call: positional values, then keyword values named by kwnames.
struct Args {
  Ref* v = nullptr;
  int n = 0;                 // positional count
  Ref* kwv = nullptr;
  TupleObj* kwn = nullptr;   // names of kwv, or null
  BuiltinObj* self = nullptr;
  int nkw() const;
  Ref kw(const char* name) const;  // keyword value or null
};
using BuiltinFn = Ref (*)(VM&, Args&);

struct FuncObj : Obj {
  Ref code, globals, defaults, kwdefaults, closure, name, qualname, dict, module;
  Ref annotations;  // __annotations__: a dict, made on first access when the def had none
  explicit FuncObj(ClassObj* c) : Obj(c, Tag::Func) {}
  CodeObj* co() const { return code.as<CodeObj>(); }
};

struct BuiltinObj : Obj {
  const char* name;
  BuiltinFn fn;
  bool is_method = false;  // lives in a type dict; self is passed as args[0]
  Ref data, data2;         // bound state (partial, lru_cache, module objects, ...)
  std::int64_t idata = 0;
  double call_ns = -1;     // base cost of a call (builtin_call_costs.h); -1 until resolved
  BuiltinObj(ClassObj* c, const char* n, BuiltinFn f) : Obj(c, Tag::Builtin), name(n), fn(f) {}
};

struct BoundMethodObj : Obj {
  Ref func, self;
  BoundMethodObj(ClassObj* c, Ref f, Ref s) : Obj(c, Tag::BoundMethod), func(std::move(f)), self(std::move(s)) {}
};

struct GenObj : Obj {
  Frame* frame = nullptr;  // owned
  bool running = false, finished = false, started = false;
  bool coroutine = false;
  // async generators (sim/vm/async_gen.cpp): wrapped = the last yield was the
  // generator's own (3.11 ASYNC_GEN_WRAP), not an await's; the rest as genobject.c's ag_*
  bool async_gen = false, wrapped = false, ag_running_async = false, ag_closed = false, ag_hooks_inited = false;
  Ref name, qualname;
  Ref awaiting;            // sub-iterator of a pending yield from / await
  GenObj(ClassObj* c) : Obj(c, Tag::Generator) {}
  ~GenObj() override;
};

struct IterObj;
// What an iterator walks, for the cost of FOR_ITER (sim/vm/cost_variants.h).
enum IterKind : std::uint8_t { ITER_OTHER, ITER_RANGE, ITER_LIST, ITER_TUPLE, ITER_DICT, ITER_GENERATOR };
using IterNext = Ref (*)(VM&, IterObj*);  // null + no exception = exhausted
struct IterObj : Obj {
  IterNext next;
  Ref a, b, c;
  std::vector<Ref> v;
  std::int64_t i = 0, n = 0, step = 1;
  const char* type_name = "iterator";
  std::uint8_t kind = ITER_OTHER;
  double t0_ns = 0;          // virtual clock when the iterator was created (steady_state.h)
  std::int64_t total = -1;   // items a range iterator yields in all (-1: unknown)
  IterObj(ClassObj* cl, IterNext f) : Obj(cl, Tag::Iter), next(f) {}
};

struct PropertyObj : Obj { Ref fget, fset, fdel; explicit PropertyObj(ClassObj* c) : Obj(c, Tag::Property) {} };
struct WrapperObj : Obj { Ref f; WrapperObj(ClassObj* c, Tag t, Ref x) : Obj(c, t), f(std::move(x)) {} };  // staticmethod/classmethod
struct SuperObj : Obj { ClassObj* start; Ref obj; SuperObj(ClassObj* c, ClassObj* s, Ref o) : Obj(c, Tag::Super), start(s), obj(std::move(o)) {} };
struct SlotDescr : Obj { int index; Ref name; SlotDescr(ClassObj* c, int i, Ref n) : Obj(c, Tag::Other), index(i), name(std::move(n)) {} };

// Generic native object with a few fields (threads, futures, tasks, deque, ...).
struct NativeObj : Obj {
  int kind;
  Ref a, b, c, d;
  std::vector<Ref> v;
  std::int64_t i = 0, j = 0;
  double t = 0;
  NativeObj(ClassObj* cl, int k) : Obj(cl, Tag::Other), kind(k) { native = 1; }
};

// The kind of a NativeObj; -1 for every other object, including the other
// Tag::Other types (the asyncio loop, slot descriptors, NotImplemented, ...).
inline int native_kind(const Obj* o) { return o && o->native ? static_cast<const NativeObj*>(o)->kind : -1; }
inline int native_kind(const Ref& r) { return native_kind(r.get()); }

struct Block { int handler, level; };

// A frame's locals and value stack: one array from the object pool (a call
// allocates one per frame). Released as delete[] would: last element first.
struct FrameSlotsDeleter {
  std::size_t n = 0;
  void operator()(Ref* p) const {
    for (std::size_t i = n; i-- > 0;) p[i].~Ref();
    g_obj_pool.release(p, n * sizeof(Ref));
  }
};
using FrameSlots = std::unique_ptr<Ref[], FrameSlotsDeleter>;
inline FrameSlots make_frame_slots(std::size_t n) {
  Ref* p = static_cast<Ref*>(g_obj_pool.alloc(n * sizeof(Ref)));
  for (std::size_t i = 0; i < n; ++i) new (p + i) Ref();
  return FrameSlots(p, FrameSlotsDeleter{n});
}

struct Frame {
  // frames come from the object pool too (one per Python call)
  static void* operator new(std::size_t n) { return g_obj_pool.alloc(n); }
  static void operator delete(void* p, std::size_t n) { g_obj_pool.release(p, n); }
  CodeObj* code;
  const Instr* instrs = nullptr;       // code->code, code->pos and their size, read by
  const Pos* pos = nullptr;            // the dispatch loop on every instruction
  const std::int32_t* line_words = nullptr;  // per instruction: its line and its per-line stats slot (eval.cpp)
  int ncode = 0;
  bool line_stats = false;             // per-line time and counts are kept (not library code)
  Ref code_ref, func, globals, locals;  // locals: dict for module/class bodies
  DictObj* globals_d = nullptr;
  FrameSlots slots;                    // localsplus then value stack
  Ref* stack = nullptr;
  int sp = 0;                          // stack depth
  int ip = 0;
  std::vector<Block> blocks;
  bool entry = false;                  // returning hands the value back to C++
  GenObj* gen = nullptr;
  Ref init_self;                       // class instantiation: return this instead of None
  bool discard_result = false;         // a Python __exit__ run by WITH_EXIT: its value is dropped
  Ref kwnames;                         // pending KW_NAMES
  int last_line = -1;
  Ref frame_obj;                       // its frame object, once needed (vm/frame_objects.h)
  Frame() = default;
  Frame(const Frame&) = delete;
  Frame& operator=(const Frame&) = delete;
  ~Frame();                            // the frame object takes the locals (frame_objects.cpp)
};

}  // namespace pitfall::sim
