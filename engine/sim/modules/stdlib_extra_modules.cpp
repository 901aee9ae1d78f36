// Standard-library modules that learner programs use beside the concurrency
// and memory lessons' own: hashlib, zlib, binascii, gzip, os (and os.path), array, struct, types,
// warnings, traceback; each in its own file, this table maps the import name
// to the function that fills the module object.
#include "sim/vm/vm.h"

namespace pitfall::sim {

void init_hashlib_module(VM& vm, const Ref& module);                               // hashlib_module.cpp
void init_zlib_module(VM& vm, const Ref& module);                                  // zlib_module.cpp
void init_binascii_module(VM& vm, const Ref& module);                              // binascii_module.cpp
void init_array_module(VM& vm, const Ref& module);                                 // array_module.cpp
void init_struct_module(VM& vm, const Ref& module);                                // struct_module.cpp
bool init_os_modules(VM& vm, const std::string& name, const Ref& module);          // os_module.cpp
bool init_warnings_modules(VM& vm, const std::string& name, const Ref& module);    // warnings_module.cpp
Ref run_python_module(VM& vm, const std::string& name, const char* source);        // threading_module.cpp
extern const char* const kTypesPy;                                                 // types_module.cpp
extern const char* const kGzipPy;                                                  // gzip_py.cpp
extern const char* const kPprintPy;                                                // pprint_py.cpp
extern const char* const kTextwrapPy;                                              // textwrap_py.cpp

bool init_stdlib_extra(VM& vm, const std::string& name, const Ref& module) {
  if (name == "hashlib") init_hashlib_module(vm, module);
  else if (name == "zlib") init_zlib_module(vm, module);
  else if (name == "binascii") init_binascii_module(vm, module);
  else if (name == "array") init_array_module(vm, module);
  else if (name == "struct") init_struct_module(vm, module);
  else if (name == "builtins") module.as<ModuleObj>()->dict = vm.builtins;  // the builtins namespace itself
  else if (name == "types" || name == "gzip" || name == "pprint" || name == "textwrap") {
    Ref m = run_python_module(vm, name, name == "gzip" ? kGzipPy : name == "pprint" ? kPprintPy : name == "textwrap" ? kTextwrapPy : kTypesPy);
    if (m) module.as<ModuleObj>()->dict = m.as<ModuleObj>()->dict;  // one namespace
  } else return init_os_modules(vm, name, module) || init_warnings_modules(vm, name, module);
  return true;
}

}  // namespace pitfall::sim
