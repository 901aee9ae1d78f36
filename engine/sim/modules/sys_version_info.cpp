// sys.version_info (a tuple subclass with named fields, as CPython's
// structseq: indexing, slicing, comparison with plain tuples, `.major`),
// sys.exit (the built-in exit), sys.platform and sys.float_info / sys.int_info's common fields,
// added to the `sys` module that modules.cpp creates.
// Model notes: the micro version is 0, as in the simulator's sys.version.
#include "sim/vm/vm.h"

namespace pitfall::sim {

Ref run_python_module(VM& vm, const std::string& name, const char* source);  // threading_module.cpp

namespace {

const char* const kSysMorePy = R"PY(
class version_info(tuple):
    __slots__ = ()
    n_fields = 5
    n_sequence_fields = 5
    n_unnamed_fields = 0

    def __new__(cls, t):
        return tuple.__new__(cls, t)

    major = property(lambda self: self[0])
    minor = property(lambda self: self[1])
    micro = property(lambda self: self[2])
    releaselevel = property(lambda self: self[3])
    serial = property(lambda self: self[4])

    def __repr__(self):
        return "sys.version_info(major=%r, minor=%r, micro=%r, releaselevel=%r, serial=%r)" % tuple(self)


version_info.__module__ = 'sys'


class float_info(tuple):
    __slots__ = ()
    _fields = ('max', 'max_exp', 'max_10_exp', 'min', 'min_exp', 'min_10_exp', 'dig', 'mant_dig',
               'epsilon', 'radix', 'rounds')

    def __new__(cls, t):
        return tuple.__new__(cls, t)

    max = property(lambda self: self[0])
    max_exp = property(lambda self: self[1])
    max_10_exp = property(lambda self: self[2])
    min = property(lambda self: self[3])
    min_exp = property(lambda self: self[4])
    min_10_exp = property(lambda self: self[5])
    dig = property(lambda self: self[6])
    mant_dig = property(lambda self: self[7])
    epsilon = property(lambda self: self[8])
    radix = property(lambda self: self[9])
    rounds = property(lambda self: self[10])

    def __repr__(self):
        return "sys.float_info(" + ", ".join("%s=%r" % (n, v) for n, v in zip(self._fields, self)) + ")"


float_info.__module__ = 'sys'


def _make(minor):
    return (version_info((3, minor, 0, 'final', 0)),
            float_info((1.7976931348623157e+308, 1024, 308, 2.2250738585072014e-308, -1021, -307, 15, 53,
                        2.220446049250313e-16, 2, 1)))
)PY";

}  // namespace

void init_sys_more(VM& vm, const Ref& module) {
  Ref m = run_python_module(vm, "_pitfall_sys", kSysMorePy);
  if (!m) { vm.exc.reset(); return; }
  vm.dict_del(vm.modules.as<DictObj>(), vm.rt.intern("_pitfall_sys"));
  DictObj* src = m.as<ModuleObj>()->dict.as<DictObj>();
  DictObj* dst = module.as<ModuleObj>()->dict.as<DictObj>();
  Ref made = vm.call1(vm.dict_get_str(src, vm.rt.intern("_make").as<StrObj>()), vm.rt.make_int(vm.python_minor()));
  if (!made) { vm.exc.reset(); return; }
  for (const Ref& o : made.as<TupleObj>()->items) o->cls->module = "sys";
  vm.dict_set(dst, vm.rt.intern("version_info"), made.as<TupleObj>()->items[0]);
  vm.dict_set(dst, vm.rt.intern("float_info"), made.as<TupleObj>()->items[1]);
  vm.dict_set(dst, vm.rt.intern("exit"), vm.dict_get_str(vm.builtins.as<DictObj>(), vm.rt.intern("exit").as<StrObj>()));
  vm.dict_set(dst, vm.rt.intern("platform"), vm.rt.make_str("linux"));
  vm.dict_set(dst, vm.rt.intern("byteorder"), vm.rt.make_str("little"));
}

}  // namespace pitfall::sim
