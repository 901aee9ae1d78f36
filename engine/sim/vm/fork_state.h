// A child process's own copy of the program's objects, and the pickling that
// carries values between processes (multiprocessing, modules/threading_module.cpp).
//
// Notes about the model: the simulator runs a child's code in this
// interpreter, so fork's copy-on-write copy of the parent is modelled by
// saving the contents of every mutable object reachable from the program's
// own modules (and the call's target and arguments) before the child runs
// and writing them back afterwards: whatever the child appends, rebinds or
// sets on those objects is invisible to the parent, as in CPython. A child's
// state can itself be saved and put back later (each of a Pool's workers
// keeps its globals between tasks; a Process child's view is saved and put
// back each time it runs, vm/process_states.h). Objects held by native
// objects (multiprocessing's shared Value cells, Queues, locks) are not
// walked: they stay shared, as shared memory and pipes do. Left out:
// generators' frames and built-in modules' state are not copied.
// pickle_copy is pickle.loads(pickle.dumps(v)): containers and instances are
// copied (shared references kept shared), functions and classes travel by
// reference and must be importable (Lib/pickle.py save_global: a lambda is a
// PicklingError, a local function an AttributeError, with CPython's text).
#pragma once
#include <cstdint>
#include <vector>

#include "sim/objects/object.h"

namespace pitfall::sim {

class VM;

class ForkState {
 public:
  // Records the contents of every mutable object reachable from the roots.
  void capture(VM& vm, const std::vector<Ref>& roots);
  // Writes the recorded contents back into the same objects.
  void apply() const;
  bool empty() const { return saved_.empty(); }

 private:
  struct Saved {
    Ref obj;
    std::vector<Ref> refs;  // list items, instance slots
    std::vector<DictEntry> entries;
    DictIndex index;
    std::int64_t used = 0, fill = 0, finger = 0;
    Ref extra;  // instance dict, cell value, dict default_factory
    bool leaves = false;  // a list holding only plain values (ints, strs, ...)
  };
  std::vector<Saved> saved_;
};

// The roots a forked child's state is reached from: the program's own modules
// (__main__ and modules not provided by the simulator) plus `extra`.
std::vector<Ref> fork_roots(VM& vm, const std::vector<Ref>& extra);

// pickle.loads(pickle.dumps(v)); null with the exception set when v cannot be pickled.
Ref pickle_copy(VM& vm, const Ref& v);
// Whether v can be pickled (raises CPython's error when not).
bool pickle_check(VM& vm, const Ref& v);
// pickle_copy as a spawned child unpickles it: functions and classes of the
// program's main module are looked up again in `child_main` (the child's
// re-import of the program as __mp_main__).
Ref pickle_copy_into(VM& vm, const Ref& v, const Ref& child_main);

}  // namespace pitfall::sim
