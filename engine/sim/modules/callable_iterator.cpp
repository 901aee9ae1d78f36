// iter(callable, sentinel): CPython's callable_iterator (Objects/iterobject.c
// calliter_iternext: call, compare with == to the sentinel, stop on equal).
//
// Notes about the model: it is a generator over Python source, so a call that
// blocks (`for job in iter(queue.get, None):` in a worker thread or process)
// stops and resumes the loop's thread as in a function's own code, which a
// native iterator called by FOR_ITER could not. Left out: its type is
// `generator`, not `callable_iterator`.
#include "sim/vm/vm.h"

namespace pitfall::sim {

Ref run_python_module(VM& vm, const std::string& name, const char* source);  // threading_module.cpp

namespace {

const char* const kCallIterPy = R"PY(
def calliter(f, sentinel):
    while True:
        v = f()
        if v == sentinel:
            return
        yield v
)PY";

}  // namespace

Ref iter_callable(VM& vm, const Ref& f, const Ref& sentinel) {
  Ref m = vm.modules ? vm.dict_get_str(vm.modules.as<DictObj>(), vm.rt.intern("_pitfall_calliter").as<StrObj>()) : Ref();
  if (!m) {
    vm.exc.reset();
    double c0 = vm.cpu_ns, w0 = vm.clock_ns;  // the interpreter's own type: no import cost
    m = run_python_module(vm, "_pitfall_calliter", kCallIterPy);
    vm.cpu_ns = c0;
    vm.clock_ns = w0;
    if (!m) return nullptr;
  }
  Ref fn = vm.dict_get_str(m.as<ModuleObj>()->dict.as<DictObj>(), vm.rt.intern("calliter").as<StrObj>());
  if (!fn) return nullptr;
  Ref argv[2] = {f, sentinel};
  return vm.call(fn, argv, 2);
}

}  // namespace pitfall::sim
