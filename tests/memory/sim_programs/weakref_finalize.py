# weakref.finalize: called once when its object dies, or by hand; alive,
# detach and peek; finalizers still alive at exit run then (newest first)
# unless their atexit attribute is False.
import gc
import weakref


class Resource:
    def __init__(self, name):
        self.name = name


def release(name, how="by death"):
    print("release", name, how)
    return name.upper()


r = Resource("a")
f = weakref.finalize(r, release, "a")
print("alive", f.alive, f.atexit)
del r
print("alive after death", f.alive, f())

r = Resource("b")
f = weakref.finalize(r, release, "b", how="by hand")
print("called", f(), "again", f(), "alive", f.alive)

r = Resource("c")
f = weakref.finalize(r, release, "c")
obj, func, args, kwargs = f.peek()
print("peek", obj.name, func.__name__, args, kwargs)
print("detach", f.detach()[2], "alive", f.alive)
del r, obj
print("nothing released for c")

r = Resource("d")
r.me = r
f = weakref.finalize(r, release, "d", how="by the collector")
del r
print("collected", gc.collect() > 0, f.alive)

keep1 = Resource("exit1")
keep2 = Resource("exit2")
keep3 = Resource("skipped")
weakref.finalize(keep1, release, "exit1", how="at exit")
weakref.finalize(keep2, release, "exit2", how="at exit")
weakref.finalize(keep3, release, "skipped").atexit = False
print("end of program")
