"""Benchmarks of tools/calibrate: what is timed on the real interpreter and
which cost-table keys each timing stands for.

Every op benchmark carries `keys`: the instructions the simulator's VM
executes for the timed statement, written in the cost table's vocabulary
(engine/sim/costs/README.md). The keys describe the simulated VM's
instruction set, which is the same for every CPython version, so the fit
makes "sum of instruction costs" reproduce the measured time whatever
bytecode the real interpreter used (superinstructions, PRECALL, TO_BOOL ...).
Loop keys of the timed loop itself are left out of statement benchmarks
(the empty loop is subtracted) and listed in absolute benchmarks.
"""

COMMON = """
import math
G = 1
class C:
    k = 1
    def __init__(self):
        self.a = 1
        self._p = 1
    def m(self):
        return None
    @property
    def p(self):
        return self._p
class E:
    pass
class I2:
    def __init__(self):
        self.a = 1
        self.b = 2
class S:
    __slots__ = ("a",)
    def __init__(self):
        self.a = 1
def f0():
    return None
def f1(a):
    return None
def fkw(a, c=3):
    return None
def gen(n):
    for i in range(n):
        yield i
o = C(); s_o = S(); x = 1; z = 3; w = 7
big1 = 2 ** 100; big2 = 3 ** 70
fa = 1.5; fb = 2.25
s1 = "hello"; s2 = "world"
t1 = (1, 2); t2 = (3, 4)
l = [1, 2, 3]; l2 = [4, 5]
d = {"key": 1, 12345: 2}; k = "key"
st = {1, 2, 3, 4}
r = range(10)
"""

# locals bound in function benchmarks (names defined by COMMON)
LOCALS = ["C", "E", "I2", "S", "f0", "f1", "fkw", "o", "s_o", "x", "z", "w", "big1", "big2",
          "fa", "fb", "s1", "s2", "t1", "t2", "l", "l2", "d", "k", "st", "r", "math"]

# `for _ in range(N)`: each item past 256 is a new int (int.alloc: its
# allocation and its free when `_` is rebound)
LOOP_FUNC = ["FOR_ITER.range", "int.alloc", "STORE_FAST", "JUMP_BACKWARD"]
LOOP_MODULE = ["FOR_ITER.range", "int.alloc", "STORE_NAME", "JUMP_BACKWARD"]
IA = "int.alloc"
RET_NONE = ["LOAD_CONST", "RETURN_VALUE"]


def _op(name, stmt, keys, **kw):
    b = {"name": name, "kind": "stmt", "stmt": stmt, "keys": keys, "setup": COMMON,
         "locals": LOCALS}
    b.update(kw)
    return b


def op_benchmarks():
    F = "LOAD_FAST"
    SF = "STORE_FAST"
    LC = "LOAD_CONST"
    B = [
        # whole loops (absolute ns per iteration)
        # the truth harness's reference loop (module level), measured in the same process
        # and conditions as every other benchmark: the fit reproduces it exactly
        _op("loop.ref.module", "x = _ * 2", LOOP_MODULE[:3] + ["LOAD_NAME", "LOAD_CONST",
            "BINARY_OP.int", IA, "STORE_NAME", "JUMP_BACKWARD"], absolute=True, unroll=1,
            scope="module", weight=1e4, target_scale=3.0),
        _op("loop.empty", "pass", LOOP_FUNC, absolute=True, unroll=1),
        _op("loop.empty.module", "pass", LOOP_MODULE, absolute=True, unroll=1, scope="module"),
        _op("loop.ref.func", "x = _ * 2", LOOP_FUNC + [F, LC, "BINARY_OP.int", IA, SF],
            absolute=True, unroll=1, weight=4),
        _op("loop.list", "pass", ["FOR_ITER.list", SF, "JUMP_BACKWARD"], absolute=True, unroll=1,
            iter="__L", setup=COMMON + "__L = [0] * __N\n"),
        _op("loop.tuple", "pass", ["FOR_ITER.tuple", SF, "JUMP_BACKWARD"], absolute=True,
            unroll=1, iter="__T", setup=COMMON + "__T = (0,) * __N\n"),
        _op("loop.dict", "pass", ["FOR_ITER.dict", SF, "JUMP_BACKWARD"], absolute=True, unroll=1,
            iter="__D", setup=COMMON + "__D = dict.fromkeys(range(__N))\n"),
        _op("loop.zip", "pass", ["FOR_ITER.other", SF, "JUMP_BACKWARD"], absolute=True, unroll=1,
            iter="zip(__L, __L)", setup=COMMON + "__L = [0] * __N\n"),
        _op("loop.generator", "pass",
            ["FOR_ITER.generator", SF, "JUMP_BACKWARD",
             "FOR_ITER.range", IA, SF, F, "YIELD_VALUE", "POP_TOP", "JUMP_BACKWARD"],
            absolute=True, unroll=1, iter="gen(__N)"),
        _op("comp.list", "y = [i for i in __R]",
            ["FOR_ITER.range", IA, SF, F, "LIST_APPEND", "JUMP_BACKWARD"],
            fixed_n=20, unroll=1, per=5000, setup=COMMON + "__R = range(1000, 6000)\n",
            locals=["__R"]),
        _op("comp.set", "y = {i for i in __R}",
            ["FOR_ITER.range", SF, F, "SET_ADD", "JUMP_BACKWARD"],
            fixed_n=20, unroll=1, per=1000, setup=COMMON + "__R = [i % 50 for i in range(1000)]\n",
            locals=["__R"]),
        _op("comp.dict", "y = {i: 1 for i in __R}",
            ["FOR_ITER.range", SF, F, LC, "MAP_ADD", "JUMP_BACKWARD"],
            fixed_n=20, unroll=1, per=1000, setup=COMMON + "__R = [i % 50 for i in range(1000)]\n",
            locals=["__R"]),
        # module level
        _op("m.load_store_name", "y = x", ["LOAD_NAME", "STORE_NAME"], scope="module"),
        _op("m.ref_body", "x = _ * 2", ["LOAD_NAME", LC, "BINARY_OP.int", IA, "STORE_NAME"],
            scope="module"),
        _op("m.builtin_name", "y = len", ["LOAD_NAME", "STORE_NAME"], scope="module", weight=0.5),
        _op("m.call_builtin", "len(l)", ["LOAD_NAME", "LOAD_NAME", "CALL.builtin", "POP_TOP"],
            scope="module"),
        # locals and constants
        _op("store_const", "y = 1", [LC, SF]),
        _op("load_store", "y = x", [F, SF]),
        _op("expr_local", "x", [F, "POP_TOP"]),
        _op("if_true", "if x: pass", [F, "POP_JUMP_IF"], weight=0.5),
        _op("if_else", "if x:\n    y = 1\nelse:\n    y = 2", [F, "POP_JUMP_IF", LC, SF, "JUMP_FORWARD"]),
        # globals, builtins, cells
        _op("load_global", "y = G", ["LOAD_GLOBAL.module", SF]),
        _op("load_builtin", "y = len", ["LOAD_GLOBAL.builtin", SF]),
        _op("store_global", "G = x", [F, "STORE_GLOBAL"], decl="global G"),
        _op("load_deref", "y = c", ["LOAD_DEREF", SF], scope="closure", cells=["c"],
            setup=COMMON + "c = 1\n"),
        _op("store_deref", "c = x", [F, "STORE_DEREF"], scope="closure", cells=["c"],
            decl="nonlocal c", setup=COMMON + "c = 1\n"),
        # attributes
        _op("attr.instance", "y = o.a", [F, "LOAD_ATTR.instance", SF]),
        _op("attr.class", "y = C.k", [F, "LOAD_ATTR.class", SF]),
        _op("attr.module", "y = math.pi", [F, "LOAD_ATTR.module", SF]),
        _op("attr.property", "y = o.p", [F, "LOAD_ATTR.property", F, "LOAD_ATTR.instance",
                                         "RETURN_VALUE", SF]),
        _op("store_attr.instance", "o.a = x", [F, F, "STORE_ATTR.instance"]),
        _op("store_attr.slot", "s_o.a = x", [F, F, "STORE_ATTR.slot"]),
        # arithmetic and comparisons
        _op("binop.int", "y = x + z", [F, F, "BINARY_OP.int", SF]),
        # the same with a result past the small-int cache: a new int each time, the
        # previous one freed by the rebinding (int.alloc)
        _op("binop.int_alloc", "y = xa + za", [F, F, "BINARY_OP.int", IA, SF],
            setup=COMMON + "xa = 1000\nza = 2345\n", locals=LOCALS + ["xa", "za"]),
        _op("binop.int_div", "y = w % z\ny = w // z", [F, F, "BINARY_OP.int.div", SF] * 2),
        _op("binop.int_bitwise", "y = w & z\ny = w << z", [F, F, "BINARY_OP.int.other", SF] * 2),
        _op("binop.int_inplace", "x += 1\nx -= 1", [F, LC, "BINARY_OP.int", SF] * 2),
        _op("binop.bigint", "y = big1 + big2", [F, F, "BINARY_OP.bigint", SF]),
        _op("binop.float", "y = fa * fb", [F, F, "BINARY_OP.float", SF]),
        _op("binop.float_add", "y = fa + fb", [F, F, "BINARY_OP.float", SF]),
        _op("binop.str", "y = s1 + s2", [F, F, "BINARY_OP.str", SF]),
        _op("binop.list", "y = l + l2", [F, F, "BINARY_OP.list", SF]),
        _op("binop.other", "y = t1 + t2", [F, F, "BINARY_OP.other", SF]),
        _op("cmp.int", "y = x < z", [F, F, "COMPARE_OP.int", SF]),
        _op("cmp.float", "y = fa < fb", [F, F, "COMPARE_OP.float", SF]),
        _op("cmp.str", "y = s1 == s2", [F, F, "COMPARE_OP.str", SF]),
        _op("cmp.other", "y = t1 < t2", [F, F, "COMPARE_OP.other", SF]),
        _op("contains.set", "y = w in st", [F, F, "CONTAINS_OP.set", SF]),
        _op("contains.dict", "y = k in d", [F, F, "CONTAINS_OP.dict", SF]),
        # subscripts
        _op("subscr.list", "y = l[1]", [F, LC, "BINARY_SUBSCR.list", SF]),
        _op("subscr.dict", "y = d[k]", [F, F, "BINARY_SUBSCR.dict", SF]),
        _op("subscr.tuple", "y = t1[1]", [F, LC, "BINARY_SUBSCR.tuple", SF]),
        _op("subscr.str", "y = s1[1]", [F, LC, "BINARY_SUBSCR.str", SF]),
        _op("subscr.other", "y = r[1]", [F, LC, "BINARY_SUBSCR.other", SF]),
        _op("store_subscr.list", "l[1] = x", [F, F, LC, "STORE_SUBSCR.list"]),
        _op("store_subscr.dict", "d[k] = x", [F, F, F, "STORE_SUBSCR.dict"]),
        # calls
        _op("call.py0", "f0()", [F, "CALL.py"] + RET_NONE + ["POP_TOP"]),
        _op("call.py1", "f1(x)", [F, F, "CALL.py"] + RET_NONE + ["POP_TOP"]),
        _op("call.kw", "fkw(x, c=x)", [F, F, F, "CALL.py", "CALL.kw"] + RET_NONE + ["POP_TOP"]),
        _op("call.global_py0", "y = gf0()", ["LOAD_GLOBAL.module", "CALL.py"] + RET_NONE + [SF],
            setup=COMMON + "gf0 = f0\n"),
        _op("call.builtin", "len(l)", ["LOAD_GLOBAL.builtin", F, "CALL.builtin", "POP_TOP"]),
        _op("call.method_builtin", "l.append(x)\nl.pop()",
            [F, "LOAD_ATTR.method", F, "CALL.method_builtin", "POP_TOP",
             F, "LOAD_ATTR.method", "CALL.method_builtin", "POP_TOP"]),
        _op("call.bound_method", "o.m()", [F, "LOAD_ATTR.method", "CALL.bound_method"] + RET_NONE
            + ["POP_TOP"]),
        _op("call.class_noinit", "E()", [F, "CALL.class", "POP_TOP"], weight=0.5),
        _op("call.class", "I2()", [F, "CALL.class", F, LC, F, "STORE_ATTR.instance",
                                   LC, F, "STORE_ATTR.instance"] + RET_NONE + ["POP_TOP"]),
        _op("call.isinstance", "isinstance(o, C)",
            ["LOAD_GLOBAL.builtin", F, F, "CALL.builtin", "POP_TOP"], weight=0.5),
        # building
        _op("build.tuple", "y = (x, z)", [F, F, "BUILD_TUPLE", SF]),
        _op("build.list", "y = [x, z]", [F, F, "BUILD_LIST", SF]),
        _op("build.map", "y = {'a': x}", [LC, F, "BUILD_MAP", SF]),
        _op("build.set", "y = {x, z}", [F, F, "BUILD_SET", SF]),
        _op("fstring.one", "y = f'{x}'", [F, "FORMAT_VALUE", SF]),
        _op("fstring.two", "y = f'a{x}b{z}'",
            [LC, F, "FORMAT_VALUE", LC, F, "FORMAT_VALUE", "BUILD_STRING", SF]),
        _op("unpack", "a, b = t1", [F, "UNPACK_SEQUENCE", SF, SF]),
        # exceptions
        _op("try.noraise", "try:\n    y = 1\nexcept ValueError:\n    pass",
            ["SETUP_EXCEPT", LC, SF, "JUMP_FORWARD"]),
        _op("try.raise", "try:\n    raise ValueError\nexcept ValueError:\n    pass",
            ["SETUP_EXCEPT", "LOAD_GLOBAL.builtin", "RAISE", "LOAD_GLOBAL.builtin", "EXCEPT_MATCH",
             "POP_TOP", "JUMP_FORWARD"], unroll=4),
        # functions, classes, imports
        _op("make_function", "g = lambda: 0", [LC, "MAKE_FUNCTION", SF]),
        _op("build_class", "class K:\n    pass",
            ["BUILD_CLASS", "LOAD_NAME", "STORE_NAME", LC, "STORE_NAME", LC, "RETURN_VALUE", SF],
            unroll=2, target_scale=0.5),
        _op("import_cached", "import math", ["IMPORT_NAME", SF]),
    ]
    return B


# ---------------------------------------------------------------------------
# size-dependent built-ins: timed at several sizes n, fitted to
# base + per_item*n (+ per_nlogn*n*log2 n). `keys`: the instructions around the
# call (charged by the VM separately, subtracted from the intercept).

def _bi(key, stmt, setup, sizes, keys, model="linear", releases_gil=False, unit=None, **kw):
    return {"key": key, "stmt": stmt, "setup": setup, "sizes": sizes, "keys": keys,
            "model": model, "releases_gil": releases_gil, "unit": unit, **kw}


GB = ["LOAD_GLOBAL.builtin"]
F = "LOAD_FAST"
SF = "STORE_FAST"
CB = ["CALL.builtin"]
MB = ["LOAD_ATTR.method"]
CM = ["CALL.method_builtin"]


def builtin_series(quick=False):
    S = [10, 1000, 10000] if quick else [10, 100, 1000, 10000]
    L = [100, 10000] if quick else [100, 1000, 10000, 100000]
    rnd = "import random\nrandom.seed(7)\n"
    return [
        _bi("builtin.len", "y = len(L)", "L = list(range({n}))", [10, 1000], GB + [F] + CB + [SF]),
        _bi("builtin.list.__contains__", "y = -1 in L", "L = list(range({n}))", S,
            [F, "LOAD_CONST", "CONTAINS_OP", SF], unit="items scanned"),
        _bi("builtin.sum", "y = sum(L)", "L = list(range({n}))", S, GB + [F] + CB + [SF]),
        _bi("builtin.sum:range", "y = sum(range(n))", "n = {n}", S,
            GB + GB + [F] + CB + CB + [SF]),
        _bi("builtin.sorted", "y = sorted(L)", rnd + "L = [random.random() for _ in range({n})]",
            L, GB + [F] + CB + [SF], model="nlogn"),
        _bi("builtin.sorted:presorted", "y = sorted(L)", "L = list(range({n}))", L,
            GB + [F] + CB + [SF]),
        _bi("builtin.list.sort", "y = L[:]\ny.sort()",
            rnd + "L = [random.random() for _ in range({n})]", L,
            [F, "BINARY_SUBSCR.list", SF, F] + MB + CM + ["POP_TOP"], model="nlogn",
            minus="builtin.list.__getitem__slice"),
        _bi("builtin.list.__getitem__slice", "y = L[:]", "L = list(range({n}))", L,
            [F, "BINARY_SUBSCR.list", SF]),
        _bi("builtin.list", "y = list(R)", "R = range({n})", S, GB + [F] + CB + [SF]),
        _bi("builtin.list.copy", "y = L.copy()", "L = list(range({n}))", L, [F] + MB + CM + [SF]),
        _bi("builtin.tuple", "y = tuple(L)", "L = list(range({n}))", S, GB + [F] + CB + [SF]),
        _bi("builtin.set", "y = set(L)", "L = list(range({n}))", S, GB + [F] + CB + [SF]),
        _bi("builtin.dict", "y = dict(P)", "P = [(i, i) for i in range({n})]", S,
            GB + [F] + CB + [SF]),
        _bi("builtin.list.extend", "y = []\ny.extend(L)", "L = list(range({n}))", S,
            ["BUILD_LIST", SF, F] + MB + [F] + CM + ["POP_TOP"]),
        _bi("builtin.list.__mul__", "y = Z * n", "Z = [0]\nn = {n}", L,
            [F, F, "BINARY_OP.list", SF]),
        _bi("builtin.list.__add__", "y = L + L", "L = list(range({n}))", S,
            [F, F, "BINARY_OP.list", SF], unit="result items"),
        _bi("builtin.list.insert", "L.insert(0, 1)\nL.pop(0)", "L = list(range({n}))", L,
            [F] + MB + ["LOAD_CONST", "LOAD_CONST"] + CM + ["POP_TOP", F] + MB + ["LOAD_CONST"]
            + CM + ["POP_TOP"], unit="items moved", size_mult=2),
        _bi("builtin.min", "y = min(L)", "L = list(range({n}))", S, GB + [F] + CB + [SF]),
        _bi("builtin.max", "y = max(L)", "L = list(range({n}))", S, GB + [F] + CB + [SF]),
        _bi("builtin.any", "y = any(L)", "L = [0] * {n}", S, GB + [F] + CB + [SF]),
        _bi("builtin.str.__add__", "y = A + B", "A = 'a' * {n}\nB = 'b'", [100, 10000, 100000],
            [F, F, "BINARY_OP.str", SF], unit="result characters"),
        _bi("builtin.bytes.__add__", "y = A + B", "A = b'a' * {n}\nB = b'b'",
            [100, 10000, 100000], [F, F, "BINARY_OP.other", SF], unit="result bytes"),
        _bi("builtin.str.join", "y = ''.join(P)", "P = ['x'] * {n}", S,
            ["LOAD_CONST"] + MB + [F] + CM + [SF], unit="parts"),
        _bi("builtin.str.split", "y = T.split()", "T = 'ab ' * ({n} // 3)", S,
            [F] + MB + CM + [SF], unit="characters"),
        _bi("builtin.str.replace", "y = T.replace('a', 'c')", "T = 'ab ' * ({n} // 3)", S,
            [F] + MB + ["LOAD_CONST", "LOAD_CONST"] + CM + [SF], unit="characters"),
        _bi("builtin.str.__mul__", "y = T * n", "T = 'x'\nn = {n}", L, [F, F, "BINARY_OP.other", SF],
            unit="characters"),
        _bi("builtin.str", "y = str(v)", "v = 10 ** ({n} - 1)", [1, 10, 100], GB + [F] + CB + [SF],
            unit="digits"),
        _bi("builtin.str.format", "y = '{{}}-{{}}'.format(x, x)", "x = {n}", [1], ["LOAD_CONST"] + MB
            + [F, F] + CM + [SF]),
        _bi("builtin.repr", "y = repr(L)", "L = list(range({n}))", S, GB + [F] + CB + [SF]),
        _bi("builtin.dict.__setitem__resize", "y = {{}}\nfor i in R:\n    y[i] = i",
            "R = range(1000, 1000 + {n})", S,
            ["BUILD_MAP", SF, F, "GET_ITER"], model="linear",
            per_item_keys=["FOR_ITER.range", "int.alloc", SF, F, F, F, "STORE_SUBSCR.dict",
                           "JUMP_BACKWARD"],
            unit="items inserted"),
        _bi("builtin.dict.copy", "y = D.copy()", "D = dict.fromkeys(range({n}))", S,
            [F] + MB + CM + [SF]),
        _bi("builtin.dict.get", "y = D.get(1)", "D = {{1: 2}}", [1],
            [F] + MB + ["LOAD_CONST"] + CM + [SF]),
        _bi("builtin.dict.items", "y = list(D.items())", "D = dict.fromkeys(range({n}))", S,
            GB + [F] + MB + CM + CB + [SF]),
        _bi("builtin.range", "y = range(n)", "n = {n}", [10], GB + [F] + CB + [SF]),
        _bi("builtin.enumerate", "y = enumerate(L)", "L = [1]", [1], GB + [F] + CB + [SF]),
        _bi("builtin.zip", "y = zip(L, L)", "L = [1]", [1], GB + [F, F] + CB + [SF]),
        _bi("builtin.abs", "y = abs(v)", "v = -{n}", [5], GB + [F] + CB + [SF]),
        _bi("builtin.int", "y = int(T)", "T = '7' * {n}", [1, 10, 100], GB + [F] + CB + [SF],
            unit="digits"),
        _bi("builtin.print", "print(T, file=F)", "import io\nF = io.StringIO()\nT = 'x' * {n}",
            [1, 100, 10000], GB + [F, F] + CB + ["CALL.kw", "POP_TOP"], unit="characters",
            reset="F.seek(0); F.truncate()"),
        _bi("builtin.json.dumps", "y = json.dumps(L)", "import json\nL = list(range({n}))",
            [10, 1000, 10000], [F, "LOAD_ATTR.module", F, "CALL.builtin", SF],
            unit="output bytes", size_expr="len(json.dumps(L))"),
        _bi("builtin.json.loads", "y = json.loads(T)",
            "import json\nT = json.dumps(list(range({n})))",
            [10, 1000, 10000], [F, "LOAD_ATTR.module", F, "CALL.builtin", SF],
            unit="input bytes", size_expr="len(T)"),
        _bi("builtin.pickle.dumps", "y = pickle.dumps(L)", "import pickle\nL = list(range({n}))",
            [10, 1000, 10000], [F, "LOAD_ATTR.module", F, "CALL.builtin", SF],
            unit="output bytes", size_expr="len(pickle.dumps(L))"),
        _bi("builtin.pickle.loads", "y = pickle.loads(T)",
            "import pickle\nT = pickle.dumps(list(range({n})))",
            [10, 1000, 10000], [F, "LOAD_ATTR.module", F, "CALL.builtin", SF],
            unit="input bytes", size_expr="len(T)"),
        _bi("builtin.hashlib.sha256", "y = hashlib.sha256(B).digest()",
            "import hashlib\nB = b'x' * {n}", [64, 4096, 65536],
            [F, "LOAD_ATTR.module", F, "CALL.builtin"] + MB + CM + [SF], unit="bytes",
            releases_gil=True),
        _bi("builtin.hashlib.md5", "y = hashlib.md5(B).digest()",
            "import hashlib\nB = b'x' * {n}", [64, 4096, 65536],
            [F, "LOAD_ATTR.module", F, "CALL.builtin"] + MB + CM + [SF], unit="bytes",
            releases_gil=True),
    ] + [
        # the other digests (tools/calibrate_lib/ratio_costs.py filled them in
        # the committed tables from ratios to sha256 before these existed)
        _bi("builtin.hashlib." + name, "y = hashlib.%s(B).digest()" % name,
            "import hashlib\nB = b'x' * {n}", [64, 4096, 65536],
            [F, "LOAD_ATTR.module", F, "CALL.builtin"] + MB + CM + [SF], unit="bytes",
            releases_gil=True)
        for name in ("sha1", "sha224", "sha384", "sha512")
    ] + [
        _bi("builtin.zlib.compress", "y = zlib.compress(B)",
            "import zlib, random\nrandom.seed(3)\nB = bytes(random.choice(b'abcdefgh') "
            "for _ in range({n}))", [1000, 30000],
            [F, "LOAD_ATTR.module", F, "CALL.builtin", SF], unit="bytes", releases_gil=True),
        _bi("builtin.re.search", "y = P.search(T)", "import re\nP = re.compile('z+q')\n"
            "T = 'ab' * ({n} // 2)", [100, 10000], [F] + MB + [F] + CM + [SF],
            unit="characters scanned"),
        _bi("builtin.time.sleep", "time.sleep(0)", "import time", [1],
            [F, "LOAD_ATTR.module", "LOAD_CONST", "CALL.builtin", "POP_TOP"],
            releases_gil=True, unroll=1),
        _bi("builtin.time.perf_counter", "y = time.perf_counter()", "import time", [1],
            [F, "LOAD_ATTR.module", "CALL.builtin", SF]),
        _bi("builtin.math.sqrt", "y = math.sqrt(v)", "import math\nv = 2.0", [1],
            [F, "LOAD_ATTR.module", F, "CALL.builtin", SF]),
        _bi("builtin.random.random", "y = random.random()", "import random", [1],
            [F, "LOAD_ATTR.module", "CALL.builtin", SF]),
    ]


def series_benchmarks(quick=False):
    """Expand builtin_series into child benchmarks, one per size."""
    out = []
    for s in builtin_series(quick):
        for n in s["sizes"]:
            setup = s["setup"].replace("{n}", str(n)).replace("{{", "{").replace("}}", "}")
            stmt = s["stmt"].replace("{{", "{").replace("}}", "}")
            if s.get("reset"):
                stmt = stmt + "\n" + s["reset"]
            out.append({"name": "%s@%d" % (s["key"], n), "kind": "stmt", "stmt": stmt,
                        "setup": setup + "\n__SIZE = %s\n" % (s.get("size_expr") or str(n)),
                        "locals": "auto", "unroll": s.get("unroll", 1 if n >= 1000 else 5),
                        "target_scale": 0.6})
    return out


# ---------------------------------------------------------------------------
# whole measurements for `param` keys: `code` defines measure() -> ns.

REF_N = 3_500_000
REF_SOURCE = "for i in range({n}):\n    x = i * 2\n"


def _m(name, code, **kw):
    b = {"name": name, "kind": "measure", "code": code}
    b.update(kw)
    return b


GC_YOUNG = """
            import gc, time
            class N:
                def __init__(self):
                    self.peer = None
            def survivors(n):
                return [[] for _ in range(n)]
            def cycles(n):
                for _ in range(n // 2):
                    a, b = N(), N()
                    a.peer, b.peer = b, a
            def timed(make, n):
                best, found = None, 0
                for _ in range(3):
                    gc.collect()
                    gc.disable()
                    keep = make(n)
                    t = time.thread_time_ns()
                    found = gc.collect(0)
                    el = time.thread_time_ns() - t
                    gc.enable()
                    del keep
                    best = el if best is None else min(best, el)
                return best, found
            def young_slopes():
                n1, n2 = 2000, 20000
                s1, _ = timed(survivors, n1)
                s2, _ = timed(survivors, n2)
                per_traversed = max(s2 - s1, 0) / (n2 - n1)
                c1, f1 = timed(cycles, n1)
                c2, f2 = timed(cycles, n2)
                per_freed = max((c2 - c1) / max(f2 - f1, 1) - per_traversed, 0)
                return per_traversed, per_freed
"""


def param_benchmarks(quick=False):
    P = [
        # the truth harness's reference loop, module level, fresh namespace (ns per whole run)
        _m("ref.loop_ns", """
            import time
            code = compile(%r, "<reference>", "exec")
            def measure():
                ns = {"__name__": "__main__"}
                t = time.thread_time_ns()
                exec(code, ns)
                return time.thread_time_ns() - t
            """ % REF_SOURCE.format(n=REF_N), repeats=2),
        _m("thread.start_join_ns", """
            import threading, time
            def nop():
                pass
            def measure():
                n = 200
                t = time.perf_counter_ns()
                for _ in range(n):
                    th = threading.Thread(target=nop)
                    th.start()
                    th.join()
                return (time.perf_counter_ns() - t) / n
            """),
        _m("lock.acquire_release_ns", """
            import threading, time
            def measure():
                lk = threading.Lock()
                a, r = lk.acquire, lk.release
                n = 200000
                t = time.thread_time_ns()
                for _ in range(n):
                    a(); r()
                t1 = time.thread_time_ns()
                for _ in range(n):
                    pass
                t2 = time.thread_time_ns()
                return ((t1 - t) - (t2 - t1)) / n
            """),
        _m("queue.round_trip_ns", """
            import threading, queue, time
            def measure():
                a, b = queue.Queue(), queue.Queue()
                n = 2000
                def echo():
                    for _ in range(n):
                        b.put(a.get())
                th = threading.Thread(target=echo); th.start()
                t = time.thread_time_ns()
                for i in range(n):
                    a.put(i); b.get()
                el = time.thread_time_ns() - t
                th.join()
                return el / n
            """),
        _m("gc.full_per_object_ns", """
            import gc, time
            class N:
                def __init__(self):
                    self.a = None
            def measure():
                keep = [N() for _ in range(200000)]
                gc.collect()
                tracked = len(gc.get_objects())
                t = time.thread_time_ns()
                gc.collect()
                el = time.thread_time_ns() - t
                del keep
                return el / tracked
            """, gc=True),
        # Young collections: gc.collect(0) over N objects created since the last
        # collection (generation 0), at two sizes; the slope is the cost per
        # object and the fixed cost of a collection call (callbacks, stats,
        # generation bookkeeping) drops out. Survivors (lists kept alive) give the
        # traversal (update_refs/subtract_refs/move_unreachable,
        # Modules/gcmodule.c); two-object cycles of instances, unreachable at
        # once, give the traversal plus freeing (delete_garbage: tp_clear, then
        # deallocation by refcounting), per object gc.collect() reports.
        # Min of 3 rounds per size (load only adds time).
        _m("gc.young_per_object_ns", GC_YOUNG + """
            def measure():
                return young_slopes()[0]
            """, gc=True),
        _m("gc.free_per_object_ns", GC_YOUNG + """
            def measure():
                return young_slopes()[1]
            """, gc=True),
        # Freeing a container's items with it (list_dealloc decrefs every item;
        # each int then goes back to pymalloc, Objects/obmalloc.c): `del` of a
        # list of n fresh ints, timed alone (the list is built outside the
        # timing), slope between two sizes so the list's own free drops out.
        # Written to builtins["builtin.dealloc"].per_item_ns (n = objects freed).
        _m("builtin.dealloc", """
            import time
            def measure():
                best = {}
                for n in (10000, 100000):
                    for _ in range(3):
                        L = list(range(1000, 1000 + n))
                        t = time.thread_time_ns()
                        del L
                        el = time.thread_time_ns() - t
                        best[n] = min(best.get(n, el), el)
                return max(best[100000] - best[10000], 0) / 90000
            """),
        _m("asyncio.step_ns", """
            import asyncio, time
            async def worker(n):
                for _ in range(n):
                    await asyncio.sleep(0)
            async def main(k, n):
                await asyncio.gather(*(worker(n) for _ in range(k)))
            def measure():
                k, n = 100, 100
                t = time.thread_time_ns()
                asyncio.run(main(k, n))
                return (time.thread_time_ns() - t) / (k * n)
            """),
        _m("asyncio.task_ns", """
            import asyncio, time
            async def noop():
                return None
            async def main(n):
                for _ in range(n):
                    await asyncio.create_task(noop())
            def measure():
                n = 5000
                t = time.thread_time_ns()
                asyncio.run(main(n))
                return (time.thread_time_ns() - t) / n
            """),
        _m("exception.unwind_frame_ns", """
            import time
            def down(k):
                if k == 0:
                    raise ValueError
                down(k - 1)
            def measure():
                n = 20000
                def run(depth):
                    t = time.thread_time_ns()
                    for _ in range(n):
                        try:
                            down(depth)
                        except ValueError:
                            pass
                    return time.thread_time_ns() - t
                run(10)
                return (run(10) - run(0)) / (10 * n)
            """),
        # First touch of a fresh anonymous page (minor fault: the kernel maps and
        # zeroes it). Timed per 1 MiB chunk of a new mapping, minus touching
        # pages already mapped; min over chunks (load only adds time).
        _m("memory.page_fault_ns", """
            import mmap, time
            def measure():
                size, chunk = 16 << 20, 1 << 20
                per = chunk // 4096
                best = base = None
                for _ in range(2):
                    m = mmap.mmap(-1, size)
                    for off in range(0, size, chunk):
                        t = time.thread_time_ns()
                        for p in range(off, off + chunk, 4096):
                            m[p] = 1
                        d = time.thread_time_ns() - t
                        best = d if best is None else min(best, d)
                    for _ in range(4):
                        t = time.thread_time_ns()
                        for p in range(0, chunk, 4096):
                            m[p] = 2
                        d = time.thread_time_ns() - t
                        base = d if base is None else min(base, d)
                    m.close()
                return max(best - base, 0) / per
            """),
        # Freeing many objects in one cascade (a list of fresh ints dropped at
        # once: list_dealloc decrefs every item, each int goes back to pymalloc,
        # Objects/listobject.c, Objects/obmalloc.c) costs more per object once
        # they no longer fit in the cache: `del L` per int with 10^6 ints minus
        # the same with 10^4 (in the L2 cache, the rate the fitted costs already
        # contain). Min of the rounds per size. The simulator charges it per
        # object of a cascade past memory.free_cached_objects (sim/vm/free_cascade.h).
        _m("memory.free_cold_extra_ns", """
            import time
            def per_object(n, rounds):
                best = None
                for _ in range(rounds):
                    L = list(range(1000, 1000 + n))
                    t = time.thread_time_ns()
                    del L
                    el = time.thread_time_ns() - t
                    best = el if best is None else min(best, el)
                return best / n
            def measure():
                return max(per_object(1000000, 3) - per_object(10000, 5), 0.0)
            """, repeats=2),
        # How many freed objects stay in the cache: the L2 cache size over the
        # bytes one freed int occupies with its list slot (32 + 8; sizes.cpp).
        _m("memory.free_cached_objects", """
            import os
            def measure():
                try:
                    l2 = os.sysconf("SC_LEVEL2_CACHE_SIZE")
                except (ValueError, OSError):
                    l2 = 0
                return (l2 if l2 and l2 > 0 else 1 << 20) // 40
            """, repeats=1),
        # Memory the interpreter has touched at start-up and that a program's
        # first objects reuse: free blocks in pymalloc's pools plus its unused
        # pools (sys._debugmallocstats of a fresh interpreter, Objects/obmalloc.c).
        _m("memory.startup_free_bytes", r"""
            import re, subprocess, sys
            def measure():
                err = subprocess.run([sys.executable, "-c", "import sys; sys._debugmallocstats()"],
                                     capture_output=True, text=True).stderr
                def field(pattern):
                    m = re.search(pattern + r"\s*=\s*([\d,]+)", err)
                    return int(m.group(1).replace(",", "")) if m else 0
                return field(r"# bytes in available blocks") + field(r"unused pools \* \d+ bytes")
            """, once=True, repeats=1),
        _m("memory.fresh_alloc_ns_per_kib", """
            import gc, time, tracemalloc
            class N:
                def __init__(self):
                    self.peer = None
                    self.payload = [0] * 16
            def fresh(n):
                keep = []
                app = keep.append
                for _ in range(n):
                    app(N())
                return keep
            def reuse(n):
                keep = []
                app, pop = keep.append, keep.pop
                for _ in range(n):
                    app(N())
                    pop()
                return keep
            def measure():
                gc.disable()
                tracemalloc.start()
                k = fresh(1000)
                per = tracemalloc.get_traced_memory()[0] / 1000
                del k
                tracemalloc.stop()
                n = 200000
                reuse(n)
                t = time.thread_time_ns(); k = fresh(n); t1 = time.thread_time_ns()
                del k
                t2 = time.thread_time_ns(); reuse(n); t3 = time.thread_time_ns()
                gc.enable()
                return max((t1 - t) - (t3 - t2), 0) / (n * per / 1024)
            """),
        _m("sleep.overhead_ns", """
            import time
            def measure():
                n = 50
                t = time.perf_counter_ns()
                for _ in range(n):
                    time.sleep(0.0002)
                return (time.perf_counter_ns() - t) / n - 200000
            """),
        # The parent's CPU inside Process.start() alone: what Pool pays per worker,
        # one after another (Lib/multiprocessing/pool.py _repopulate_pool_static
        # calls w.start() in a loop). join() is left out: its waiting is not a
        # start cost and the parent's copy-on-write faults after fork belong to
        # whatever the parent does next. Min of 15 (fork time swings under load).
        _m("process.start_ns.fork", """
            import multiprocessing as mp, time
            def nop():
                pass
            def measure():
                ctx = mp.get_context("fork")
                best = None
                for _ in range(15):
                    p = ctx.Process(target=nop)
                    t = time.thread_time_ns()
                    p.start()
                    d = time.thread_time_ns() - t
                    p.join()
                    best = d if best is None else min(best, d)
                return best
            """, once=True, repeats=2),
    ]
    if not quick:
        P.append(_m("process.start_ns.spawn", """
            import multiprocessing as mp, time
            def measure():
                ctx = mp.get_context("spawn")
                t = time.perf_counter_ns()
                p = ctx.Process(target=print, args=("",)); p.start(); p.join()
                return time.perf_counter_ns() - t
            """, once=True, repeats=2))
        P.append(_m("process.start_ns.forkserver", """
            import multiprocessing as mp, time
            def measure():
                ctx = mp.get_context("forkserver")
                p = ctx.Process(target=print, args=("",)); p.start(); p.join()
                t = time.perf_counter_ns()
                for _ in range(3):
                    p = ctx.Process(target=print, args=("",)); p.start(); p.join()
                return (time.perf_counter_ns() - t) / 3
            """, once=True, repeats=1))
    # the pieces of an asyncio step measured apart (step_pieces.py)
    from . import step_pieces
    P += step_pieces.benchmarks()
    return P
