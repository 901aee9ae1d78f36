// The interpreter's own population of objects tracked by CPython's cyclic
// collector: what a fresh interpreter holds at the program's first line, and
// what each imported standard-library module adds (its functions, classes,
// dicts, tuples of constants...). The simulator does not model these objects
// one by one, but a full collection traverses them all (gc_collect_main merges
// every generation into the oldest, Modules/gcmodule.c), so their number is
// what makes `gc.collect()` after `import asyncio` a pause of milliseconds.
// They live in the oldest generation (imports run many young collections), so
// young collections never see them.
//
// The figures are measured on the installed CPythons by
// tools/gen-memory-expectations/gen_interpreter_objects.py, per real module
// (importlib's _load_unlocked wrapped, nested imports subtracted), so a
// program importing several modules pays for the union of the modules they
// load, each once. 3.14 uses 3.13's figures.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace pitfall::sim::memory {

// Generated data (interpreter_objects_data.cpp).
struct ModelledImport {
  const char* name;  // the import name a program writes ("asyncio")
  const int* loads;  // indices into kRealModules of the modules it loads, -1 ends
};
struct InterpreterPopulation {
  int minor;
  int startup;         // tracked objects at a fresh interpreter's first line
  const int* weights;  // tracked objects each real module adds (kRealModules order)
  const ModelledImport* imports;  // name == nullptr ends
};
extern const char* const kRealModules[];
extern const int kRealModuleCount;
extern const InterpreterPopulation kPopulations[];
extern const int kPopulationCount;

class InterpreterObjects {
 public:
  explicit InterpreterObjects(int minor);
  // Tracked objects of a fresh interpreter (stock CPython, no site-packages .pth).
  std::int64_t startup() const { return pop_ ? pop_->startup : 0; }
  // The program imports `name`: the tracked objects of the real modules that
  // import loads and that no earlier import loaded (0 for a module without data).
  std::int64_t import(const std::string& name);

 private:
  const InterpreterPopulation* pop_ = nullptr;
  std::vector<bool> loaded_;
};

}  // namespace pitfall::sim::memory
