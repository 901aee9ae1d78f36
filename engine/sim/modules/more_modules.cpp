// Modules implemented outside modules.cpp, each in its own file; this table
// maps an import name to the function that fills the module object.
#include "sim/vm/vm.h"

namespace pitfall::sim {

void init_random_module(VM& vm, const Ref& module);
void init_itertools_module(VM& vm, const Ref& module);
void init_json_module(VM& vm, const Ref& module);
void init_dataclasses_module(VM& vm, const Ref& module);
void init_operator_module(VM& vm, const Ref& module);
Ref run_python_module(VM& vm, const std::string& name, const char* source);  // threading_module.cpp
extern const char* const kIoPy;                                               // io_py.cpp
bool init_weakref_modules(VM& vm, const std::string& name, const Ref& module);  // weakref_module.cpp

bool init_more_module(VM& vm, const std::string& name, const Ref& module) {
  if (name == "random") init_random_module(vm, module);
  else if (name == "itertools") init_itertools_module(vm, module);
  else if (name == "json") init_json_module(vm, module);
  else if (name == "dataclasses") init_dataclasses_module(vm, module);
  else if (name == "operator") init_operator_module(vm, module);
  else if (name == "io") {
    // the module object comes from running io_py.cpp's source: copy its namespace
    Ref m = run_python_module(vm, "io", kIoPy);
    if (!m) return true;
    for (auto& e : m.as<ModuleObj>()->dict.as<DictObj>()->entries)
      if (e.key) vm.dict_set(module.as<ModuleObj>()->dict.as<DictObj>(), e.key, e.value);
  } else if (!init_weakref_modules(vm, name, module)) return false;
  return true;
}

}  // namespace pitfall::sim
