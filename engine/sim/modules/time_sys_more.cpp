// More of `time` and `sys` on the virtual clock: time_ns, monotonic_ns,
// process_time_ns, thread_time(_ns) (the running thread's own CPU: the
// scheduler's count for its finished slices plus the running one), and
// sys.intern (the interned string: `is` holds between equal interned strings).
#include <cmath>

#include "sim/vm/thread_runtime.h"
#include "sim/vm/vm.h"

namespace pitfall::sim {

namespace {

// CPU of the running thread, ns.
double thread_cpu_ns(VM& vm) {
  ThreadRuntime* t = vm.threads;
  if (!t) return vm.cpu_ns;
  const auto& threads = t->sched.threads();
  const auto id = std::size_t(t->current());
  if (id >= threads.size()) return vm.cpu_ns;
  const auto& th = threads[id];
  // the scheduler's clock stays at the start of the running slice while the body runs
  return double(th.cpu) + std::max(0.0, vm.clock_ns - double(t->sched.now()));
}

Ref t_time_ns(VM& vm, Args&) { return vm.rt.make_int(std::int64_t(1.7e18 + vm.clock_ns)); }
Ref t_monotonic_ns(VM& vm, Args&) { return vm.rt.make_int(std::int64_t(vm.clock_ns)); }
Ref t_process_ns(VM& vm, Args&) { return vm.rt.make_int(std::int64_t(vm.cpu_ns)); }
Ref t_thread(VM& vm, Args&) { return vm.rt.make_float(thread_cpu_ns(vm) * 1e-9); }
Ref t_thread_ns(VM& vm, Args&) { return vm.rt.make_int(std::int64_t(thread_cpu_ns(vm))); }

Ref sys_intern(VM& vm, Args& a) {
  if (a.n != 1) return vm.raise(vm.rt.TypeError, "intern() takes exactly one argument (" + std::to_string(a.n) + " given)");
  if (a.v[0]->tag != Tag::Str) return vm.raise(vm.rt.TypeError, "intern() argument must be str, not " + vm.type_name(a.v[0]));
  if (a.v[0]->cls != vm.rt.str_t) return vm.raise(vm.rt.TypeError, "can't intern " + vm.type_name(a.v[0]));
  // PyUnicode_InternInPlace: the string already in the table, else this one joins it
  const std::string& s = a.v[0].as<StrObj>()->s;
  auto it = vm.rt.interned.find(s);
  if (it != vm.rt.interned.end()) return it->second;
  a.v[0].as<StrObj>()->interned = true;
  vm.rt.interned.emplace(s, a.v[0]);
  return a.v[0];
}

void fn(VM& vm, const Ref& m, const char* name, BuiltinFn f) {
  vm.dict_set(m.as<ModuleObj>()->dict.as<DictObj>(), vm.rt.intern(name), vm.make_builtin(name, f));
}

}  // namespace

void init_time_more(VM& vm, const Ref& m) {
  fn(vm, m, "time_ns", t_time_ns);
  fn(vm, m, "monotonic_ns", t_monotonic_ns);
  fn(vm, m, "process_time_ns", t_process_ns);
  fn(vm, m, "thread_time", t_thread);
  fn(vm, m, "thread_time_ns", t_thread_ns);
}

void init_sys_intern(VM& vm, const Ref& m) { fn(vm, m, "intern", sys_intern); }

}  // namespace pitfall::sim
