// The `heapq` and `bisect` modules, native as CPython's accelerators are
// (Modules/_heapqmodule.c, Modules/_bisectmodule.c).
//
// Notes about the model: heappush/heappop/heapify/heapreplace/heappushpop use
// _heapqmodule.c's siftdown/siftup (the `<` comparisons and the resulting list
// layout are CPython's); heapify always uses the plain bottom-up loop (CPython
// switches to a cache-friendly order above 2500 items, which can place equal
// elements differently). nlargest/nsmallest return what heapq.py documents
// them to equal: sorted(iterable, key=key[, reverse=True])[:n]. The bisect
// functions follow _bisectmodule.c, including lo/hi/key.
#include "sim/vm/vm.h"

namespace pitfall::sim {

bool sort_values_public(VM& vm, std::vector<Ref>& items, const Ref& key, bool reverse);

namespace {

// a < b: 1, 0, -1 error.
int less(VM& vm, const Ref& a, const Ref& b) {
  Ref r = vm.compare(CMP_LT, a, b);
  if (!r) return -1;
  return vm.truthy(r);
}

std::vector<Ref>* heap_list(VM& vm, Args& a, int nargs, const char* fname) {
  if (a.n != nargs) {
    vm.raise(vm.rt.TypeError, std::string(fname) + " expected " + std::to_string(nargs) + " argument" + (nargs == 1 ? "" : "s") + ", got " + std::to_string(a.n));
    return nullptr;
  }
  if (a.v[0]->tag != Tag::List) {
    vm.raise(vm.rt.TypeError, "heap argument must be a list");
    return nullptr;
  }
  return &a.v[0].as<ListObj>()->items;
}

// _siftdown: move heap[pos] up towards startpos while it is < its parent.
bool siftdown(VM& vm, std::vector<Ref>& heap, std::size_t startpos, std::size_t pos) {
  Ref newitem = heap[pos];
  while (pos > startpos) {
    std::size_t parentpos = (pos - 1) >> 1;
    Ref parent = heap[parentpos];
    int c = less(vm, newitem, parent);
    if (c < 0) return false;
    if (pos >= heap.size() || parentpos >= heap.size()) { vm.raise(vm.rt.RuntimeError, "list changed size during iteration"); return false; }
    if (!c) break;
    heap[pos] = parent;
    pos = parentpos;
  }
  heap[pos] = newitem;
  return true;
}

// _siftup: bubble the smaller child up to the leaf, then siftdown.
bool siftup(VM& vm, std::vector<Ref>& heap, std::size_t pos) {
  const std::size_t endpos = heap.size(), startpos = pos;
  Ref newitem = heap[pos];
  std::size_t childpos = 2 * pos + 1;
  while (childpos < endpos) {
    std::size_t rightpos = childpos + 1;
    if (rightpos < endpos) {
      int c = less(vm, heap[childpos], heap[rightpos]);
      if (c < 0) return false;
      if (heap.size() != endpos) { vm.raise(vm.rt.RuntimeError, "list changed size during iteration"); return false; }
      if (!c) childpos = rightpos;
    }
    heap[pos] = heap[childpos];
    pos = childpos;
    childpos = 2 * pos + 1;
  }
  heap[pos] = newitem;
  return siftdown(vm, heap, startpos, pos);
}

Ref heappush(VM& vm, Args& a) {
  auto* h = heap_list(vm, a, 2, "heappush");
  if (!h) return nullptr;
  h->push_back(a.v[1]);
  mem_touch(a.v[0].get());
  return siftdown(vm, *h, 0, h->size() - 1) ? vm.rt.None : nullptr;
}
Ref heappop(VM& vm, Args& a) {
  auto* h = heap_list(vm, a, 1, "heappop");
  if (!h) return nullptr;
  if (h->empty()) return vm.raise(vm.rt.IndexError, "index out of range");
  Ref last = std::move(h->back());
  h->pop_back();
  mem_touch(a.v[0].get());
  if (h->empty()) return last;
  Ref ret = std::move((*h)[0]);
  (*h)[0] = std::move(last);
  return siftup(vm, *h, 0) ? ret : nullptr;
}
Ref heapreplace(VM& vm, Args& a) {
  auto* h = heap_list(vm, a, 2, "heapreplace");
  if (!h) return nullptr;
  if (h->empty()) return vm.raise(vm.rt.IndexError, "index out of range");
  Ref ret = std::move((*h)[0]);
  (*h)[0] = a.v[1];
  return siftup(vm, *h, 0) ? ret : nullptr;
}
Ref heappushpop(VM& vm, Args& a) {
  auto* h = heap_list(vm, a, 2, "heappushpop");
  if (!h) return nullptr;
  if (h->empty()) return a.v[1];
  Ref top = (*h)[0];
  int c = less(vm, top, a.v[1]);
  if (c < 0) return nullptr;
  if (!c) return a.v[1];
  if (h->empty()) return vm.raise(vm.rt.IndexError, "index out of range");
  Ref ret = std::move((*h)[0]);
  (*h)[0] = a.v[1];
  return siftup(vm, *h, 0) ? ret : nullptr;
}
Ref heapify(VM& vm, Args& a) {
  auto* h = heap_list(vm, a, 1, "heapify");
  if (!h) return nullptr;
  for (std::size_t i = h->size() / 2; i-- > 0;)
    if (i < h->size() && !siftup(vm, *h, i)) return nullptr;
  return vm.rt.None;
}
Ref n_extremes(VM& vm, Args& a, bool largest) {
  const char* fname = largest ? "nlargest" : "nsmallest";
  if (a.n < 2) return vm.raise(vm.rt.TypeError, std::string(fname) + "() missing required argument");
  std::int64_t n;
  if (!vm.index_value(a.v[0], n)) return nullptr;
  Ref key = a.n > 2 ? a.v[2] : a.kw("key");
  if (key && key.get() == vm.rt.None.get()) key = Ref();
  std::vector<Ref> items;
  if (!vm.to_list(a.v[1], items)) return nullptr;
  if (!sort_values_public(vm, items, key, largest)) return nullptr;
  if (n < 0) n = 0;
  if (std::size_t(n) < items.size()) items.resize(std::size_t(n));
  Ref l = vm.rt.make_list();
  l.as<ListObj>()->items = std::move(items);
  return l;
}
// merge(*iterables, key=None, reverse=False). Model note: the inputs are read
// at the call and merged by a stable sort (equal items keep the order of
// their iterables, as heapq.merge's heap does), so the result is the same as
// CPython's lazy generator's for finite inputs; it is an iterator, not a generator.
Ref merge(VM& vm, Args& a) {
  Ref key = a.kw("key");
  if (key && key.get() == vm.rt.None.get()) key = Ref();
  Ref rev = a.kw("reverse");
  const int reverse = rev ? vm.truthy(rev) : 0;
  if (reverse < 0) return nullptr;
  std::vector<Ref> items;
  for (int i = 0; i < a.n; ++i) {
    std::vector<Ref> part;
    if (!vm.to_list(a.v[i], part)) return nullptr;
    items.insert(items.end(), part.begin(), part.end());
  }
  if (!sort_values_public(vm, items, key, reverse != 0)) return nullptr;
  Ref l = vm.rt.make_list();
  l.as<ListObj>()->items = std::move(items);
  return vm.iter(l);
}
Ref nlargest(VM& vm, Args& a) { return n_extremes(vm, a, true); }
Ref nsmallest(VM& vm, Args& a) { return n_extremes(vm, a, false); }

// ---- bisect ----

// The insertion point of x in a[lo:hi] (right: after equal items).
bool bisect_impl(VM& vm, Args& a, bool right, const Ref& x, std::int64_t& out) {
  Ref seq = a.v[0];
  std::int64_t lo = 0, hi = -1;
  Ref vlo = a.n > 2 ? a.v[2] : a.kw("lo");
  Ref vhi = a.n > 3 ? a.v[3] : a.kw("hi");
  Ref key = a.kw("key");
  if (key && key.get() == vm.rt.None.get()) key = Ref();
  if (vlo && !vm.index_value(vlo, lo)) return false;
  if (lo < 0) { vm.raise(vm.rt.ValueError, "lo must be non-negative"); return false; }
  if (vhi && vhi.get() != vm.rt.None.get()) {
    if (!vm.index_value(vhi, hi)) return false;
  } else {
    hi = vm.len(seq);
    if (hi < 0) return false;
  }
  while (lo < hi) {
    std::int64_t mid = std::int64_t((std::uint64_t(lo) + std::uint64_t(hi)) / 2);
    Ref item;
    if (seq->tag == Tag::List && std::size_t(mid) < seq.as<ListObj>()->items.size()) item = seq.as<ListObj>()->items[std::size_t(mid)];
    else item = vm.getitem(seq, vm.rt.make_int(mid));
    if (!item) return false;
    if (key) { item = vm.call1(key, item); if (!item) return false; }
    int c = right ? less(vm, x, item) : less(vm, item, x);
    if (c < 0) return false;
    if (right) { if (c) hi = mid; else lo = mid + 1; }
    else { if (c) lo = mid + 1; else hi = mid; }
  }
  out = lo;
  return true;
}
Ref bisect_call(VM& vm, Args& a, bool right, const char* fname) {
  if (a.n < 2) return vm.raise(vm.rt.TypeError, std::string(fname) + "() missing required argument 'x' (pos 2)");
  std::int64_t i;
  if (!bisect_impl(vm, a, right, a.v[1], i)) return nullptr;
  return vm.rt.make_int(i);
}
Ref bisect_left(VM& vm, Args& a) { return bisect_call(vm, a, false, "bisect_left"); }
Ref bisect_right(VM& vm, Args& a) { return bisect_call(vm, a, true, "bisect_right"); }
Ref insort_call(VM& vm, Args& a, bool right, const char* fname) {
  if (a.n < 2) return vm.raise(vm.rt.TypeError, std::string(fname) + "() missing required argument 'x' (pos 2)");
  Ref key = a.kw("key");
  Ref probe = a.v[1];
  if (key && key.get() != vm.rt.None.get()) { probe = vm.call1(key, a.v[1]); if (!probe) return nullptr; }
  std::int64_t i;
  if (!bisect_impl(vm, a, right, probe, i)) return nullptr;
  if (a.v[0]->tag == Tag::List) {
    auto& items = a.v[0].as<ListObj>()->items;
    items.insert(items.begin() + std::min<std::int64_t>(i, std::int64_t(items.size())), a.v[1]);
    mem_touch(a.v[0].get());
    return vm.rt.None;
  }
  Ref ins = vm.getattr(a.v[0], vm.rt.intern("insert").as<StrObj>());
  if (!ins) return nullptr;
  Ref r = vm.call2(ins, vm.rt.make_int(i), a.v[1]);
  return r ? vm.rt.None : nullptr;
}
Ref insort_left(VM& vm, Args& a) { return insort_call(vm, a, false, "insort_left"); }
Ref insort_right(VM& vm, Args& a) { return insort_call(vm, a, true, "insort_right"); }

}  // namespace

void init_heapq_module(VM& vm, const Ref& module) {
  DictObj* d = module.as<ModuleObj>()->dict.as<DictObj>();
  auto put = [&](const char* name, BuiltinFn fn) { vm.dict_set(d, vm.rt.intern(name), vm.make_builtin(name, fn)); };
  put("heappush", heappush);
  put("heappop", heappop);
  put("heapify", heapify);
  put("heapreplace", heapreplace);
  put("heappushpop", heappushpop);
  put("nlargest", nlargest);
  put("nsmallest", nsmallest);
  put("merge", merge);
}

void init_bisect_module(VM& vm, const Ref& module) {
  DictObj* d = module.as<ModuleObj>()->dict.as<DictObj>();
  auto put = [&](const char* name, BuiltinFn fn) { vm.dict_set(d, vm.rt.intern(name), vm.make_builtin(name, fn)); };
  put("bisect_left", bisect_left);
  put("bisect_right", bisect_right);
  put("bisect", bisect_right);
  put("insort_left", insort_left);
  put("insort_right", insort_right);
  put("insort", insort_right);
}

}  // namespace pitfall::sim
