// repr() of a module as CPython prints it (Objects/moduleobject.c
// module_repr, importlib's _module_repr_from_spec): the modules compiled into
// the interpreter are "<module 'sys' (built-in)>", the stdlib modules frozen
// into it (3.11+) "<module 'os' (frozen)>" (os.path is posixpath), the
// program itself "<module '__main__' from 'prog.py'>" (CPython: its absolute
// path). The frozen ones are _imp._frozen_module_names() of CPython 3.11-3.13
// (3.10 froze none). Other modules are files in CPython ("from
// '.../json/__init__.py'"), a path the simulation does not have: they show as
// built-in, as sys.builtin_module_names' do. A module made by
// types.ModuleType(name) (its __loader__ is None) is "<module 'name'>".
#include <string>

#include "sim/vm/vm.h"

namespace pitfall::sim {

namespace {

bool in(const std::string& n, std::initializer_list<const char*> names) {
  for (const char* k : names)
    if (n == k) return true;
  return false;
}

bool frozen_module(const std::string& n, int minor) {
  return minor >= 11 && in(n, {"_collections_abc", "_sitebuiltins", "abc", "codecs", "genericpath", "importlib.machinery", "importlib.util", "io",
                               "ntpath", "os", "os.path", "posixpath", "runpy", "site", "stat", "zipimport"});
}

}  // namespace

std::string module_repr(const VM& vm, const ModuleObj* m) {
  const std::string shown = m->name == "os.path" ? "posixpath" : m->name;
  const int minor = vm.python_minor();
  if (m->name == "__main__") return "<module '__main__' from '" + vm.filename + "'>";
  if (frozen_module(m->name, minor)) return "<module '" + shown + "' (frozen)>";
  if (m->dict && m->dict->tag == Tag::Dict) {  // made by types.ModuleType(name): no spec, no file
    for (const DictEntry& e : m->dict.as<DictObj>()->entries)
      if (e.key && e.key->tag == Tag::Str && static_cast<const StrObj*>(e.key.get())->s == "__loader__" && e.value.get() == vm.rt.None.get())
        return "<module '" + shown + "'>";
  }
  return "<module '" + shown + "' (built-in)>";
}

}  // namespace pitfall::sim
