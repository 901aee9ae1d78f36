// What the asyncio module keeps per simulation (across asyncio.run calls):
// the loop statistics and lanes the report shows, the Task-N counter (global
// in CPython: tasks._task_name_counter) and the warnings already printed
// (the default warnings filter prints each message once per location).
#pragma once
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "report/report.h"
#include "sim/objects/object.h"

namespace pitfall::sim {

class VM;
struct GenObj;

struct AsyncioState {
  bool used = false;  // an event loop ran at least one step
  report::LoopStats stats;
  std::vector<report::TaskLane> tasks;
  std::vector<report::Segment> lane;  // the loop thread while a loop ran
  int task_counter = 0;
  std::map<std::int64_t, std::string> task_names;  // Task-N -> name given by create_task(name=) / set_name
  std::set<std::string> warned;
  // async generators first iterated under a loop (its _asyncgens, a WeakSet:
  // no reference held; asyncio_agen_dealloc drops an entry), closed by shutdown_asyncgens
  std::vector<GenObj*> asyncgens;
  Ref module_dict;  // the asyncio module's namespace (its Python part: run_in_executor, executor shutdown)
};

AsyncioState& asyncio_state(VM& vm);
// Report fields: loop.*, tasks[], and the loop's lane merged into MainThread.
void fill_asyncio_report(VM& vm, report::Report& r);
// "RuntimeWarning: coroutine 'f' was never awaited", from a coroutine freed unstarted.
void warn_never_awaited(VM& vm, const std::string& qualname);
// The running loop's firstiter hook (base_events.py _asyncgen_firstiter_hook):
// an async generator's first __anext__/asend/athrow/aclose registers it.
void asyncio_agen_firstiter(VM& vm, const Ref& agen);
// An async generator whose hooks were initialised is being freed (refcount 0,
// held at 1 meanwhile): leaves the loop's registry; one left unfinished gets
// the loop's finalizer hook, whose aclose() task may keep it alive.
void asyncio_agen_dealloc(VM& vm, GenObj* g);

}  // namespace pitfall::sim
