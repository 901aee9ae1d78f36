"""Per-byte and fixed costs of hashlib's sha1, sha224, sha384 and sha512 in
the cost tables, from ratios to sha256 measured in the same interpreter run.

The tables' `builtin.hashlib.sha256` (and md5) come from tools/calibrate's
benchmark `y = hashlib.sha256(B).digest()` over 64 B .. 64 KiB buffers. This
script times the same statement for every digest on 64 B and 64 KiB buffers
(minimum of repeats, all digests interleaved so they see the same machine
load), takes each digest's per-byte slope and fixed part as a ratio to
sha256's, and writes `sha256's table row x ratio` into the measured tables
(3.10-3.13); derived tables get their base table's row times their
`derived.builtin_factor`, as tools/calibrate --derive does. md5 is measured by
the same run as a check of the ratio method against the table's own fit
(printed, not written).

usage: python3 -m tools.calibrate_lib.hashlib_ratios [--dir engine/sim/costs] [--dry-run]
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
NAMES = ["md5", "sha1", "sha224", "sha256", "sha384", "sha512"]
WRITTEN = ["sha1", "sha224", "sha384", "sha512"]

CHILD = r"""
import hashlib, json, time
names = %r
small, big = b'x' * 64, b'x' * 65536
best = {}
for rnd in range(%d):
    for name in names:
        ctor = getattr(hashlib, name)
        for label, buf, loops in (("small", small, 20000), ("big", big, 200)):
            t0 = time.perf_counter()
            for _ in range(loops):
                y = ctor(buf).digest()
            dt = (time.perf_counter() - t0) / loops * 1e9
            key = name + "." + label
            best[key] = min(best.get(key, dt), dt)
print(json.dumps(best))
"""


def measure(python, rounds):
    out = subprocess.run([python, "-c", CHILD % (NAMES, rounds)], capture_output=True, text=True, check=True).stdout
    best = json.loads(out)
    res = {}
    for n in NAMES:
        per_byte = (best[n + ".big"] - best[n + ".small"]) / (65536 - 64)
        res[n] = {"per_byte": per_byte, "base": best[n + ".small"] - 64 * per_byte}
    return res


def row_from(sha256_row, ratio_base, ratio_byte):
    return {"base_ns": round(sha256_row["base_ns"] * ratio_base, 2),
            "per_item_ns": round(sha256_row["per_item_ns"] * ratio_byte, 4),
            "per_nlogn_ns": 0.0, "releases_gil": True}


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", default=os.path.join(HERE, "..", "..", "engine", "sim", "costs"))
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--dry-run", action="store_true")
    a = ap.parse_args(argv)
    tables = {}
    for v in list(MEASURED) + DERIVED_ORDER:
        with open(os.path.join(a.dir, "cpython-%s.json" % v)) as f:
            tables[v] = json.load(f)
    print("version  digest  base_ratio  per_byte_ratio  per_byte_ns(measured here)")
    for v, py in MEASURED.items():
        m = measure(py, a.rounds)
        ref = m["sha256"]
        t = tables[v]
        s256 = t["builtins"]["builtin.hashlib.sha256"]
        for n in NAMES:
            rb, rp = m[n]["base"] / ref["base"], m[n]["per_byte"] / ref["per_byte"]
            print("%-8s %-7s %10.3f %15.3f %12.4f" % (v, n, rb, rp, m[n]["per_byte"]))
            if n in WRITTEN:
                t["builtins"]["builtin.hashlib." + n] = row_from(s256, rb, rp)
                t.setdefault("builtin_size_units", {})["builtin.hashlib." + n] = "n = bytes"
        md5 = t["builtins"].get("builtin.hashlib.md5")
        if md5:
            pred = row_from(s256, m["md5"]["base"] / ref["base"], m["md5"]["per_byte"] / ref["per_byte"])
            print("%-8s check: md5 per byte from the ratio %.4f ns, the table's own fit %.4f ns"
                  % (v, pred["per_item_ns"], md5["per_item_ns"]))
    for v in DERIVED_ORDER:
        t = tables[v]
        base = tables[t["derived"]["from"].replace("cpython-", "").replace(".json", "")]
        k = t["derived"]["builtin_factor"]
        for n in WRITTEN:
            b = base["builtins"]["builtin.hashlib." + n]
            t["builtins"]["builtin.hashlib." + n] = {
                "base_ns": round(b["base_ns"] * k, 4), "per_item_ns": round(b["per_item_ns"] * k, 6),
                "per_nlogn_ns": 0.0, "releases_gil": True}
            t.setdefault("builtin_size_units", {})["builtin.hashlib." + n] = "n = bytes"
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
