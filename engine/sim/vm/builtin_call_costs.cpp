// Per-built-in base costs of calls (see builtin_call_costs.h).
#include "sim/vm/builtin_call_costs.h"

#include <cstring>
#include <string>

#include "sim/costs/cost_table.h"
#include "sim/vm/vm.h"

namespace pitfall::sim {

namespace {

// Entries whose base is not the call's own CPU time, because the VM charges it
// elsewhere: `builtin.dict.items` is timed as `list(D.items())`, and the VM
// charges the conversion as `builtin.list` (tools/calibrate_lib/benchmarks.py);
// `builtin.time.sleep` holds the wake-up latency (sleep.overhead_ns, wall time),
// which the sleep itself adds to the time asleep (modules/threading_module.cpp).
bool times_more_than_the_call(const std::string& key) {
  return key == "builtin.dict.items" || key == "builtin.time.sleep";
}

// The module a built-in function lives in (`math` for math.sqrt, also when it
// was imported with `from math import sqrt`), or null for the builtins module
// and functions no module holds.
const ModuleObj* home_module(VM& vm, const BuiltinObj* b) {
  if (!vm.modules || vm.modules->tag != Tag::Dict) return nullptr;
  for (const DictEntry& m : vm.modules.as<DictObj>()->entries) {
    if (!m.key || !m.value || m.value->tag != Tag::Module) continue;
    const auto* mod = m.value.as<ModuleObj>();
    if (mod->name == "builtins" || mod->name == "__main__" || !mod->dict || mod->dict->tag != Tag::Dict) continue;
    for (const DictEntry& e : mod->dict.as<DictObj>()->entries)
      if (e.key && e.value.get() == b) return mod;
  }
  return nullptr;
}

double resolve(VM& vm, const BuiltinObj* b, const Args& a) {
  if (!vm.cost_table || !b->name) return 0;
  const auto* table = static_cast<const costs::CostTable*>(vm.cost_table);
  std::string key = "builtin.";
  if (b->is_method && !std::strchr(b->name, '.')) {
    // a method of a built-in type: named after the first built-in class of self's MRO
    if (a.n < 1 || !a.v[0] || !a.v[0]->cls) return 0;
    const ClassObj* owner = nullptr;
    for (const ClassObj* c : a.v[0]->cls->mro)
      if (c->builtin) { owner = c; break; }
    if (!owner) return 0;
    key += owner->name + ".";
  } else if (!b->is_method) {
    // a module function: `builtin.<module>.<name>` (builtin.math.sqrt, builtin.time.perf_counter)
    if (const ModuleObj* mod = home_module(vm, b)) key += mod->name + ".";
  }
  key += b->name;
  if (!table->has_builtin(key) || times_more_than_the_call(key)) return 0;
  return table->builtin(key).base_ns;
}

}  // namespace

double builtin_call_base_ns(VM& vm, BuiltinObj* b, const Args& a) {
  if (b->call_ns < 0) b->call_ns = resolve(vm, b, a);
  return b->call_ns;
}

double builtin_raise_ns(VM& vm) {
  if (!vm.cost_table) return 0;
  return static_cast<const costs::CostTable*>(vm.cost_table)->param("exception.builtin_raise_ns", 0);
}

}  // namespace pitfall::sim
