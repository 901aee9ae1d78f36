// Simulated Python objects: the intrusive reference count, the object kinds
// the VM knows natively, and the Ref smart pointer that keeps counts exact.
//
// Notes about the model: every Python object is a C++ object with a reference
// count that follows CPython's rules (Objects/object.c Py_INCREF/Py_DECREF):
// an object is destroyed exactly when its last reference goes away. Reference
// cycles are freed by the cyclic GC (sim/vm/vm_memory.h, over sim/memory). Small
// ints -5..256 are cached as in Objects/longobject.c; identifier and constant
// strings are interned. An int is an IntObj (Tag::Int, 64-bit) when its value
// fits in int64, else a BigIntObj (Tag::BigInt, arbitrary precision, pylib's
// BigInt): the invariant lets fast paths test the tag only.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "sim/objects/dict_index.h"
#include "sim/objects/inline_vec.h"
#include "sim/objects/obj_pool.h"
#include "sim/objects/slot_vec.h"
#include "sim/pylib/bigint.h"

namespace pitfall::sim {

struct ClassObj;

enum class Tag : std::uint8_t {
  Int, Float, Str, Bytes, None, List, Tuple, Dict, Set, FrozenSet, Range, Slice,
  Func, Builtin, BoundMethod, Class, Instance, Exception, Cell, Code, Generator,
  Iter, Module, Property, StaticMethod, ClassMethod, Super, Other, BigInt
};

struct Obj;

// What the memory layer (sim/vm/vm_memory.h) hears about objects of a heap:
// creation, destruction and size changes of containers (mem_touch).
struct ObjHooks {
  virtual ~ObjHooks() = default;
  virtual void created(Obj* o) = 0;
  virtual void destroyed(Obj* o) = 0;
  virtual void touched(Obj* o) = 0;
};

// Every object of one simulation, so that what reference counting cannot free
// (cycles, until the cyclic GC model is wired in) is freed with the simulation
// instead of leaking into the host (the web app runs a simulation per edit).
// Objects join the heap that is current when they are created. The heap keeps
// a table of its objects (each object knows its position: removal moves the
// last entry into the hole), and each heap has a small id that objects keep
// instead of a pointer (g_obj_heaps maps it back): the header stays 32 bytes.
struct ObjHeap {
  ObjHooks* hooks = nullptr;  // memory accounting, once the program runs
  std::uint16_t id = 0;       // index in g_obj_heaps (0: none left, objects are not tracked)
  ObjHeap();
  ObjHeap(const ObjHeap&) = delete;
  ObjHeap& operator=(const ObjHeap&) = delete;
  ~ObjHeap();  // deletes every object still alive, ignoring reference counts
  std::size_t size() const { return size_; }
  inline void add(Obj* o);
  inline void remove(Obj* o);
  bool has_room() const { return size_ < capacity_; }  // add() without growth (no call)
  inline void add_with_room(Obj* o);  // add() when has_room()

 private:
  static constexpr std::size_t kChunkBits = 12;
  static constexpr std::size_t kChunk = std::size_t{1} << kChunkBits;
  Obj*& at(std::size_t i) { return chunks_[i >> kChunkBits][i & (kChunk - 1)]; }
  void grow();  // adds a chunk to the table
  std::vector<Obj**> chunks_;
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;  // chunks_.size() * kChunk (add(): one compare)
};
inline constexpr std::size_t kMaxObjHeaps = std::size_t{1} << 16;
extern ObjHeap* g_obj_heaps[kMaxObjHeaps];  // by ObjHeap::id; [0] stays null
extern ObjHeap* g_obj_heap;        // the heap new objects join (may be null)
extern bool g_obj_heap_teardown;   // true while ~ObjHeap runs: references are not counted

// The header is 32 bytes: vtable, count and heap position, class, then tag,
// flags, heap id and memory-layer slot. The count is 32-bit: a count past
// 2^31 would need 16 GiB of host references.
struct Obj {
  std::int32_t rc = 1;
  std::uint32_t heap_pos = 0;  // position in its heap's table (ObjHeap)
  ClassObj* cls;
  Tag tag;
  std::uint8_t weakly_referenced : 1 = 0;  // has weak references (sim/vm/weakrefs.h)
  std::uint8_t exact_int : 1 = 0;  // an int CPython allocates with exactly its digits (Runtime::make_int_ssize)
  std::uint8_t native : 1 = 0;     // a NativeObj (objects_ext.h): Tag::Other objects are of several C++ types
  std::uint8_t type_dict : 1 = 0;  // DictObj: a class dict some type attribute lookup walked (vm/type_cache.h)
  std::uint16_t heap_id = 0;       // the heap it belongs to (g_obj_heaps), 0: none
  std::uint32_t mem_slot = 0;  // the memory layer's record of this object (0: none)
  // objects live in the object pool (obj_pool.h); the deleting destructor
  // passes the dynamic type's size
  static void* operator new(std::size_t n) { return g_obj_pool.alloc(n); }
  static void operator delete(void* p, std::size_t n) { g_obj_pool.release(p, n); }
  Obj(ClassObj* c, Tag t) : Obj(c, t, Unhooked{}) {
    if (heap_id)
      if (ObjHooks* hk = g_obj_heaps[heap_id]->hooks) hk->created(this);
  }
  // Joins the current heap without telling its hooks: the maker does, once
  // the object is whole (the runtime's ints and floats: vm/scalar_objects.cpp).
  struct Unhooked {};
  Obj(ClassObj* c, Tag t, Unhooked) : cls(c), tag(t) {
    if (ObjHeap* h = g_obj_heap; h && h->id) {
      heap_id = h->id;
      h->add(this);
    }
  }
  // Joins heap h (the current one, h->id not 0, h->has_room()) without
  // telling its hooks: for a maker that looked at the heap already
  // (vm/scalar_objects.cpp).
  struct InHeap { ObjHeap* h; };
  [[gnu::always_inline]] Obj(ClassObj* c, Tag t, InHeap in) : cls(c), tag(t), heap_id(in.h->id) { in.h->add_with_room(this); }
  Obj(const Obj&) = delete;
  Obj& operator=(const Obj&) = delete;
  virtual ~Obj() {
    if (!heap_id) return;
    ObjHeap* h = g_obj_heaps[heap_id];
    if (mem_slot && h->hooks) h->hooks->destroyed(this);
    h->remove(this);
  }
  // the heap it belongs to, or null
  ObjHeap* heap() const { return g_obj_heaps[heap_id]; }
  // the memory layer's hooks when it keeps a record of this object, else null
  ObjHooks* mem_hooks() const {
    if (!mem_slot || !heap_id) return nullptr;
    return g_obj_heaps[heap_id]->hooks;
  }
  // ~Obj's removal from its heap (heap_id is not 0; it stays set).
  inline void leave_heap();
};
static_assert(sizeof(void*) != 8 || sizeof(Obj) == 32, "the object header is 32 bytes on 64-bit hosts");

inline void ObjHeap::add(Obj* o) {
  if (size_ >= capacity_) [[unlikely]] grow();
  o->heap_pos = std::uint32_t(size_);
  at(size_++) = o;
}
inline void ObjHeap::add_with_room(Obj* o) {
  o->heap_pos = std::uint32_t(size_);
  at(size_++) = o;
}
inline void ObjHeap::remove(Obj* o) {
  Obj* last = at(--size_);
  at(o->heap_pos) = last;
  last->heap_pos = o->heap_pos;
}
inline void Obj::leave_heap() { g_obj_heaps[heap_id]->remove(this); }

void obj_dealloc(Obj* o);

// A container changed size (items appended, keys inserted or removed): the
// memory layer re-sizes its blocks at the next instruction boundary.
inline void mem_touch(Obj* o) {
  if (ObjHooks* h = o->mem_hooks()) h->touched(o);
}

class Ref {
 public:
  Ref() = default;
  Ref(std::nullptr_t) {}
  explicit Ref(Obj* o) : p_(o) { if (p_) ++p_->rc; }  // borrow: increments
  static Ref adopt(Obj* o) { Ref r; r.p_ = o; return r; }  // takes an owned reference
  Ref(const Ref& o) : p_(o.p_) { if (p_) ++p_->rc; }
  Ref(Ref&& o) noexcept : p_(o.p_) { o.p_ = nullptr; }
  [[gnu::always_inline]] Ref& operator=(const Ref& o) { if (o.p_) ++o.p_->rc; Obj* old = p_; p_ = o.p_; dec(old); return *this; }
  [[gnu::always_inline]] Ref& operator=(Ref&& o) noexcept { if (this != &o) { Obj* old = p_; p_ = o.p_; o.p_ = nullptr; dec(old); } return *this; }
  [[gnu::always_inline]] ~Ref() { dec(p_); }
  Obj* get() const { return p_; }
  Obj* operator->() const { return p_; }
  explicit operator bool() const { return p_ != nullptr; }
  Obj* release() { Obj* o = p_; p_ = nullptr; return o; }
  [[gnu::always_inline]] void reset() { Obj* old = p_; p_ = nullptr; dec(old); }
  template <class T> T* as() const { return static_cast<T*>(p_); }
  bool operator==(const Ref& o) const { return p_ == o.p_; }

 private:
  [[gnu::always_inline]] static void dec(Obj* o) { if (o && !g_obj_heap_teardown && --o->rc == 0) obj_dealloc(o); }
  Obj* p_ = nullptr;
};

template <class T, class... A>
Ref make(A&&... a) { return Ref::adopt(new T(std::forward<A>(a)...)); }

// ---- concrete kinds -------------------------------------------------------

struct IntObj : Obj {
  std::int64_t v;
  IntObj(ClassObj* c, std::int64_t x) : Obj(c, Tag::Int), v(x) {}
  IntObj(ClassObj* c, std::int64_t x, Unhooked u) : Obj(c, Tag::Int, u), v(x) {}
  [[gnu::always_inline]] IntObj(ClassObj* c, std::int64_t x, InHeap in) : Obj(c, Tag::Int, in), v(x) {}
  // the memory layer sizes a freed int by its value: tell it while this is
  // still an IntObj (~Obj would only see an Obj)
  ~IntObj() override {
    if (ObjHooks* h = mem_hooks()) h->destroyed(this);
  }
};
// An int outside int64's range (never holds a value that fits: Runtime::make_int normalizes).
struct BigIntObj : Obj { pylib::BigInt v; BigIntObj(ClassObj* c, pylib::BigInt x) : Obj(c, Tag::BigInt), v(std::move(x)) {} };
static_assert(sizeof(void*) != 8 || sizeof(IntObj) == 40);
struct FloatObj : Obj {
  double v;
  FloatObj(ClassObj* c, double x) : Obj(c, Tag::Float), v(x) {}
  FloatObj(ClassObj* c, double x, Unhooked u) : Obj(c, Tag::Float, u), v(x) {}
  [[gnu::always_inline]] FloatObj(ClassObj* c, double x, InHeap in) : Obj(c, Tag::Float, in), v(x) {}
};
struct StrObj : Obj {
  std::string s;             // UTF-8
  std::int64_t hash = -1;
  std::int64_t cp_len : 63 = -1;  // code points, computed lazily
  std::uint64_t interned : 1 = 0;
  StrObj(ClassObj* c, std::string x) : Obj(c, Tag::Str), s(std::move(x)) {}
};
static_assert(sizeof(void*) != 8 || sizeof(StrObj) == 80);
struct BytesObj : Obj { std::string s; BytesObj(ClassObj* c, std::string x) : Obj(c, Tag::Bytes), s(std::move(x)) {} };
struct ListObj : Obj { std::vector<Ref> items; explicit ListObj(ClassObj* c) : Obj(c, Tag::List) {} };
// a tuple's items: up to two inside the object (64 bytes in all), more in a block of their own
struct TupleObj : Obj { InlineVec<Ref, 2> items; explicit TupleObj(ClassObj* c) : Obj(c, Tag::Tuple) {} };
static_assert(sizeof(void*) != 8 || sizeof(TupleObj) == 64);
// The items of a list or a tuple, by its tag (any other object: none). Only
// for as long as nothing can resize the list.
inline std::span<Ref> list_or_tuple_items(Obj* o) {
  if (o->tag == Tag::Tuple) { auto& v = static_cast<TupleObj*>(o)->items; return {v.data(), v.size()}; }
  if (o->tag == Tag::List) { auto& v = static_cast<ListObj*>(o)->items; return {v.data(), v.size()}; }
  return {};
}
struct CellObj : Obj { Ref v; explicit CellObj(ClassObj* c) : Obj(c, Tag::Cell) {} };
struct RangeObj : Obj { std::int64_t start, stop, step; RangeObj(ClassObj* c, std::int64_t a, std::int64_t b, std::int64_t s) : Obj(c, Tag::Range), start(a), stop(b), step(s) {} };
struct SliceObj : Obj { Ref start, stop, step; explicit SliceObj(ClassObj* c) : Obj(c, Tag::Slice) {} };

// Insertion-ordered hash table of dicts (CPython's compact dict layout: an
// index table over a dense entry array). Sets and frozensets use `entries` as
// CPython's set slot table instead (objects/set_slots.h).
struct DictEntry { std::int64_t hash; Ref key, value; };
struct DictObj : Obj {
  std::vector<DictEntry> entries;   // key null = deleted
  DictIndex index;                  // -1 empty, -2 dummy, else entry index; size power of 2 (objects/dict_index.h)
  std::int64_t used = 0;
  // set/frozenset (objects/set_slots.h): active + dummy slots, and set.pop's
  // next start slot; 32-bit: a table of 2^31 slots would need 48 GiB of host
  // memory
  std::int32_t set_fill = 0;
  std::int32_t set_finger = 0;
  Ref default_factory;              // collections.defaultdict
  // (type_dict: in the header's flags)
  DictObj(ClassObj* c, Tag t = Tag::Dict) : Obj(c, t) {}
};

// 96 bytes: the object pool's 96-byte class (a dict's first index table is inside)
static_assert(sizeof(void*) != 8 || sizeof(DictObj) == 96);

struct InstanceObj : Obj {
  Ref dict;                 // DictObj, or null when the class has __slots__ only
  SlotVecOf<Ref> slots;     // __slots__ values (objects/slot_vec.h: one pointer)
  InstanceObj(ClassObj* c, Tag t = Tag::Instance) : Obj(c, t) {}
  ~InstanceObj() override;  // runs __del__ via the VM hook
};
static_assert(sizeof(void*) != 8 || sizeof(InstanceObj) == 48);

struct TraceEntry { Ref code; int ip; };
struct ExceptionObj : InstanceObj {
  Ref args;  // tuple
  Ref cause, context, value;  // value: StopIteration.value
  bool suppress_context = false;
  std::vector<TraceEntry> trace;  // innermost first (formatting walks it backwards)
  Ref traceback;                  // __traceback__: traceback objects (vm/frame_objects.h), or null
  explicit ExceptionObj(ClassObj* c) : InstanceObj(c, Tag::Exception) {}
};

struct ModuleObj : Obj { std::string name; Ref dict; ModuleObj(ClassObj* c, std::string n) : Obj(c, Tag::Module), name(std::move(n)) {} };

struct ClassObj : Obj {
  std::string name;
  std::string module = "builtins";
  std::vector<Ref> bases;
  std::vector<ClassObj*> mro;  // includes itself first
  Ref dict;                    // DictObj
  Tag instance_tag = Tag::Instance;
  bool builtin = false;        // a built-in type (not subclassable into a new layout)
  bool has_slots_only = false;
  std::vector<Ref> slot_names;  // StrObj, index = slot position
  bool has_del = false, has_getattr = false, has_setattr = false, is_exception = false;
  bool weakref_type = false;   // a built-in weak reference type: instances are WeakRefObj (sim/vm/weakrefs.h)
  std::uint64_t version = 0;   // bumped on attribute change (for caches)
  ClassObj(ClassObj* meta, std::string n) : Obj(meta, Tag::Class), name(std::move(n)) {}
};

}  // namespace pitfall::sim
