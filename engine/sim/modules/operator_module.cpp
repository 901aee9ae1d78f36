// The `operator` module (Modules/_operator.c): the operators as functions,
// itemgetter and attrgetter (native callables holding their keys).
#include "sim/vm/vm.h"

namespace pitfall::sim {

namespace {

template <int OP>
Ref bin(VM& vm, Args& a) {
  if (a.n != 2) return vm.raise(vm.rt.TypeError, "expected 2 arguments, got " + std::to_string(a.n));
  return vm.binary(OP, a.v[0], a.v[1]);
}
template <int OP>
Ref cmp(VM& vm, Args& a) {
  if (a.n != 2) return vm.raise(vm.rt.TypeError, "expected 2 arguments, got " + std::to_string(a.n));
  return vm.compare(OP, a.v[0], a.v[1]);
}
Ref op_neg(VM& vm, Args& a) {
  if (a.n != 1) return vm.raise(vm.rt.TypeError, "neg() takes exactly one argument");
  return vm.binary(NB_SUBTRACT, vm.rt.make_int(0), a.v[0]);
}
Ref op_not(VM& vm, Args& a) {
  if (a.n != 1) return vm.raise(vm.rt.TypeError, "not_() takes exactly one argument");
  int t = vm.truthy(a.v[0]);
  return t < 0 ? nullptr : vm.rt.make_bool(!t);
}
Ref op_truth(VM& vm, Args& a) {
  if (a.n != 1) return vm.raise(vm.rt.TypeError, "truth() takes exactly one argument");
  int t = vm.truthy(a.v[0]);
  return t < 0 ? nullptr : vm.rt.make_bool(t);
}
Ref op_getitem(VM& vm, Args& a) {
  if (a.n != 2) return vm.raise(vm.rt.TypeError, "expected 2 arguments, got " + std::to_string(a.n));
  return vm.getitem(a.v[0], a.v[1]);
}
Ref op_contains(VM& vm, Args& a) {
  if (a.n != 2) return vm.raise(vm.rt.TypeError, "expected 2 arguments, got " + std::to_string(a.n));
  int r = vm.contains(a.v[0], a.v[1]);
  return r < 0 ? nullptr : vm.rt.make_bool(r);
}
// itemgetter: data = tuple of keys; one key returns the item, several a tuple
Ref itemgetter_call(VM& vm, Args& a) {
  if (a.n != 1) return vm.raise(vm.rt.TypeError, "itemgetter expected 1 argument, got " + std::to_string(a.n));
  auto& keys = a.self->data.as<TupleObj>()->items;
  if (keys.size() == 1) return vm.getitem(a.v[0], keys[0]);
  std::vector<Ref> out;
  for (auto& k : keys) { Ref v = vm.getitem(a.v[0], k); if (!v) return nullptr; out.push_back(v); }
  return vm.rt.make_tuple(std::move(out));
}
Ref op_itemgetter(VM& vm, Args& a) {
  if (a.n < 1) return vm.raise(vm.rt.TypeError, "itemgetter expected 1 argument, got 0");
  return vm.make_builtin("itemgetter", itemgetter_call, vm.rt.make_tuple(std::vector<Ref>(a.v, a.v + a.n)));
}
Ref attr_path(VM& vm, Ref o, const std::string& path) {
  size_t start = 0;
  for (;;) {
    size_t dot = path.find('.', start);
    o = vm.getattr(o, vm.rt.intern(path.substr(start, dot == std::string::npos ? std::string::npos : dot - start)).as<StrObj>());
    if (!o || dot == std::string::npos) return o;
    start = dot + 1;
  }
}
Ref attrgetter_call(VM& vm, Args& a) {
  if (a.n != 1) return vm.raise(vm.rt.TypeError, "attrgetter expected 1 argument, got " + std::to_string(a.n));
  auto& names = a.self->data.as<TupleObj>()->items;
  if (names.size() == 1) return attr_path(vm, a.v[0], names[0].as<StrObj>()->s);
  std::vector<Ref> out;
  for (auto& n : names) { Ref v = attr_path(vm, a.v[0], n.as<StrObj>()->s); if (!v) return nullptr; out.push_back(v); }
  return vm.rt.make_tuple(std::move(out));
}
Ref op_attrgetter(VM& vm, Args& a) {
  if (a.n < 1) return vm.raise(vm.rt.TypeError, "attrgetter expected 1 argument, got 0");
  for (int i = 0; i < a.n; ++i) if (a.v[i]->tag != Tag::Str) return vm.raise(vm.rt.TypeError, "attribute name must be a string");
  return vm.make_builtin("attrgetter", attrgetter_call, vm.rt.make_tuple(std::vector<Ref>(a.v, a.v + a.n)));
}

}  // namespace

void init_operator_module(VM& vm, const Ref& module) {
  DictObj* d = module.as<ModuleObj>()->dict.as<DictObj>();
  auto put = [&](const char* name, BuiltinFn fn) { vm.dict_set(d, vm.rt.intern(name), vm.make_builtin(name, fn)); };
  put("add", bin<NB_ADD>);
  put("sub", bin<NB_SUBTRACT>);
  put("mul", bin<NB_MULTIPLY>);
  put("truediv", bin<NB_TRUE_DIVIDE>);
  put("floordiv", bin<NB_FLOOR_DIVIDE>);
  put("mod", bin<NB_REMAINDER>);
  put("pow", bin<NB_POWER>);
  put("and_", bin<NB_AND>);
  put("or_", bin<NB_OR>);
  put("xor", bin<NB_XOR>);
  put("lshift", bin<NB_LSHIFT>);
  put("rshift", bin<NB_RSHIFT>);
  put("iadd", bin<NB_INPLACE + NB_ADD>);
  put("lt", cmp<CMP_LT>);
  put("le", cmp<CMP_LE>);
  put("eq", cmp<CMP_EQ>);
  put("ne", cmp<CMP_NE>);
  put("gt", cmp<CMP_GT>);
  put("ge", cmp<CMP_GE>);
  put("neg", op_neg);
  put("not_", op_not);
  put("truth", op_truth);
  put("getitem", op_getitem);
  put("contains", op_contains);
  put("itemgetter", op_itemgetter);
  put("attrgetter", op_attrgetter);
}

}  // namespace pitfall::sim
