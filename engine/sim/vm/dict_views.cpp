// dict.keys() / values() / items(): live views of the dict (Objects/dictobject.c
// dictview_*): len, `in`, iteration over the dict's current entries (changing
// the dict's size while iterating raises RuntimeError), reversed(), repr
// `dict_keys([...])`, and for keys and items the set operations & | - ^ with
// any iterable (results are plain sets built in CPython's order) plus the
// set comparisons. Also dict.fromkeys.
#include "sim/vm/dict_iter.h"
#include "sim/vm/set_ops.h"
#include "sim/vm/vm.h"

namespace pitfall::sim {

namespace {

constexpr int kViewKind = 0x44564957;  // NativeObj kind of a view; `i` holds 0 keys, 1 values, 2 items
const char* const kViewNames[] = {"dict_keys", "dict_values", "dict_items"};
const char* const kIterNames[] = {"dict_keyiterator", "dict_valueiterator", "dict_itemiterator"};

NativeObj* view_of(VM& vm, Args& a) {
  if (a.n < 1 || native_kind(a.v[0]) != kViewKind) {
    vm.raise(vm.rt.TypeError, "descriptor requires a dict view object");
    return nullptr;
  }
  return static_cast<NativeObj*>(a.v[0].get());
}
DictObj* dict_of(NativeObj* v) { return v->a.as<DictObj>(); }
bool is_set_like_view(const Ref& o) {
  return native_kind(o) == kViewKind && static_cast<NativeObj*>(o.get())->i != 1;
}


Ref view_iter(VM& vm, Args& a) {
  NativeObj* v = view_of(vm, a);
  if (!v) return nullptr;
  Ref it = make<IterObj>(vm.rt.iterator_t, dict_entries_next);
  auto* io = it.as<IterObj>();
  io->a = v->a;
  io->n = dict_of(v)->used;
  io->step = v->i;
  io->type_name = kIterNames[v->i];
  io->kind = ITER_DICT;
  return it;
}

Ref view_len(VM& vm, Args& a) {
  NativeObj* v = view_of(vm, a);
  return v ? vm.rt.make_int(dict_of(v)->used) : nullptr;
}

// 1, 0, or -1 with an exception (dictkeys_contains / dictitems_contains / values' linear scan)
int view_contains(VM& vm, NativeObj* v, const Ref& x) {
  DictObj* d = dict_of(v);
  if (v->i == 0) {
    Ref r = vm.dict_get(d, x);
    if (r) return 1;
    return vm.exc ? -1 : 0;
  }
  if (v->i == 2) {
    if (x->tag != Tag::Tuple || x.as<TupleObj>()->items.size() != 2) return 0;
    Ref found = vm.dict_get(d, x.as<TupleObj>()->items[0]);
    if (!found) return vm.exc ? -1 : 0;
    return vm.eq(found, x.as<TupleObj>()->items[1]);
  }
  std::vector<DictEntry> es = d->entries;
  for (auto& e : es) {
    if (!e.key) continue;
    int r = vm.eq(e.value, x);
    if (r != 0) return r;
  }
  return 0;
}

Ref view_contains_m(VM& vm, Args& a) {
  NativeObj* v = view_of(vm, a);
  if (!v) return nullptr;
  if (a.n < 2) return vm.raise(vm.rt.TypeError, "__contains__ expected 1 argument");
  int r = view_contains(vm, v, a.v[1]);
  if (r < 0) return nullptr;
  return r ? vm.rt.True : vm.rt.False;
}

bool view_items(VM& vm, NativeObj* v, std::vector<Ref>& out) {
  for (auto& e : dict_of(v)->entries) {
    if (!e.key) continue;
    if (v->i == 0) out.push_back(e.key);
    else if (v->i == 1) out.push_back(e.value);
    else out.push_back(vm.rt.make_tuple({e.key, e.value}));
  }
  return true;
}

Ref view_repr(VM& vm, Args& a) {
  NativeObj* v = view_of(vm, a);
  if (!v) return nullptr;
  Ref l = vm.rt.make_list();
  view_items(vm, v, l.as<ListObj>()->items);
  std::string out = std::string(kViewNames[v->i]) + "(";
  if (!vm.repr_to(l, out)) return nullptr;
  out += ")";
  return vm.rt.make_str(out);
}

Ref view_reversed(VM& vm, Args& a) {
  NativeObj* v = view_of(vm, a);
  if (!v) return nullptr;
  Ref l = vm.rt.make_list();
  auto& items = l.as<ListObj>()->items;
  view_items(vm, v, items);
  std::reverse(items.begin(), items.end());
  return vm.iter(l);
}

// _PyDictView_Intersect: a smaller view against an exact set uses set.intersection;
// else the result holds the other operand's items that the view contains, in its order.
Ref view_intersect(VM& vm, Ref self, Ref other) {
  if (!is_set_like_view(self)) std::swap(self, other);
  NativeObj* v = self.as<NativeObj>();
  if (other->cls == vm.rt.set_t && dict_of(v)->used <= other.as<DictObj>()->used)
    return set_intersection_of(vm, other, self);
  if (is_set_like_view(other) && dict_of(other.as<NativeObj>())->used > dict_of(v)->used) {
    std::swap(self, other);
    v = self.as<NativeObj>();
  }
  std::vector<Ref> items;
  if (!vm.to_list(other, items)) return nullptr;
  Ref kept = vm.rt.make_list();
  for (auto& x : items) {
    int r = view_contains(vm, v, x);
    if (r < 0) return nullptr;
    if (r) kept.as<ListObj>()->items.push_back(x);
  }
  return set_make(vm, vm.rt.set_t, Tag::Set, kept);
}

// dictviews_or / _sub / _xor: set(left) updated with right (reflected forms swap the operands)
Ref view_setop(VM& vm, Args& a, int op, bool reflected) {
  if (!view_of(vm, a)) return nullptr;
  if (a.n < 2) return vm.raise(vm.rt.TypeError, "expected 1 argument");
  if (op == NB_AND) return view_intersect(vm, a.v[0], a.v[1]);
  Ref left = reflected ? a.v[1] : a.v[0], right = reflected ? a.v[0] : a.v[1];
  Ref result = set_make(vm, vm.rt.set_t, Tag::Set, left);
  if (!result) return nullptr;
  DictObj* rs = result.as<DictObj>();
  bool ok = op == NB_OR ? set_update_internal(vm, rs, right)
          : op == NB_SUBTRACT ? set_difference_update(vm, rs, right)
                              : set_symmetric_difference_update(vm, rs, right);
  return ok ? result : nullptr;
}
Ref view_and(VM& vm, Args& a) { return view_setop(vm, a, NB_AND, false); }
Ref view_or(VM& vm, Args& a) { return view_setop(vm, a, NB_OR, false); }
Ref view_sub(VM& vm, Args& a) { return view_setop(vm, a, NB_SUBTRACT, false); }
Ref view_xor(VM& vm, Args& a) { return view_setop(vm, a, NB_XOR, false); }
Ref view_ror(VM& vm, Args& a) { return view_setop(vm, a, NB_OR, true); }
Ref view_rsub(VM& vm, Args& a) { return view_setop(vm, a, NB_SUBTRACT, true); }
Ref view_rxor(VM& vm, Args& a) { return view_setop(vm, a, NB_XOR, true); }

Ref view_isdisjoint(VM& vm, Args& a) {
  NativeObj* v = view_of(vm, a);
  if (!v) return nullptr;
  if (a.n < 2) return vm.raise(vm.rt.TypeError, "isdisjoint() takes exactly one argument (0 given)");
  std::vector<Ref> items;
  if (!vm.to_list(a.v[1], items)) return nullptr;
  for (auto& x : items) {
    int r = view_contains(vm, v, x);
    if (r < 0) return nullptr;
    if (r) return vm.rt.False;
  }
  return vm.rt.True;
}

// all items of `a` are in `b` (all_contained_in): 1, 0, -1
int all_contained_in(VM& vm, const Ref& a, const Ref& b) {
  std::vector<Ref> items;
  if (!vm.to_list(a, items)) return -1;
  for (auto& x : items) {
    int r = vm.contains(b, x);
    if (r <= 0) return r;
  }
  return 1;
}

// dictview_richcompare: only against sets, frozensets and keys/items views
Ref view_compare(VM& vm, Args& a, int op) {
  NativeObj* v = view_of(vm, a);
  if (!v) return nullptr;
  if (a.n < 2) return vm.raise(vm.rt.TypeError, "expected 1 argument");
  Ref other = a.v[1];
  if (!(other->tag == Tag::Set || other->tag == Tag::FrozenSet || is_set_like_view(other))) return vm.rt.NotImplemented;
  std::int64_t ls = dict_of(v)->used, lo = vm.len(other);
  if (lo < 0) return nullptr;
  int r = 0;
  switch (op) {
    case CMP_EQ: case CMP_NE: r = ls == lo ? all_contained_in(vm, a.v[0], other) : 0; break;
    case CMP_LT: r = ls < lo ? all_contained_in(vm, a.v[0], other) : 0; break;
    case CMP_LE: r = ls <= lo ? all_contained_in(vm, a.v[0], other) : 0; break;
    case CMP_GT: r = ls > lo ? all_contained_in(vm, other, a.v[0]) : 0; break;
    case CMP_GE: r = ls >= lo ? all_contained_in(vm, other, a.v[0]) : 0; break;
    default: return vm.rt.NotImplemented;
  }
  if (r < 0) return nullptr;
  if (op == CMP_NE) r = !r;
  return r ? vm.rt.True : vm.rt.False;
}
Ref view_eq(VM& vm, Args& a) { return view_compare(vm, a, CMP_EQ); }
Ref view_ne(VM& vm, Args& a) { return view_compare(vm, a, CMP_NE); }
Ref view_lt(VM& vm, Args& a) { return view_compare(vm, a, CMP_LT); }
Ref view_le(VM& vm, Args& a) { return view_compare(vm, a, CMP_LE); }
Ref view_gt(VM& vm, Args& a) { return view_compare(vm, a, CMP_GT); }
Ref view_ge(VM& vm, Args& a) { return view_compare(vm, a, CMP_GE); }

// dict.keys() & co: the view class rides on the method's data
Ref make_view(VM& vm, Args& a) {
  if (a.n < 1 || a.v[0]->tag != Tag::Dict)
    return vm.raise(vm.rt.TypeError, std::string("descriptor '") + a.self->name + "' for 'dict' objects doesn't apply to a '" +
                                         (a.n ? vm.type_name(a.v[0]) : std::string("NoneType")) + "' object");
  Ref o = make<NativeObj>(a.self->data.as<ClassObj>(), kViewKind);
  o.as<NativeObj>()->a = a.v[0];
  o.as<NativeObj>()->i = a.self->idata;
  return o;
}

// dict.fromkeys(iterable, value=None), a class method: the result is cls() filled in order
Ref dict_fromkeys(VM& vm, Args& a) {
  if (a.n < 2) return vm.raise(vm.rt.TypeError, "fromkeys expected at least 1 argument, got 0");
  if (a.n > 3) return vm.raise(vm.rt.TypeError, "fromkeys expected at most 2 arguments, got " + std::to_string(a.n - 1));
  Ref value = a.n > 2 ? a.v[2] : vm.rt.None;
  std::vector<Ref> keys;
  if (!vm.to_list(a.v[1], keys)) return nullptr;
  Ref d = a.v[0].get() == Ref(vm.rt.dict_t).get() ? vm.rt.make_dict() : vm.call0(a.v[0]);
  if (!d) return nullptr;
  for (auto& k : keys)
    if (!vm.setitem(d, k, value)) return nullptr;
  return d;
}

}  // namespace

void init_dict_views(VM& vm) {
  auto& rt = vm.rt;
  for (int kind = 0; kind < 3; ++kind) {
    ClassObj* c = rt.new_builtin_type(kViewNames[kind], rt.object_t, Tag::Other);
    struct { const char* n; BuiltinFn f; } common[] = {
        {"__iter__", view_iter}, {"__len__", view_len}, {"__contains__", view_contains_m},
        {"__repr__", view_repr}, {"__reversed__", view_reversed}};
    for (auto& m : common) vm.add_method(c, m.n, m.f);
    if (kind != 1) {
      struct { const char* n; BuiltinFn f; } setlike[] = {
          {"__and__", view_and}, {"__rand__", view_and}, {"__or__", view_or}, {"__ror__", view_ror},
          {"__sub__", view_sub}, {"__rsub__", view_rsub}, {"__xor__", view_xor}, {"__rxor__", view_rxor},
          {"isdisjoint", view_isdisjoint}, {"__eq__", view_eq}, {"__ne__", view_ne}, {"__lt__", view_lt},
          {"__le__", view_le}, {"__gt__", view_gt}, {"__ge__", view_ge}};
      for (auto& m : setlike) vm.add_method(c, m.n, m.f);
    }
    vm.dict_set(c->dict.as<DictObj>(), rt.intern("__hash__"), rt.None);
    static const char* const method_names[] = {"keys", "values", "items"};
    Ref b = vm.make_builtin(method_names[kind], make_view, Ref(c));
    b.as<BuiltinObj>()->is_method = true;
    b.as<BuiltinObj>()->idata = kind;
    vm.dict_set(rt.dict_t->dict.as<DictObj>(), rt.intern(method_names[kind]), b);
  }
  Ref fk = vm.make_builtin("fromkeys", dict_fromkeys);
  vm.dict_set(rt.dict_t->dict.as<DictObj>(), rt.intern("fromkeys"), make<WrapperObj>(rt.classmethod_t, Tag::ClassMethod, fk));
}

}  // namespace pitfall::sim
