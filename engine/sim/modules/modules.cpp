// Modules the simulator models: time, gc, sys, math, typing, collections,
// functools (reduce), threading, concurrent.futures, multiprocessing, asyncio.
//
// Notes about the model: threading, queue, concurrent.futures and
// multiprocessing run on the scheduler models (threading_module.cpp,
// vm/thread_runtime.h); time.sleep is a scheduler request there. asyncio has
// a real event loop on the virtual clock (asyncio.cpp).
#include <cmath>

#include "sim/vm/frame_objects.h"
#include "sim/vm/int_ops.h"
#include "sim/vm/thread_runtime.h"
#include "sim/vm/vm.h"

namespace pitfall::sim {

void init_typing_more(VM& vm, const Ref& module);  // typing_py.cpp
void init_math_floats(VM& vm, const Ref& module);  // math_float_funcs.cpp
void init_sys_more(VM& vm, const Ref& module);     // sys_version_info.cpp
void init_asyncio(VM& vm, Ref& module);
bool create_thread_module(VM& vm, const std::string& name, Ref& out);
Ref thread_sleep(VM& vm, double seconds);
std::int64_t asyncio_gc_collect(VM& vm);
std::int64_t memory_getsizeof(VM& vm, const Ref& o, bool& ok);  // memory_modules.cpp
void init_memory_module(VM& vm, const std::string& name, Ref& m);
void init_time_more(VM& vm, const Ref& m);   // time_sys_more.cpp: time_ns, thread_time, ...
void init_sys_intern(VM& vm, const Ref& m);  // time_sys_more.cpp

namespace {

enum NativeKind { K_STDOUT = 1, K_STDERR = 2 };

void put(VM& vm, Ref& mod, const char* name, Ref v) { vm.dict_set(mod.as<ModuleObj>()->dict.as<DictObj>(), vm.rt.intern(name), std::move(v)); }
void fn(VM& vm, Ref& mod, const char* name, BuiltinFn f) { put(vm, mod, name, vm.make_builtin(name, f)); }
Ref new_module(VM& vm, const std::string& name) {
  Ref m = make<ModuleObj>(vm.rt.module_t, name);
  m.as<ModuleObj>()->dict = vm.rt.make_dict();
  vm.dict_set(m.as<ModuleObj>()->dict.as<DictObj>(), vm.rt.intern("__name__"), vm.rt.make_str(name));
  return m;
}
bool num_arg(VM& vm, const Ref& x, double& out) {
  if (x->tag == Tag::Int) { out = double(x.as<IntObj>()->v); return true; }
  if (x->tag == Tag::BigInt) return int_to_double(vm, x.get(), out);
  if (x->tag == Tag::Float) { out = x.as<FloatObj>()->v; return true; }
  vm.raise(vm.rt.TypeError, "must be real number, not " + vm.type_name(x));
  return false;
}

// ---- time ----
Ref t_time(VM& vm, Args&) { return vm.rt.make_float(1.7e9 + vm.clock_ns * 1e-9); }
Ref t_perf(VM& vm, Args&) { return vm.rt.make_float(vm.clock_ns * 1e-9); }
Ref t_process(VM& vm, Args&) { return vm.rt.make_float(vm.cpu_ns * 1e-9); }
Ref t_perf_ns(VM& vm, Args&) { return vm.rt.make_int(std::int64_t(vm.clock_ns)); }
Ref t_sleep(VM& vm, Args& a) {
  if (a.n < 1) return vm.raise(vm.rt.TypeError, "time.sleep() takes exactly one argument (0 given)");
  double s;
  if (!num_arg(vm, a.v[0], s)) return nullptr;
  if (s < 0) return vm.raise(vm.rt.ValueError, "sleep length must be non-negative");
  return thread_sleep(vm, s);
}

// ---- sys ----
Ref sys_getsizeof(VM& vm, Args& a) {
  if (a.n < 1) return vm.raise(vm.rt.TypeError, "getsizeof() missing required argument 'object' (pos 1)");
  bool ok = true;
  std::int64_t n = memory_getsizeof(vm, a.v[0], ok);
  if (!ok) return a.n >= 2 && vm.matches(vm.exc, vm.rt.TypeError) ? (vm.exc.reset(), a.v[1]) : nullptr;
  return vm.rt.make_int(n);
}
Ref sys_getrefcount(VM& vm, Args& a) { return vm.rt.make_int(a.v[0]->rc); }
// sys.intern(s): the one shared copy of an equal string (Objects/unicodeobject.c PyUnicode_InternInPlace)
Ref sys_intern(VM& vm, Args& a) {
  if (a.n != 1 || a.v[0]->tag != Tag::Str) return vm.raise(vm.rt.TypeError, "intern() argument must be str, not " + (a.n ? vm.type_name(a.v[0]) : std::string("nothing")));
  if (a.v[0]->cls != vm.rt.str_t) return vm.raise(vm.rt.TypeError, "can't intern " + vm.type_name(a.v[0]));
  return vm.rt.intern(a.v[0].as<StrObj>()->s);
}
Ref sys_getrecursionlimit(VM& vm, Args&) { return vm.rt.make_int(vm.recursion_limit); }
Ref sys_setrecursionlimit(VM& vm, Args& a) {
  std::int64_t n;
  if (!vm.index_value(a.v[0], n)) return nullptr;
  if (n < 1) return vm.raise(vm.rt.ValueError, "recursion limit must be greater or equal than 1");
  vm.recursion_limit = int(std::min<std::int64_t>(n, 100000));
  return vm.rt.None;
}
Ref sys_getswitch(VM& vm, Args&) { return vm.rt.make_float(vm.switch_interval); }
Ref sys_setswitch(VM& vm, Args& a) {
  double s;
  if (!num_arg(vm, a.v[0], s)) return nullptr;
  if (s <= 0) return vm.raise(vm.rt.ValueError, "switch interval must be strictly positive");
  vm.switch_interval = s;
  if (vm.threads && !std::isnan(s)) vm.threads->sched.set_switch_interval(sched::from_seconds(std::min(s, 9e9)));
  return vm.rt.None;
}
Ref stream_write(VM& vm, Args& a) {
  const int k = a.n >= 1 ? native_kind(a.v[0]) : -1;
  if ((k != K_STDOUT && k != K_STDERR) || a.v[0]->cls->module != "_io")
    return vm.raise(vm.rt.TypeError, "descriptor 'write' requires a '_io.TextIOWrapper' object");
  if (a.n < 2 || a.v[1]->tag != Tag::Str) return vm.raise(vm.rt.TypeError, "write() argument must be str");
  (k == K_STDERR ? vm.err : vm.out) += a.v[1].as<StrObj>()->s;
  return vm.rt.make_int(vm.len(a.v[1]));
}
Ref stream_flush(VM& vm, Args&) { return vm.rt.None; }

// ---- math ----
Ref m1(VM& vm, Args& a, double (*f)(double)) {
  if (a.n < 1) return vm.raise(vm.rt.TypeError, "math function takes exactly one argument (0 given)");
  double x;
  if (!num_arg(vm, a.v[0], x)) return nullptr;
  double r = f(x);
  if (std::isnan(r) && !std::isnan(x)) return vm.raise(vm.rt.ValueError, "math domain error");
  if (std::isinf(r) && std::isfinite(x)) return vm.raise(vm.rt.OverflowError, "math range error");
  return vm.rt.make_float(r);
}
Ref m_sqrt(VM& vm, Args& a) { return m1(vm, a, [](double x) { return x < 0 ? NAN : std::sqrt(x); }); }
Ref m_exp(VM& vm, Args& a) { return m1(vm, a, [](double x) { return std::exp(x); }); }
Ref m_sin(VM& vm, Args& a) { return m1(vm, a, [](double x) { return std::sin(x); }); }
Ref m_cos(VM& vm, Args& a) { return m1(vm, a, [](double x) { return std::cos(x); }); }
Ref m_tan(VM& vm, Args& a) { return m1(vm, a, [](double x) { return std::tan(x); }); }
Ref m_atan(VM& vm, Args& a) { return m1(vm, a, [](double x) { return std::atan(x); }); }
Ref m_fabs(VM& vm, Args& a) { return m1(vm, a, [](double x) { return std::fabs(x); }); }
Ref m_log(VM& vm, Args& a) {
  double x;
  if (a.n < 1 || !num_arg(vm, a.v[0], x)) return a.n < 1 ? vm.raise(vm.rt.TypeError, "log expected at least 1 argument, got 0") : nullptr;
  if (x <= 0) return vm.raise(vm.rt.ValueError, "math domain error");
  double r = std::log(x);
  if (a.n > 1) { double b; if (!num_arg(vm, a.v[1], b)) return nullptr; r /= std::log(b); }
  return vm.rt.make_float(r);
}
Ref m_log2(VM& vm, Args& a) { return m1(vm, a, [](double x) { return x <= 0 ? NAN : std::log2(x); }); }
Ref m_log10(VM& vm, Args& a) { return m1(vm, a, [](double x) { return x <= 0 ? NAN : std::log10(x); }); }
// math.floor / math.ceil: an int stays itself (also beyond 64 bits); a float's result is exact
// at any magnitude (OverflowError for infinity, ValueError for NaN, as float.__floor__)
Ref floor_ceil(VM& vm, Args& a, bool up) {
  if (a.n < 1) return vm.raise(vm.rt.TypeError, std::string("math.") + (up ? "ceil" : "floor") + "() takes exactly one argument (0 given)");
  if (a.v[0]->tag == Tag::Int || a.v[0]->tag == Tag::BigInt) return a.v[0]->cls == vm.rt.int_t ? a.v[0] : vm.call1(Ref(vm.rt.int_t), a.v[0]);
  double x;
  if (!num_arg(vm, a.v[0], x)) return nullptr;
  if (std::isnan(x)) return vm.raise(vm.rt.ValueError, "cannot convert float NaN to integer");
  if (std::isinf(x)) return vm.raise(vm.rt.OverflowError, "cannot convert float infinity to integer");
  auto b = pylib::BigInt::from_double(up ? std::ceil(x) : std::floor(x));
  if (!b) return vm.raise(vm.rt.OverflowError, "cannot convert float infinity to integer");
  return vm.rt.make_int(*b);
}
Ref m_floor(VM& vm, Args& a) { return floor_ceil(vm, a, false); }
Ref m_ceil(VM& vm, Args& a) { return floor_ceil(vm, a, true); }
Ref m_isclose(VM& vm, Args& a) {
  double x, y;
  if (!num_arg(vm, a.v[0], x) || !num_arg(vm, a.v[1], y)) return nullptr;
  double rel = 1e-9, abs_tol = 0;
  if (Ref r = a.kw("rel_tol")) num_arg(vm, r, rel);
  if (Ref r = a.kw("abs_tol")) num_arg(vm, r, abs_tol);
  return vm.rt.make_bool(x == y || std::fabs(x - y) <= std::max(rel * std::max(std::fabs(x), std::fabs(y)), abs_tol));
}

// ---- functools ----
Ref f_reduce(VM& vm, Args& a) {
  if (a.n < 2) return vm.raise(vm.rt.TypeError, "reduce expected at least 2 arguments");
  Ref it = vm.iter(a.v[1]);
  if (!it) return nullptr;
  Ref acc = a.n > 2 ? a.v[2] : vm.next(it);
  if (!acc) { if (vm.exc) return nullptr; return vm.raise(vm.rt.TypeError, "reduce() of empty iterable with no initial value"); }
  for (;;) {
    Ref x = vm.next(it);
    if (!x) { if (vm.exc) return nullptr; return acc; }
    acc = vm.call2(a.v[0], acc, x);
    if (!acc) return nullptr;
  }
}

}  // namespace

void init_modules(VM& vm) {
  auto& rt = vm.rt;
  // the sys.stdout / sys.stderr streams
  ClassObj* stream_t = rt.new_builtin_type("TextIOWrapper", rt.object_t, Tag::Other);
  stream_t->module = "_io";
  vm.add_method(stream_t, "write", stream_write);
  vm.add_method(stream_t, "flush", stream_flush);
  vm.dict_set(vm.builtins.as<DictObj>(), rt.intern("__pitfall_stream_t"), Ref(stream_t));
}

Ref create_module(VM& vm, const std::string& name) {
  auto& rt = vm.rt;
  auto hidden = [&](const char* n) { return vm.dict_get_str(vm.builtins.as<DictObj>(), rt.intern(n).as<StrObj>()); };
  if (Ref tm; create_thread_module(vm, name, tm)) return tm;
  Ref m = new_module(vm, name);
  if (name == "time") {
    fn(vm, m, "time", t_time);
    fn(vm, m, "perf_counter", t_perf);
    fn(vm, m, "monotonic", t_perf);
    fn(vm, m, "process_time", t_process);
    fn(vm, m, "perf_counter_ns", t_perf_ns);
    fn(vm, m, "sleep", t_sleep);
    init_time_more(vm, m);
  } else if (name == "gc" || name == "tracemalloc") {
    init_memory_module(vm, name, m);
  } else if (name == "sys") {
    fn(vm, m, "getsizeof", sys_getsizeof);
    fn(vm, m, "exc_info", sys_exc_info);  // vm/frame_objects.h
    fn(vm, m, "_getframe", sys_getframe);
    fn(vm, m, "getrefcount", sys_getrefcount);
    fn(vm, m, "intern", sys_intern);
    fn(vm, m, "getrecursionlimit", sys_getrecursionlimit);
    fn(vm, m, "setrecursionlimit", sys_setrecursionlimit);
    fn(vm, m, "getswitchinterval", sys_getswitch);
    fn(vm, m, "setswitchinterval", sys_setswitch);
    ClassObj* st = hidden("__pitfall_stream_t").as<ClassObj>();
    put(vm, m, "stdout", make<NativeObj>(st, K_STDOUT));
    put(vm, m, "stderr", make<NativeObj>(st, K_STDERR));
    put(vm, m, "maxsize", rt.make_int(9223372036854775807LL));
    put(vm, m, "argv", rt.make_list());
    put(vm, m, "version", rt.make_str(vm.python + ".0"));
    put(vm, m, "modules", vm.modules);
    init_sys_more(vm, m);
    init_sys_intern(vm, m);
  } else if (name == "math") {
    fn(vm, m, "sqrt", m_sqrt);
    fn(vm, m, "exp", m_exp);
    fn(vm, m, "sin", m_sin);
    fn(vm, m, "cos", m_cos);
    fn(vm, m, "tan", m_tan);
    fn(vm, m, "atan", m_atan);
    fn(vm, m, "fabs", m_fabs);
    fn(vm, m, "log", m_log);
    fn(vm, m, "log2", m_log2);
    fn(vm, m, "log10", m_log10);
    fn(vm, m, "floor", m_floor);
    fn(vm, m, "ceil", m_ceil);
    fn(vm, m, "isclose", m_isclose);
    put(vm, m, "pi", rt.make_float(M_PI));
    put(vm, m, "e", rt.make_float(M_E));
    put(vm, m, "tau", rt.make_float(2 * M_PI));
    put(vm, m, "inf", rt.make_float(INFINITY));
    put(vm, m, "nan", rt.make_float(NAN));
    init_math_ints(vm, m);
    init_math_floats(vm, m);
  } else if (name == "typing") {
    for (const char* n : {"Any", "List", "Dict", "Set", "Tuple", "Optional", "Union", "Callable", "Iterable", "Iterator",
                          "Generator", "Sequence", "Mapping", "TypeVar", "Generic", "ClassVar", "Final", "Protocol"})
      put(vm, m, n, Ref(rt.object_t));
    init_typing_more(vm, m);  // typing_py.cpp: NamedTuple, TypedDict, cast, ...
  } else if (name == "collections") {
    put(vm, m, "defaultdict", Ref(rt.defaultdict_t));
    put(vm, m, "Counter", Ref(rt.counter_t));
    put(vm, m, "OrderedDict", Ref(rt.ordereddict_t));
    init_collections_more(vm, m);
  } else if (name == "functools") {
    fn(vm, m, "reduce", f_reduce);
    init_functools_more(vm, m);
  } else if (name == "concurrent") {
    put(vm, m, "futures", vm.import("concurrent.futures"));
    if (vm.exc) return nullptr;
  } else if (name == "asyncio") {
    init_asyncio(vm, m);
  } else if (!init_more_module(vm, name, m)) {
    return nullptr;
  }
  return m;
}

}  // namespace pitfall::sim
