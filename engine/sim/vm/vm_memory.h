// The memory layer wired into the VM: every object the program creates is
// sized (sim/memory/sizes.h) and traced (MemoryModel: tracemalloc's view,
// pymalloc's arenas, the virtual memory limit), GC-capable objects are
// counted and tracked by the cyclic collector (GcModel), and collections run
// over the VM's own objects (the GcHeap adapter in vm_gc_heap.cpp).
//
// Notes about the model: objects are accounted at the instruction boundary
// after the one that created them (so a tuple or list built by one
// instruction is sized with its items), containers that change size are
// re-sized at the next boundary (mem_touch in object.h), and objects created
// and freed inside one instruction (temporaries of a built-in) are not
// traced. Collections triggered by an allocation run at that boundary too:
// for 3.12+ this is CPython's own rule (_Py_ScheduleGC, eval breaker), up to
// 3.11 CPython collects inside the allocation (_PyObject_GC_Link), and the
// few allocations made later in the same instruction are counted after the
// collection as CPython would. Instance dicts are folded into their instance
// from 3.11 (inline values; CPython materialises no dict). Figures leave out
// the interpreter's start-up objects: only what the program creates is traced,
// and the collector counts CPython's start-up objects as long-lived
// (set_baseline_objects) so full collections happen when CPython's do.
#pragma once
#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "report/report.h"
#include "sim/memory/chunked_vector.h"
#include "sim/memory/gc_model.h"
#include "sim/memory/interpreter_objects.h"
#include "sim/memory/memory_model.h"
#include "sim/memory/sizes.h"
#include "sim/objects/object.h"
#include "sim/vm/fresh_pages.h"
#include "sim/vm/vm_memory_growth.h"

namespace pitfall::sim {

class VM;
class VmGcHeap;
std::int64_t int_traced_bytes(const memory::Sizes& sizes, const Obj* o);

class VmMemory : public ObjHooks {
 public:
  VmMemory(VM& vm, int minor, std::int64_t limit_bytes);
  ~VmMemory() override;

  // ObjHooks (object.h)
  void created(Obj* o) override;
  void destroyed(Obj* o) override;
  void touched(Obj* o) override;
  // created() and destroyed() of a built-in int or float, inline for the
  // runtime's makers and obj_dealloc (vm_memory_scalars.h; destroyed_scalar:
  // o->mem_slot is not 0).
  void created_scalar(Obj* o);
  void destroyed_scalar(Obj* o);
  // created() of a new built-in int or float that an instruction pushes as
  // its last step: nothing runs between it and the next instruction boundary
  // (no charge, no free, no allocation, no return from eval), so when the
  // boundary's flush would account it alone it is accounted now, as that
  // flush would (same line, time and figures), and the boundary has no work.
  // Here: a new IntObj of the built-in int type (exact_int not set) made by
  // the executing instruction of the top frame (vm_.cur_line is its line).
  void created_int_last(IntObj* o);
  void created_float_last(FloatObj* o);  // and of a new FloatObj of the built-in float type
  // What created_int_last() or created_float_last() does for a new object of
  // `bytes` (scalar_bytes()) in its common case, with no call and before the
  // object is made: returns its mem_slot, or 0 (nothing done: make it and
  // call those). destroyed_scalar() of an accounted int or float in its
  // common case, with no call (false: nothing done, call destroyed_scalar()).
  std::uint32_t result_slot_fast(std::int64_t bytes);
  bool destroyed_scalar_fast(Obj* o);
  // scalar_bytes() of a new int of value v without exact_int (its class: int)
  std::int64_t int_result_bytes(std::int64_t v) const {
    const std::uint64_t u = v < 0 ? 0 - std::uint64_t(v) : std::uint64_t(v);
    return u < (std::uint64_t{1} << 30) ? medium_int_bytes_ : exact_int_bytes_[u < (std::uint64_t{1} << 60) ? 2 : 3];
  }
  std::int64_t float_result_bytes() const { return float_bytes_; }

  // Something to do at the next instruction boundary?
  bool has_work() const { return !pending_.empty() || collect_due_ || gc_.pending() || gc_.has_held(); }
  // Accounts pending objects and runs a due collection. False (MemoryError
  // raised) when an allocation would pass the virtual memory limit.
  bool flush();

  // Objects created while suspended are never traced (imports: CPython's
  // figures leave out import-time allocations).
  void suspend(bool on) { suspended_ += on ? 1 : -1; }
  // The program imported `name`: the objects CPython's modules add to the
  // collector's oldest generation (interpreter_objects.h).
  void imported(const std::string& name) { gc_.add_interpreter_objects(interp_.import(name)); }

  // The program's globals: a dict that exists before the program starts (its
  // table is not traced) but whose growth is, as CPython's fresh __main__
  // module dict with `initial_keys` entries (the harness's: __name__, __doc__,
  // __package__, __loader__, __spec__, __file__, __builtins__, __cached__).
  void adopt_globals(Obj* dict, std::int64_t initial_keys);

  // `inst.__dict__` was read: from 3.11 CPython materialises a dict object
  // there, and later new keys follow the dict's own rules (instance_shared_keys.cpp).
  void instance_dict_read(Obj* inst);
  // How many entries a new instance __dict__ of `cls` reserves: the most
  // attributes an instance of the last class sized had (0: another class).
  // Host speed only: no reallocation per attribute its __init__ sets.
  std::size_t instance_dict_reserve(const ClassObj* cls) const {
    return cls && cls == class_attrs_cls_ ? std::size_t(std::clamp<std::int64_t>(*class_attrs_last_, 0, 32)) : 0;
  }
  // sys.getsizeof(o), CPython's value for the object's current state.
  std::int64_t getsizeof(Obj* o);
  // gc.collect(generation): collected + uncollectable.
  std::int64_t collect(int generation);
  // PEP 442: __del__ already ran for this object (by the collector).
  bool finalized(const Obj* o) const;
  void set_finalized(Obj* o);

  memory::GcModel& gc() { return gc_; }
  // The collector's id of an object: its record slot (0, never tracked: no
  // record; an int's or float's own slot, kScalarSlot, is never tracked either).
  static memory::GcId gc_id(const Obj* o) { return o ? o->mem_slot : 0; }
  // Could the collector track this object? False for null, an object with no
  // record and an int or float (kScalarSlot): the collector's visitors skip
  // those ids anyway (host speed only: no call per small int of a list).
  static bool gc_candidate(const Obj* o) { return o && o->mem_slot && !(o->mem_slot & kScalarSlot); }
  Obj* gc_object(memory::GcId id) { return id && id < recs_.size() ? recs_[std::size_t(id)].obj : nullptr; }
  memory::MemoryModel& mem() { return mem_; }
  const memory::Sizes& sizes() const { return sizes_; }
  VM& vm() { return vm_; }

  // memory.*, gc.*, lines[].alloc_bytes of the report.
  void fill(report::Report& r) const;

 private:
  struct Rec {
    Obj* obj = nullptr;  // the object this slot records (GcId -> object)
    // tracemalloc blocks (memory::BlockId; ids of live blocks are reused, so
    // they stay far below 2^32 under any memory limit)
    std::uint32_t block = 0, table = 0;
    // index in pending_ (set_rec_pending), or -1; kPendingFar: at or past
    // that index, found by a search (never in practice: that many objects
    // made by one instruction)
    std::int32_t pending : 27 = -1;
    bool accounted : 1 = false, gc : 1 = false, finalized : 1 = false, owned : 1 = false;
    bool prewindow : 1 = false;  // the object itself was allocated before the program started
    // kind and index in growths_ (vm_memory_growth.h), or 0; a tuple's
    // (tuples have no growth state): its size, at most 255, which reads as
    // no growth state (GrowthKind::None). The collector's free list follows
    // the tag (free_list_of).
    std::uint32_t growth = 0;
  };
  static_assert(sizeof(void*) != 8 || sizeof(Rec) == 24);
  static constexpr std::int32_t kPendingFar = (1 << 26) - 1;
  static void set_rec_pending(Rec& r, std::size_t index) {
    r.pending = index < std::size_t(kPendingFar) ? std::int32_t(index) : kPendingFar;
  }
  std::size_t pending_index(const Obj* o, const Rec& r) const;
  bool pending_of_free_list(memory::FreeList fl) const;
  // The class's shared keys (CACHED_KEYS, _PyDict_NewKeysForClass): the
  // attribute names, dk_nentries and dk_usable (30 at first, one less per
  // instance created while above 1, one less per name added).
  struct SharedKeys {
    std::unordered_map<std::string, int> names;
    std::int64_t nentries = 0, usable = 30;
    // interned name objects already in `names` (host speed: a pointer
    // compare instead of hashing the string; interned strs live as long as
    // the runtime, so an address here is never another string)
    std::vector<const Obj*> known;
  };

  // Ints (below 2**63) and floats come and go by the million; their single
  // block is sized once, at their first boundary, and their state is the object's
  // mem_slot itself, no Rec. kScalarSlot marks it; while pending it holds
  // kPendingSlot and the index in pending_, once accounted its traced bytes
  // (scalar_bytes, fixed at creation: bits kScalarBytesShift and up) and its
  // pymalloc pool + 1 (the low bits; 0: no block). One that needs a
  // tracemalloc block of its own (the program's tracemalloc is on, a size or
  // a pool index that does not fit those bits) gets an ordinary record at its
  // first boundary instead.
  static constexpr std::uint32_t kScalarSlot = 1u << 31, kPendingSlot = 1u << 30, kSlotPayload = kPendingSlot - 1;
  static constexpr int kScalarBytesShift = 24;
  static constexpr std::uint32_t kScalarPoolMask = (1u << kScalarBytesShift) - 1, kScalarBytesLimit = 64;
  static bool scalar_slot(std::uint32_t slot) { return slot & kScalarSlot; }
  // the slot of an accounted int or float: its size and its pymalloc block's pool + 1
  static std::uint32_t accounted_scalar_slot(std::int64_t bytes, memory::Pymalloc::Handle h) {
    return kScalarSlot | (std::uint32_t(bytes) << kScalarBytesShift) | std::uint32_t((h & ~memory::Pymalloc::kSmallBit) + 1);
  }
  void set_pending(Obj* o, std::size_t index) {
    if (scalar_slot(o->mem_slot)) o->mem_slot = kScalarSlot | kPendingSlot | std::uint32_t(index);
    else set_rec_pending(recs_[o->mem_slot], index);
  }
  std::uint32_t new_slot(Obj* o);  // an ordinary record for o
  void created_record(Obj* o);     // created() of an object that gets a record
  // created_int_last() and created_float_last() of o, of `bytes` (scalar_bytes(o))
  void created_result_last(Obj* o, std::int64_t bytes);
  bool at_once_possible() const;  // (vm_memory_scalars.h)
  bool flush_general();            // flush() of anything but a lone int or float
  void destroyed_record(Obj* o, std::uint32_t slot);  // destroyed() of an object with a record
  // Accounts a pending int or float at `line` (its place `where`, found
  // once per flush: ~0u not yet) at time t; false: over the limit.
  bool account_scalar(Obj* o, int line, std::uint32_t& where, double t);
  bool account_scalar_block(Obj* o, std::int64_t bytes, int line, double t);  // with a tracemalloc block
  // tracemalloc's place of vm_.filename:line (vm_.filename never changes: the
  // places found are kept by line, place + 1, 0: not yet)
  std::uint32_t place_of_line(int line) {
    if (std::size_t(line) < line_places_.size())  // (a negative line is not kept)
      if (const std::uint32_t p = line_places_[std::size_t(line)]) return p - 1;
    return find_place_of_line(line);
  }
  std::uint32_t find_place_of_line(int line);  // a place not yet kept
  std::vector<std::uint32_t> line_places_;
  // The traced bytes of an int (Tag::Int: at most 3 digits of 30 bits) or
  // float: int_traced_bytes() from a table (exact_int_bytes_ by digits).
  std::int64_t scalar_bytes(const Obj* o) const {
    if (o->tag == Tag::Float) return float_bytes_;
    if (o->tag != Tag::Int) return int_traced_bytes(sizes_, o);
    const std::int64_t v = static_cast<const IntObj*>(o)->v;
    const std::uint64_t u = v < 0 ? 0 - std::uint64_t(v) : std::uint64_t(v);
    if (u < (std::uint64_t{1} << 30)) return o->exact_int ? exact_int_bytes_[u != 0] : medium_int_bytes_;
    return exact_int_bytes_[u < (std::uint64_t{1} << 60) ? 2 : 3];
  }
  bool sync(Obj* o, Rec& r);                 // false: over the limit
  // A list whose new size fits its capacity: what sync() would do at the
  // next boundary (set the size, nothing else), done now (false: not such a
  // change, touched() makes it pending). Host speed only (list_resize_in_place.cpp).
  bool list_resized_in_place(Obj* o, Rec& r);
  // touched() of an accounted list with a growth state and no pending entry:
  // list_resized_in_place, else pending as any touch (list_resize_in_place.cpp)
  void touched_list(Obj* o, Rec& r);
  void touched_pending(Obj* o, Rec& r);  // o joins pending_ (touched's last step)
  // Changes between two values are separated by an instruction boundary or a
  // flush: touches with the same epoch are synced together.
  std::uint64_t epoch() const;
  std::uint64_t flushes_ = 0;  // flush() and collect() runs that synced pending objects
  // The list resized in place while nothing was pending (list_resized_in_place):
  // pending_'s first entry as the deferred sync would have had it, until the
  // epoch ends. Only one such list per epoch.
  const Obj* virtual_first_ = nullptr;
  std::uint64_t virtual_epoch_ = ~std::uint64_t{0};
  bool is_virtual_first(const Obj* o) const { return o == virtual_first_ && virtual_epoch_ == epoch(); }
  void pending_front(Obj* o);         // o becomes pending_'s first entry
  void virtual_first_destroyed();     // the swap-remove of pending_'s first entry
  memory::Footprint footprint(Obj* o, Rec& r, bool& is_gc);
  void fold_dict(Obj* o, Obj* d);  // d is part of o, not an object of its own
  std::int64_t instance_attrs(Obj* inst);
  // instance_shared_keys.cpp
  void track_shared_keys(Obj* inst, bool created);
  bool instance_dict_getsizeof(Obj* dict, Obj* inst, std::int64_t& out);
  bool set_block(std::uint32_t& b, std::int64_t bytes);
  void run_collection(int generation, bool explicit_call);
  inline double now_s() const;    // (vm_memory_scalars.h)
  inline int alloc_line() const;
  // flush()'s page-fault charge for first-touched memory (vm_memory_scalars.h)
  inline void charge_fresh_pages();
  void charge_fresh_pages_grown();
  void drop_growth_of_destroyed(std::uint32_t slot);  // (and its link's link to it)

  VM& vm_;
  memory::Sizes sizes_;
  memory::MemoryModel mem_;
  memory::GcModel gc_;
  memory::InterpreterObjects interp_;
  std::unique_ptr<VmGcHeap> heap_;
  memory::ChunkedVector<Rec> recs_;      // by slot; slot 0 unused
  std::vector<std::uint32_t> free_slots_;
  std::vector<Obj*> pending_;
  // growth states, found from the object's record (vm_memory_growth.h): a
  // list's, a dict's, and the link state of any other object
  GrowthTables growths_;
  static GrowthKind growth_kind(const Obj* o) {
    return o->tag == Tag::List ? GrowthKind::List : o->tag == Tag::Dict ? GrowthKind::Dict : GrowthKind::Link;
  }
  // The index of the record's growth state of kind k, made if none.
  std::uint32_t growth_index(std::uint32_t slot, GrowthKind k) {
    const std::uint32_t g = recs_[slot].growth;
    if (g && GrowthTables::kind(g) == k) [[likely]] return GrowthTables::index(g);
    return new_growth(slot, k);
  }
  std::uint32_t new_growth(std::uint32_t slot, GrowthKind k);
  ListGrowth& list_growth(std::uint32_t slot) { return growths_.lists[growth_index(slot, GrowthKind::List)]; }
  DictGrowth& dict_growth(std::uint32_t slot) { return growths_.dicts[growth_index(slot, GrowthKind::Dict)]; }
  LinkGrowth& link_growth(std::uint32_t slot) { return growths_.links[growth_index(slot, GrowthKind::Link)]; }
  std::uint32_t find_growth(std::uint32_t slot, GrowthKind k) const {
    const std::uint32_t g = recs_[slot].growth;
    return g && GrowthTables::kind(g) == k ? GrowthTables::index(g) : ~0u;
  }
  ListGrowth* find_list_growth(std::uint32_t slot) {
    const std::uint32_t i = find_growth(slot, GrowthKind::List);
    return i != ~0u ? &growths_.lists[i] : nullptr;
  }
  DictGrowth* find_dict_growth(std::uint32_t slot) {
    const std::uint32_t i = find_growth(slot, GrowthKind::Dict);
    return i != ~0u ? &growths_.dicts[i] : nullptr;
  }
  LinkGrowth* find_link_growth(std::uint32_t slot) {
    const std::uint32_t i = find_growth(slot, GrowthKind::Link);
    return i != ~0u ? &growths_.links[i] : nullptr;
  }
  // The link field of the object in `slot` (nullptr: none yet, or a list).
  Obj** find_link(std::uint32_t slot) {
    const std::uint32_t g = recs_[slot].growth;
    return g ? growths_.link(g) : nullptr;
  }
  Obj** make_link(Obj* o);  // the same, made if none
  void drop_growth(std::uint32_t slot);
  std::unordered_map<const ClassObj*, std::int64_t> class_attrs_;  // attributes instances settle on
  // instance_attrs's last class and its entry (entries are never erased, and
  // an unordered_map's elements stay where they are as it grows)
  const ClassObj* class_attrs_cls_ = nullptr;
  std::int64_t* class_attrs_last_ = nullptr;
  std::unordered_map<const ClassObj*, SharedKeys> shared_keys_;
  // track_shared_keys's last class and its entry (entries are never erased, so the pointer holds)
  const ClassObj* shared_keys_cls_ = nullptr;
  SharedKeys* shared_keys_last_ = nullptr;
  bool collect_due_ = false;
  int allocs_after_trigger_ = 0;
  bool flushing_ = false;
  int suspended_ = 0;
  FreshPages fresh_;  // page faults of first-touched memory, charged in flush()
  std::int64_t medium_int_bytes_ = 0;  // sizes_.int_traced(1, IntOrigin::Medium)
  std::int64_t exact_int_bytes_[4] = {};  // sizes_.int_traced(digits, IntOrigin::Exact)
  std::int64_t float_bytes_ = 0;
};

// The part of the current line's id that names the allocation site.
std::int64_t int_traced_bytes(const memory::Sizes& sizes, const Obj* o);

}  // namespace pitfall::sim
