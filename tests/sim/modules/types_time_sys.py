# types (the built-in types, SimpleNamespace, MappingProxyType), sys.intern
# and the nanosecond / thread clocks of time
import sys
import time
import types


def f():
    pass


def g():
    yield 1


async def c():
    pass


class K:
    def m(self):
        pass


print(isinstance(f, types.FunctionType), isinstance(lambda: 0, types.LambdaType), isinstance(g(), types.GeneratorType))
co = c()
print(isinstance(co, types.CoroutineType), isinstance(K().m, types.MethodType), isinstance(len, types.BuiltinFunctionType))
co.close()
print(isinstance(types, types.ModuleType), isinstance(sys, types.ModuleType), types.NoneType is type(None))
print(types.FunctionType.__name__, types.GeneratorType.__name__, types.ModuleType.__name__, types.MethodType.__name__)
ns = types.SimpleNamespace(a=1, b="x")
ns.c = [1, 2]
print(ns, ns.a, ns == types.SimpleNamespace(a=1, b="x", c=[1, 2]), ns != types.SimpleNamespace(), vars(ns))
print(types.SimpleNamespace(), type(ns).__name__, types.SimpleNamespace.__module__)
del ns.a
print(ns)
mp = types.MappingProxyType({"k": 1})
print(mp["k"], len(mp), "k" in mp, list(mp), mp.get("z", 0), list(mp.items()))
try:
    mp["k"] = 2
except TypeError as e:
    print("TypeError", e)
a = "".join(["pit", "fall", "-lab"])
b = "".join(["pitfall", "-", "lab"])
print(a == b, a is b, sys.intern(a) is sys.intern(b))
try:
    sys.intern(1)
except TypeError as e:
    print("TypeError", e)
print(type(time.time_ns()), type(time.monotonic_ns()), type(time.process_time_ns()), type(time.thread_time()),
      type(time.thread_time_ns()))
t0 = time.thread_time()
m0 = time.monotonic_ns()
x = sum(i * i for i in range(20000))
print(time.thread_time() > t0, time.monotonic_ns() > m0, time.time_ns() > 1_600_000_000 * 10 ** 9)
p0 = time.process_time_ns()
time.sleep(0.01)
print("sleep costs little cpu:", time.process_time_ns() - p0 < 5_000_000)
