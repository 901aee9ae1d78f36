"""Runs inside one CPython: prints JSON {case name: sys.getsizeof, ...} and the
traced bytes per object (tracemalloc) for the cases of gen_sizes.py."""
import json, sys, tracemalloc, types, collections

def make_env():
    class Empty: pass
    class Two:
        def __init__(self): self.a = 1; self.b = 2
    class Five:
        def __init__(self): self.a = self.b = self.c = self.d = self.e = 1
    class Eight:
        def __init__(self):
            self.a = 1; self.b = 2; self.c = 3; self.d = 4
            self.e = 5; self.f = 6; self.g = 7; self.h = 8
    class Slots2:
        __slots__ = ("a", "b")
        def __init__(self): self.a = 1; self.b = 2
    class WithMethod:
        def m(self): pass
    def f(): pass
    def g(): yield 1
    def g3(a, b):
        c = a + b
        yield c
    async def co(): pass
    def cellmaker():
        x = 1
        def inner(): return x
        return inner.__closure__[0]
    def frame3(a, b, c):
        d = a + b + c
        return sys._getframe()
    return dict(Empty=Empty, Two=Two, Five=Five, Eight=Eight, Slots2=Slots2, WithMethod=WithMethod, f=f, g=g,
                co=co, g3=g3, cellmaker=cellmaker, frame3=frame3, types=types,
                collections=collections, sys=sys)

FRAMES = {}

def getsizes(cases):
    env = make_env()
    out = {}
    for c in cases:
        ns = dict(env, i=7, o=env["Empty"]())
        exec(c["code"], ns)
        obj = ns["x"]
        out[c["name"]] = sys.getsizeof(obj)
        code = getattr(obj, "gi_code", None) or getattr(obj, "cr_code", None)
        if code is not None:  # the frame shape the VM's compiler would report
            nlp = code.co_nlocals + len(code.co_cellvars) + len(code.co_freevars)
            FRAMES[c["name"]] = [nlp, code.co_stacksize]
        if c.get("close"):
            obj.close()
    return out

def traced(cases, n=4000):
    """Traced bytes per object: growth of tracemalloc's current size between the
    1000th and the (n)th object kept alive, divided by the objects created."""
    env = make_env()
    out = {}
    for c in cases:
        if not c.get("traced"):
            continue
        ns = dict(env, i=7, o=env["Empty"]())
        code = compile(c["code"], "<case>", "exec")
        keep = [None] * n
        ints = list(range(1000, 1000 + n))  # loop values exist before measuring
        tracemalloc.start()
        mark = 0
        for i in range(n):
            if i == 1000:
                mark = tracemalloc.get_traced_memory()[0]
            ns["i"] = ints[i]
            exec(code, ns)
            keep[i] = ns["x"]
        cur = tracemalloc.get_traced_memory()[0]
        tracemalloc.stop()
        out[c["name"]] = round((cur - mark) / (n - 1000))
        del keep
    return out

if __name__ == "__main__":
    cases = json.load(open(sys.argv[1]))
    print(json.dumps({"getsizeof": getsizes(cases), "traced": traced(cases), "frames": FRAMES}))
