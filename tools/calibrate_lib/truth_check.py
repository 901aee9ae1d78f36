"""`tools/calibrate --check-truth`: judges a cost table against the truth corpus
without the simulator. Each single-threaded truth program is run on the real
interpreter under an opcode tracer (truth_child.py); every executed instruction
is mapped to the cost table's keys (using the specialised form the
interpreter chose, e.g. LOAD_ATTR_INSTANCE_VALUE -> LOAD_ATTR.instance), and the
predicted time is the sum of their costs, plus `x in list` scans, GC
collections and generator resumptions. Predicted norm_cost = that sum divided
by the reference loop's sum from the same table; it is compared with the
measured norm_cost of results-3.X.json. This checks the table with CPython's
own instruction stream; the simulator's own check is tests/engine/costs_truth_test.cpp.
Not modelled here: sizes of other built-ins (sum, sorted, join ... are charged
their base cost only) and allocation costs outside the measured statements."""
import json
import math
import os
import statistics
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
FAMILIES = ("bytecode", "memory", "misc")
# the reference loop `for i in range(3500000): x = i * 2` makes two ints per
# iteration outside the small-int cache (i and x: int.alloc each)
REF_KEYS = ["FOR_ITER.range", "int.alloc", "STORE_NAME", "LOAD_NAME", "LOAD_CONST",
            "BINARY_OP.int", "int.alloc", "STORE_NAME", "JUMP_BACKWARD"]

IGNORED = {"RESUME", "RESUME_CHECK", "NOP", "CACHE", "PRECALL", "PUSH_NULL", "EXTENDED_ARG",
           "END_FOR", "COPY_FREE_VARS", "MAKE_CELL", "RETURN_GENERATOR", "NOT_TAKEN",
           "END_SEND", "POP_EXCEPT", "PUSH_EXC_INFO", "INTERPRETER_EXIT", "SET_FUNCTION_ATTRIBUTE",
           "CONVERT_VALUE", "KW_NAMES", "POP_BLOCK", "SETUP_ANNOTATIONS", "GEN_START",
           "CALL_INTRINSIC_1", "LOAD_LOCALS", "ENTER_EXECUTOR"}


class Table:
    def __init__(self, t):
        self.ops, self.builtins, self.params = t["ops"], t["builtins"], t["params"]

    def op(self, key):
        if key == "int.alloc" and key not in self.ops:
            return 0.0  # a table fitted before int.alloc: its ops include allocation
        k = key
        while k:
            if k in self.ops:
                return self.ops[k]
            k = k.rpartition(".")[0]
        return self.ops["default"]

    def builtin(self, key, n):
        b = self.builtins.get(key) or self.builtins.get(key.split(":")[0]) \
            or self.builtins["builtin.default"]
        return b["base_ns"] + b["per_item_ns"] * n + \
            b["per_nlogn_ns"] * n * math.log2(max(n, 2))


def _call_kind(a, prev):
    s = a + " " + prev
    if "LIST_APPEND" in s or "METHOD_DESCRIPTOR" in s:
        return "CALL.method_builtin"
    if "BOUND_METHOD" in a or "BOUND_METHOD" in prev:
        return "CALL.bound_method"
    if "ALLOC_AND_ENTER_INIT" in s:
        return "CALL.class"
    if "PY_" in a or "PYFUNC" in prev:
        return "CALL.py"
    if any(w in s for w in ("BUILTIN", "LEN", "ISINSTANCE", "TYPE_1", "STR_1", "TUPLE_1",
                            "CALL_NO_KW_", "PRECALL_NO_KW_", "NON_PY")):
        return "CALL.builtin"
    return None


def map_instruction(i):
    """-> list of cost keys for one execution of instruction i (dict from the child)."""
    op, a, prev, arg = i["op"], i["adaptive"], i.get("prev", ""), i.get("arg", "")
    calls = i.get("calls") or {}
    if op in IGNORED or a in IGNORED:
        return []
    if op.startswith("LOAD_FAST_LOAD_FAST"):
        return ["LOAD_FAST", "LOAD_FAST"]
    if op == "STORE_FAST_LOAD_FAST":
        return ["STORE_FAST", "LOAD_FAST"]
    if op == "STORE_FAST_STORE_FAST":
        return ["STORE_FAST", "STORE_FAST"]
    if op in ("LOAD_FAST", "LOAD_FAST_CHECK", "LOAD_FAST_AND_CLEAR", "LOAD_CLOSURE", "COPY",
              "SWAP", "LOAD_SMALL_INT"):
        return ["LOAD_FAST"]
    if op in ("STORE_FAST", "STORE_FAST_MAYBE_NULL", "DELETE_FAST"):
        return ["STORE_FAST"]
    if op == "RETURN_CONST":
        return ["LOAD_CONST", "RETURN_VALUE"]
    if op == "LOAD_GLOBAL":
        if "BUILTIN" in a:
            return ["LOAD_GLOBAL.builtin"]
        if "MODULE" in a:
            return ["LOAD_GLOBAL.module"]
        import builtins
        name = arg.replace("NULL + ", "").replace(" + NULL", "")
        return ["LOAD_GLOBAL.builtin" if hasattr(builtins, name) else "LOAD_GLOBAL.module"]
    if op in ("LOAD_ATTR", "LOAD_METHOD"):
        if "PROPERTY" in a or "GETATTRIBUTE" in a:
            return ["LOAD_ATTR.property"]
        if "METHOD" in a or op == "LOAD_METHOD" or "NULL|self" in arg:
            return ["LOAD_ATTR.method"]
        if "MODULE" in a:
            return ["LOAD_ATTR.module"]
        if "CLASS" in a or "NONDESCRIPTOR" in a:
            return ["LOAD_ATTR.class"]
        return ["LOAD_ATTR.instance"]
    if op == "STORE_ATTR":
        return ["STORE_ATTR.slot" if "SLOT" in a else "STORE_ATTR.instance"]
    types = i.get("types") or ""
    tl = types.split(",")
    if op == "BINARY_OP" and a == "BINARY_OP" and len(tl) == 2:
        if tl == ["bigint", "bigint"]:
            return ["BINARY_OP.bigint"]
        if set(tl) <= {"int", "bool"}:
            sym = arg.rstrip("=")
            if sym in ("%", "//", "/"):
                return ["BINARY_OP.int.div"]
            if sym in ("&", "|", "^", "<<", ">>", "**"):
                return ["BINARY_OP.int.other"]
            return ["BINARY_OP.int"]
        if set(tl) <= {"int", "float"}:
            return ["BINARY_OP.float"]
        if tl[0] == "str":
            return ["BINARY_OP.str"]
        if tl[0] == "list":
            return ["BINARY_OP.list"]
    if op == "COMPARE_OP" and len(tl) == 2 and not any(w in a for w in ("INT", "FLOAT", "STR")):
        if set(tl) <= {"int", "bool"}:
            return ["COMPARE_OP.int"]
        if set(tl) <= {"int", "float"}:
            return ["COMPARE_OP.float"]
        if tl == ["str", "str"]:
            return ["COMPARE_OP.str"]
    if op == "BINARY_SUBSCR" and len(tl) == 2 and a == "BINARY_SUBSCR":
        k = {"list": "list", "tuple": "tuple", "dict": "dict", "str": "str"}.get(tl[0])
        if k:
            return ["BINARY_SUBSCR." + k]
    if op == "STORE_SUBSCR" and a == "STORE_SUBSCR" and types in ("list", "dict"):
        return ["STORE_SUBSCR." + types]
    if op == "BINARY_OP":
        if "INT" in a:
            return ["BINARY_OP.int"]
        if "FLOAT" in a:
            return ["BINARY_OP.float"]
        if "UNICODE" in a:
            return ["BINARY_OP.str"]
        return ["BINARY_OP.other"]
    if op == "COMPARE_OP":
        if "INT" in a:
            return ["COMPARE_OP.int"]
        if "FLOAT" in a:
            return ["COMPARE_OP.float"]
        if "STR" in a:
            return ["COMPARE_OP.str"]
        return ["COMPARE_OP.other"]
    if op == "IS_OP":
        return ["COMPARE_OP.int"]
    if op == "BINARY_SUBSCR":
        for w, k in (("LIST", "list"), ("TUPLE", "tuple"), ("DICT", "dict"), ("STR", "str")):
            if w in a:
                return ["BINARY_SUBSCR." + k]
        return ["BINARY_SUBSCR.other"]
    if op == "BINARY_SLICE":
        return ["BINARY_SUBSCR.list"]
    if op == "STORE_SUBSCR":
        return ["STORE_SUBSCR.list" if "LIST" in a else "STORE_SUBSCR.dict"]
    if op in ("CALL", "CALL_KW", "CALL_FUNCTION", "CALL_METHOD", "CALL_FUNCTION_KW",
              "CALL_FUNCTION_EX"):
        kind = _call_kind(a, prev)
        if kind is None:
            if calls.get("init"):
                kind = "CALL.class"
            elif calls.get("py"):
                kind = "CALL.py"
            else:
                kind = "CALL.builtin"
        keys = [kind]
        if op == "CALL_KW" or prev.startswith("KW_NAMES"):
            keys.append("CALL.kw")
        return keys
    if op == "FOR_ITER":
        for w, k in (("RANGE", "range"), ("LIST", "list"), ("TUPLE", "tuple"), ("GEN", "generator")):
            if w in a:
                return ["FOR_ITER." + k]
        if calls.get("gen"):
            return ["FOR_ITER.generator"]
        k = {"range": "range", "range_iterator": "range", "list": "list",
             "list_iterator": "list", "tuple": "tuple", "tuple_iterator": "tuple",
             "dict": "dict", "dict_keyiterator": "dict", "generator": "generator"}.get(types)
        return ["FOR_ITER." + (k or "other")]
    if op.startswith("JUMP_BACKWARD") or op == "JUMP_ABSOLUTE":
        return ["JUMP_BACKWARD"]
    if op in ("JUMP_FORWARD", "JUMP", "JUMP_NO_INTERRUPT"):
        return ["JUMP_FORWARD"]
    if "JUMP_IF" in op or op.startswith("POP_JUMP"):
        return ["POP_JUMP_IF"]
    if op == "BUILD_CONST_KEY_MAP":
        return ["BUILD_MAP"]
    if op in ("FORMAT_SIMPLE", "FORMAT_WITH_SPEC"):
        return ["FORMAT_VALUE"]
    if op.startswith("UNPACK_SEQUENCE"):
        return ["UNPACK_SEQUENCE"]
    if op in ("RAISE_VARARGS", "RERAISE"):
        return ["RAISE"]
    if op in ("CHECK_EXC_MATCH", "JUMP_IF_NOT_EXC_MATCH"):
        return ["EXCEPT_MATCH"]
    if op == "LOAD_BUILD_CLASS":
        return ["BUILD_CLASS"]
    if op == "IMPORT_FROM":
        return ["LOAD_ATTR.module"]
    if op == "CONTAINS_OP":
        return []  # charged from the recorded operands
    return [op]


def predict(data, table):
    t = Table(table)
    total = 0.0
    parts = {}
    for i in data["instructions"]:
        n = i["count"]
        for k in map_instruction(i):
            c = t.op(k) * n
            total += c
            parts[k] = parts.get(k, 0) + c
        if i.get("int_alloc"):  # ints made outside the small-int cache (truth_child.py)
            c = t.op("int.alloc") * i["int_alloc"]
            total += c
            parts["int.alloc"] = parts.get("int.alloc", 0) + c
        calls = i.get("calls") or {}
        if i["op"] in ("CALL", "CALL_KW", "CALL_FUNCTION_EX", "CALL_FUNCTION", "CALL_METHOD"):
            extra_py = calls.get("py", 0) + calls.get("init", 0)
            if map_instruction(i)[0] in ("CALL.py", "CALL.bound_method", "CALL.class"):
                extra_py -= n
            if extra_py > 0:     # Python functions called back from C (map, sorted key, ...)
                total += extra_py * t.op("CALL.py")
            if calls.get("gen"):  # a built-in consuming a generator (sum, list, join, ...)
                total += calls["gen"] * t.op("FOR_ITER.generator")
        if i["op"] == "CONTAINS_OP":
            ct = i.get("contains") or {}
            for kind, m in ct.items():
                if kind == "_items":
                    continue
                if kind in ("set", "frozenset"):
                    c = m * t.op("CONTAINS_OP.set")
                elif kind in ("dict", "dict_keys"):
                    c = m * t.op("CONTAINS_OP.dict")
                else:
                    c = m * t.op("CONTAINS_OP")
                total += c
                parts["CONTAINS_OP"] = parts.get("CONTAINS_OP", 0) + c
            if ct.get("_items"):
                c = t.builtin("builtin.list.__contains__", 0) * sum(
                    m for k, m in ct.items() if k in ("list", "tuple")) \
                    + t.builtins["builtin.list.__contains__"]["per_item_ns"] * ct["_items"]
                total += c
                parts["builtin.list.__contains__"] = c
    young = t.params.get("gc.young_per_object_ns", 15)
    full = t.params.get("gc.full_per_object_ns", 80)
    free = t.params.get("gc.free_per_object_ns", 130)
    gcc = 0.0
    for gen, traversed, collected in data["gc"]:
        gcc += traversed * (full if gen == 2 else young) + collected * free
    total += gcc
    parts["gc"] = gcc
    ref = sum(t.op(k) for k in REF_KEYS) * 3_500_000
    return total / ref, parts


def hash_text(text):
    import hashlib
    return int(hashlib.sha256(text.encode()).hexdigest()[:16], 16)


def pairs_of(truth_dir, names):
    out = []
    for name in names:
        with open(os.path.join(truth_dir, name), encoding="utf-8") as f:
            head = f.read(600)
        for line in head.splitlines():
            if line.startswith("# pair:"):
                other = line.split(":", 1)[1].strip()
                if other and other != "none":
                    other_name = os.path.join(os.path.dirname(name), other + ".py")
                    if other_name in names and (other_name, name) not in out:
                        out.append((name, other_name))
    return out


def check(python, table_path, truth_dir, results_file, log=print):
    with open(table_path) as f:
        table = json.load(f)
    with open(os.path.join(truth_dir, results_file)) as f:
        results = json.load(f)
    names = sorted(k for k in results if any(part in FAMILIES for part in k.split("/")[:-1])
                   and results[k].get("norm_cost"))
    rows = {}
    cache_dir = os.path.join(os.environ.get("TMPDIR", "/tmp"), "pitfall-truth-trace")
    os.makedirs(cache_dir, exist_ok=True)
    for name in names:
        prog = os.path.join(truth_dir, name)
        tag = "%s|%s|%d|%d" % (os.path.realpath(python), os.path.realpath(prog),
                               os.stat(prog).st_mtime_ns,
                               os.stat(os.path.join(HERE, "truth_child.py")).st_mtime_ns)
        cache = os.path.join(cache_dir, "%016x.json" % (hash_text(tag)))
        if os.path.exists(cache):
            with open(cache) as f:
                data = json.load(f)
        else:
            data = None
        if data is None:
            p = subprocess.run([python, "-s", os.path.join(HERE, "truth_child.py"),
                                os.path.join(truth_dir, name), name],
                               capture_output=True, text=True, cwd=truth_dir, timeout=900,
                               env={k: v for k, v in os.environ.items()
                                    if not k.startswith("PYTHON")} | {"PYTHONHASHSEED": "0"})
            if p.returncode != 0:
                log("  %s: child failed: %s" % (name, p.stderr[-500:]))
                continue
            data = json.loads(p.stdout)
            with open(cache, "w") as f:
                json.dump(data, f)
        pred, parts = predict(data, table)
        meas = results[name]["norm_cost"]
        rows[name] = (pred, meas)
        top = sorted(parts.items(), key=lambda kv: -kv[1])[:3]
        log("  %-42s pred %6.3f  measured %6.3f  ln %+.2f   (%s)" % (
            name, pred, meas, math.log(pred / meas),
            ", ".join("%s %.0f%%" % (k, 100 * v / sum(parts.values())) for k, v in top)))
    errs = [abs(math.log(p / m)) for p, m in rows.values()]
    summary = {"programs": len(rows), "median_abs_ln": round(statistics.median(errs), 3)
               if errs else None, "pairs": []}
    for a, b in pairs_of(truth_dir, list(rows)):
        pa, ma = rows[a]
        pb, mb = rows[b]
        rp, rm = pa / pb, ma / mb
        ok_order = (rp > 1) == (rm > 1) or abs(math.log(rm)) < 0.05
        ok_ratio = abs(rp / rm - 1) <= 0.30
        summary["pairs"].append({"a": a, "b": b, "pred_ratio": round(rp, 3),
                                 "measured_ratio": round(rm, 3), "order_ok": ok_order,
                                 "within_30pct": ok_ratio})
    return rows, summary
