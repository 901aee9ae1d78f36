#!/usr/bin/env python3
"""Measures the zlib module's costs on the installed CPythons and writes them
into the measured cost tables (engine/sim/costs/cpython-3.1[0-3].json); then
run `tools/calibrate --derive` for 3.14, the free-threaded and JIT tables.

deflate's time per byte depends on the level and on the data as much: on five
kinds of data a learner compresses (runs of a phrase, JSON records, CSV rows,
random letters, random bytes) at every level 0-9 this measures, in each
interpreter:

  builtin.zlib.compress:L<level>:<kind>  base_ns: zlib.compress(b"", level)
                                         per_item_ns: per input byte (16 KiB -> 256 KiB)
  zlib.ratio:L<level>:<kind>             compressed / input length at 256 KiB
  builtin.zlib.decompress:<kind>         zlib.decompress of level-6 data: base
                                         (of compress(b"")), per output byte
  builtin.zlib.crc32, builtin.zlib.adler32  base, per byte (64 B -> 1 MiB)
  zlib.checksum_gil_release_min_bytes    5121: crc32/adler32 release the GIL
                                         when len > 1024*5 (Modules/zlibmodule.c)

The simulator (engine/sim/modules/zlib_costs.cpp) interpolates a call's cost
at the ratio real zlib reached on its data. The ratio does not decide the
time alone: data with many short matches over a small alphabet (random digits,
floats' text) take ~75 ns/byte at level 6 where these anchors predict ~35,
text of random words ~19 where they predict ~38 (within ~2x; see
tests/engine/zlib_costs_test.cpp). Times are CPU times
(time.process_time, best of the rounds) converted to the table's machine by
the reference loop (`for i in R: x = i * 2`) timed in the same child:
table ns = ns here x machine.ref_loop_ns_per_iter / loop ns here.
Each table's metadata.zlib_costs records the run (date, interpreter, load).

usage: tools/bench/zlib_costs.py [--dir engine/sim/costs] [--rounds N] [--dry-run]
"""
import argparse
import datetime
import json
import os
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
MEASURED = {
    "3.10": "/root/.pyenv/versions/3.10.13/bin/python3",
    "3.11": "/root/.pyenv/versions/3.11.7/bin/python3",
    "3.12": "/root/.pyenv/versions/3.12.1/bin/python3",
    "3.13": "/root/.pyenv/versions/3.13.0/bin/python3",
}
KINDS = ("runs", "json", "csv", "letters", "random")
SMALL, LO, HI = 64, 16 * 1024, 256 * 1024

CHILD = r"""
import json, random, string, sys, time, zlib
spec = json.loads(sys.stdin.read())
SMALL, LO, HI = spec["sizes"]

def make(kind, n):
    r = random.Random(7)
    if kind == "runs":
        return (b"the same phrase again and again; " * (n // 33 + 1))[:n]
    if kind == "json":
        recs = [{"id": i, "name": "user%d" % i, "score": r.randrange(1000), "active": i % 2 == 0}
                for i in range(n // 50 + 1)]
        return json.dumps(recs).encode()[:n]
    if kind == "csv":
        return "\n".join("%d,%s,%d" % (i, "user%d" % i, r.randrange(1000)) for i in range(n // 12 + 1)).encode()[:n]
    if kind == "letters":
        return "".join(r.choice(string.ascii_letters) for _ in range(n)).encode()
    return r.randbytes(n)

def clock(fn):
    loops = 1
    while True:
        t0 = time.process_time()
        for _ in range(loops):
            fn()
        dt = time.process_time() - t0
        if dt > 0.01:
            return dt / loops * 1e9
        loops *= 4

LOOP = compile("for i in R:\n    x = i * 2\n", "<loop>", "exec")
def loop_ns():
    # at module level (name lookups in a dict), as the table's reference loop
    env = {"R": range(100000)}
    return clock(lambda: exec(LOOP, env)) / 100000

best = {}
def keep(name, ns):
    best[name] = min(best.get(name, ns), ns)

data = {k: {n: make(k, n) for n in (SMALL, LO, HI)} for k in spec["kinds"]}
ratios = {}
empty = zlib.compress(b"")
for rnd in range(spec["rounds"]):
    keep("loop", loop_ns())
    for level in range(10):
        # the call's fixed part: deflateInit2 (its 256 KiB of state, the hash
        # table cleared), deflateEnd, the bytes object; held under the GIL
        keep("c:%d:empty" % level, clock(lambda: zlib.compress(b"", level)))
    keep("d:empty", clock(lambda: zlib.decompress(empty)))
    for k in spec["kinds"]:
        for level in range(10):
            for n in (LO, HI):
                d = data[k][n]
                keep("c:%d:%s:%d" % (level, k, n), clock(lambda: zlib.compress(d, level)))
            ratios["%d:%s" % (level, k)] = len(zlib.compress(data[k][HI], level)) / HI
        for n in (LO, HI):
            c = zlib.compress(data[k][n], 6)
            keep("d:%s:%d" % (k, n), clock(lambda: zlib.decompress(c)))
    big = data["random"][HI] * 4
    small = data["random"][SMALL]
    for f in ("crc32", "adler32"):
        fn = getattr(zlib, f)
        keep("%s:small" % f, clock(lambda: fn(small)))
        keep("%s:big" % f, clock(lambda: fn(big)))
print(json.dumps({"best": best, "ratios": ratios}))
"""


def measure(python, rounds):
    p = subprocess.run([python, "-c", CHILD], input=json.dumps({"sizes": [SMALL, LO, HI], "kinds": KINDS, "rounds": rounds}),
                       capture_output=True, text=True, check=True)
    return json.loads(p.stdout)


def rows(m, scale):
    b, r = m["best"], m["ratios"]
    builtins, params, units = {}, {}, {}

    def row(base, per):
        return {"base_ns": round(max(base, 0.0) * scale, 1), "per_item_ns": round(max(per, 0.0) * scale, 4),
                "per_nlogn_ns": 0.0, "releases_gil": True}

    for k in KINDS:
        for level in range(10):
            lo, hi = b["c:%d:%s:%d" % (level, k, LO)], b["c:%d:%s:%d" % (level, k, HI)]
            per = (hi - lo) / (HI - LO)
            key = "builtin.zlib.compress:L%d:%s" % (level, k)
            builtins[key] = row(b["c:%d:empty" % level], per)
            units[key] = "n = input bytes"
            params["zlib.ratio:L%d:%s" % (level, k)] = round(r["%d:%s" % (level, k)], 5)
        lo, hi = b["d:%s:%d" % (k, LO)], b["d:%s:%d" % (k, HI)]
        per = (hi - lo) / (HI - LO)
        key = "builtin.zlib.decompress:%s" % k
        builtins[key] = row(b["d:empty"], per)
        units[key] = "n = output bytes"
    for f in ("crc32", "adler32"):
        per = (b["%s:big" % f] - b["%s:small" % f]) / (4 * HI - SMALL)
        key = "builtin.zlib." + f
        builtins[key] = row(b["%s:small" % f] - SMALL * per, per)
        units[key] = "n = bytes"
    params["zlib.checksum_gil_release_min_bytes"] = 5121.0
    return builtins, params, units


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", default=os.path.join(HERE, "..", "..", "engine", "sim", "costs"))
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--dry-run", action="store_true")
    a = ap.parse_args(argv)
    for v, py in MEASURED.items():
        path = os.path.join(a.dir, "cpython-%s.json" % v)
        with open(path) as f:
            t = json.load(f)
        m = measure(py, a.rounds)
        scale = t["machine"]["ref_loop_ns_per_iter"] / m["best"]["loop"]
        builtins, params, units = rows(m, scale)
        print("%s: loop %.2f ns here, table %.2f (x %.3f); level 6 per byte: %s; ratios %s" % (
            v, m["best"]["loop"], t["machine"]["ref_loop_ns_per_iter"], scale,
            " ".join("%s %.2f" % (k, builtins["builtin.zlib.compress:L6:" + k]["per_item_ns"]) for k in KINDS),
            " ".join("%s %.3f" % (k, params["zlib.ratio:L6:" + k]) for k in KINDS)))
        if a.dry_run:
            continue
        # rows of an earlier set of anchors go: the table holds one set
        for section, prefixes in (("builtins", ("builtin.zlib.compress:", "builtin.zlib.decompress:")),
                                  ("builtin_size_units", ("builtin.zlib.compress:", "builtin.zlib.decompress:")),
                                  ("params", ("zlib.ratio:",))):
            for k in [k for k in t.get(section, {}) if k.startswith(prefixes)]:
                del t[section][k]
        t["builtins"].update(builtins)
        t["params"].update(params)
        t.setdefault("builtin_size_units", {}).update(units)
        t["builtins"] = dict(sorted(t["builtins"].items()))
        t["params"] = dict(sorted(t["params"].items()))
        t["builtin_size_units"] = dict(sorted(t["builtin_size_units"].items()))
        t["metadata"]["zlib_costs"] = {
            "tool": "tools/bench/zlib_costs.py",
            "interpreter": py,
            "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "load_average": round(os.getloadavg()[0], 2),
            "ref_loop_ns_here": round(m["best"]["loop"], 3),
            "keys": "builtin.zlib.compress:L*:*, zlib.ratio:L*:*, builtin.zlib.decompress:*, "
                    "builtin.zlib.crc32, builtin.zlib.adler32, zlib.checksum_gil_release_min_bytes",
        }
        with open(path, "w") as f:
            f.write(json.dumps(t, indent=1) + "\n")
        print("wrote", path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
