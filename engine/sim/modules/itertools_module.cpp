// The `itertools` module (Modules/itertoolsmodule.c): lazy iterators built on
// the VM's native iterator object, so that consuming them costs what the C
// implementation costs (one next() per item, no Python frames).
#include "sim/vm/int_ops.h"
#include "sim/vm/vm.h"

namespace pitfall::sim {

namespace {

Ref new_iter(VM& vm, IterNext f, const char* name) {
  Ref it = make<IterObj>(vm.rt.iterator_t, f);
  it.as<IterObj>()->type_name = name;
  return it;
}
Ref missing(VM& vm, const char* name, int need, int got) {
  return vm.raise(vm.rt.TypeError, std::string(name) + " expected " + std::to_string(need) + " argument" + (need == 1 ? "" : "s") + ", got " + std::to_string(got));
}

// count(start=0, step=1): a: current value, b: step
Ref it_count(VM& vm, IterObj* it) {
  Ref cur = it->a;
  Ref nxt = vm.binary(NB_ADD, it->a, it->b);
  if (!nxt) return nullptr;
  it->a = nxt;
  return cur;
}
Ref f_count(VM& vm, Args& a) {
  Ref it = new_iter(vm, it_count, "itertools.count");
  it.as<IterObj>()->a = a.n > 0 ? a.v[0] : (a.kw("start") ? a.kw("start") : vm.rt.make_int(0));
  it.as<IterObj>()->b = a.n > 1 ? a.v[1] : (a.kw("step") ? a.kw("step") : vm.rt.make_int(1));
  return it;
}

// repeat(obj, times=None): n < 0 forever
Ref it_repeat(VM&, IterObj* it) {
  if (it->n == 0) return nullptr;
  if (it->n > 0) --it->n;
  return it->a;
}
Ref f_repeat(VM& vm, Args& a) {
  if (a.n < 1) return missing(vm, "repeat", 1, 0);
  Ref it = new_iter(vm, it_repeat, "itertools.repeat");
  it.as<IterObj>()->a = a.v[0];
  it.as<IterObj>()->n = -1;
  Ref t = a.n > 1 ? a.v[1] : a.kw("times");
  if (t) {
    if (!vm.index_value(t, it.as<IterObj>()->n)) return nullptr;
    if (it.as<IterObj>()->n < 0) it.as<IterObj>()->n = 0;
  }
  return it;
}

// cycle(iterable): v saved items, i position once the source is exhausted (n = 1)
Ref it_cycle(VM& vm, IterObj* it) {
  if (it->n == 0) {
    Ref x = vm.next(it->a);
    if (x) { it->v.push_back(x); return x; }
    if (vm.exc) return nullptr;
    it->n = 1;
    it->a = nullptr;
  }
  if (it->v.empty()) return nullptr;
  Ref x = it->v[size_t(it->i)];
  it->i = (it->i + 1) % std::int64_t(it->v.size());
  return x;
}
Ref f_cycle(VM& vm, Args& a) {
  if (a.n != 1) return missing(vm, "cycle", 1, a.n);
  Ref src = vm.iter(a.v[0]);
  if (!src) return nullptr;
  Ref it = new_iter(vm, it_cycle, "itertools.cycle");
  it.as<IterObj>()->a = src;
  return it;
}

// chain(*iterables): v = iterables, i = index, a = current iterator
Ref it_chain(VM& vm, IterObj* it) {
  for (;;) {
    if (!it->a) {
      if (it->b) {  // from_iterable: b is the iterator of iterables
        Ref nxt = vm.next(it->b);
        if (!nxt) return nullptr;
        it->a = vm.iter(nxt);
      } else {
        if (it->i >= std::int64_t(it->v.size())) return nullptr;
        it->a = vm.iter(it->v[size_t(it->i++)]);
      }
      if (!it->a) return nullptr;
    }
    Ref x = vm.next(it->a);
    if (x || vm.exc) return x;
    it->a = nullptr;
  }
}
Ref f_chain(VM& vm, Args& a) {
  Ref it = new_iter(vm, it_chain, "itertools.chain");
  for (int i = 0; i < a.n; ++i) it.as<IterObj>()->v.push_back(a.v[i]);
  return it;
}
Ref f_chain_from_iterable(VM& vm, Args& a) {
  // a classmethod: v[0] is the class
  if (a.n != 2) return missing(vm, "from_iterable", 1, a.n - 1);
  Ref src = vm.iter(a.v[1]);
  if (!src) return nullptr;
  Ref it = new_iter(vm, it_chain, "itertools.chain");
  it.as<IterObj>()->b = src;
  return it;
}

// islice(iterable, stop) / islice(iterable, start, stop[, step]): i next index to yield, n stop (-1 none), step
Ref it_islice(VM& vm, IterObj* it) {
  if (!it->a) return nullptr;
  // b holds the count of items consumed so far (an int object)
  std::int64_t consumed = it->b ? it->b.as<IntObj>()->v : 0;
  while (consumed < it->i) {
    if (it->n >= 0 && consumed >= it->n) { it->a = nullptr; return nullptr; }
    Ref x = vm.next(it->a);
    if (!x) { it->a = nullptr; return nullptr; }
    ++consumed;
  }
  if (it->n >= 0 && consumed >= it->n) { it->a = nullptr; it->b = vm.rt.make_int(consumed); return nullptr; }
  Ref x = vm.next(it->a);
  if (!x) { it->a = nullptr; return nullptr; }
  ++consumed;
  it->i += it->step;
  it->b = vm.rt.make_int(consumed);
  return x;
}
bool islice_arg(VM& vm, const Ref& v, std::int64_t& out, std::int64_t none_value, const char* what) {
  if (v.get() == vm.rt.None.get()) { out = none_value; return true; }
  if (v->tag != Tag::Int || v.as<IntObj>()->v < 0) {
    vm.raise(vm.rt.ValueError, std::string(what) + " argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.");
    return false;
  }
  out = v.as<IntObj>()->v;
  return true;
}
Ref f_islice(VM& vm, Args& a) {
  if (a.n < 2 || a.n > 4) return vm.raise(vm.rt.TypeError, a.n < 2 ? "islice expected at least 2 arguments, got " + std::to_string(a.n) : "islice expected at most 4 arguments, got " + std::to_string(a.n));
  Ref src = vm.iter(a.v[0]);
  if (!src) return nullptr;
  std::int64_t start = 0, stop = -1, step = 1;
  if (a.n == 2) {
    if (!islice_arg(vm, a.v[1], stop, -1, "Stop")) return nullptr;
  } else {
    if (!islice_arg(vm, a.v[1], start, 0, "Indices") || !islice_arg(vm, a.v[2], stop, -1, "Stop")) return nullptr;
    if (a.n == 4) {
      if (!islice_arg(vm, a.v[3], step, 1, "Step")) return nullptr;
      if (step == 0) return vm.raise(vm.rt.ValueError, "Step for islice() must be a positive integer or None.");
    }
  }
  Ref it = new_iter(vm, it_islice, "itertools.islice");
  auto* o = it.as<IterObj>();
  o->a = src;
  o->i = start;
  o->n = stop;
  o->step = step;
  return it;
}

// accumulate(iterable, func=None, *, initial=None): b = func, c = total (null before the first)
Ref it_accumulate(VM& vm, IterObj* it) {
  if (it->n == 1) { it->n = 0; return it->c; }  // pending initial value
  Ref x = vm.next(it->a);
  if (!x) return nullptr;
  if (!it->c) { it->c = x; return x; }
  Ref r = it->b ? vm.call2(it->b, it->c, x) : vm.binary(NB_ADD, it->c, x);
  if (!r) return nullptr;
  it->c = r;
  return r;
}
Ref f_accumulate(VM& vm, Args& a) {
  if (a.n < 1) return vm.raise(vm.rt.TypeError, "accumulate() missing required argument 'iterable' (pos 1)");
  Ref src = vm.iter(a.v[0]);
  if (!src) return nullptr;
  Ref it = new_iter(vm, it_accumulate, "itertools.accumulate");
  auto* o = it.as<IterObj>();
  o->a = src;
  Ref f = a.n > 1 ? a.v[1] : a.kw("func");
  if (f && f.get() != vm.rt.None.get()) o->b = f;
  Ref init = a.kw("initial");
  if (init && init.get() != vm.rt.None.get()) { o->c = init; o->n = 1; }
  return it;
}

// Native state holder owning a C++ struct (deleted with the iterator).
template <class T>
struct StateObj : NativeObj {
  T state;
  explicit StateObj(ClassObj* c) : NativeObj(c, 0x49544552) {}
};

// product(*iterables, repeat=1): the state (pools, odometer indices) lives in c
struct ProductState { std::vector<std::vector<Ref>> pools; std::vector<size_t> idx; bool first = true, done = false; };
Ref it_product(VM& vm, IterObj* it) {
  auto* st = &static_cast<StateObj<ProductState>*>(it->c.get())->state;
  if (st->done) return nullptr;
  auto& pools = st->pools;
  if (st->first) {
    st->first = false;
    for (auto& p : pools) if (p.empty()) { st->done = true; return nullptr; }
    st->idx.assign(pools.size(), 0);
  } else {
    size_t k = pools.size();
    for (;;) {
      if (k == 0) { st->done = true; return nullptr; }
      --k;
      if (++st->idx[k] < pools[k].size()) break;
      st->idx[k] = 0;
    }
  }
  std::vector<Ref> out;
  out.reserve(pools.size());
  for (size_t i = 0; i < pools.size(); ++i) out.push_back(pools[i][st->idx[i]]);
  return vm.rt.make_tuple(std::move(out));
}

Ref f_product(VM& vm, Args& a) {
  std::int64_t rep = 1;
  if (a.kw("repeat") && !vm.index_value(a.kw("repeat"), rep)) return nullptr;
  if (rep < 0) return vm.raise(vm.rt.ValueError, "repeat argument cannot be negative");
  Ref holder = make<StateObj<ProductState>>(vm.rt.object_t);
  auto& st = static_cast<StateObj<ProductState>*>(holder.get())->state;
  std::vector<std::vector<Ref>> base;
  for (int i = 0; i < a.n; ++i) {
    std::vector<Ref> items;
    if (!vm.to_list(a.v[i], items)) return nullptr;
    base.push_back(std::move(items));
  }
  for (std::int64_t r = 0; r < rep; ++r) for (auto& p : base) st.pools.push_back(p);
  Ref it = new_iter(vm, it_product, "itertools.product");
  it.as<IterObj>()->c = holder;
  return it;
}

// permutations(iterable, r=None) and combinations(iterable, r), combinations_with_replacement:
// the index algorithms of the itertools documentation (same order as the C code)
struct CombState { std::vector<Ref> pool; std::vector<size_t> idx, cycles; size_t r = 0; int kind = 0; bool first = true, done = false; };
Ref it_comb(VM& vm, IterObj* it) {
  auto& st = static_cast<StateObj<CombState>*>(it->c.get())->state;
  if (st.done) return nullptr;
  size_t n = st.pool.size(), r = st.r;
  if (st.first) {
    st.first = false;
    if (r > n && st.kind != 2) { st.done = true; return nullptr; }
    if (st.kind == 2 && n == 0 && r > 0) { st.done = true; return nullptr; }
    if (st.kind == 0) {
      st.idx.resize(n);
      for (size_t i = 0; i < n; ++i) st.idx[i] = i;
      st.cycles.resize(r);
      for (size_t i = 0; i < r; ++i) st.cycles[i] = n - i;
    } else if (st.kind == 1) {
      st.idx.resize(r);
      for (size_t i = 0; i < r; ++i) st.idx[i] = i;
    } else {
      st.idx.assign(r, 0);
    }
  } else if (st.kind == 0) {
    size_t i = r;
    for (;;) {
      if (i == 0) { st.done = true; return nullptr; }
      --i;
      if (--st.cycles[i] == 0) {
        size_t first = st.idx[i];
        st.idx.erase(st.idx.begin() + std::ptrdiff_t(i));
        st.idx.push_back(first);
        st.cycles[i] = n - i;
      } else {
        size_t j = st.cycles[i];
        std::swap(st.idx[i], st.idx[n - j]);
        break;
      }
    }
  } else if (st.kind == 1) {
    size_t i = r;
    for (;;) {
      if (i == 0) { st.done = true; return nullptr; }
      --i;
      if (st.idx[i] != i + n - r) break;
    }
    ++st.idx[i];
    for (size_t j = i + 1; j < r; ++j) st.idx[j] = st.idx[j - 1] + 1;
  } else {
    size_t i = r;
    for (;;) {
      if (i == 0) { st.done = true; return nullptr; }
      --i;
      if (st.idx[i] != n - 1) break;
    }
    size_t v = st.idx[i] + 1;
    for (size_t j = i; j < r; ++j) st.idx[j] = v;
  }
  std::vector<Ref> out;
  out.reserve(r);
  for (size_t i = 0; i < r; ++i) out.push_back(st.pool[st.idx[i]]);
  return vm.rt.make_tuple(std::move(out));
}
Ref make_comb(VM& vm, Args& a, int kind, const char* name) {
  if (a.n < 1) return vm.raise(vm.rt.TypeError, std::string(name) + "() missing required argument 'iterable' (pos 1)");
  Ref holder = make<StateObj<CombState>>(vm.rt.object_t);
  auto& st = static_cast<StateObj<CombState>*>(holder.get())->state;
  st.kind = kind;
  if (!vm.to_list(a.v[0], st.pool)) return nullptr;
  Ref rv = a.n > 1 ? a.v[1] : a.kw("r");
  std::int64_t r = std::int64_t(st.pool.size());
  if (rv && rv.get() != vm.rt.None.get()) {
    if (!vm.index_value(rv, r)) return nullptr;
    if (r < 0) return vm.raise(vm.rt.ValueError, "r must be non-negative");
  } else if (kind != 0) {
    return vm.raise(vm.rt.TypeError, std::string(name) + "() missing required argument 'r' (pos 2)");
  }
  st.r = size_t(r);
  Ref it = new_iter(vm, it_comb, name);
  it.as<IterObj>()->c = holder;
  return it;
}
Ref f_permutations(VM& vm, Args& a) { return make_comb(vm, a, 0, "permutations"); }
Ref f_combinations(VM& vm, Args& a) { return make_comb(vm, a, 1, "combinations"); }
Ref f_combinations_wr(VM& vm, Args& a) { return make_comb(vm, a, 2, "combinations_with_replacement"); }

// groupby(iterable, key=None): a source, b key func, c current key, v[0] current value; n: 1 when a group is open
// Groups are materialized lists iterated lazily by the caller (same items and order as CPython's _grouper).
Ref it_group(VM&, IterObj* it) {
  if (it->i >= std::int64_t(it->v.size())) return nullptr;
  return it->v[size_t(it->i++)];
}
Ref it_groupby(VM& vm, IterObj* it) {
  // it->c: pending (key, value) tuple read ahead, or null
  if (!it->c) {
    if (it->n == 2) return nullptr;
    Ref x = vm.next(it->a);
    if (!x) { it->n = 2; return nullptr; }
    Ref k = it->b ? vm.call1(it->b, x) : x;
    if (!k) return nullptr;
    it->c = vm.rt.make_tuple({k, x});
  }
  Ref key = it->c.as<TupleObj>()->items[0];
  Ref group = make<IterObj>(vm.rt.iterator_t, it_group);
  group.as<IterObj>()->type_name = "itertools._grouper";
  auto& items = group.as<IterObj>()->v;
  items.push_back(it->c.as<TupleObj>()->items[1]);
  it->c = nullptr;
  for (;;) {
    Ref x = vm.next(it->a);
    if (!x) { if (vm.exc) return nullptr; it->n = 2; break; }
    Ref k = it->b ? vm.call1(it->b, x) : x;
    if (!k) return nullptr;
    int same = vm.eq(k, key);
    if (same < 0) return nullptr;
    if (!same) { it->c = vm.rt.make_tuple({k, x}); break; }
    items.push_back(x);
  }
  return vm.rt.make_tuple({key, group});
}
Ref f_groupby(VM& vm, Args& a) {
  if (a.n < 1) return vm.raise(vm.rt.TypeError, "groupby() missing required argument 'iterable' (pos 1)");
  Ref src = vm.iter(a.v[0]);
  if (!src) return nullptr;
  Ref it = new_iter(vm, it_groupby, "itertools.groupby");
  it.as<IterObj>()->a = src;
  Ref k = a.n > 1 ? a.v[1] : a.kw("key");
  if (k && k.get() != vm.rt.None.get()) it.as<IterObj>()->b = k;
  return it;
}

// takewhile / dropwhile / filterfalse / starmap / compress / pairwise / zip_longest
Ref it_takewhile(VM& vm, IterObj* it) {
  if (it->n) return nullptr;
  Ref x = vm.next(it->a);
  if (!x) return nullptr;
  Ref t = vm.call1(it->b, x);
  if (!t) return nullptr;
  int ok = vm.truthy(t);
  if (ok < 0) return nullptr;
  if (!ok) { it->n = 1; return nullptr; }
  return x;
}
Ref it_dropwhile(VM& vm, IterObj* it) {
  for (;;) {
    Ref x = vm.next(it->a);
    if (!x || it->n) return x;
    Ref t = vm.call1(it->b, x);
    if (!t) return nullptr;
    int ok = vm.truthy(t);
    if (ok < 0) return nullptr;
    if (!ok) { it->n = 1; return x; }
  }
}
Ref it_filterfalse(VM& vm, IterObj* it) {
  for (;;) {
    Ref x = vm.next(it->a);
    if (!x) return nullptr;
    Ref t = it->b ? vm.call1(it->b, x) : x;
    if (!t) return nullptr;
    int ok = vm.truthy(t);
    if (ok < 0) return nullptr;
    if (!ok) return x;
  }
}
Ref pred_iter(VM& vm, Args& a, IterNext f, const char* name) {
  if (a.n != 2) return missing(vm, name, 2, a.n);
  Ref src = vm.iter(a.v[1]);
  if (!src) return nullptr;
  Ref it = new_iter(vm, f, name);
  it.as<IterObj>()->a = src;
  if (a.v[0].get() != vm.rt.None.get()) it.as<IterObj>()->b = a.v[0];
  return it;
}
Ref f_takewhile(VM& vm, Args& a) { return pred_iter(vm, a, it_takewhile, "takewhile"); }
Ref f_dropwhile(VM& vm, Args& a) { return pred_iter(vm, a, it_dropwhile, "dropwhile"); }
Ref f_filterfalse(VM& vm, Args& a) { return pred_iter(vm, a, it_filterfalse, "filterfalse"); }

Ref it_starmap(VM& vm, IterObj* it) {
  Ref x = vm.next(it->a);
  if (!x) return nullptr;
  std::vector<Ref> args;
  if (!vm.to_list(x, args)) return nullptr;
  return vm.call(it->b, args.data(), int(args.size()));
}
Ref f_starmap(VM& vm, Args& a) {
  if (a.n != 2) return missing(vm, "starmap", 2, a.n);
  Ref src = vm.iter(a.v[1]);
  if (!src) return nullptr;
  Ref it = new_iter(vm, it_starmap, "itertools.starmap");
  it.as<IterObj>()->a = src;
  it.as<IterObj>()->b = a.v[0];
  return it;
}
Ref it_compress(VM& vm, IterObj* it) {
  for (;;) {
    Ref x = vm.next(it->a);
    if (!x) return nullptr;
    Ref s = vm.next(it->b);
    if (!s) return nullptr;
    int t = vm.truthy(s);
    if (t < 0) return nullptr;
    if (t) return x;
  }
}
Ref f_compress(VM& vm, Args& a) {
  if (a.n != 2) return missing(vm, "compress", 2, a.n);
  Ref d = vm.iter(a.v[0]);
  if (!d) return nullptr;
  Ref s = vm.iter(a.v[1]);
  if (!s) return nullptr;
  Ref it = new_iter(vm, it_compress, "itertools.compress");
  it.as<IterObj>()->a = d;
  it.as<IterObj>()->b = s;
  return it;
}
Ref it_pairwise(VM& vm, IterObj* it) {
  if (!it->c) {
    it->c = vm.next(it->a);
    if (!it->c) return nullptr;
  }
  Ref x = vm.next(it->a);
  if (!x) return nullptr;
  Ref r = vm.rt.make_tuple({it->c, x});
  it->c = x;
  return r;
}
Ref f_pairwise(VM& vm, Args& a) {
  if (a.n != 1) return missing(vm, "pairwise", 1, a.n);
  Ref src = vm.iter(a.v[0]);
  if (!src) return nullptr;
  Ref it = new_iter(vm, it_pairwise, "itertools.pairwise");
  it.as<IterObj>()->a = src;
  return it;
}
Ref it_zip_longest(VM& vm, IterObj* it) {
  if (it->n == 0) return nullptr;
  std::vector<Ref> out;
  for (auto& src : it->v) {
    Ref x = src ? vm.next(src) : nullptr;
    if (!x) {
      if (vm.exc) return nullptr;
      if (src) { src = nullptr; --it->n; }
      if (it->n == 0) return nullptr;
      x = it->b;
    }
    out.push_back(x);
  }
  return vm.rt.make_tuple(std::move(out));
}
Ref f_zip_longest(VM& vm, Args& a) {
  Ref it = new_iter(vm, it_zip_longest, "itertools.zip_longest");
  auto* o = it.as<IterObj>();
  for (int i = 0; i < a.n; ++i) {
    Ref s = vm.iter(a.v[i]);
    if (!s) return nullptr;
    o->v.push_back(s);
  }
  o->n = a.n;
  o->b = a.kw("fillvalue") ? a.kw("fillvalue") : vm.rt.None;
  return it;
}

// tee(iterable, n=2): the copies share a buffer (a list) and read positions
Ref it_tee(VM& vm, IterObj* it) {
  auto& buf = it->b.as<ListObj>()->items;
  // it->c: NativeObj holding the shared source in a and the buffer base offset in i
  auto* shared = it->c.as<NativeObj>();
  std::int64_t pos = it->i - shared->i;
  if (pos < std::int64_t(buf.size())) { ++it->i; return buf[size_t(pos)]; }
  Ref x = vm.next(shared->a);
  if (!x) return nullptr;
  buf.push_back(x);
  ++it->i;
  return x;
}
Ref f_tee(VM& vm, Args& a) {
  if (a.n < 1) return missing(vm, "tee", 1, 0);
  std::int64_t n = 2;
  if (a.n > 1 && !vm.index_value(a.v[1], n)) return nullptr;
  if (n < 0) return vm.raise(vm.rt.ValueError, "n must be >= 0");
  Ref src = vm.iter(a.v[0]);
  if (!src) return nullptr;
  Ref shared = make<NativeObj>(vm.rt.object_t, 0x54454545);
  shared.as<NativeObj>()->a = src;
  Ref buf = vm.rt.make_list();
  std::vector<Ref> out;
  for (std::int64_t i = 0; i < n; ++i) {
    Ref it = new_iter(vm, it_tee, "itertools._tee");
    it.as<IterObj>()->b = buf;
    it.as<IterObj>()->c = shared;
    out.push_back(it);
  }
  return vm.rt.make_tuple(std::move(out));
}

}  // namespace

// repr() of count / repeat (itertoolsmodule.c count_repr, repeat_repr): the
// other itertools objects print as <itertools.NAME object at 0x...>.
bool itertools_repr(VM& vm, const IterObj* it, std::string& out) {
  const bool count = it->next == it_count, repeat = it->next == it_repeat;
  if (!count && !repeat) return false;
  out += count ? "count(" : "repeat(";
  if (!vm.repr_to(it->a, out)) return true;
  if (count) {
    const Ref& st = it->b;
    if (!(st->tag == Tag::Int && static_cast<const IntObj*>(st.get())->v == 1)) {
      out += ", ";
      if (!vm.repr_to(st, out)) return true;
    }
  } else if (it->n >= 0) {
    out += ", " + std::to_string(it->n);
  }
  out += ")";
  return true;
}

void init_itertools_module(VM& vm, const Ref& module) {
  DictObj* d = module.as<ModuleObj>()->dict.as<DictObj>();
  auto put = [&](const char* name, BuiltinFn fn) { vm.dict_set(d, vm.rt.intern(name), vm.make_builtin(name, fn)); };
  put("count", f_count);
  put("repeat", f_repeat);
  put("cycle", f_cycle);
  put("islice", f_islice);
  put("accumulate", f_accumulate);
  put("product", f_product);
  put("permutations", f_permutations);
  put("combinations", f_combinations);
  put("combinations_with_replacement", f_combinations_wr);
  put("groupby", f_groupby);
  put("takewhile", f_takewhile);
  put("dropwhile", f_dropwhile);
  put("filterfalse", f_filterfalse);
  put("starmap", f_starmap);
  put("compress", f_compress);
  put("pairwise", f_pairwise);
  put("zip_longest", f_zip_longest);
  put("tee", f_tee);
  // chain is a callable with a from_iterable attribute: a builtin whose
  // attribute lookups are not modelled, so expose chain.from_iterable through a small class
  ClassObj* chain_t = vm.rt.new_builtin_type("chain", vm.rt.object_t, Tag::Other);
  chain_t->module = "itertools";
  vm.dict_set(chain_t->dict.as<DictObj>(), vm.rt.intern("__call_type__"), vm.make_builtin("chain", [](VM& v, Args& a) -> Ref {
    Args rest = a;
    rest.v = a.v + 1;
    rest.n = a.n - 1;
    return f_chain(v, rest);
  }));
  vm.dict_set(chain_t->dict.as<DictObj>(), vm.rt.intern("from_iterable"),
              make<WrapperObj>(vm.rt.classmethod_t, Tag::ClassMethod, vm.make_builtin("from_iterable", f_chain_from_iterable)));
  vm.dict_set(d, vm.rt.intern("chain"), Ref(chain_t));
}

}  // namespace pitfall::sim
