// Compiled-in fall-back costs, used for keys a cost table lacks and for builds
// whose embedded table is missing. Values are rounded CPython 3.11 figures from
// tools/calibrate on the reference machine, scaled per build by published
// speed ratios (cpython-facts.md §6); the JSON tables are the real source.
#pragma once

#include <string_view>

namespace pitfall::sim::costs {

struct DefaultOp {
  const char* key;
  double ns;
};
struct DefaultBuiltin {
  const char* key;
  double base_ns, per_item_ns, per_nlogn_ns;
  bool releases_gil;
};

// Terminated by an entry with key == nullptr.
extern const DefaultOp kDefaultOps[];
extern const DefaultBuiltin kDefaultBuiltins[];
extern const DefaultOp kDefaultParams[];  // not scaled

// Multiplier applied to the 3.11 figures for a build ("3.10".."3.14"); 0 if unknown.
double default_scale(std::string_view version, bool free_threaded, bool jit);

}  // namespace pitfall::sim::costs
