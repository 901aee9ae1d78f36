// The instructions of the match statement (see match_ops.h), following
// Python/ceval.c 3.11: match_keys and match_class with their error messages.
#include "sim/vm/match_ops.h"

#include <algorithm>

namespace pitfall::sim {

bool match_is_sequence(VM& vm, const Ref& s) {
  auto& rt = vm.rt;
  for (ClassObj* t : {rt.list_t, rt.tuple_t, rt.range_t, rt.deque_t})
    if (t && vm.isinstance(s, t)) return true;
  return false;
}

bool match_is_mapping(VM& vm, const Ref& s) { return vm.isinstance(s, vm.rt.dict_t); }

Ref match_keys(VM& vm, const Ref& subject, const Ref& keys) {
  auto& items = keys.as<TupleObj>()->items;
  std::vector<Ref> values;
  std::vector<Ref> seen;
  for (const Ref& k : items) {
    for (const Ref& s : seen) {
      int e = vm.eq(s, k);
      if (e < 0) return nullptr;
      if (e) {
        std::string r;
        if (!vm.repr_to(k, r)) return nullptr;
        return vm.raise(vm.rt.ValueError, "mapping pattern checks duplicate key (" + r + ")");
      }
    }
    seen.push_back(k);
    // subject.get(key, missing): a defaultdict's factory does not run
    Ref v = subject->tag == Tag::Dict ? vm.dict_get(subject.as<DictObj>(), k) : nullptr;
    if (!v) {
      if (vm.exc) return nullptr;
      return vm.rt.None;
    }
    values.push_back(std::move(v));
  }
  return vm.rt.make_tuple(std::move(values));
}

namespace {

// _Py_TPFLAGS_MATCH_SELF: `int(x)` matches the subject itself
bool match_self(VM& vm, ClassObj* t) {
  auto& rt = vm.rt;
  for (ClassObj* b : {rt.bool_t, rt.bytes_t, rt.dict_t, rt.float_t, rt.frozenset_t, rt.int_t, rt.list_t, rt.set_t, rt.str_t, rt.tuple_t})
    if (t == b) return true;
  return false;
}

// match_class_attr: getattr, a missing attribute means no match (out stays null)
bool class_attr(VM& vm, const Ref& subject, ClassObj* type, const Ref& name, std::vector<Ref>& seen, Ref& out) {
  for (const Ref& s : seen)
    if (s.as<StrObj>()->s == name.as<StrObj>()->s) {
      std::string r;
      vm.repr_to(name, r);
      vm.raise(vm.rt.TypeError, type->name + "() got multiple sub-patterns for attribute " + r);
      return false;
    }
  seen.push_back(name);
  out = vm.getattr(subject, name.as<StrObj>());
  if (!out && vm.matches(vm.exc, vm.rt.AttributeError)) vm.exc.reset();
  return !vm.exc;
}

}  // namespace

Ref match_class(VM& vm, const Ref& subject, const Ref& type_ref, int nargs, const Ref& kwnames) {
  auto& rt = vm.rt;
  if (type_ref->tag != Tag::Class) return vm.raise(rt.TypeError, "called match pattern must be a class");
  ClassObj* type = type_ref.as<ClassObj>();
  if (!vm.isinstance(subject, type)) return rt.None;
  std::vector<Ref> attrs, seen;
  if (nargs) {
    bool self = false;
    Ref match_args = vm.getattr_opt(type_ref, rt.intern("__match_args__").as<StrObj>());
    if (vm.exc) return nullptr;
    std::vector<Ref> names;
    if (match_args) {
      if (match_args->tag != Tag::Tuple)
        return vm.raise(rt.TypeError, type->name + ".__match_args__ must be a tuple (got " + vm.type_name(match_args) + ")");
      names = match_args.as<TupleObj>()->items;
    } else {
      for (ClassObj* m : type->mro) if (m->builtin) { self = match_self(vm, m); break; }
    }
    const int allowed = self ? 1 : int(names.size());
    if (allowed < nargs)
      return vm.raise(rt.TypeError, type->name + "() accepts " + std::to_string(allowed) + " positional sub-pattern" +
                                        (allowed == 1 ? "" : "s") + " (" + std::to_string(nargs) + " given)");
    if (self) {
      attrs.push_back(subject);
    } else {
      for (int i = 0; i < nargs; ++i) {
        const Ref& nm = names[size_t(i)];
        if (nm->tag != Tag::Str) return vm.raise(rt.TypeError, "__match_args__ elements must be strings (got " + vm.type_name(nm) + ")");
        Ref v;
        if (!class_attr(vm, subject, type, nm, seen, v)) return nullptr;
        if (!v) return rt.None;
        attrs.push_back(std::move(v));
      }
    }
  }
  for (const Ref& nm : kwnames.as<TupleObj>()->items) {
    Ref v;
    if (!class_attr(vm, subject, type, nm, seen, v)) return nullptr;
    if (!v) return rt.None;
    attrs.push_back(std::move(v));
  }
  return rt.make_tuple(std::move(attrs));
}

}  // namespace pitfall::sim
