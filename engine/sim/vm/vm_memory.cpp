// The memory layer wired into the VM (see vm_memory.h for the notes about the model).
#include "sim/vm/vm_memory.h"

#include <algorithm>

#include "sim/costs/cost_table.h"
#include "sim/vm/frame_objects.h"
#include "sim/vm/native_attrs.h"
#include "sim/vm/vm.h"
#include "sim/vm/vm_gc_heap.h"
#include "sim/vm/vm_memory_scalars.h"
#include "sim/vm/weakrefs.h"

namespace pitfall::sim {

std::int64_t re_object_getsizeof(const Obj* o);  // modules/re_match_obj.cpp: Pattern/Match sizes, -1 for others
bool is_array_object(const Obj* o);                                       // modules/array_module.cpp
memory::Footprint array_footprint(const Obj* o, int minor, bool& is_gc);  // the object and its item buffer

using memory::Footprint;
using memory::FreeList;
using memory::i64;

namespace {
memory::GcId gid(const Obj* o) { return VmMemory::gc_id(o); }

// The collector's free list of a GC object (footprint(): only lists, dicts
// and non-empty tuples are GC objects of these tags).
FreeList free_list_of(const Obj* o) {
  switch (o->tag) {
    case Tag::List: return FreeList::List;
    case Tag::Dict: return FreeList::Dict;
    case Tag::Tuple: return FreeList::Tuple;
    default: return FreeList::None;
  }
}
// A tuple's size as its record keeps it (Rec::growth).
int tuple_size_of(const Obj* o, std::uint32_t growth) { return o->tag == Tag::Tuple ? int(growth) : 0; }

// The collector's state at a program's first line in a fresh `python prog.py`
// (tests/memory/gc_start_state.json, measured by
// tools/gen-memory-expectations/gen_gc_start_state.py): gc.get_count(), the
// size of generation 2 and the list, dict and 1..19-tuple free lists (their
// entries serve the first allocations without moving generation 0's count).
// No full collection has run yet in any version, so long_lived_total is 0
// and everything in generation 2 is long_lived_pending; 3.14 uses 3.13's
// figures.
void interpreter_start(memory::GcModel& gc, int minor) {
  if (minor <= 10) {
    gc.set_interpreter_start({63, 10, 0}, 0);
    gc.set_free_lists({9, 15, 3, 15, 1, 1, 4, 2, 8, 1, 3, 7, 1, 1, 0, 1, 2, 0, 1, 2, 3});
  } else if (minor == 11) {
    gc.set_interpreter_start({269, 0, 2}, 10919);
    gc.set_free_lists({40, 15, 3, 17, 1, 2, 3, 0, 7, 6, 1, 0, 1, 3, 5, 1, 2, 2, 2, 3, 1});
  } else if (minor == 12) {
    gc.set_interpreter_start({0, 5, 0}, 0);
    gc.set_free_lists({9, 14, 5, 7, 3, 1, 1, 1, 0, 0, 2, 0, 1, 0, 1, 1, 0, 0, 1, 2, 0});
  } else {
    gc.set_interpreter_start({30, 3, 0}, 0);
    gc.set_free_lists({10, 12, 5, 7, 4, 1, 0, 1, 5, 2, 3, 5, 2, 8, 2, 1, 1, 2, 2, 2, 1});
    // 3.14.0: the same start-up as increments (3.13 ran 3 young collections)
    if (gc.incremental()) gc.replay_startup_increments(3, 30);
  }
}
}  // namespace

// The int object's traced bytes: fast-path results of arithmetic on values
// below 2**30 come from _PyLong_FromMedium (3.11+: sizeof(PyLongObject)),
// larger ones are allocated with exactly their digits. Kept in one function
// so the arbitrary-precision int can adapt it.
std::int64_t int_traced_bytes(const memory::Sizes& sizes, const Obj* o) {
  if (o->tag == Tag::BigInt)
    return sizes.int_traced(int(static_cast<const BigIntObj*>(o)->v.cpython_ndigits()), memory::IntOrigin::Exact);
  const std::int64_t v = static_cast<const IntObj*>(o)->v;
  const int nd = memory::Sizes::int_ndigits(v);
  if (o->exact_int) return sizes.int_traced(nd, memory::IntOrigin::Exact);  // Runtime::make_int_ssize
  return nd <= 1 ? sizes.int_traced(1, memory::IntOrigin::Medium) : sizes.int_traced(nd, memory::IntOrigin::Exact);
}

VmMemory::VmMemory(VM& vm, int minor, std::int64_t limit_bytes)
    : vm_(vm),
      sizes_(minor),
      mem_(limit_bytes),
      gc_(minor, 0, vm.cost_table ? memory::gc_costs_from(*static_cast<const costs::CostTable*>(vm.cost_table)) : memory::GcCosts{}),
      interp_(minor),
      heap_(new VmGcHeap(*this)),
      fresh_(vm.cost_table ? static_cast<const costs::CostTable*>(vm.cost_table)->param("memory.page_fault_ns", 0) : 0,
             vm.cost_table ? std::int64_t(static_cast<const costs::CostTable*>(vm.cost_table)->param("memory.startup_free_bytes", 0)) : 0,
             vm.cost_table ? static_cast<const costs::CostTable*>(vm.cost_table)->param("memory.mapped_fault_ns", -1) : -1) {
  recs_.emplace_back();  // slot 0: no record
  medium_int_bytes_ = sizes_.int_traced(1, memory::IntOrigin::Medium);
  for (int nd = 0; nd < 4; ++nd) exact_int_bytes_[nd] = sizes_.int_traced(nd, memory::IntOrigin::Exact);
  float_bytes_ = sizes_.float_();
  gc_.set_baseline_objects(interp_.startup());
  interpreter_start(gc_, minor);
  vm_.heap.hooks = this;
  vm_.rt.scalar_memory = this;
}

VmMemory::~VmMemory() {
  if (vm_.heap.hooks == this) vm_.heap.hooks = nullptr;
  if (vm_.rt.scalar_memory == this) vm_.rt.scalar_memory = nullptr;
}

std::uint32_t VmMemory::find_place_of_line(int line) {
  if (line >= 0 && std::size_t(line) < line_places_.size() && line_places_[std::size_t(line)])
    return line_places_[std::size_t(line)] - 1;
  const std::uint32_t place = mem_.tracemalloc().place_of(vm_.filename, line);
  if (line >= 0 && line < (1 << 20)) {
    if (std::size_t(line) >= line_places_.size()) line_places_.resize(std::size_t(line) + 1, 0);
    line_places_[std::size_t(line)] = place + 1;
  }
  return place;
}


std::uint32_t VmMemory::new_growth(std::uint32_t slot, GrowthKind k) {
  Rec& r = recs_[slot];
  if (r.growth) growths_.remove(r.growth);  // (never: an object's kind follows its tag)
  r.growth = growths_.add(k);
  return GrowthTables::index(r.growth);
}

Obj** VmMemory::make_link(Obj* o) {
  const GrowthKind k = growth_kind(o);
  if (k == GrowthKind::List || !o->mem_slot || scalar_slot(o->mem_slot)) return nullptr;
  const std::uint32_t i = growth_index(o->mem_slot, k);
  return k == GrowthKind::Dict ? &growths_.dicts[i].link : &growths_.links[i].link;
}

void VmMemory::drop_growth(std::uint32_t slot) {
  Rec& r = recs_[slot];
  if (!r.growth) return;
  growths_.remove(r.growth);
  r.growth = 0;
}

// ---- hooks --------------------------------------------------------------------

std::uint32_t VmMemory::new_slot(Obj* o) {
  std::uint32_t slot;
  if (!free_slots_.empty()) {
    slot = free_slots_.back();
    free_slots_.pop_back();
    recs_[slot] = Rec{};
  } else {
    slot = std::uint32_t(recs_.size());
    recs_.emplace_back();
  }
  o->mem_slot = slot;
  recs_[slot].obj = o;
  return slot;
}

// has_work() is now true: the dispatch loop checks at the next instruction
// boundary (VM::check_at, eval.cpp). Whatever makes has_work() true calls it.
static inline void wake_eval(VM& vm) { vm.check_at = 0; }

void VmMemory::created(Obj* o) {
  // (not a BigInt: its digits are gone by the time destroyed() would size it)
  if (o->tag == Tag::Int || o->tag == Tag::Float) return created_scalar(o);
  if (g_obj_heap_teardown || suspended_) return;
  wake_eval(vm_);
  created_record(o);
}

[[gnu::noinline]] void VmMemory::created_record(Obj* o) {
  set_rec_pending(recs_[new_slot(o)], pending_.size());
  pending_.push_back(o);
}

[[gnu::always_inline]] inline bool VmMemory::account_scalar(Obj* o, int line, std::uint32_t& where, double t) {
  const std::int64_t bytes = scalar_bytes(o);
  // the slot holds the size and the pool + 1 (of at most the pools carved so far + 1)
  if (bytes < kScalarBytesLimit && !mem_.tracemalloc().is_tracing() &&
      mem_.allocator().pools_carved() < kScalarPoolMask - 1) [[likely]] {
    if (where == ~0u) where = place_of_line(line);
    const memory::Pymalloc::Handle h = mem_.allocate_counted(bytes, where, t);
    if (h) [[likely]] {  // (a small handle: bytes is below pymalloc's threshold)
      o->mem_slot = accounted_scalar_slot(bytes, h);
      return true;
    }
    o->mem_slot = kScalarSlot;  // no block: raise once for this object, never again
    return false;
  }
  return account_scalar_block(o, bytes, line, t);
}

bool VmMemory::account_scalar_block(Obj* o, std::int64_t bytes, int line, double t) {
  Rec& r = recs_[new_slot(o)];
  r.accounted = true;
  return bytes <= 0 || (r.block = std::uint32_t(mem_.allocate_at(bytes, place_of_line(line), t))) != 0;
}

void VmMemory::touched(Obj* o) {
  if (scalar_slot(o->mem_slot)) return;
  Rec& r = recs_[o->mem_slot];
  if (r.owned) {  // a folded instance __dict__: its instance changes size
    if (Obj** link = find_link(o->mem_slot); link && *link) touched(*link);
    return;
  }
  if (r.pending >= 0) return;
  if (o->tag == Tag::List && r.accounted && r.growth) return touched_list(o, r);  // (list.append: a tail call)
  touched_pending(o, r);
}

[[gnu::noinline]] void VmMemory::touched_pending(Obj* o, Rec& r) {
  set_rec_pending(r, pending_.size());
  pending_.push_back(o);
  wake_eval(vm_);
}

void VmMemory::drop_growth_of_destroyed(std::uint32_t slot) {
  const std::uint32_t g = recs_[slot].growth;
  const std::uint32_t i = GrowthTables::index(g);
  Obj* link = nullptr;
  switch (GrowthTables::kind(g)) {
    case GrowthKind::List: growths_.lists.remove(i); break;
    case GrowthKind::Dict: link = growths_.dicts[i].link; growths_.dicts.remove(i); break;
    case GrowthKind::Link: link = growths_.links[i].link; growths_.links.remove(i); break;
    case GrowthKind::None: break;  // (none, or a tuple's size)
  }
  recs_[slot].growth = 0;
  // the object it was folded with (alive: each clears the other's link when freed)
  if (link && link->mem_slot && !scalar_slot(link->mem_slot))
    if (Obj** back = find_link(link->mem_slot)) *back = nullptr;
}

void VmMemory::destroyed(Obj* o) {
  const std::uint32_t slot = o->mem_slot;
  if (!scalar_slot(slot)) return destroyed_record(o, slot);
  // an int or float (most frees): its state is the slot itself; the general
  // path keeps its registers out of this one
  destroyed_scalar(o);
}

[[gnu::noinline]] void VmMemory::destroyed_record(Obj* o, std::uint32_t slot) {
  if (is_virtual_first(o)) virtual_first_destroyed();
  Rec& r = recs_[slot];
  if (r.pending >= 0) {
    const std::size_t at = pending_index(o, r);
    Obj* last = pending_.back();
    pending_[at] = last;
    set_pending(last, at);
    pending_.pop_back();
  }
  if (r.accounted) {
    const double t = now_s();
    const std::uint32_t block = r.block, table = r.table;
    if (r.gc) {
      const FreeList fl = free_list_of(o);
      gc_.on_dealloc(gid(o), fl, tuple_size_of(o, r.growth), pending_of_free_list(fl));
    }
    if (block) mem_.release(block, t);
    if (table) mem_.release(table, t);
  }
  if (recs_[slot].growth) drop_growth_of_destroyed(slot);
  recs_[slot] = Rec{};
  free_slots_.push_back(slot);
  o->mem_slot = 0;
}

// An object of free list `fl` made in this instruction and not accounted yet
// (pending): it was made before anything freed now, so the free-list entry of
// what is freed now must wait for it (GcModel::on_dealloc's `held`; a result made
// before its operand is freed, as in `[0] * 16`).
bool VmMemory::pending_of_free_list(FreeList fl) const {
  if (fl == FreeList::None) return false;
  for (const Obj* p : pending_)
    if (!scalar_slot(p->mem_slot) && free_list_of(p) == fl) return true;
  return false;
}

std::size_t VmMemory::pending_index(const Obj* o, const Rec& r) const {
  if (r.pending != kPendingFar) return std::size_t(r.pending);
  for (std::size_t i = pending_.size(); i-- > std::size_t(kPendingFar);)
    if (pending_[i] == o) return i;
  return pending_.size() - 1;  // (never: o is pending)
}

bool VmMemory::finalized(const Obj* o) const {
  return o->mem_slot && !scalar_slot(o->mem_slot) && recs_[o->mem_slot].finalized;
}
void VmMemory::set_finalized(Obj* o) {
  if (o->mem_slot && !scalar_slot(o->mem_slot)) recs_[o->mem_slot].finalized = true;
}

// ---- sizes -----------------------------------------------------------------------

std::int64_t VmMemory::instance_attrs(Obj* inst) {
  auto* io = static_cast<InstanceObj*>(inst);
  const std::int64_t n = io->dict ? io->dict.as<DictObj>()->used : 0;
  if (class_attrs_cls_ != inst->cls) {
    class_attrs_last_ = &class_attrs_[inst->cls];
    class_attrs_cls_ = inst->cls;
  }
  std::int64_t& c = *class_attrs_last_;
  c = std::max(c, n);
  return c;
}

static void replay_dict(const memory::DictModel& dm, memory::DictKeys& k, const DictObj* d, std::int64_t extra = 0) {
  const auto used = std::size_t(d->used + extra);
  if (used > k.used) {
    // the newest keys are the last live entries
    std::size_t fresh = used - k.used;
    std::vector<bool> str_keys;
    for (auto it = d->entries.rbegin(); it != d->entries.rend() && str_keys.size() < fresh; ++it)
      if (it->key) str_keys.push_back(it->key->tag == Tag::Str);
    // entries CPython's object has beyond the VM's (extra) are str keys
    while (k.used + str_keys.size() < used) dm.insert_new(k, true);
    for (auto it = str_keys.rbegin(); it != str_keys.rend(); ++it) dm.insert_new(k, *it);
  }
  while (k.used > used) dm.remove(k);
}

static void replay_set(memory::SetTable& s, const DictObj* d) {
  // the VM's set holds CPython's slot table (objects/set_slots.h): read it
  if (!d->entries.empty()) { s.slots = i64(d->entries.size()); s.used = d->used; s.fill = d->set_fill; return; }
  s = memory::SetTable{};
}

void VmMemory::adopt_globals(Obj* dict, std::int64_t initial_keys) {
  if (dict->mem_slot || dict->tag != Tag::Dict) return;
  created(dict);
  Rec& r = recs_[dict->mem_slot];
  pending_.pop_back();
  r.pending = -1;
  r.accounted = r.prewindow = true;
  DictGrowth& g = dict_growth(dict->mem_slot);
  auto* d = static_cast<DictObj*>(dict);
  g.extra = std::int32_t(std::clamp<std::int64_t>(initial_keys - d->used, 0, 0x7fffffff));
  memory::DictKeys k = g.keys();
  replay_dict(sizes_.dicts(), k, d, g.extra);
  g.set_keys(k);
}

// `d` is no object of CPython's but part of `o` (an instance's inline
// values, an exception's unset __dict__): its own accounting is given back
// and the two grow as one.
void VmMemory::fold_dict(Obj* o, Obj* d) {
  Rec& dr = recs_[d->mem_slot];
  dr.owned = true;
  if (dr.accounted) {
    if (dr.gc) gc_.untrack(gid(d));
    if (dr.block) mem_.release(dr.block, now_s());
    if (dr.table) mem_.release(dr.table, now_s());
    dr.block = dr.table = 0;
    dr.gc = false;
  }
  Obj** to_d = make_link(o);
  Obj** to_o = d->tag == Tag::Dict ? &dict_growth(d->mem_slot).link : make_link(d);
  if (to_d && to_o) {
    *to_d = d;
    *to_o = o;
  }
}

Footprint VmMemory::footprint(Obj* o, Rec& r, bool& is_gc) {
  is_gc = false;
  const int minor = sizes_.minor();
  switch (o->tag) {
    case Tag::Int: case Tag::BigInt: return {int_traced_bytes(sizes_, o)};
    case Tag::Float: return {sizes_.float_()};
    case Tag::Str: {
      const auto& s = static_cast<StrObj*>(o)->s;
      i64 cp = 0;
      if (static_cast<StrObj*>(o)->interned) return {};  // identifiers: made with the code
      const auto kind = memory::Sizes::str_kind_of_utf8(s.data(), s.size(), &cp);
      return {sizes_.str(kind, cp)};
    }
    case Tag::Bytes: return {sizes_.bytes(i64(static_cast<BytesObj*>(o)->s.size()))};
    case Tag::List: {
      is_gc = true;
      ListGrowth& g = list_growth(o->mem_slot);
      const i64 n = i64(static_cast<ListObj*>(o)->items.size());
      if (!r.accounted) g.list = memory::list_exact(n);  // BUILD_LIST n, [x] * n, list(x), slices
      else if (g.list.allocated == 0 && n > 1) memory::list_extend_known(g.list, n);  // extend of an empty list
      else if (n != g.list.size) {
        // list_resize within the capacity only sets the size (the common append)
        if (g.list.allocated >= n && n >= (g.list.allocated >> 1)) g.list.size = n;
        else memory::list_resize(g.list, n);
      }
      return sizes_.list_traced(g.list);
    }
    case Tag::Tuple: {
      const i64 n = i64(static_cast<TupleObj*>(o)->items.size());
      if (n == 0) return {};  // the empty tuple singleton
      is_gc = true;
      r.growth = std::uint32_t(std::min<i64>(n, 255));  // (the tuple's size: it has no growth state)
      return {sizes_.tuple(n)};
    }
    case Tag::Dict: {
      if (r.owned) return {};
      is_gc = true;
      DictGrowth& g = dict_growth(o->mem_slot);
      memory::DictKeys k = g.keys();
      replay_dict(sizes_.dicts(), k, static_cast<DictObj*>(o), g.extra);
      g.set_keys(k);
      Footprint fp = sizes_.dicts().traced(k);
      if (static_cast<DictObj*>(o)->default_factory) fp.object += 8;
      return fp;
    }
    case Tag::Set: case Tag::FrozenSet: {
      is_gc = true;
      memory::SetTable s;  // (no state of its own: read from the VM's set)
      replay_set(s, static_cast<DictObj*>(o));
      return memory::set_traced(s);
    }
    case Tag::Instance: {
      is_gc = true;
      auto* io = static_cast<InstanceObj*>(o);
      if (!io->dict) return {sizes_.slots_instance(i64(io->slots.size()))};
      Obj* d = io->dict.get();
      if (minor >= 11 && d->mem_slot && !recs_[d->mem_slot].owned) {
        fold_dict(o, d);  // inline values: CPython has no dict object here
      }
      if (minor >= 11) track_shared_keys(o, !r.accounted);
      Footprint fp = sizes_.instance_traced(instance_attrs(o));
      if (minor <= 10) return {fp.object};  // the dict is its own object there
      if (!io->slots.empty()) fp.object += memory::kPtr * i64(io->slots.size());
      return fp;
    }
    case Tag::Exception: {
      is_gc = true;
      // BaseException makes its __dict__ only when an attribute is set: the
      // VM's empty one is no object of CPython's (folded as an instance's)
      Obj* d = static_cast<InstanceObj*>(o)->dict.get();
      if (!r.accounted && d && d->tag == Tag::Dict && static_cast<DictObj*>(d)->used == 0 && d->mem_slot &&
          !recs_[d->mem_slot].owned) {
        fold_dict(o, d);
      }
      return {88};
    }
    case Tag::Func: is_gc = true; return {sizes_.function()};
    case Tag::Builtin: is_gc = true; return {72};
    case Tag::BoundMethod: is_gc = true; return {sizes_.bound_method()};
    case Tag::Class: {
      // type_new also allocates the bases and mro tuples and, for classes
      // whose instances have a __dict__, the shared keys of their attributes
      // (_PyDict_NewKeysForClass, 8 slots) and the __dict__/__weakref__
      // getset descriptors (Objects/typeobject.c)
      is_gc = true;
      const auto* c = static_cast<ClassObj*>(o);
      i64 extra = sizes_.tuple(i64(c->bases.size())) + sizes_.tuple(i64(c->mro.size()));
      if (!c->has_slots_only) {
        memory::DictKeys shared;
        sizes_.dicts().insert_new(shared, true);
        extra += sizes_.dicts().keys_bytes(shared) + 2 * 64;
      }
      return {sizes_.type_object(), extra};
    }
    case Tag::Cell: is_gc = true; return {sizes_.cell()};
    case Tag::Module: is_gc = true; return {sizes_.module()};
    case Tag::Range: {
      // range_new keeps its length as an int object (compute_range_length)
      const auto* rg = static_cast<RangeObj*>(o);
      std::int64_t len = 0;
      if (rg->step > 0 && rg->stop > rg->start) len = (rg->stop - rg->start - 1) / rg->step + 1;
      else if (rg->step < 0 && rg->stop < rg->start) len = (rg->start - rg->stop - 1) / -rg->step + 1;
      const int nd = memory::Sizes::int_ndigits(len);
      const i64 len_bytes = len <= 256 ? 0 : nd <= 1 ? sizes_.int_traced(1, memory::IntOrigin::Medium)
                                                     : sizes_.int_traced(nd, memory::IntOrigin::Exact);
      return {sizes_.range(), len_bytes};
    }
    case Tag::Slice: return {40};
    case Tag::Generator: {
      is_gc = true;
      auto* g = static_cast<GenObj*>(o);
      const CodeObj* co = g->frame ? g->frame->code : nullptr;
      return {sizes_.generator(co ? co->nlocalsplus() : 0, co ? co->stacksize : 0, g->coroutine)};
    }
    case Tag::Iter: is_gc = true; return {48};
    case Tag::Property: is_gc = true; return {72};
    case Tag::StaticMethod: case Tag::ClassMethod: is_gc = true; return {48};
    case Tag::Super: is_gc = true; return {56};
    case Tag::Other:
      is_gc = true;
      if (is_weakref(o)) return {weakref_size(o, minor)};
      if (const std::int64_t fsize = frame_objects_size(o, minor); fsize > 0) return {fsize};
      if (const std::int64_t re_size = re_object_getsizeof(o); re_size > 0) return {re_size};  // modules/re_objects.h
      if (is_array_object(o)) return array_footprint(o, minor, is_gc);  // modules/array_module.cpp
      return {64};
    case Tag::None: case Tag::Code: return {};
  }
  return {};
}

bool VmMemory::set_block(std::uint32_t& b, std::int64_t bytes) {
  if (bytes <= 0) {
    if (b) mem_.release(b, now_s());
    b = 0;
    return true;
  }
  if (!b) {
    b = std::uint32_t(mem_.allocate_at(bytes, place_of_line(alloc_line()), now_s()));
    return b != 0;
  }
  if (mem_.tracemalloc().size_of(b) == bytes) return true;
  return mem_.reallocate_at(b, bytes, place_of_line(alloc_line()), now_s());
}

bool VmMemory::sync(Obj* o, Rec& r) {
  bool is_gc = false;
  const Footprint fp = footprint(o, r, is_gc);
  // set_block, without a call when the block already has the size (most syncs of a container)
  const auto unchanged = [this](std::uint32_t b, std::int64_t bytes) {
    return bytes <= 0 ? b == 0 : b != 0 && mem_.tracemalloc().size_of(b) == bytes;
  };
  if ((!r.prewindow && !unchanged(r.block, fp.object) && !set_block(r.block, fp.object)) ||
      (!unchanged(r.table, fp.table + fp.table2) && !set_block(r.table, fp.table + fp.table2))) {
    r.accounted = true;  // raise once for this object, never again
    return false;
  }
  if (!r.accounted) {
    r.accounted = true;
    if (is_gc) {
      r.gc = true;
      if (collect_due_) ++allocs_after_trigger_;
      if (gc_.on_alloc(free_list_of(o), tuple_size_of(o, r.growth))) collect_due_ = true;
      gc_.track(gid(o));
    }
  }
  return true;
}

void VmMemory::charge_fresh_pages_grown() {
  const memory::Pymalloc& pm = mem_.allocator();
  fresh_.seen(pm.slow_allocations());
  const double fresh_ns = fresh_.grow_to(pm.pools_in_use() * memory::Pymalloc::kPoolSize + pm.large_bytes() - pm.mapped_bytes()) +
                          fresh_.mapped_to(pm.fresh_mapped_bytes());
  if (fresh_ns) vm_.charge(fresh_ns);
}

bool VmMemory::flush() {
  if (flushing_) return true;
  // the most common boundary: one int or float made by the last instruction,
  // nothing else to do (what the general path does for it, without its loop)
  if (pending_.size() == 1 && scalar_slot(pending_[0]->mem_slot) && !collect_due_ && !gc_.pending() && !gc_.has_held()) {
    ++flushes_;
    std::uint32_t where = ~0u;
    const bool ok = account_scalar(pending_[0], alloc_line(), where, now_s());
    pending_.clear();
    if (!ok) {
      vm_.raise(vm_.rt.MemoryError, "");
      return false;
    }
    charge_fresh_pages();
    return true;
  }
  return flush_general();
}

[[gnu::noinline]] bool VmMemory::flush_general() {
  flushing_ = true;
  ++flushes_;
  bool ok = true;
  std::size_t i = 0;
  int line = -1;  // the allocation line and time are the same for every object of one flush
  std::uint32_t where = ~0u;
  double t = 0;
  for (; i < pending_.size(); ++i) {
    Obj* o = pending_[i];
    if (scalar_slot(o->mem_slot)) {
      // an int or float: one block of a size fixed at creation, never a GC
      // object (what sync() does for it, without the general footprint)
      if (line < 0) { line = alloc_line(); t = now_s(); }
      if (!account_scalar(o, line, where, t)) { ok = false; ++i; break; }
      continue;
    }
    Rec& r = recs_[o->mem_slot];
    r.pending = -1;
    if (!sync(o, r)) { ok = false; ++i; break; }
  }
  gc_.release_held();  // the objects made before those frees are allocated now
  if (i == pending_.size()) {
    pending_.clear();
  } else {
    pending_.erase(pending_.begin(), pending_.begin() + std::ptrdiff_t(i));
    for (std::size_t k = 0; k < pending_.size(); ++k) set_pending(pending_[k], k);
  }
  if (!ok) {
    flushing_ = false;
    vm_.raise(vm_.rt.MemoryError, "");
    if (has_work()) wake_eval(vm_);
    return false;
  }
  charge_fresh_pages();
  if ((collect_due_ || gc_.pending()) && !gc_.collecting()) run_collection(-1, false);
  flushing_ = false;
  if (has_work()) wake_eval(vm_);
  return true;
}

void VmMemory::run_collection(int generation, bool explicit_call) {
  Ref saved = std::move(vm_.exc);
  const memory::GcResult res = explicit_call ? gc_.collect(*heap_, generation, now_s())
                                             : gc_.collect_generations(*heap_, now_s());
  vm_.exc = std::move(saved);
  vm_.charge(res.pause_ns);
  if (!explicit_call) {
    collect_due_ = false;
    const int again = allocs_after_trigger_;
    allocs_after_trigger_ = 0;
    for (int k = 0; k < again; ++k) gc_.on_alloc();
  }
}

std::int64_t VmMemory::collect(int generation) {
  const bool was = flushing_;
  if (!was) ++flushes_;
  if (!was && !pending_.empty()) {
    // account what the current instruction created before looking for garbage
    flushing_ = true;
    std::uint32_t where = ~0u;
    for (std::size_t i = 0; i < pending_.size(); ++i) {
      Obj* o = pending_[i];
      if (scalar_slot(o->mem_slot)) {
        account_scalar(o, alloc_line(), where, now_s());
        continue;
      }
      Rec& r = recs_[o->mem_slot];
      r.pending = -1;
      sync(o, r);
    }
    pending_.clear();
  }
  gc_.release_held();
  flushing_ = true;
  Ref saved = std::move(vm_.exc);
  const memory::GcResult res = gc_.collect(*heap_, generation, now_s());
  vm_.exc = std::move(saved);
  vm_.charge(res.pause_ns);
  flushing_ = was;
  if (has_work()) wake_eval(vm_);
  return res.collected + res.uncollectable;
}

std::int64_t VmMemory::getsizeof(Obj* o) {
  const int minor = sizes_.minor();
  static bool sizing_base = false;  // the base type's size of a built-in subclass instance
  if (!sizing_base && is_native_subclass_instance(o)) {
    sizing_base = true;
    const std::int64_t base = getsizeof(o);
    sizing_base = false;
    return builtin_subclass_getsizeof(o, base, minor);
  }
  switch (o->tag) {
    case Tag::Int:
      if (o->cls == vm_.rt.bool_t) return sizes_.boolean(static_cast<IntObj*>(o)->v != 0);
      return sizes_.int_getsizeof(memory::Sizes::int_ndigits(static_cast<IntObj*>(o)->v));
    case Tag::BigInt: return sizes_.int_getsizeof(int(static_cast<BigIntObj*>(o)->v.cpython_ndigits()));
    case Tag::List: {
      const i64 n = i64(static_cast<ListObj*>(o)->items.size());
      const ListGrowth* g = o->mem_slot ? find_list_growth(o->mem_slot) : nullptr;
      if (o->mem_slot && recs_[o->mem_slot].accounted && g) {
        memory::ListAlloc la = g->list;
        if (la.size != n) memory::list_resize(la, n);
        return sizes_.list_getsizeof(la);
      }
      return sizes_.list_getsizeof(memory::list_exact(n));
    }
    case Tag::Tuple: return sizes_.tuple(i64(static_cast<TupleObj*>(o)->items.size()));
    case Tag::Dict: {
      auto* d = static_cast<DictObj*>(o);
      const DictGrowth* lg = o->mem_slot && recs_[o->mem_slot].owned ? find_dict_growth(o->mem_slot) : nullptr;
      const bool exception_dict = lg && lg->link && lg->link->tag == Tag::Exception;  // a plain dict in CPython
      if (o->mem_slot && recs_[o->mem_slot].owned && minor >= 11 && !exception_dict) {
        Obj* inst = lg ? lg->link : nullptr;
        if (std::int64_t n = 0; instance_dict_getsizeof(o, inst, n)) return n;
        return sizes_.instance_dict_getsizeof(inst ? instance_attrs(inst) : d->used);
      }
      memory::DictKeys k;
      std::int64_t extra = 0;
      if (const DictGrowth* g = o->mem_slot ? find_dict_growth(o->mem_slot) : nullptr) { k = g->keys(); extra = g->extra; }
      replay_dict(sizes_.dicts(), k, d, extra);
      return sizes_.dicts().getsizeof(k) + (d->default_factory ? 8 : 0);
    }
    case Tag::Set: case Tag::FrozenSet: {
      memory::SetTable s;
      replay_set(s, static_cast<DictObj*>(o));
      return memory::set_getsizeof(s);
    }
    case Tag::Instance: {
      auto* io = static_cast<InstanceObj*>(o);
      if (!io->dict) return sizes_.slots_instance(i64(io->slots.size()));
      return sizes_.instance_getsizeof() + memory::kPtr * i64(io->slots.size());
    }
    case Tag::None: return sizes_.none();
    case Tag::Str: {
      const auto& s = static_cast<StrObj*>(o)->s;
      i64 cp = 0;
      const auto kind = memory::Sizes::str_kind_of_utf8(s.data(), s.size(), &cp);
      return sizes_.str(kind, cp);
    }
    default: break;
  }
  Rec scratch;
  bool is_gc = false;
  const std::uint32_t slot = o->mem_slot;
  scratch.accounted = slot && !scalar_slot(slot) && recs_[slot].accounted;
  const Footprint fp = footprint(o, scratch, is_gc);
  return fp.object > 0 ? fp.object : 16;
}

// ---- report -------------------------------------------------------------------------

void VmMemory::fill(report::Report& r) const {
  mem_.fill(r);
  gc_.fill(r);
  const auto& per_line = mem_.tracemalloc().allocated_per_line();
  const std::string prefix = vm_.filename + ":";
  for (auto& lc : r.lines) {
    auto it = per_line.find(prefix + std::to_string(lc.line));
    if (it != per_line.end()) lc.alloc_bytes = it->second;
  }
}

}  // namespace pitfall::sim
