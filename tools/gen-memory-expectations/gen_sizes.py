"""Generates tests/memory/sizes.json: sys.getsizeof and tracemalloc traced
bytes per object for each case below, measured with the installed CPythons.
Each case names the model call that must reproduce it ("kind" + parameters);
the numbers come only from the interpreters. Run: python3 gen_sizes.py"""
import json, os, subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "tests", "memory", "sizes.json")
PYTHONS = {v: f"/root/.pyenv/versions/{p}/bin/python3" for v, p in
           [("3.10", "3.10.13"), ("3.11", "3.11.7"), ("3.12", "3.12.1"), ("3.13", "3.13.0")]}

cases = []
def case(name, code, kind, traced=False, **params):
    cases.append(dict(name=name, code=code, kind=kind, traced=traced, params=params))

case("None", "x = None", "none")
case("True", "x = True", "bool")
case("False", "x = False", "bool")
for expr, nd in [("0", 0), ("1", 1), ("-1", 1), ("2**30-1", 1), ("2**30", 2), ("2**60", 3),
                 ("2**90", 4), ("10**100", 12), ("-(2**64)", 3), ("10**1000", 111)]:
    case(f"int {expr}", f"x = {expr}", "int", ndigits=nd)
case("int i+1 (traced)", "x = i + 1", "int", traced=True, ndigits=1, from_add=True)
case("int 2**64+i (traced)", "x = 2**64 + i", "int", traced=True, ndigits=3, from_add=True)
case("float", "x = 1.5", "float")
case("float i+0.5 (traced)", "x = i + 0.5", "float", traced=True)
case("complex", "x = 1j", "complex")
for label, ch, kind in [("ascii", "a", 1), ("latin1", "\u00e9", 2), ("ucs2", "\u20ac", 3), ("ucs4", "\U0001F600", 4)]:
    for n in ([0, 1, 10, 100] if kind == 1 else [1, 10, 100]):
        case(f"str {label} len{n}", f"x = {ch!r} * {n}", "str", str_kind=kind, length=n)
case("str ascii len10 built (traced)", "x = 'abcde' + str(i % 10).zfill(5)", "str", traced=True, str_kind=1, length=10)
case("str mixed ascii+ucs4 len5", "x = 'abcd' + '\\U0001F600'", "str", str_kind=4, length=5)
for n in [0, 1, 10, 100, 1000]:
    case(f"bytes len{n}", f"x = b'a' * {n}", "bytes", length=n)
case("bytes len100 (traced)", "x = bytes(100)", "bytes", traced=True, length=100)
case("bytes len1000 (traced)", "x = bytes(1000)", "bytes", traced=True, length=1000)
case("bytearray()", "x = bytearray()", "bytearray", length=0)
case("bytearray len10", "x = bytearray(b'a' * 10)", "bytearray", length=10)
case("bytearray len100", "x = bytearray(100)", "bytearray", length=100)
for n in [0, 1, 2, 10, 100]:
    case(f"tuple len{n}", f"x = tuple(range({n}))", "tuple", length=n)
case("tuple (o, o) (traced)", "x = (o, o)", "tuple", traced=True, length=2)
# lists: how they were built matters
case("list []", "x = []", "list", how="exact", n=0)
case("list [1] literal", "x = [1]", "list", how="exact", n=1)
case("list [1, 2] literal", "x = [1, 2]", "list", how="exact", n=2)
case("list [o, o] (traced)", "x = [o, o]", "list", traced=True, how="exact", n=2)
case("list [] (traced)", "x = []", "list", traced=True, how="exact", n=0)
case("list [1,2,3] const literal", "x = [1, 2, 3]", "list", how="extend", n=3)
case("list 10 const literal", "x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]", "list", how="extend", n=10)
for n in [0, 1, 5, 9, 10, 100, 1000]:
    case(f"list(range({n}))", f"x = list(range({n}))", "list", how="from_iter_len", n=n)
case("list(range(10)) (traced)", "x = list(range(10))", "list", traced=True, how="from_iter_len", n=10)
case("list(range(100)) (traced)", "x = list(range(100))", "list", traced=True, how="from_iter_len", n=100)
for n in [1, 4, 5, 9, 17, 100, 1000]:
    case(f"list comprehension {n}", f"x = [j for j in range({n})]", "list", how="append", n=n)
for n in [10, 100]:
    case(f"list append loop {n}", f"x = []\nfor j in range({n}): x.append(j)", "list", how="append", n=n)
for n in [1, 10, 1000]:
    case(f"list [None]*{n}", f"x = [None] * {n}", "list", how="exact", n=n)
case("list(tuple of 7)", "x = list((1,2,3,4,5,6,7))", "list", how="extend", n=7)
# dicts
case("dict {}", "x = {}", "dict", how="insert", n=0, str_keys=True)
for n in [1, 5, 6, 10, 11, 21, 22, 100, 1000]:
    case(f"dict {n} str keys inserted", f"x = {{}}\nfor j in range({n}): x['k%d' % j] = j", "dict", how="insert", n=n, str_keys=True)
for n in [1, 5, 6, 100]:
    case(f"dict {n} int keys inserted", f"x = {{}}\nfor j in range({n}): x[j] = j", "dict", how="insert", n=n, str_keys=False)
case("dict {'a': o, 'b': o} (traced)", "x = {'a': o, 'b': o}", "dict", traced=True, how="literal", n=2, str_keys=True)
case("dict literal 1 int key", "x = {1: 1}", "dict", how="literal", n=1, str_keys=False)
case("dict literal 6 str keys", "x = {'a':1,'b':2,'c':3,'d':4,'e':5,'f':6}", "dict", how="literal", n=6, str_keys=True)
case("dict literal 8 str keys", "x = {'a':1,'b':2,'c':3,'d':4,'e':5,'f':6,'g':7,'h':8}", "dict", how="literal", n=8, str_keys=True)
case("dict comprehension 100 int keys", "x = {j: j for j in range(100)}", "dict", how="insert", n=100, str_keys=False)
# sets
case("set()", "x = set()", "set", n=0)
for n in [1, 4, 5, 18, 19, 100, 1000]:
    case(f"set add {n}", f"x = set()\nfor j in range({n}): x.add(j)", "set", n=n)
case("set {o} (traced)", "x = {o}", "set", traced=True, n=1)
case("frozenset()", "x = frozenset()", "set", n=0)
case("frozenset range(10)", "x = frozenset(range(10))", "set", n=10)
# misc
for n in [0, 10, 10**9]:
    case(f"range({n})", f"x = range({n})", "range")
case("object()", "x = object()", "object")
case("instance Empty", "x = Empty()", "instance", nattrs=0)
case("instance 2 attrs", "x = Two()", "instance", nattrs=2)
case("instance 2 attrs (traced)", "x = Two()", "instance", traced=True, nattrs=2)
case("instance 5 attrs (traced)", "x = Five()", "instance", traced=True, nattrs=5)
case("instance 0 attrs (traced)", "x = Empty()", "instance", traced=True, nattrs=0)
case("instance 8 attrs (traced)", "x = Eight()", "instance", traced=True, nattrs=8)
case("instance 2 attrs __dict__", "x = Two().__dict__", "instance_dict", nattrs=2)
case("instance 8 attrs __dict__", "x = Eight().__dict__", "instance_dict", nattrs=8)
case("instance __slots__ 2", "x = Slots2()", "slots_instance", nslots=2)
case("instance __slots__ 2 (traced)", "x = Slots2()", "slots_instance", traced=True, nslots=2)
case("function", "x = f", "function")
case("lambda", "x = lambda: 0", "function")
case("bound method", "x = WithMethod().m", "bound_method")
case("class object", "class C: pass\nx = C", "type")
case("generator", "x = g()", "generator", close=True)
case("generator 3 locals", "x = g3(1, 2)", "generator", close=True)
case("coroutine", "x = co()", "coroutine", close=True)
case("cell", "x = cellmaker()", "cell")
case("module", "x = types.ModuleType('m')", "module")
case("deque()", "x = collections.deque()", "deque", n=0)
case("deque 100", "x = collections.deque(range(100))", "deque", n=100)
case("defaultdict(list)", "x = collections.defaultdict(list)", "defaultdict", n=0)

def main():
    tmp = os.path.join(HERE, "_cases.json")
    with open(tmp, "w") as f:
        json.dump(cases, f)
    results = {}
    for v, exe in PYTHONS.items():
        if os.path.exists(exe):
            out = subprocess.run([exe, os.path.join(HERE, "sizes_cases.py"), tmp],
                                 capture_output=True, text=True)
            if out.returncode: raise SystemExit(out.stderr)
            out = out.stdout
            results[v] = json.loads(out)
    os.remove(tmp)
    rows = []
    for c in cases:
        row = {"name": c["name"], "kind": c["kind"], "params": c["params"],
               "getsizeof": {v: r["getsizeof"][c["name"]] for v, r in results.items()}}
        frames = {v: r["frames"][c["name"]] for v, r in results.items() if c["name"] in r["frames"]}
        if frames:
            row["frame"] = frames  # [nlocalsplus, stacksize] of the code object per version
        if c["traced"]:
            row["traced"] = {v: r["traced"][c["name"]] for v, r in results.items()}
        rows.append(row)
    with open(OUT, "w") as f:
        f.write('{"generated_by": "tools/gen-memory-expectations/gen_sizes.py",\n "cases": [\n')
        f.write(",\n".join("  " + json.dumps(r) for r in rows))
        f.write("\n]}\n")
    print(f"{len(rows)} cases -> {OUT}")

if __name__ == "__main__":
    main()
