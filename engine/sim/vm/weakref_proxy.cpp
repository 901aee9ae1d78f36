// weakref.proxy forwarding (see weakref_proxy.h). The methods below are what
// CPython's proxy type defines as slots (Objects/weakrefobject.c:
// proxy_richcompare, proxy_getitem/setitem/delitem via proxy_as_mapping,
// proxy_contains, proxy_iter, proxy_iternext, WRAP_UNARY for neg/pos/invert/
// abs/index, proxy_bytes, proxy_reversed); each unwraps the proxy (and a proxy
// argument, as WRAP_BINARY and proxy_richcompare do) and performs the
// generic operation on the referent.
#include "sim/vm/weakref_proxy.h"

namespace pitfall::sim {

namespace {

ClassObj* reference_error_type(VM& vm) {
  Ref e = vm.dict_get_str(vm.builtins.as<DictObj>(), vm.rt.intern("ReferenceError").as<StrObj>());
  return e && e->tag == Tag::Class ? e.as<ClassObj>() : vm.rt.RuntimeError;
}

// The referent of a.v[0] (the proxy), or null with the error set.
Ref self_target(VM& vm, Args& a) {
  if (a.n < 1 || !is_proxy(a.v[0].get())) return vm.raise(vm.rt.TypeError, "descriptor requires a 'weakref.ProxyType' object");
  Ref t = a.v[0];
  if (!proxy_unwrap(vm, t)) return nullptr;
  return t;
}

Ref arg(VM& vm, Args& a, int i, bool& ok) {
  ok = false;
  if (a.n <= i) { vm.raise(vm.rt.TypeError, "expected " + std::to_string(i) + " argument(s)"); return nullptr; }
  Ref v = a.v[i];
  if (!proxy_unwrap(vm, v)) return nullptr;
  ok = true;
  return v;
}

template <int Op>
Ref compare(VM& vm, Args& a) {
  Ref t = self_target(vm, a);
  bool ok = false;
  Ref y = t ? arg(vm, a, 1, ok) : Ref();
  if (!ok) return nullptr;
  return vm.compare(Op, t, y);
}

Ref getitem(VM& vm, Args& a) {
  Ref t = self_target(vm, a);
  if (!t) return nullptr;
  if (a.n < 2) return vm.raise(vm.rt.TypeError, "expected 1 argument");
  return vm.getitem(t, a.v[1]);
}
Ref setitem(VM& vm, Args& a) {
  Ref t = self_target(vm, a);
  if (!t) return nullptr;
  if (a.n < 3) return vm.raise(vm.rt.TypeError, "expected 2 arguments");
  return vm.setitem(t, a.v[1], a.v[2]) ? vm.rt.None : Ref();
}
Ref delitem(VM& vm, Args& a) {
  Ref t = self_target(vm, a);
  if (!t) return nullptr;
  if (a.n < 2) return vm.raise(vm.rt.TypeError, "expected 1 argument");
  return vm.delitem(t, a.v[1]) ? vm.rt.None : Ref();
}
Ref contains(VM& vm, Args& a) {
  Ref t = self_target(vm, a);
  if (!t) return nullptr;
  if (a.n < 2) return vm.raise(vm.rt.TypeError, "expected 1 argument");
  const int r = vm.contains(t, a.v[1]);
  return r < 0 ? Ref() : vm.rt.make_bool(r != 0);
}
Ref iter(VM& vm, Args& a) {
  Ref t = self_target(vm, a);
  return t ? vm.iter(t) : Ref();
}
// proxy_iternext: the referent must be an iterator
Ref next(VM& vm, Args& a) {
  Ref t = self_target(vm, a);
  if (!t) return nullptr;
  Ref nx = vm.lookup_type(t->cls, vm.rt.intern("__next__").as<StrObj>());
  if (!nx && t->tag != Tag::Iter && t->tag != Tag::Generator)
    return vm.raise(vm.rt.TypeError, "Weakref proxy referenced a non-iterator '" + vm.type_name(t) + "' object");
  Ref r = vm.next(t);
  if (!r && !vm.exc) return vm.raise(vm.rt.StopIteration, "");
  return r;
}

// WRAP_UNARY: -p, +p, ~p, abs(p), operator.index(p) are those of the referent
Ref unary(VM& vm, Args& a, const char* dunder, const char* symbol) {
  Ref t = self_target(vm, a);
  if (!t) return nullptr;
  if (t->tag == Tag::Float) {
    const double v = t.as<FloatObj>()->v;
    if (symbol[0] == '-') return vm.rt.make_float(-v);
    if (symbol[0] == '+') return t;
    if (symbol[0] == 'a') return vm.rt.make_float(v < 0 ? -v : v);
  }
  if (t->tag == Tag::Int || t->tag == Tag::BigInt) {
    Ref zero = vm.rt.make_int(0);
    if (symbol[0] == '-') return vm.binary(NB_SUBTRACT, zero, t);
    if (symbol[0] == '+' || symbol[0] == 'i') return t;
    if (symbol[0] == '~') {  // ~x == -x - 1
      Ref n = vm.binary(NB_SUBTRACT, zero, t);
      return n ? vm.binary(NB_SUBTRACT, n, vm.rt.make_int(1)) : Ref();
    }
    if (symbol[0] == 'a') {
      Ref lt = vm.compare(CMP_LT, t, zero);
      const int neg = lt ? vm.truthy(lt) : -1;
      if (neg < 0) return nullptr;
      return neg ? vm.binary(NB_SUBTRACT, zero, t) : t;
    }
  }
  Ref m = vm.lookup_type(t->cls, vm.rt.intern(dunder).as<StrObj>());
  if (!m) {
    if (symbol[0] == 'a') return vm.raise(vm.rt.TypeError, "bad operand type for abs(): '" + vm.type_name(t) + "'");
    if (symbol[0] == 'i')
      return vm.raise(vm.rt.TypeError, "'" + vm.type_name(t) + "' object cannot be interpreted as an integer");
    return vm.raise(vm.rt.TypeError, std::string("bad operand type for unary ") + symbol + ": '" + vm.type_name(t) + "'");
  }
  return vm.call1(m, t);
}
Ref neg(VM& vm, Args& a) { return unary(vm, a, "__neg__", "-"); }
Ref pos(VM& vm, Args& a) { return unary(vm, a, "__pos__", "+"); }
Ref invert(VM& vm, Args& a) { return unary(vm, a, "__invert__", "~"); }
Ref abs_(VM& vm, Args& a) { return unary(vm, a, "__abs__", "abs"); }
Ref index(VM& vm, Args& a) { return unary(vm, a, "__index__", "index"); }

// proxy_bytes, proxy_reversed: the referent's methods (a missing one raises
// the referent's AttributeError, as PyObject_CallMethodNoArgs does)
Ref method_of_target(VM& vm, Args& a, const char* name) {
  Ref t = self_target(vm, a);
  if (!t) return nullptr;
  Ref m = vm.getattr(t, vm.rt.intern(name).as<StrObj>());
  if (!m) return nullptr;
  std::vector<Ref> rest(a.v + 1, a.v + a.n);
  return vm.call(m, rest.data(), int(rest.size()), nullptr);
}
Ref bytes(VM& vm, Args& a) { return method_of_target(vm, a, "__bytes__"); }
Ref reversed(VM& vm, Args& a) { return method_of_target(vm, a, "__reversed__"); }

}  // namespace

bool proxy_unwrap(VM& vm, Ref& o) {
  if (!is_proxy(o.get())) return true;
  Obj* r = o.as<WeakRefObj>()->referent;
  if (!r) {
    vm.raise(reference_error_type(vm), "weakly-referenced object no longer exists");
    return false;
  }
  o = Ref(r);
  return true;
}

void add_proxy_methods(VM& vm, ClassObj* p) {
  vm.add_method(p, "__lt__", compare<CMP_LT>);
  vm.add_method(p, "__le__", compare<CMP_LE>);
  vm.add_method(p, "__gt__", compare<CMP_GT>);
  vm.add_method(p, "__ge__", compare<CMP_GE>);
  vm.add_method(p, "__getitem__", getitem);
  vm.add_method(p, "__setitem__", setitem);
  vm.add_method(p, "__delitem__", delitem);
  vm.add_method(p, "__contains__", contains);
  vm.add_method(p, "__iter__", iter);
  vm.add_method(p, "__next__", next);
  vm.add_method(p, "__neg__", neg);
  vm.add_method(p, "__pos__", pos);
  vm.add_method(p, "__invert__", invert);
  vm.add_method(p, "__abs__", abs_);
  vm.add_method(p, "__index__", index);
  vm.add_method(p, "__bytes__", bytes);
  vm.add_method(p, "__reversed__", reversed);
}

}  // namespace pitfall::sim
