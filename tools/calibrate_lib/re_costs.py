#!/usr/bin/env python3
"""Measure the `re` cost keys of a cost table on a real CPython and write them
into engine/sim/costs/cpython-<ver>.json.

The simulator charges a Pattern method call `builtin.re.match` (base_ns per
call + per_item_ns per matcher step), `builtin.re.scan` per_item_ns per
character scanned (single-character repeats and the literal-prefix search),
`builtin.re.findall` per_item_ns per match a findall/finditer/sub/split
produces, `builtin.re.attempt` per_item_ns per start position a search tries, and `builtin.re.compile` (base_ns + per_item_ns per pattern
character) for compiling (re_pattern.cpp). Steps and scanned characters are
the simulator's own counts, so the fit needs both sides of each benchmark:

1. CPython: time each statement with timeit (best of several repeats), in a
   function so names are LOAD_FAST as the keys below say;
2. simulator: run the same statement once under `pitfall run` and read the
   engine's counters (`_pitfall_re._counters()`);
   every sample is scaled to the table's machine level by the table's
   reference loop timed right before it (the companion scheme of
   tools/calibrate, run.py), since the machine's speed drifts under load;
3. subtract the surrounding instructions (the table's own op costs) and fit
   time = base + a*steps + b*scanned + c*items by least squares (non-negative).

usage: tools/calibrate_lib/re_costs.py --python /root/.pyenv/versions/3.11.7/bin/python3 \
           [--pitfall build/native/pitfall] [--table engine/sim/costs/cpython-3.11.json] [--dry-run]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))

# (name, setup, stmt, keys around the call) -- matching work of several shapes
MATCH_BENCH = [
    ("literal_hit", "P = re.compile('abc')\nT = 'abcdef'", "y = P.match(T)"),
    ("literal_miss", "P = re.compile('abc')\nT = 'xbcdef'", "y = P.match(T)"),
    ("digits", "P = re.compile(r'\\d+-\\d+')\nT = '2024-11'", "y = P.match(T)"),
    ("search_prefix", "P = re.compile('z+q')\nT = 'ab' * 2000", "y = P.search(T)"),
    ("search_literal", "P = re.compile('needle')\nT = 'hay ' * 1000 + 'needle'", "y = P.search(T)"),
    ("star_dot", "P = re.compile('.*x')\nT = 'a' * 1000", "y = P.match(T)"),
    ("alt_loop", "P = re.compile('(?:ab|cd)*e')\nT = 'abcd' * 300 + 'e'", "y = P.match(T)"),
    ("group_loop", "P = re.compile('(a|b)*c')\nT = 'ab' * 400", "y = P.match(T)"),
    ("backtrack14", "P = re.compile('(a+)+b')\nT = 'a' * 14", "y = P.match(T)"),
    ("backtrack16", "P = re.compile('(a+)+b')\nT = 'a' * 16", "y = P.match(T)"),
    ("email", "P = re.compile(r'[\\w.+-]+@[\\w-]+\\.[\\w.]+')\nT = 'contact: bob.smith@example.com today'",
     "y = P.search(T)"),
    ("words_search", "P = re.compile(r'\\bword\\b')\nT = 'lorem ipsum ' * 100 + 'word'", "y = P.search(T)"),
    ("findall_digits", "P = re.compile(r'\\d+')\nT = 'a1 b22 c333 ' * 200", "y = P.findall(T)"),
    ("findall_words", "P = re.compile(r'\\w+')\nT = 'the quick brown fox ' * 200", "y = P.findall(T)"),
    ("sub_spaces", "P = re.compile(r'\\s+')\nT = 'a  b \\t c ' * 200", "y = P.sub(' ', T)"),
    ("split_commas", "P = re.compile(r',\\s*')\nT = 'x, y,z, ' * 200", "y = P.split(T)"),
]
# the instructions around `y = P.m(T)` / `y = P.sub(' ', T)` (cost table keys)
KEYS_CALL1 = ["LOAD_FAST", "LOAD_ATTR.method", "LOAD_FAST", "CALL.method_builtin", "STORE_FAST"]
KEYS_CALL2 = ["LOAD_FAST", "LOAD_ATTR.method", "LOAD_CONST", "LOAD_FAST", "CALL.method_builtin", "STORE_FAST"]

# compile: patterns of several shapes and lengths (cache bypassed)
COMPILE_PATTERNS = [
    r"a", r"abc", r"\d+", r"[a-z]+@\w+", r"(\w+)\s(\w+)", r"^\d{3}-\d{4}$",
    r"(?P<key>\w+)\s*:\s*(?P<val>.*)", r"[\w.+-]+@[\w-]+\.[\w.]+",
    r"(\d{1,3}\.){3}\d{1,3}|localhost", r"(?:ab|cd|ef)+(?=x)[^\s]*?z{2,5}",
    r"(\w+)@(\w+)\.(com|org|net)" * 4, r"[a-z]\d" * 20, r"(?i)" + r"hello (world|there)" * 6,
]
KEYS_COMPILE = ["LOAD_FAST", "LOAD_FAST", "LOAD_CONST", "CALL.builtin", "STORE_FAST"]

CPY_CHILD = r'''
import json, re, statistics, sys, time, timeit
try:
    from re import _compiler
except ImportError:  # 3.10
    import sre_compile as _compiler
bench = json.loads(sys.argv[1])
REF = compile(bench["ref_source"], "ref", "exec")
REF_N = bench["ref_n"]


def ref_ns():
    # the table's reference loop (module level), ns per iteration, now
    t = time.perf_counter()
    exec(REF, {})
    return (time.perf_counter() - t) / REF_N * 1e9


def scaled(fn, n, repeat=9):
    # each sample in the table's units: x (table reference / reference measured right before);
    # the median of the scaled samples (calibrate's companion scheme, run.py aggregate)
    out = []
    for _ in range(repeat):
        r = ref_ns()
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) / n * 1e9 * bench["table_ref_ns"] / r)
    return statistics.median(out)


out = {}
for name, setup, stmt in bench["match"]:
    g = {"re": re}
    exec(setup, g)
    P, T = g["P"], g["T"]
    ns = {}
    exec("def run(P, T, n):\n    for _ in range(n):\n        " + stmt + "\n", ns)
    exec("def empty(P, T, n):\n    for _ in range(n):\n        pass\n", ns)
    n = 10
    while True:
        t = time.perf_counter()
        ns["run"](P, T, n)
        if time.perf_counter() - t > 0.02:
            break
        n *= 2
    best = scaled(lambda: ns["run"](P, T, n), n)
    base = scaled(lambda: ns["empty"](P, T, n), n)
    out[name] = {"ns": best - base}
comp = {}
C = _compiler.compile
for pat in bench["compile"]:
    comp[pat] = scaled(lambda: [C(pat, 0) for _ in range(100)], 100)
print(json.dumps({"match": out, "compile": comp}))
'''

SIM_PROG = r'''
import re, _pitfall_re
{setup}
def run(P, T):
    a = _pitfall_re._counters()
    {stmt}
    b = _pitfall_re._counters()
    print(b[0] - a[0], b[1] - a[1], b[2] - a[2], b[3] - a[3])
run(P, T)
'''


def sim_counts(pitfall, version, setup, stmt):
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as f:
        f.write(SIM_PROG.format(setup=setup, stmt=stmt))
        path = f.name
    try:
        p = subprocess.run([pitfall, "run", path, "--python", version], capture_output=True, text=True, timeout=300)
    finally:
        os.unlink(path)
    if p.returncode != 0:
        raise SystemExit(f"pitfall failed on {stmt!r}: {p.stderr}")
    steps, scanned, items, attempts = (int(x) for x in p.stdout.split())
    return steps, scanned, items, attempts


def nnls(rows, ys, ncols):
    """Least squares with non-negative coefficients (tiny active-set loop)."""
    active = list(range(ncols))
    while True:
        # normal equations on the active columns
        A = [[sum(r[i] * r[j] for r in rows) for j in active] for i in active]
        b = [sum(r[i] * y for r, y in zip(rows, ys)) for i in active]
        n = len(active)
        for c in range(n):  # Gauss-Jordan with partial pivoting
            piv = max(range(c, n), key=lambda k: abs(A[k][c]))
            A[c], A[piv], b[c], b[piv] = A[piv], A[c], b[piv], b[c]
            if abs(A[c][c]) < 1e-12:
                continue
            for k in range(n):
                if k != c:
                    f = A[k][c] / A[c][c]
                    A[k] = [x - f * y for x, y in zip(A[k], A[c])]
                    b[k] -= f * b[c]
        sol = [b[i] / A[i][i] if abs(A[i][i]) > 1e-12 else 0.0 for i in range(n)]
        neg = [active[i] for i, v in enumerate(sol) if v < 0]
        if not neg:
            x = [0.0] * ncols
            for i, c in enumerate(active):
                x[c] = sol[i]
            return x
        active = [c for c in active if c not in neg]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--python", required=True)
    ap.add_argument("--pitfall", default=os.path.join(ROOT, "build", "native", "pitfall"))
    ap.add_argument("--table", help="cost table to update (default: the one of --python's version)")
    ap.add_argument("--dry-run", action="store_true", help="print the fit, write nothing")
    args = ap.parse_args()
    ver = subprocess.run([args.python, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                         capture_output=True, text=True, check=True).stdout.strip()
    table_path = args.table or os.path.join(ROOT, "engine", "sim", "costs", f"cpython-{ver}.json")
    with open(table_path) as f:
        table = json.load(f)
    ops = table["ops"]

    def op(k):
        return ops.get(k, ops.get(k.split(".")[0], ops.get("default", 0.0)))

    m = table["machine"]
    ref_n = 200_000
    bench = {"match": [list(b) for b in MATCH_BENCH], "compile": COMPILE_PATTERNS,
             "ref_source": m["ref_loop_source"].replace("3500000", str(ref_n)), "ref_n": ref_n,
             "table_ref_ns": m["ref_loop_ns_per_iter"]}
    p = subprocess.run([args.python, "-c", CPY_CHILD, json.dumps(bench)], capture_output=True, text=True,
                       env=dict(os.environ, PYTHONHASHSEED="0"), timeout=900)
    if p.returncode != 0:
        raise SystemExit(p.stderr)
    cpy = json.loads(p.stdout)

    rows, ys, names = [], [], []
    for name, setup, stmt in MATCH_BENCH:
        steps, scanned, items, attempts = sim_counts(args.pitfall, ver, setup, stmt)
        keys = KEYS_CALL2 if ".sub(" in stmt else KEYS_CALL1
        around = sum(op(k) for k in keys)
        rows.append([1.0, float(steps), float(scanned), float(items), float(attempts)])
        ys.append(cpy["match"][name]["ns"] - around)
        names.append((name, steps, scanned, items, attempts, cpy["match"][name]["ns"]))
    # relative least squares: weight each row by 1/y so short and long runs count alike
    w = [1.0 / max(y, 1.0) for y in ys]
    coef = nnls([[v * wi for v in r] for r, wi in zip(rows, w)], [y * wi for y, wi in zip(ys, w)], 5)
    base, per_step, per_scan, per_item, per_attempt = coef
    print(f"CPython {ver}: re.match base {base:.1f} ns, per step {per_step:.2f} ns, "
          f"per scanned char {per_scan:.2f} ns, per produced match {per_item:.1f} ns, "
          f"per search start position {per_attempt:.2f} ns")
    print(f"{'benchmark':16} {'steps':>8} {'scanned':>8} {'items':>6} {'starts':>6} {'cpython ns':>11} {'model ns':>10} {'ratio':>6}")
    around1 = sum(op(k) for k in KEYS_CALL1)
    for (name, steps, scanned, items, attempts, ns), r in zip(names, rows):
        model = base + per_step * steps + per_scan * scanned + per_item * items + per_attempt * attempts + around1
        print(f"{name:16} {steps:8d} {scanned:8d} {items:6d} {attempts:6d} {ns:11.0f} {model:10.0f} {model / ns:6.2f}")

    crows, cys = [], []
    around_c = sum(op(k) for k in KEYS_COMPILE)
    for pat in COMPILE_PATTERNS:
        crows.append([1.0, float(len(pat))])
        cys.append(cpy["compile"][pat] - around_c)
    cw = [1.0 / max(y, 1.0) for y in cys]
    cbase, cper = nnls([[v * wi for v in r] for r, wi in zip(crows, cw)], [y * wi for y, wi in zip(cys, cw)], 2)
    print(f"re.compile: base {cbase:.0f} ns + {cper:.1f} ns per pattern character")
    for pat, y in zip(COMPILE_PATTERNS, cys):
        print(f"  {len(pat):4d} chars  cpython {y + around_c:8.0f} ns  model {cbase + cper * len(pat) + around_c:8.0f} ns")
    if args.dry_run:
        return

    def put(key, b, per, unit):
        table["builtins"][key] = {"base_ns": round(b, 3), "per_item_ns": round(per, 4), "per_nlogn_ns": 0.0,
                                  "releases_gil": False}
        table["builtin_size_units"][key] = unit

    put("builtin.re.match", base, per_step, "n = matcher steps (engine/sim/regex)")
    put("builtin.re.scan", 0.0, per_scan, "n = characters scanned by single-character repeats and prefix search")
    put("builtin.re.findall", 0.0, per_item, "n = matches produced (findall, finditer, sub, split)")
    put("builtin.re.attempt", 0.0, per_attempt, "n = start positions a search tried")
    put("builtin.re.compile", cbase, cper, "n = pattern characters")
    table["builtins"] = dict(sorted(table["builtins"].items()))
    table["builtin_size_units"] = dict(sorted(table["builtin_size_units"].items()))
    with open(table_path, "w") as f:
        json.dump(table, f, indent=1)
        f.write("\n")
    print(f"wrote {os.path.relpath(table_path, ROOT)}")


if __name__ == "__main__":
    sys.exit(main())
