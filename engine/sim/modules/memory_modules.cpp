// The gc and tracemalloc modules and sys.getsizeof, over the VM's memory
// layer (sim/vm/vm_memory.h).
//
// Notes about the model: gc follows Modules/gcmodule.c's functions
// (collect, enable/disable/isenabled, get_count, get/set_threshold, freeze,
// unfreeze, get_freeze_count, get_stats, get_objects, is_tracked, callbacks,
// garbage);
// tracemalloc follows Modules/_tracemalloc.c and Lib/tracemalloc.py with a
// traceback of one frame: start, stop, is_tracing, get_traced_memory,
// reset_peak, clear_traces, take_snapshot().statistics('lineno') whose items
// print like tracemalloc.Statistic. sys.getsizeof is CPython's value for the
// object's current state (sim/memory/sizes.h), or a class's __sizeof__ plus
// the GC header.
#include <algorithm>
#include <cstdlib>
#include <tuple>

#include "sim/memory/tracemalloc_model.h"
#include "sim/modules/bytearray_type.h"
#include "sim/vm/vm.h"
#include "sim/vm/vm_memory.h"

namespace pitfall::sim {

std::int64_t re_object_getsizeof(const Obj* o);  // modules/re_match_obj.cpp: Pattern/Match sizes, -1 for others

std::int64_t asyncio_gc_collect(VM& vm);

namespace {

void put(VM& vm, Ref& mod, const char* name, Ref v) {
  vm.dict_set(mod.as<ModuleObj>()->dict.as<DictObj>(), vm.rt.intern(name), std::move(v));
}
void fn(VM& vm, Ref& mod, const char* name, BuiltinFn f) { put(vm, mod, name, vm.make_builtin(name, f)); }
Ref int_tuple(VM& vm, const std::vector<std::int64_t>& v) {
  std::vector<Ref> items;
  for (auto x : v) items.push_back(vm.rt.make_int(x));
  return vm.rt.make_tuple(std::move(items));
}
bool int_arg(VM& vm, Args& a, int i, const char* kw, std::int64_t& out) {
  Ref v = i < a.n ? a.v[i] : a.kw(kw);
  if (!v) return true;
  return vm.index_value(v, out);
}

// ---- gc ----
Ref gc_collect(VM& vm, Args& a) {
  std::int64_t gen = 2;
  if (!int_arg(vm, a, 0, "generation", gen)) return nullptr;
  if (gen < 0 || gen > 2) return vm.raise(vm.rt.ValueError, "invalid generation");
  std::int64_t n = asyncio_gc_collect(vm);
  if (vm.memory) n += vm.memory->collect(int(gen));
  return vm.rt.make_int(n);
}
Ref gc_disable(VM& vm, Args&) {
  vm.gc_enabled = false;
  if (vm.memory) vm.memory->gc().disable();
  return vm.rt.None;
}
Ref gc_enable(VM& vm, Args&) {
  vm.gc_enabled = true;
  if (vm.memory) vm.memory->gc().enable();
  return vm.rt.None;
}
Ref gc_isenabled(VM& vm, Args&) { return vm.rt.make_bool(vm.memory ? vm.memory->gc().isenabled() : vm.gc_enabled); }
Ref gc_get_count(VM& vm, Args&) { return int_tuple(vm, vm.memory ? vm.memory->gc().get_count() : std::vector<std::int64_t>{0, 0, 0}); }
Ref gc_get_threshold(VM& vm, Args&) {
  return int_tuple(vm, vm.memory ? vm.memory->gc().get_threshold() : std::vector<std::int64_t>{700, 10, 10});
}
Ref gc_set_threshold(VM& vm, Args& a) {
  if (a.n < 1 || a.n > 3) return vm.raise(vm.rt.TypeError, "set_threshold() takes from 1 to 3 positional arguments");
  if (!vm.memory) return vm.rt.None;
  std::vector<std::int64_t> t = vm.memory->gc().get_threshold();
  for (int i = 0; i < a.n; ++i)
    if (!vm.index_value(a.v[i], t[std::size_t(i)])) return nullptr;
  vm.memory->gc().set_threshold(t);
  return vm.rt.None;
}
Ref gc_freeze(VM& vm, Args&) { if (vm.memory) vm.memory->gc().freeze(); return vm.rt.None; }
Ref gc_unfreeze(VM& vm, Args&) { if (vm.memory) vm.memory->gc().unfreeze(); return vm.rt.None; }
Ref gc_get_freeze_count(VM& vm, Args&) { return vm.rt.make_int(vm.memory ? vm.memory->gc().get_freeze_count() : 0); }
// A dict is tracked only once it holds a key or value that may be tracked (a
// GC object, a tuple only while tracked: Objects/dictobject.c MAINTAIN_TRACKING),
// and full collections untrack dicts of atomic values (_PyDict_MaybeUntrack):
// read from the dict's contents. (The GC model itself keeps every dict
// tracked; a dict that lost its last container before any full collection is
// still tracked in CPython, and untracked here.)
bool may_be_tracked(VM& vm, const Obj* o);

// A tuple the memory layer has no record of: a constant of code compiled
// before the program started (codegen.cpp folds tuple displays of constants).
// CPython allocated it tracked while compiling, and the first collection
// untracks it unless it holds something tracked (_PyTuple_MaybeUntrack);
// the empty tuple is never tracked.
bool unrecorded_tuple_tracked(VM& vm, const Obj* o) {
  const auto& items = static_cast<const TupleObj*>(o)->items;
  if (items.size() == 0) return false;
  if (vm.memory->gc().collections_run() == 0) return true;
  for (const Ref& x : items)
    if (may_be_tracked(vm, x.get())) return true;
  return false;
}

// _PyObject_GC_MAY_BE_TRACKED: an object of a GC type, a tuple only while tracked.
bool may_be_tracked(VM& vm, const Obj* o) {
  if (!o) return false;
  switch (o->tag) {
    case Tag::Int: case Tag::BigInt: case Tag::Float: case Tag::Str: case Tag::Bytes: case Tag::None:
    case Tag::Range: case Tag::Slice:
      return false;
    case Tag::Tuple:
      if (!o->mem_slot) return unrecorded_tuple_tracked(vm, o);
      return vm.memory->gc().is_tracked(VmMemory::gc_id(o));
    case Tag::List: case Tag::Dict: case Tag::Set: case Tag::FrozenSet: case Tag::Func: case Tag::Builtin:
    case Tag::BoundMethod: case Tag::Class: case Tag::Instance: case Tag::Exception: case Tag::Cell:
    case Tag::Generator: case Tag::Module: case Tag::Property: case Tag::StaticMethod: case Tag::ClassMethod:
    case Tag::Super:
      return true;
    default:
      return vm.memory->gc().is_tracked(VmMemory::gc_id(o));
  }
}

bool dict_may_be_tracked(VM& vm, const Obj* d) {
  for (const DictEntry& e : static_cast<const DictObj*>(d)->entries)
    if (e.key && (may_be_tracked(vm, e.key.get()) || may_be_tracked(vm, e.value.get()))) return true;
  return false;
}

Ref gc_is_tracked(VM& vm, Args& a) {
  if (a.n < 1) return vm.raise(vm.rt.TypeError, "is_tracked() takes exactly one argument (0 given)");
  const Obj* o = a.v[0].get();
  if (!vm.memory) return vm.rt.False;
  if (o->tag == Tag::Dict && o->cls == vm.rt.dict_t) return vm.rt.make_bool(dict_may_be_tracked(vm, o));
  if (o->tag == Tag::Tuple && !o->mem_slot) return vm.rt.make_bool(unrecorded_tuple_tracked(vm, o));
  return vm.rt.make_bool(vm.memory->gc().is_tracked(VmMemory::gc_id(o)));
}
Ref gc_get_stats(VM& vm, Args&) {
  Ref out = vm.rt.make_list();
  if (!vm.memory) return out;
  for (const auto& s : vm.memory->gc().get_stats()) {
    Ref d = vm.rt.make_dict();
    vm.dict_set(d.as<DictObj>(), vm.rt.intern("collections"), vm.rt.make_int(s.collections));
    vm.dict_set(d.as<DictObj>(), vm.rt.intern("collected"), vm.rt.make_int(s.collected));
    vm.dict_set(d.as<DictObj>(), vm.rt.intern("uncollectable"), vm.rt.make_int(s.uncollectable));
    out.as<ListObj>()->items.push_back(std::move(d));
  }
  return out;
}

// gc.callbacks: invoke_gc_callback (Modules/gcmodule.c, Python/gc.c) calls
// every callable in the list with the phase ("start" before the collection,
// "stop" after it) and an info dict {"generation", "collected",
// "uncollectable"}, on a copy of the list; an exception in a callback is
// reported as unraisable and the others still run.
void run_gc_callbacks(VM& vm, const std::string& phase, const memory::GcCallbackInfo& info) {
  Ref mod = vm.dict_get_str(vm.modules.as<DictObj>(), vm.rt.intern("gc").as<StrObj>());
  if (!mod || mod->tag != Tag::Module) return;
  Ref list = vm.dict_get_str(mod.as<ModuleObj>()->dict.as<DictObj>(), vm.rt.intern("callbacks").as<StrObj>());
  if (!list || list->tag != Tag::List || list.as<ListObj>()->items.empty()) return;
  const std::vector<Ref> cbs = list.as<ListObj>()->items;
  Ref d = vm.rt.make_dict();
  vm.dict_set(d.as<DictObj>(), vm.rt.intern("generation"), vm.rt.make_int(info.generation));
  vm.dict_set(d.as<DictObj>(), vm.rt.intern("collected"), vm.rt.make_int(info.collected));
  vm.dict_set(d.as<DictObj>(), vm.rt.intern("uncollectable"), vm.rt.make_int(info.uncollectable));
  Ref ph = vm.rt.make_str(phase);
  for (const Ref& cb : cbs) {
    Ref saved = std::move(vm.exc);
    Ref r = vm.call2(cb, ph, d);
    if (!r) vm.write_unraisable(cb, "<callback>");
    vm.exc = std::move(saved);
  }
}

// gc.get_objects(generation=None): the objects the collector tracks, youngest
// generation first (gc_get_objects_impl), or those of one generation.
Ref gc_get_objects(VM& vm, Args& a) {
  Ref g = a.n >= 1 ? a.v[0] : a.kw("generation");
  int gen = -1;
  if (g && g != vm.rt.None) {
    std::int64_t v = 0;
    if (!vm.index_value(g, v)) return nullptr;
    if (v >= 3) return vm.raise(vm.rt.ValueError, "generation parameter must be less than the number of available generations (3)");
    if (v < 0) return vm.raise(vm.rt.ValueError, "generation parameter cannot be negative");
    gen = int(v);
  }
  Ref out = vm.rt.make_list();
  if (!vm.memory) return out;
  vm.memory->flush();
  for (memory::GcId id : vm.memory->gc().tracked_objects(gen)) {
    Obj* o = vm.memory->gc_object(id);
    if (o && o->cls) out.as<ListObj>()->items.push_back(Ref(o));
  }
  return out;
}

// ---- tracemalloc ----
memory::TracemallocModel* tm(VM& vm) { return vm.memory ? &vm.memory->mem().tracemalloc() : nullptr; }
Ref tm_start(VM& vm, Args&) { if (auto* t = tm(vm)) t->start(); return vm.rt.None; }
Ref tm_stop(VM& vm, Args&) { if (auto* t = tm(vm)) t->stop(); return vm.rt.None; }
Ref tm_is_tracing(VM& vm, Args&) { auto* t = tm(vm); return vm.rt.make_bool(t && t->is_tracing()); }
Ref tm_get_traced_memory(VM& vm, Args&) {
  if (vm.memory) vm.memory->flush();
  auto* t = tm(vm);
  return int_tuple(vm, {t ? t->traced_current() : 0, t ? t->traced_peak() : 0});
}
Ref tm_reset_peak(VM& vm, Args&) { if (auto* t = tm(vm)) t->reset_peak(); return vm.rt.None; }
Ref tm_clear_traces(VM& vm, Args&) { if (auto* t = tm(vm)) t->clear_traces(); return vm.rt.None; }
Ref tm_get_traceback_limit(VM& vm, Args&) { return vm.rt.make_int(1); }

ClassObj* hidden_type(VM& vm, const char* key, const char* name) {
  Ref t = vm.dict_get_str(vm.builtins.as<DictObj>(), vm.rt.intern(key).as<StrObj>());
  if (t) return t.as<ClassObj>();
  ClassObj* c = vm.rt.new_builtin_type(name, vm.rt.object_t, Tag::Instance);
  c->module = "tracemalloc";
  vm.dict_set(vm.builtins.as<DictObj>(), vm.rt.intern(key), Ref(c));
  return c;
}
Ref attr(VM& vm, const Ref& o, const char* name) {
  return vm.dict_get_str(o.as<InstanceObj>()->dict.as<DictObj>(), vm.rt.intern(name).as<StrObj>());
}
Ref stat_str(VM& vm, Args& a) {
  Ref t = a.n >= 1 && a.v[0]->tag == Tag::Instance && a.v[0].as<InstanceObj>()->dict ? attr(vm, a.v[0], "_text") : nullptr;
  return t ? t : vm.rt.make_str("<Statistic>");
}
Ref snapshot_statistics(VM& vm, Args& a) {
  Ref key = a.n >= 2 ? a.v[1] : a.kw("key_type");
  if (!key || key->tag != Tag::Str) return vm.raise(vm.rt.TypeError, "statistics() missing required argument 'key_type'");
  if (key.as<StrObj>()->s != "lineno") return vm.not_modelled("tracemalloc statistics by '" + key.as<StrObj>()->s + "'");
  Ref stats = attr(vm, a.v[0], "_stats");
  Ref out = vm.rt.make_list();
  if (stats) out.as<ListObj>()->items = stats.as<ListObj>()->items;
  return out;
}
// Snapshot.compare_to(old, 'lineno') (Lib/tracemalloc.py): a StatisticDiff per
// line, biggest change first (StatisticDiff._sort_key, reversed)
Ref snapshot_compare_to(VM& vm, Args& a) {
  Ref old = a.n >= 2 ? a.v[1] : a.kw("old_snapshot");
  Ref key = a.n >= 3 ? a.v[2] : a.kw("key_type");
  if (!old || !key || key->tag != Tag::Str) return vm.raise(vm.rt.TypeError, "compare_to() missing required argument 'key_type'");
  if (key.as<StrObj>()->s != "lineno") return vm.not_modelled("tracemalloc compare_to by '" + key.as<StrObj>()->s + "'");
  if (old->tag != Tag::Instance || old->cls != a.v[0]->cls) return vm.raise(vm.rt.TypeError, "compare_to() needs a Snapshot");
  struct Row { std::string file; std::int64_t line = 0, size = 0, count = 0, size_diff = 0, count_diff = 0; Ref tb; };
  std::vector<Row> rows;
  auto read = [&](const Ref& snap, bool now) {
    Ref stats = attr(vm, snap, "_stats");
    if (!stats) return;
    for (auto& st : stats.as<ListObj>()->items) {
      Ref tb = attr(vm, st, "traceback");
      Ref fr = tb->tag == Tag::List && !tb.as<ListObj>()->items.empty() ? tb.as<ListObj>()->items[0] : nullptr;
      if (!fr) continue;
      std::string file = attr(vm, fr, "filename").as<StrObj>()->s;
      std::int64_t line = attr(vm, fr, "lineno").as<IntObj>()->v;
      std::int64_t size = attr(vm, st, "size").as<IntObj>()->v, count = attr(vm, st, "count").as<IntObj>()->v;
      Row* r = nullptr;
      for (auto& x : rows) if (x.file == file && x.line == line) r = &x;
      if (!r) { rows.push_back({file, line, 0, 0, 0, 0, tb}); r = &rows.back(); }
      if (now) { r->size = size; r->count = count; r->size_diff += size; r->count_diff += count; r->tb = tb; }
      else { r->size_diff -= size; r->count_diff -= count; }
    }
  };
  read(a.v[0], true);
  read(old, false);
  std::sort(rows.begin(), rows.end(), [](const Row& x, const Row& y) {
    auto k = [](const Row& r) { return std::make_tuple(std::llabs(r.size_diff), r.size, std::llabs(r.count_diff), r.count, r.file, r.line); };
    return k(x) > k(y);
  });
  ClassObj* diff_t = hidden_type(vm, "__pitfall_statistic_diff_t", "StatisticDiff");
  if (!vm.dict_get_str(diff_t->dict.as<DictObj>(), vm.rt.intern("__str__").as<StrObj>())) {
    vm.add_method(diff_t, "__str__", stat_str);
    vm.add_method(diff_t, "__repr__", stat_str);
  }
  auto signed_size = [](std::int64_t v) {
    return (v < 0 ? "-" : "+") + memory::format_size(static_cast<double>(std::llabs(v)));
  };
  Ref out = vm.rt.make_list();
  for (auto& r : rows) {
    Ref st = make<InstanceObj>(diff_t);
    st.as<InstanceObj>()->dict = vm.rt.make_dict();
    DictObj* d = st.as<InstanceObj>()->dict.as<DictObj>();
    vm.dict_set(d, vm.rt.intern("size"), vm.rt.make_int(r.size));
    vm.dict_set(d, vm.rt.intern("size_diff"), vm.rt.make_int(r.size_diff));
    vm.dict_set(d, vm.rt.intern("count"), vm.rt.make_int(r.count));
    vm.dict_set(d, vm.rt.intern("count_diff"), vm.rt.make_int(r.count_diff));
    vm.dict_set(d, vm.rt.intern("traceback"), r.tb);
    std::string text = r.file + ":" + std::to_string(r.line) + ": size=" + memory::format_size(double(r.size)) + " (" +
                       signed_size(r.size_diff) + "), count=" + std::to_string(r.count) + " (" +
                       (r.count_diff >= 0 ? "+" : "") + std::to_string(r.count_diff) + ")";
    if (r.count) text += ", average=" + memory::format_size(double(r.size) / double(r.count));
    vm.dict_set(d, vm.rt.intern("_text"), vm.rt.make_str(text));
    out.as<ListObj>()->items.push_back(std::move(st));
  }
  return out;
}
Ref tm_take_snapshot(VM& vm, Args&) {
  auto* t = tm(vm);
  if (!t || !t->is_tracing()) return vm.raise(vm.rt.RuntimeError, "the tracemalloc module must be tracing memory allocations to take a snapshot");
  vm.memory->flush();
  ClassObj* stat_t = hidden_type(vm, "__pitfall_statistic_t", "Statistic");
  ClassObj* snap_t = hidden_type(vm, "__pitfall_snapshot_t", "Snapshot");
  ClassObj* frame_t = hidden_type(vm, "__pitfall_tm_frame_t", "Frame");
  if (!vm.dict_get_str(snap_t->dict.as<DictObj>(), vm.rt.intern("statistics").as<StrObj>())) {
    vm.add_method(stat_t, "__str__", stat_str);
    vm.add_method(stat_t, "__repr__", stat_str);
    vm.add_method(snap_t, "statistics", snapshot_statistics);
    vm.add_method(snap_t, "compare_to", snapshot_compare_to);
  }
  const auto stats = t->snapshot_statistics();
  Ref list = vm.rt.make_list();
  for (const auto& s : stats) {
    Ref st = make<InstanceObj>(stat_t);
    st.as<InstanceObj>()->dict = vm.rt.make_dict();
    DictObj* d = st.as<InstanceObj>()->dict.as<DictObj>();
    vm.dict_set(d, vm.rt.intern("size"), vm.rt.make_int(s.size));
    vm.dict_set(d, vm.rt.intern("count"), vm.rt.make_int(s.count));
    vm.dict_set(d, vm.rt.intern("_text"), vm.rt.make_str(memory::format_statistic(s)));
    // Statistic.traceback: one frame (the traceback limit is 1), with filename and lineno
    Ref frame = make<InstanceObj>(frame_t);
    frame.as<InstanceObj>()->dict = vm.rt.make_dict();
    DictObj* fd = frame.as<InstanceObj>()->dict.as<DictObj>();
    vm.dict_set(fd, vm.rt.intern("filename"), vm.rt.make_str(s.file));
    vm.dict_set(fd, vm.rt.intern("lineno"), vm.rt.make_int(s.line));
    Ref tb = vm.rt.make_list();
    tb.as<ListObj>()->items.push_back(std::move(frame));
    vm.dict_set(d, vm.rt.intern("traceback"), tb);
    list.as<ListObj>()->items.push_back(std::move(st));
  }
  Ref snap = make<InstanceObj>(snap_t);
  snap.as<InstanceObj>()->dict = vm.rt.make_dict();
  vm.dict_set(snap.as<InstanceObj>()->dict.as<DictObj>(), vm.rt.intern("_stats"), list);
  return snap;
}

}  // namespace

// sys.getsizeof(o[, default])
bool is_array_object(const Obj* o);                          // array_module.cpp
std::int64_t array_getsizeof(const Obj* o, int minor);         // array_module.cpp
std::int64_t memory_getsizeof(VM& vm, const Ref& o, bool& ok) {
  ok = true;
  if (o->tag == Tag::Instance && !o->cls->builtin) {
    Ref m = vm.lookup_type(o->cls, vm.rt.intern("__sizeof__").as<StrObj>());
    if (m) {
      Ref r = vm.call1(m, o);
      std::int64_t n = 0;
      if (!r || !vm.index_value(r, n)) { ok = false; return 0; }
      if (n < 0) { vm.raise(vm.rt.ValueError, "__sizeof__() should return >= 0"); ok = false; return 0; }
      return n + memory::kGcHeader;
    }
  }
  // object(): the bare PyObject header, no dict, not GC-tracked; a slice: header and three
  // pointers plus the GC header (3.10-3.13)
  if (o->cls == vm.rt.object_t && o->tag == Tag::Instance) return 16;
  if (o->tag == Tag::Slice) return 56;
  if (is_bytearray(o.get())) return bytearray_sizeof(o.get());  // bytearray_type.cpp
  if (const std::int64_t re_size = re_object_getsizeof(o.get()); re_size > 0) return re_size;  // re_objects.h
  if (is_array_object(o.get())) return array_getsizeof(o.get(), vm.python_minor());  // array_module.cpp
  if (vm.memory) return vm.memory->getsizeof(o.get());
  memory::Sizes sizes(std::stoi(vm.python.substr(2)));
  VmMemory scratch(vm, sizes.minor(), 0);
  return scratch.getsizeof(o.get());
}

void init_memory_module(VM& vm, const std::string& name, Ref& m) {
  if (name == "gc") {
    fn(vm, m, "collect", gc_collect);
    fn(vm, m, "disable", gc_disable);
    fn(vm, m, "enable", gc_enable);
    fn(vm, m, "isenabled", gc_isenabled);
    fn(vm, m, "get_count", gc_get_count);
    fn(vm, m, "get_threshold", gc_get_threshold);
    fn(vm, m, "set_threshold", gc_set_threshold);
    fn(vm, m, "freeze", gc_freeze);
    fn(vm, m, "unfreeze", gc_unfreeze);
    fn(vm, m, "get_freeze_count", gc_get_freeze_count);
    fn(vm, m, "get_stats", gc_get_stats);
    fn(vm, m, "is_tracked", gc_is_tracked);
    fn(vm, m, "get_objects", gc_get_objects);
    put(vm, m, "garbage", vm.rt.make_list());
    put(vm, m, "callbacks", vm.rt.make_list());
    if (vm.memory && !vm.memory->gc().has_callbacks()) {
      VM* v = &vm;
      vm.memory->gc().add_callback([v](const std::string& phase, const memory::GcCallbackInfo& info) {
        run_gc_callbacks(*v, phase, info);
      });
    }
  } else if (name == "tracemalloc") {
    fn(vm, m, "start", tm_start);
    fn(vm, m, "stop", tm_stop);
    fn(vm, m, "is_tracing", tm_is_tracing);
    fn(vm, m, "get_traced_memory", tm_get_traced_memory);
    fn(vm, m, "reset_peak", tm_reset_peak);
    fn(vm, m, "clear_traces", tm_clear_traces);
    fn(vm, m, "take_snapshot", tm_take_snapshot);
    fn(vm, m, "get_traceback_limit", tm_get_traceback_limit);
  }
}

}  // namespace pitfall::sim
