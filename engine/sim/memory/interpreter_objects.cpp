// The interpreter's tracked-object population (see interpreter_objects.h).
#include "sim/memory/interpreter_objects.h"

#include <algorithm>

namespace pitfall::sim::memory {

InterpreterObjects::InterpreterObjects(int minor) {
  // the nearest measured version at or below `minor` (3.14 -> 3.13), else the oldest
  for (int i = 0; i < kPopulationCount; ++i)
    if (kPopulations[i].minor <= minor && (!pop_ || kPopulations[i].minor > pop_->minor)) pop_ = &kPopulations[i];
  if (!pop_ && kPopulationCount > 0) pop_ = &kPopulations[0];
  loaded_.assign(std::size_t(kRealModuleCount), false);
}

std::int64_t InterpreterObjects::import(const std::string& name) {
  if (!pop_) return 0;
  for (const ModelledImport* m = pop_->imports; m->name; ++m) {
    if (name != m->name) continue;
    std::int64_t added = 0;
    for (const int* i = m->loads; *i >= 0; ++i) {
      if (loaded_[std::size_t(*i)]) continue;
      loaded_[std::size_t(*i)] = true;
      added += pop_->weights[*i];
    }
    return std::max<std::int64_t>(0, added);
  }
  return 0;
}

}  // namespace pitfall::sim::memory
