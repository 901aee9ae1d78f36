// Modules implemented outside modules.cpp, each in its own file; this table
// maps an import name to the function that fills the module object.
#include "sim/vm/vm.h"

namespace pitfall::sim {

void init_random_module(VM& vm, const Ref& module);
void init_itertools_module(VM& vm, const Ref& module);
void init_json_module(VM& vm, const Ref& module);
void init_dataclasses_module(VM& vm, const Ref& module);
void init_operator_module(VM& vm, const Ref& module);
void init_heapq_module(VM& vm, const Ref& module);   // heapq_bisect_modules.cpp
void init_bisect_module(VM& vm, const Ref& module);  // heapq_bisect_modules.cpp
Ref run_python_module(VM& vm, const std::string& name, const char* source);  // threading_module.cpp
extern const char* const kIoPy;                                               // io_py.cpp
extern const char* const kStringPy;                                           // string_py.cpp
extern const char* const kEnumPy;                                             // enum_py.cpp
extern const char* const kStatisticsPy;                                       // statistics_py.cpp
extern const char* const kAbcPy;                                              // abc_py.cpp
extern const char* const kCollectionsAbcPy;                                   // collections_abc_py.cpp
extern const char* const kCopyPy, *const kContextlibPy, *const kTimeitPy;     // small_modules_py.cpp
bool init_weakref_modules(VM& vm, const std::string& name, const Ref& module);  // weakref_module.cpp
Ref create_re_native_module(VM& vm, const Ref& m);                               // re_pattern.cpp
extern const char* const kRePy;                                                 // re_py.cpp
bool init_stdlib_extra(VM& vm, const std::string& name, const Ref& module);     // stdlib_extra_modules.cpp

bool init_more_module(VM& vm, const std::string& name, const Ref& module) {
  if (name == "random") init_random_module(vm, module);
  else if (name == "itertools") init_itertools_module(vm, module);
  else if (name == "json") init_json_module(vm, module);
  else if (name == "dataclasses") init_dataclasses_module(vm, module);
  else if (name == "operator") init_operator_module(vm, module);
  else if (name == "heapq") init_heapq_module(vm, module);
  else if (name == "bisect") init_bisect_module(vm, module);
  else if (name == "statistics" || name == "abc" || name == "copy" || name == "contextlib" || name == "timeit") {
    Ref m = run_python_module(vm, name, name == "abc" ? kAbcPy : name == "copy" ? kCopyPy : name == "contextlib" ? kContextlibPy
                                        : name == "timeit" ? kTimeitPy : kStatisticsPy);
    if (!m) return true;
    if (name == "abc")  // the instantiation error's wording changed in 3.12
      vm.dict_set(m.as<ModuleObj>()->dict.as<DictObj>(), vm.rt.intern("_PY_MINOR"), vm.rt.make_int(vm.python_minor()));
    for (auto& e : m.as<ModuleObj>()->dict.as<DictObj>()->entries)
      if (e.key) vm.dict_set(module.as<ModuleObj>()->dict.as<DictObj>(), e.key, e.value);
  } else if (name == "io" || name == "string" || name == "enum") {
    // the module object comes from running io_py.cpp's / string_py.cpp's / enum_py.cpp's source: copy its namespace
    Ref m = run_python_module(vm, name, name == "io" ? kIoPy : name == "string" ? kStringPy : kEnumPy);
    if (!m) return true;
    for (auto& e : m.as<ModuleObj>()->dict.as<DictObj>()->entries)
      if (e.key) vm.dict_set(module.as<ModuleObj>()->dict.as<DictObj>(), e.key, e.value);
    if (name == "enum")  // str()/format() of members changed in 3.11
      vm.dict_set(m.as<ModuleObj>()->dict.as<DictObj>(), vm.rt.intern("_PY_MINOR"), vm.rt.make_int(vm.python_minor()));
  } else if (name == "collections.abc" || name == "_collections_abc") {
    Ref m = run_python_module(vm, "collections.abc", kCollectionsAbcPy);
    if (!m) return true;
    for (auto& e : m.as<ModuleObj>()->dict.as<DictObj>()->entries)
      if (e.key) vm.dict_set(module.as<ModuleObj>()->dict.as<DictObj>(), e.key, e.value);
  } else if (name == "_pitfall_re") {
    create_re_native_module(vm, module);
  } else if (name == "re") {
    Ref m = run_python_module(vm, name, kRePy);
    if (!m) return true;
    for (auto& e : m.as<ModuleObj>()->dict.as<DictObj>()->entries)
      if (e.key) vm.dict_set(module.as<ModuleObj>()->dict.as<DictObj>(), e.key, e.value);
  } else if (!init_weakref_modules(vm, name, module) && !init_stdlib_extra(vm, name, module)) return false;
  return true;
}

}  // namespace pitfall::sim
