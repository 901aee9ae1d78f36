// dir() (Python/bltinmodule.c builtin_dir, Objects/object.c _dir_object):
// without an argument the sorted names of the caller's scope (locals());
// with one, type(obj).__dir__(obj) sorted, where the default __dir__ is
// - a module's: the keys of its __dict__;
// - a class's (type.__dir__): the keys of its __dict__ and its bases', merged;
// - any other object's (object.__dir__): its __dict__'s keys and its class's.
// The names of a class's __dict__ are CPython's: a class statement's dict
// holds __module__ and __doc__, and __dict__ / __weakref__ where the class
// adds them (no __slots__, no base that has them); object's are listed per
// version; the simulator's own entries of type dicts are left out.
#include <set>
#include <string>

#include "sim/vm/vm.h"

namespace pitfall::sim {

bool sort_values_public(VM& vm, std::vector<Ref>& items, const Ref& key, bool reverse);  // builtins.cpp

namespace {

// object.__dict__'s names in CPython 3.10 (3.11 adds __getstate__)
const char* const kObjectNames[] = {"__class__", "__delattr__", "__dir__", "__doc__", "__eq__", "__format__", "__ge__", "__getattribute__",
                                    "__gt__", "__hash__", "__init__", "__init_subclass__", "__le__", "__lt__", "__ne__", "__new__",
                                    "__reduce__", "__reduce_ex__", "__repr__", "__setattr__", "__sizeof__", "__str__", "__subclasshook__"};

// the names the built-in exception classes add to object's (CPython 3.10-3.13:
// `sorted(T.__dict__)` less object's names and __init__/__new__/__doc__)
struct ExceptionNames {
  const char* cls;
  int from_minor;
  const char* names[8];
};
const ExceptionNames kExceptionNames[] = {
    {"BaseException", 0, {"__cause__", "__context__", "__dict__", "__setstate__", "__suppress_context__", "__traceback__", "args", "with_traceback"}},
    {"BaseException", 11, {"add_note"}},
    {"StopIteration", 0, {"value"}},
    {"SystemExit", 0, {"code"}},
    {"NameError", 0, {"name"}},
    {"AttributeError", 0, {"name", "obj"}},
    {"ImportError", 0, {"msg", "name", "path"}},
    {"ImportError", 12, {"name_from"}},
    {"OSError", 0, {"characters_written", "errno", "filename", "filename2", "strerror"}},
    {"UnicodeEncodeError", 0, {"encoding", "end", "object", "reason", "start"}},
    {"UnicodeDecodeError", 0, {"encoding", "end", "object", "reason", "start"}},
    {"SyntaxError", 0, {"end_lineno", "end_offset", "filename", "lineno", "msg", "offset", "print_file_and_line", "text"}},
};

// entries of type dicts that only the simulator has
bool internal_name(const std::string& k) {
  return k == "__call_type__" || k == "__new_native__" || k == "__classcell__" || k == "__qualname__" || k.rfind("__pitfall", 0) == 0;
}

void dict_names(const Ref& d, std::set<std::string>& out) {
  if (!d || d->tag != Tag::Dict) return;
  for (const auto& e : d.as<DictObj>()->entries)
    if (e.key && e.key->tag == Tag::Str) out.insert(e.key.as<StrObj>()->s);
}

// A class that gives its instances a __dict__ (and __weakref__): a class
// statement's without __slots__ (BaseException's instances have a __dict__ too).
bool gives_dict(const ClassObj* c, bool weakref) {
  if (!c->builtin) return !c->has_slots_only;
  return !weakref && c->is_exception;
}

void class_names(VM& vm, ClassObj* c, std::set<std::string>& out) {
  if (c == vm.rt.object_t) {
    for (const char* n : kObjectNames) out.insert(n);
    if (vm.python_minor() >= 11) out.insert("__getstate__");
    return;
  }
  std::set<std::string> own;
  dict_names(c->dict, own);
  for (const auto& k : own)
    if (!internal_name(k)) out.insert(k);
  if (c->builtin) {
    if (c->is_exception)
      for (const auto& e : kExceptionNames)
        if (c->name == e.cls && vm.python_minor() >= e.from_minor)
          for (const char* n : e.names)
            if (n) out.insert(n);
    return;
  }
  out.insert("__module__");
  out.insert("__doc__");
  if (own.count("__slots__")) {
    // each slot is a member descriptor of the class (the dict holds none here)
    Ref slots = vm.dict_get_str(c->dict.as<DictObj>(), vm.rt.intern("__slots__").as<StrObj>());
    if (slots && slots->tag == Tag::Str) out.insert(slots.as<StrObj>()->s);
    if (slots && (slots->tag == Tag::Tuple || slots->tag == Tag::List))
      for (const Ref& n : list_or_tuple_items(slots.get()))
        if (n && n->tag == Tag::Str) out.insert(n.as<StrObj>()->s);
    return;
  }
  bool base_dict = false, base_weakref = false;
  for (std::size_t i = 1; i < c->mro.size(); ++i) {
    base_dict = base_dict || gives_dict(c->mro[i], false);
    base_weakref = base_weakref || gives_dict(c->mro[i], true);
  }
  if (!base_dict) out.insert("__dict__");
  if (!base_weakref) out.insert("__weakref__");
}

// type.__dir__ / object.__dir__ / module.__dir__ without a __dir__ of their own
bool default_dir(VM& vm, const Ref& o, std::set<std::string>& out) {
  if (o->tag == Tag::Module) {
    dict_names(o.as<ModuleObj>()->dict, out);
    return true;
  }
  if (o->tag == Tag::Class) {
    for (ClassObj* c : o.as<ClassObj>()->mro) class_names(vm, c, out);
    return true;
  }
  if (Ref d = vm.getattr_opt(o, vm.rt.intern("__dict__").as<StrObj>())) dict_names(d, out);
  if (vm.exc) return false;
  for (ClassObj* c : o->cls->mro) class_names(vm, c, out);
  return true;
}

Ref sorted_list(VM& vm, const std::set<std::string>& names) {
  Ref l = vm.rt.make_list();
  for (const auto& n : names) l.as<ListObj>()->items.push_back(vm.rt.make_str(n));
  return l;
}

// a __dir__'s result, as a sorted list (null with an exception set)
Ref sorted_result(VM& vm, const Ref& r) {
  if (!r) return nullptr;
  std::vector<Ref> items;
  if (!vm.to_list(r, items) || !sort_values_public(vm, items, Ref(), false)) return nullptr;
  Ref l = vm.rt.make_list();
  l.as<ListObj>()->items = std::move(items);
  return l;
}

Ref b_dir(VM& vm, Args& a) {
  if (a.n == 0) {
    Ref locals_fn = vm.dict_get_str(vm.builtins.as<DictObj>(), vm.rt.intern("locals").as<StrObj>());
    if (!locals_fn) return vm.raise(vm.rt.RuntimeError, "dir(): no locals");
    Ref scope = vm.call0(locals_fn);
    if (!scope) return nullptr;
    if (scope->tag != Tag::Dict) return vm.raise(vm.rt.TypeError, "dir(): expected keys() of locals to be a list, not '" + vm.type_name(scope) + "'");
    std::set<std::string> names;
    dict_names(scope, names);
    return sorted_list(vm, names);
  }
  const Ref& o = a.v[0];
  // a __dir__ of a class statement (type(o).__dir__, as special methods are looked up)
  Ref m = vm.lookup_type(o->cls, vm.rt.intern("__dir__").as<StrObj>());
  if (m && m->tag != Tag::Builtin) {
    return sorted_result(vm, vm.call1(m, o));
  }
  std::set<std::string> names;
  if (o->tag == Tag::Module) {
    Ref d = o.as<ModuleObj>()->dict;
    if (!d || d->tag != Tag::Dict) return vm.raise(vm.rt.TypeError, "<module>.__dict__ is not a dictionary");
    // a module's own __dir__ function (PEP 562)
    if (Ref f = vm.dict_get_str(d.as<DictObj>(), vm.rt.intern("__dir__").as<StrObj>())) return sorted_result(vm, vm.call0(f));
  }
  if (!default_dir(vm, o, names)) return nullptr;
  return sorted_list(vm, names);
}

}  // namespace

// dir(o) for the traceback's suggestions (vm/name_suggestions.cpp)
Ref dir_of(VM& vm, const Ref& o) {
  Ref arg[1] = {o};
  Args a;
  a.v = arg;
  a.n = 1;
  return b_dir(vm, a);
}

void init_builtin_dir(VM& vm) {
  vm.dict_set(vm.builtins.as<DictObj>(), vm.rt.intern("dir"), vm.make_builtin("dir", b_dir));
}

}  // namespace pitfall::sim
