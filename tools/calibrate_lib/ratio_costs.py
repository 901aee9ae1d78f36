"""Cost-table rows for built-ins measured as ratios to a row the table
already has, timed in the same interpreter run.

Each entry below times a statement at a small and a large size, and its
reference statement (the benchmark tools/calibrate fitted the reference row
with) at the same sizes, interleaved round by round so that both see the same
machine load; times are the process's CPU time (time.process_time: a busy
shared machine deschedules the process, which wall time would count), the
minimum of the rounds is kept. The entry's per-unit slope
(large minus small size) and its fixed part (the small size's whole time,
compared with the reference's at that size) are written as
`reference row x (entry / reference)` into the
measured tables (3.10-3.13); the derived tables get their base table's row
times their `derived.builtin_factor`, as tools/calibrate --derive does.

Entries:
 - hashlib sha1/sha224/sha384/sha512 against sha256 (`y = hashlib.X(B).digest()`,
   64 B and 64 KiB); md5, which the table fits itself, is measured the same way
   and printed as a check of the method (not written);
 - array.array: construction from a list of floats and from a range (per
   item), tolist (per item), extend from a list (per item), tobytes/frombytes
   (per byte), in reference-loop iterations (`for i in range(N): x = i * 2`,
   the truth corpus's unit) times the table's `machine.ref_loop_ns_per_iter`;
 - big ints, per 30-bit digit, the same way: `A + B` (builtin.int.__add__,
   n = digits of the longer operand), `A * 12345` (builtin.int.__mul__,
   n = digit products), `A // 12345` (builtin.int.__floordiv__, n = quotient
   digits x divisor digits), at 10 and 4000 digits; the simulator charges only
   their per-digit slope on top of BINARY_OP.bigint (sim/vm/bigint_costs.h);
 - Counter(iterable) (builtin.Counter.update, per item counted) and
   d.update(D) (builtin.dict.update, per item), the same way;
 - differences of two statements run in the same loop (DIFFS): what a
   statement costs beyond a look-alike the table already prices, less the
   table's instructions that only the first one runs: `'n%d' % i` against
   `S + S` (builtin.str.__mod__), `f'{x:.2f}'` against `f'{i}'`
   (builtin.format: formatting by a spec), a failing `int(s)` in try/except
   against a succeeding one less the handler's instructions
   (params.exception.builtin_raise_ns); in reference-loop iterations times the
   table's reference loop.

usage: python3 -m tools.calibrate_lib.ratio_costs [--dir engine/sim/costs] [--rounds N] [--dry-run]
                                                  [--keys KEY,...]  (measure and write only these rows)
"""
import argparse
import json
import os
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
MEASURED = {
    "3.10": "/root/.pyenv/versions/3.10.13/bin/python3",
    "3.11": "/root/.pyenv/versions/3.11.7/bin/python",
    "3.12": "/root/.pyenv/versions/3.12.1/bin/python",
    "3.13": "/root/.pyenv/versions/3.13.0/bin/python",
}
DERIVED_ORDER = ["3.14", "3.13t", "3.13-jit", "3.14t", "3.14-jit"]

HASH_SIZES = (64, 65536)
ITEM_SIZES = (10, 10000)
# the truth corpus's reference loop, per iteration: the tables' machine unit
# (`machine.ref_loop_ns_per_iter`); entries measured against it are written
# as their time in reference-loop iterations times the table's loop
REF_LOOP = "refloop"


def _hash(name):
    return ("y = hashlib.%s(B).digest()" % name, "import hashlib\nB = b'x' * {n}", HASH_SIZES)


# key -> (statement, setup, sizes, reference key, unit, written)
ENTRIES = {
    "builtin.hashlib.md5": _hash("md5") + ("builtin.hashlib.sha256", "bytes", False),
    "builtin.hashlib.sha1": _hash("sha1") + ("builtin.hashlib.sha256", "bytes", True),
    "builtin.hashlib.sha224": _hash("sha224") + ("builtin.hashlib.sha256", "bytes", True),
    "builtin.hashlib.sha384": _hash("sha384") + ("builtin.hashlib.sha256", "bytes", True),
    "builtin.hashlib.sha512": _hash("sha512") + ("builtin.hashlib.sha256", "bytes", True),
    "builtin.array": ("y = array('d', L)", "from array import array\nL = [float(i) for i in range({n})]",
                      ITEM_SIZES, REF_LOOP, "items", True),
    "builtin.array:iterable": ("y = array('d', R)", "from array import array\nR = range({n})",
                               ITEM_SIZES, REF_LOOP, "items", True),
    "builtin.array.tolist": ("y = A.tolist()", "from array import array\nA = array('d', range({n}))",
                             ITEM_SIZES, REF_LOOP, "items", True),
    "builtin.array.extend": ("y = array('d'); y.extend(L)",
                             "from array import array\nL = [float(i) for i in range({n})]",
                             ITEM_SIZES, REF_LOOP, "items", True),
    "builtin.array.tobytes": ("y = A.tobytes()", "from array import array\nA = array('b', bytes({n}))",
                              (1000, 1000000), REF_LOOP, "bytes", True),
    "builtin.array.frombytes": ("y = array('b'); y.frombytes(B)", "from array import array\nB = bytes({n})",
                                (1000, 1000000), REF_LOOP, "bytes", True),
}
BIG_SIZES = (10, 4000)
BIG_SETUP = "A = (1 << (30 * {n} - 1)) - 1\nB = A >> 7"
ENTRIES.update({
    "builtin.int.__add__": ("y = A + B", BIG_SETUP, BIG_SIZES, REF_LOOP, "digits of the longer operand", True),
    "builtin.int.__mul__": ("y = A * 12345", BIG_SETUP, BIG_SIZES, REF_LOOP,
                            "digit products (Karatsuba past 70 digits: sim/vm/bigint_costs.h)", True),
    "builtin.int.__floordiv__": ("y = A // 12345", BIG_SETUP, BIG_SIZES, REF_LOOP,
                                 "quotient digits x divisor digits", True),
})
ENTRIES.update({
    "builtin.Counter.update": ("y = Counter(W)", "from collections import Counter\nW = [str(i % 97) for i in range({n})]",
                               ITEM_SIZES, REF_LOOP, "items counted", True),
    "builtin.dict.update": ("y = {}\ny.update(D)", "D = {{str(i): i for i in range({n})}}",
                            ITEM_SIZES, REF_LOOP, "items of the source", True),
})
DIFF_LOOP = 2000
# key -> (statement, look-alike, setup, table ops only the statement runs, kind)
DIFFS = {
    "builtin.str.__mod__": ("y = F % i", "y = S + S", "F = 'n%d'\ni = 12345\nS = 'ab'", [], "builtin"),
    "builtin.format": ("y = f'{x:.2f}'", "y = f'{i}'", "x = 3.75\ni = 12345", ["LOAD_CONST"], "builtin"),
    "exception.builtin_raise_ns": ("try:\n    int(S)\nexcept ValueError:\n    pass",
                                   "try:\n    int(G)\nexcept ValueError:\n    pass", "S = 'x5'\nG = '55'",
                                   ["CHECK_EXC_MATCH", "POP_TOP", "POP_EXCEPT", "JUMP_FORWARD"], "param"),
}
REFS = {
    "builtin.hashlib.sha256": _hash("sha256"),
    REF_LOOP: ("for i in R:\n    x = i * 2", "R = range({n})", (1000, 100000)),
}

CHILD = r"""
import json, sys, time
jobs = json.loads(sys.stdin.read())
best = {}
for rnd in range(jobs["rounds"]):
    for name, stmt, setup in jobs["items"]:
        env = {}
        exec(setup, env)
        code = compile(stmt, "<bench>", "exec")
        loops = 1
        while True:
            t0 = time.process_time()
            for _ in range(loops):
                exec(code, env)
            dt = time.process_time() - t0
            if dt > 0.008:
                break
            loops *= 4
        ns = dt / loops * 1e9
        best[name] = min(best.get(name, ns), ns)
print(json.dumps(best))
"""


def measure(python, rounds, keys=None):
    items = []
    sized = {}
    for key, e in ENTRIES.items():
        if keys and key not in keys:
            continue
        sized[key] = (e[0], e[1], e[2])
    for key, e in REFS.items():
        sized[key] = (e[0], e[1], e[2])
    for key, (stmt, setup, sizes) in sized.items():
        for n in sizes:
            items.append(["%s@%d" % (key, n), stmt, setup.format(n=n)])
    for key, (stmt, alike, setup, _ops, _kind) in DIFFS.items():
        if keys and key not in keys:
            continue
        for tag, body in (("stmt", stmt), ("alike", alike)):
            loop = "for _ in range(%d):\n" % DIFF_LOOP + "\n".join("    " + l for l in body.split("\n"))
            items.append(["%s@%s" % (key, tag), loop, setup])
    # an empty statement: the exec loop's own cost, taken off every timing
    items.append(["empty@0", "pass", ""])
    out = subprocess.run([python, "-c", CHILD], input=json.dumps({"rounds": rounds, "items": items}),
                         capture_output=True, text=True, check=True).stdout
    best = json.loads(out)
    empty = best["empty@0"]
    res = {}
    for key, (stmt, setup, sizes) in sized.items():
        lo, hi = sizes
        t_lo, t_hi = best["%s@%d" % (key, lo)] - empty, best["%s@%d" % (key, hi)] - empty
        slope = (t_hi - t_lo) / (hi - lo)
        # the fixed part's ratio is taken on the small size's whole time: the
        # intercept of two noisy points is too fragile to divide by
        res[key] = {"per_unit": slope, "base": t_lo, "small": lo}
    for key in DIFFS:
        if "%s@stmt" % key in best:
            res[key] = {"diff": (best["%s@stmt" % key] - best["%s@alike" % key]) / DIFF_LOOP}
    return res


def row_from(ref_row, ratio_base, ratio_unit, releases_gil):
    return {"base_ns": round(ref_row["base_ns"] * ratio_base, 2),
            "per_item_ns": round(ref_row["per_item_ns"] * ratio_unit, 4),
            "per_nlogn_ns": 0.0, "releases_gil": releases_gil}


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", default=os.path.join(HERE, "..", "..", "engine", "sim", "costs"))
    ap.add_argument("--rounds", type=int, default=15)
    ap.add_argument("--dry-run", action="store_true")
    ap.add_argument("--keys", default="", help="comma-separated rows to measure and write (default: all)")
    a = ap.parse_args(argv)
    keys = set(k for k in a.keys.split(",") if k)
    unknown = keys - set(ENTRIES)
    unknown -= set(DIFFS)
    if unknown:
        ap.error("no such entries: " + ", ".join(sorted(unknown)))
    entries = {k: e for k, e in ENTRIES.items() if not keys or k in keys}
    diffs = {k: e for k, e in DIFFS.items() if not keys or k in keys}
    tables = {}
    for v in list(MEASURED) + DERIVED_ORDER:
        with open(os.path.join(a.dir, "cpython-%s.json" % v)) as f:
            tables[v] = json.load(f)
    print("ratios: to sha256 for hashlib, in reference-loop iterations for array")
    print("%-7s %-26s %10s %10s %12s %12s" % ("version", "key", "base x", "unit x", "unit ns here", "table row"))
    for v, py in MEASURED.items():
        m = measure(py, a.rounds, keys)
        t = tables[v]
        loop_ns = m[REF_LOOP]["per_unit"]
        for key, (_s, _st, _sz, ref, unit, written) in entries.items():
            if ref == REF_LOOP:
                f = t["machine"]["ref_loop_ns_per_iter"] / loop_ns
                e = m[key]
                base = max(e["base"] - e["small"] * e["per_unit"], 0.0)
                rb, ru = base / loop_ns, e["per_unit"] / loop_ns
                row = {"base_ns": round(base * f, 2), "per_item_ns": round(e["per_unit"] * f, 4),
                       "per_nlogn_ns": 0.0, "releases_gil": False}
            else:
                rb = m[key]["base"] / m[ref]["base"]
                ru = m[key]["per_unit"] / m[ref]["per_unit"]
                row = row_from(t["builtins"][ref], rb, ru, key.startswith("builtin.hashlib."))
            print("%-7s %-26s %10.3f %10.3f %12.4f %12.4f" % (v, key, rb, ru, m[key]["per_unit"], row["per_item_ns"]))
            if written:
                t["builtins"][key] = row
                t.setdefault("builtin_size_units", {})[key] = "n = " + unit
            elif key in t["builtins"]:
                print("%-7s   check: the table's own fit of %s: %.4f ns per unit" % (v, key, t["builtins"][key]["per_item_ns"]))
        for key, (_s, _a, _st, ops, kind) in diffs.items():
            f = t["machine"]["ref_loop_ns_per_iter"] / loop_ns
            minus = sum(t["ops"].get(op, 0.0) for op in ops)
            ns = max(0.0, m[key]["diff"] * f - minus)
            print("%-7s %-26s %10.3f %10s %12.4f %12.4f" % (v, key, m[key]["diff"] / loop_ns, "-", m[key]["diff"], ns))
            if kind == "param":
                t["params"][key] = round(ns, 2)
            else:
                t["builtins"][key] = {"base_ns": round(ns, 2), "per_item_ns": 0.0, "per_nlogn_ns": 0.0,
                                      "releases_gil": False}
                t.setdefault("builtin_size_units", {})[key] = "n = none (per call)"
    for v in DERIVED_ORDER:
        t = tables[v]
        base = tables[t["derived"]["from"].replace("cpython-", "").replace(".json", "")]
        k = t["derived"]["builtin_factor"]
        for key, e in entries.items():
            if not e[5]:
                continue
            b = base["builtins"][key]
            t["builtins"][key] = {"base_ns": round(b["base_ns"] * k, 4), "per_item_ns": round(b["per_item_ns"] * k, 6),
                                  "per_nlogn_ns": 0.0, "releases_gil": b["releases_gil"]}
            t.setdefault("builtin_size_units", {})[key] = base["builtin_size_units"][key]
        for key, (_s, _a, _st, _ops, kind) in diffs.items():
            if kind == "param":
                t["params"][key] = base["params"][key]  # CPU work of C code, as the table's other exception params
            else:
                b = base["builtins"][key]
                t["builtins"][key] = {"base_ns": round(b["base_ns"] * k, 4), "per_item_ns": 0.0,
                                      "per_nlogn_ns": 0.0, "releases_gil": False}
                t.setdefault("builtin_size_units", {})[key] = base["builtin_size_units"][key]
    if a.dry_run:
        return 0
    for v, t in tables.items():
        t["builtins"] = dict(sorted(t["builtins"].items()))
        t["builtin_size_units"] = dict(sorted(t.get("builtin_size_units", {}).items()))
        with open(os.path.join(a.dir, "cpython-%s.json" % v), "w") as f:
            f.write(json.dumps(t, indent=1) + "\n")
        print("wrote", "cpython-%s.json" % v)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
