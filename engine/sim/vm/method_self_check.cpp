// The methods of the built-in types check their self before they run, as
// CPython's method descriptors (Objects/descrobject.c descr_check,
// method_check_args) and slot wrappers (wrapperdescr_call) do: an unbound
// call with another type's object, `list.append(1, 2)`, raises
//   descriptor 'append' for 'list' objects doesn't apply to a 'int' object
//   descriptor '__len__' requires a 'list' object but received a 'int'
// and one without any argument, `list.append()`,
//   unbound method list.append() needs an argument
//   descriptor '__repr__' of 'object' object needs an argument
// (the method's C code would read a list that is not there). The argument
// count is checked next, from CPython's table (method_arity.h):
//   list.append() takes exactly one argument (0 given)
// Each method of
// a built-in type's dict is put behind a check at the VM's start: its `data`
// is the method, its `data2` the type whose dict holds it. A self whose class
// is that type passes at once; a subclass's instance after a walk of its MRO.
#include <cstring>
#include <string>

#include "sim/vm/method_self_check.h"

#include "sim/vm/method_arity.h"
#include "sim/vm/vm.h"

namespace pitfall::sim {

namespace {

// Dunder methods that CPython defines as methods (method_descriptor), not
// slot wrappers: sorted({n for t in builtins for n, d in vars(t).items() if
// dunder and type(d).__name__ == 'method_descriptor'}), 3.11 and 3.13 alike;
// __getitem__ (dict, list) and __contains__ (dict, set, frozenset) are
// methods only on those types.
bool dunder_is_method(const std::string& n, const std::string& type) {
  static const char* const kNames[] = {"__alloc__", "__bytes__", "__ceil__", "__complex__", "__dir__", "__enter__", "__exit__", "__floor__",
                                       "__format__", "__getnewargs__", "__getstate__", "__instancecheck__", "__length_hint__", "__reduce__",
                                       "__reduce_ex__", "__reversed__", "__round__", "__set_name__", "__setstate__", "__sizeof__",
                                       "__subclasscheck__", "__subclasses__", "__trunc__"};
  for (const char* k : kNames)
    if (n == k) return true;
  if (n == "__getitem__") return type == "dict" || type == "list";
  if (n == "__contains__") return type == "dict" || type == "set" || type == "frozenset";
  return false;
}

bool is_dunder(const std::string& n) { return n.size() > 4 && n.compare(0, 2, "__") == 0 && n.compare(n.size() - 2, 2, "__") == 0; }

bool applies(VM& vm, const Obj* self, const ClassObj* owner) {
  if (self->cls == owner || owner == vm.rt.object_t) return true;  // every object is an object
  for (const ClassObj* c : self->cls->mro)
    if (c == owner) return true;
  return false;
}

// the name the method has in its type's dict ("BaseException.__init__" -> "__init__")
std::string short_name(const char* name) {
  const char* dot = std::strrchr(name, '.');
  return dot ? dot + 1 : name;
}

Ref self_error(VM& vm, const BuiltinObj* inner, const ClassObj* owner, Args& a) {
  const std::string n = short_name(inner->name);
  const bool slot = is_dunder(n) && !dunder_is_method(n, owner->name);
  if (a.n < 1) {
    if (slot) return vm.raise(vm.rt.TypeError, "descriptor '" + n + "' of '" + owner->name + "' object needs an argument");
    return vm.raise(vm.rt.TypeError, "unbound method " + owner->name + "." + n + "() needs an argument");
  }
  const std::string got = vm.type_name(a.v[0]);
  if (slot) return vm.raise(vm.rt.TypeError, "descriptor '" + n + "' requires a '" + owner->name + "' object but received a '" + got + "'");
  return vm.raise(vm.rt.TypeError, "descriptor '" + n + "' for '" + owner->name + "' objects doesn't apply to a '" + got + "' object");
}

// `t` with {n} replaced by n
std::string with_count(const char* t, int n) {
  std::string s = t;
  const auto at = s.find("{n}");
  if (at != std::string::npos) s.replace(at, 3, std::to_string(n));
  return s;
}

// The message of a wrong argument count (k arguments after self), or "".
std::string count_error(const MethodArity& r, int k, int nkw) {
  if (nkw > 0) {
    if (*r.no_keywords) return r.no_keywords;
    if (r.max >= 0 && k > r.max) return with_count(r.many, k + nkw);
    return "";  // keywords may fill the rest: the method's own parsing decides
  }
  if (k < r.min) {
    if (!std::strchr(r.few, '\n')) return with_count(r.few, k);
    std::string line;
    const char* p = r.few;
    for (int i = 0; i <= k && *p; ++i) {
      const char* e = std::strchr(p, '\n');
      line.assign(p, e ? std::size_t(e - p) : std::strlen(p));
      p = e ? e + 1 : p + std::strlen(p);
    }
    return line;
  }
  if (r.max >= 0 && k > r.max) return with_count(r.many, k);
  return "";
}

// 1 + the row of kMethodArity for type.name in this CPython version, or 0
std::int64_t arity_row(VM& vm, const std::string& type, const Ref& key) {
  if (!key || key->tag != Tag::Str) return 0;
  const std::string& name = key.as<StrObj>()->s;
  const int minor = vm.python_minor();
  for (std::size_t i = 0; i < kMethodArityCount; ++i) {
    const MethodArity& r = kMethodArity[i];
    if (type == r.type && name == r.name && minor >= r.from_minor && minor <= r.to_minor) return std::int64_t(i) + 1;
  }
  return 0;
}

}  // namespace

Ref checked_method(VM& vm, Args& a) {
  BuiltinObj* self = a.self;
  if (!self || !self->data || self->data->tag != Tag::Builtin || !self->data2 || self->data2->tag != Tag::Class)
    return vm.raise(vm.rt.RuntimeError, "bad built-in method wrapper");
  BuiltinObj* inner = self->data.as<BuiltinObj>();
  const ClassObj* owner = self->data2.as<ClassObj>();
  if (a.n < 1 || !applies(vm, a.v[0].get(), owner)) return self_error(vm, inner, owner, a);
  if (self->idata > 0 && std::size_t(self->idata) <= kMethodArityCount) {
    const MethodArity& r = kMethodArity[self->idata - 1];
    const int k = a.n - 1;
    if (a.kwn ? true : (k < r.min || (r.max >= 0 && k > r.max))) {  // not surely fitting: the full check
      const std::string err = count_error(r, k, a.nkw());
      if (!err.empty()) return vm.raise(vm.rt.TypeError, err);
    }
  }
  a.self = inner;
  return inner->fn(vm, a);
}

// repr() of a method of a built-in type taken from its type: "<method
// 'append' of 'list' objects>", "<slot wrapper '__len__' of 'list' objects>".
bool method_descriptor_repr(const BuiltinObj* b, std::string& out) {
  if (b->fn != checked_method || !b->data2 || b->data2->tag != Tag::Class) return false;
  const std::string& owner = b->data2.as<ClassObj>()->name;
  const std::string n = short_name(b->name);
  const bool slot = is_dunder(n) && !dunder_is_method(n, owner);
  out += std::string(slot ? "<slot wrapper '" : "<method '") + n + "' of '" + owner + "' objects>";
  return true;
}

// Puts the self check in front of every method of the built-in types that
// exist now (the types of modules imported later keep their own checks).
void install_method_self_checks(VM& vm) {
  for (const Ref& t : vm.rt.all_types) {
    if (!t || t->tag != Tag::Class) continue;
    ClassObj* c = t.as<ClassObj>();
    if (!c->builtin || !c->dict || c->dict->tag != Tag::Dict) continue;
    DictObj* d = c->dict.as<DictObj>();
    std::vector<std::pair<Ref, Ref>> wrapped;
    for (const DictEntry& e : d->entries) {
      if (!e.key || !e.value || e.value->tag != Tag::Builtin) continue;
      BuiltinObj* m = e.value.as<BuiltinObj>();
      if (!m->is_method || !m->fn || m->fn == checked_method) continue;
      Ref w = vm.make_builtin(m->name, checked_method, e.value);
      BuiltinObj* wb = w.as<BuiltinObj>();
      wb->is_method = true;
      wb->data2 = t;
      wb->idata = arity_row(vm, c->name, e.key);
      wrapped.emplace_back(e.key, std::move(w));
    }
    for (auto& [k, w] : wrapped) vm.dict_set(d, k, std::move(w));
  }
}

}  // namespace pitfall::sim
