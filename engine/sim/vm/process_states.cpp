// Each process's view of the program's objects (see process_states.h).
#include "sim/vm/process_states.h"

#include <algorithm>

#include "sim/vm/vm.h"
#include "sim/vm/vm_memory.h"

namespace pitfall::sim {

void os_enter_child(VM& vm, std::int64_t worker);  // modules/os_module.cpp

int ProcessStates::fork(VM& vm, const std::vector<Ref>& roots, std::int64_t pid) {
  for (const Ref& r : roots)
    if (r && std::find(roots_.begin(), roots_.end(), r) == roots_.end()) roots_.push_back(r);
  states_.emplace_back();
  states_.back().capture(vm, fork_roots(vm, roots_));
  pids_.push_back(pid);
  live_.push_back(true);
  cpu_.push_back(0.0);
  return int(states_.size()) - 1;
}

void ProcessStates::enter(VM& vm, int p) {
  if (p == applied_ || p < 0 || p >= int(states_.size())) return;
  if (live_[std::size_t(applied_)]) states_[std::size_t(applied_)].capture(vm, fork_roots(vm, roots_));
  else states_[std::size_t(applied_)] = ForkState();
  if (vm.memory && applied_ == 0) parent_peaks_ = vm.memory->mem().peaks();
  if (vm.memory && p == 0) vm.memory->mem().restore_peaks(parent_peaks_);
  states_[std::size_t(p)].apply();
  cpu_[std::size_t(applied_)] = vm.cpu_ns;
  vm.cpu_ns = cpu_[std::size_t(p)];
  applied_ = p;
  os_enter_child(vm, pids_[std::size_t(p)]);
}

void ProcessStates::end(int p) {
  if (p <= 0 || p >= int(states_.size())) return;
  live_[std::size_t(p)] = false;
  if (p != applied_) states_[std::size_t(p)] = ForkState();
}

}  // namespace pitfall::sim
