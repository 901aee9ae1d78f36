#!/usr/bin/env python3
"""What one `multiprocessing` fork start costs the parent, and how that grows
with the parent's memory.

`Process.start()` with the fork start method (Lib/multiprocessing/popen_fork.py:
two pipes, os.fork(), closing the child's ends) is CPU of the parent; the
kernel's fork copies the parent's page tables and marks its private pages
copy-on-write, so the cost is a fixed part plus a part per resident megabyte.
multiprocessing.Pool pays it once per worker, one after the other
(Lib/multiprocessing/pool.py _repopulate_pool_static).

Each python runs in one fresh child that pre-imports multiprocessing.pool (as
the truth harness does), then for growing ballast (bytearrays the child has
written, so their pages are resident) times Process.start() with
time.thread_time_ns, each sample right after a companion reference loop (the
truth corpus's `for i in range(N): x = i * 2`, 350 000 iterations). Only
samples whose companion ran within 15% of the fastest companion are kept (a
loaded machine inflates both; the slow ones are dropped), and each start is
expressed in reference-loop iterations, so a cost table can store it as
iterations x its own machine's reference loop. Prints per ballast the RSS,
the median kept start (ns and iterations) and a least-squares line
`iterations = fixed + per_mb x (RSS above the baseline, MB)`.

The fork itself is kernel work on page tables, which on a virtual machine
costs hypervisor exits whose price moves several-fold with the host's load
(the companion loop does not see that): `--pause` spreads the samples over
time and the fastest start is printed beside the median.

usage: tools/bench/fork_cost.py [--python PATH ...] [--samples N] [--ballast-mb 0,64,192] [--pause S]
"""
import argparse
import json
import subprocess
import sys

PROBE = r"""
import json, os, sys, time
import multiprocessing as mp
import multiprocessing.pool  # pre-imported by the truth harness

REF_N = 350000
REF = compile("for i in range(%d):\n    x = i * 2\n" % REF_N, "<reference>", "exec")

def nop():
    pass

def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")

if __name__ == "__main__":
    samples = int(sys.argv[1])
    sizes = [int(x) for x in sys.argv[2].split(",")]
    pause = float(sys.argv[3])
    ctx = mp.get_context("fork")
    base = rss()
    ballast, out = [], []
    for mb in sizes:
        while rss() < base + mb * 1e6:
            ballast.append(bytearray(b"x") * (1 << 20))
        rows = []
        for _ in range(samples):
            c = time.thread_time_ns(); exec(REF, {}); ref = (time.thread_time_ns() - c) / REF_N
            p = ctx.Process(target=nop)
            t = time.thread_time_ns()
            p.start()
            d = time.thread_time_ns() - t
            p.join()
            rows.append([d, ref])
            time.sleep(pause)
        out.append({"mb": (rss() - base) / 1e6, "rss": rss(), "rows": rows})
    print(json.dumps({"version": sys.version.split()[0], "base_rss": base, "sizes": out}))
"""


def median(v):
    v = sorted(v)
    n = len(v)
    return v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2]) / 2


def fit(xs, ys):
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    b = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx if sxx else 0.0
    return my - b * mx, b


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--python", action="append")
    ap.add_argument("--samples", type=int, default=25)
    ap.add_argument("--ballast-mb", default="0,64,192")
    ap.add_argument("--pause", type=float, default=0.0,
                    help="seconds between samples: spread them over time to catch the host's quiet moments")
    a = ap.parse_args()
    for py in a.python or [sys.executable]:
        res = json.loads(subprocess.run([py, "-s", "-c", PROBE, str(a.samples), a.ballast_mb, str(a.pause)],
                                        capture_output=True, text=True, check=True).stdout)
        fastest = min(r[1] for s in res["sizes"] for r in s["rows"])
        xs, ys, lows = [], [], []
        print("%s: baseline RSS %.1f MB, fastest reference iteration %.1f ns" % (
            res["version"], res["base_rss"] / 1e6, fastest))
        for s in res["sizes"]:
            kept = [r for r in s["rows"] if r[1] <= 1.15 * fastest]
            if not kept:
                print("  +%.0f MB: no sample ran fast" % s["mb"])
                continue
            ns = median(r[0] for r in kept)
            iters = median(r[0] / r[1] for r in kept)
            low = min(r[0] for r in s["rows"])
            xs.append(s["mb"]); ys.append(iters); lows.append(low / fastest)
            print("  +%6.1f MB (RSS %6.1f MB): start %.3f ms = %.0f reference iterations (%d of %d samples kept);"
                  " fastest start %.3f ms = %.0f iterations" % (
                      s["mb"], s["rss"] / 1e6, ns / 1e6, iters, len(kept), len(s["rows"]), low / 1e6, low / fastest))
        if len(xs) >= 2:
            fixed, per_mb = fit(xs, ys)
            print("  fit (medians): %.0f iterations + %.1f iterations per MB of RSS above the baseline" % (fixed, per_mb))
            fixed, per_mb = fit(xs, lows)
            print("  fit (fastest): %.0f iterations + %.1f iterations per MB of RSS above the baseline" % (fixed, per_mb))


if __name__ == "__main__":
    main()
