// cpu-bound-thread
#include <algorithm>
#include <string>

#include "analysis/cpu_work.h"
#include "analysis/semantic.h"
#include "rules/py_helpers.h"
#include "rules/rule.h"

namespace pitfall::rules {
namespace {

constexpr const char* kDoc = R"md(## cpu-bound-thread

### What it does
Flags a function handed to a thread (`threading.Thread(target=...)`,
`ThreadPoolExecutor.submit/map`, `multiprocessing.pool.ThreadPool`,
`asyncio.to_thread`, `loop.run_in_executor(None, ...)`) whose work is a
pure-Python loop of arithmetic: no I/O, no sleeping, no call that could release
the GIL (functions of the same file are followed).

### Why is this bad?
In CPython (with the GIL, the default build) only one thread executes Python
bytecode at a time. A CPU-bound thread holds the GIL and hands it over every
5 ms (`sys.getswitchinterval()`); the other threads wait. Four threads summing
squares finish no sooner than one thread doing all the work, often a little
later because of the hand-offs. Threads only help while they wait (network,
disk, `time.sleep`) or call C code that releases the GIL.

### Example
```python
import threading

def crunch(n):
    total = 0
    for i in range(n):
        total += i * i
    return total

threads = [threading.Thread(target=crunch, args=(5_000_000,)) for _ in range(4)]
```

### Use instead
```python
from concurrent.futures import ProcessPoolExecutor

def crunch(n):
    total = 0
    for i in range(n):
        total += i * i
    return total

with ProcessPoolExecutor() as pool:
    results = list(pool.map(crunch, [5_000_000] * 4))
```

### References
- `threading` documentation, "CPython implementation detail" on the GIL
- `sys.setswitchinterval` documentation
- David Beazley, "Understanding the Python GIL" (PyCon 2010)
)md";

void check(RuleContext& ctx) {
  // Call texts are parts of the file's text: when it holds none of the words, no call does.
  const NodeIndex& idx = index_of(ctx.tree());
  if (!idx.text_has("Thread") && !idx.text_has("submit") && !idx.text_has("map") && !idx.text_has("to_thread") &&
      !idx.text_has("run_in_executor"))
    return;
  bool any = false;
  for (NodeId c : idx.of("call")) {
    std::string_view t = idx.text(c);
    if (t.find("Thread") != std::string_view::npos || t.find("submit") != std::string_view::npos ||
        t.find("map") != std::string_view::npos || t.find("to_thread") != std::string_view::npos ||
        t.find("run_in_executor") != std::string_view::npos) {
      any = true;
      break;
    }
  }
  if (!any) return;
  const analysis::Model& m = ctx.model();
  std::vector<NodeId> reported;
  for (const analysis::HandOff& h : m.hand_offs()) {
    if (h.worker != analysis::Worker::kThread) continue;
    NodeId loop = analysis::cpu_bound_loop(m, h.def);
    if (loop == kNoNode) continue;
    NodeId at = idx.find(h.target);
    if (at == kNoNode || std::find(reported.begin(), reported.end(), at) != reported.end()) continue;
    reported.push_back(at);
    std::string name(ctx.text(syntax::field(idx.node(h.def), "name")));
    auto& f = ctx.report(h.target, "`" + name + "` runs a pure-Python arithmetic loop in a thread: threads share one "
                                                "GIL, so they take turns instead of running in parallel");
    py::remedy(f, "Run CPU-bound work in processes (`ProcessPoolExecutor`, `multiprocessing.Pool`) or in C code "
                  "that releases the GIL");
  }
}

}  // namespace

Rule cpu_bound_thread_rule() {
  return {{"cpu-bound-thread", "", "warning", "concurrency", kDoc}, check};
}

}  // namespace pitfall::rules
