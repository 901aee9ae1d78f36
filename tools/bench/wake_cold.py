#!/usr/bin/env python3
"""The extra CPU a thread pays when it runs again after the process has been
idle for a while (every thread blocked: sleeping, waiting on a lock or I/O).

After a few milliseconds with nothing running, the interpreter's code and
data have left the CPU's caches and the core has gone idle: the wake-up
itself costs more kernel time (time.sleep's own CPU grows from ~20 us to
~40 us here) and the Python code the thread runs next runs several times
slower until its working set is back in the caches (a 3 us snippet takes
~25 us). Both are CPU of the waking thread (time.thread_time counts them),
on top of what the same code costs warm (sleep.cpu_ns, the instruction
costs).

Each python runs one fresh child that, for each idle length d, repeats:
a companion reference loop (the truth corpus's `for i in range(N): x = i * 2`,
35 000 iterations: the process busy and warm), then time.sleep(d) and a small
snippet of Python code (a call, a list append, a dict filled with 50 str
items), timed together with time.thread_time_ns. The extra of length d is
its median minus the median at d = 0.2 ms (warm); samples whose companion
ran more than 15% slower than the fastest are dropped. Prints per d the extra
in us and in reference-loop iterations, the full extra (median over d >= 10
ms) and the ramp that fits the extras best (least squares): none below an
idle length `from`, the full extra from `full`, linear between, so a cost
table can store thread.cold_resume_ns (iterations x its own reference loop),
thread.cold_resume_from_ns and thread.cold_resume_full_ns.

usage: tools/bench/wake_cold.py [--python PATH ...] [--samples N]
"""
import argparse
import json
import statistics
import subprocess
import sys

LENGTHS_MS = [0.2, 1, 2, 3, 5, 10, 20, 50]

PROBE = r"""
import json, sys, time
REF_N = 35000
REF = compile("for i in range(%d):\n    x = i * 2\n" % REF_N, "<reference>", "exec")
tt = time.thread_time_ns
def snippet(log):
    log.append(1)
    d = {}
    for k in range(50):
        d[k] = str(k)
    return len(d)
lengths = json.loads(sys.argv[2])
rows = {str(d): [] for d in lengths}
for _ in range(int(sys.argv[1])):
    for d in lengths:
        c = tt(); exec(REF, {}); ref = (tt() - c) / REF_N
        log = []
        w = tt(); snippet(log); w = tt() - w
        t = tt()
        time.sleep(d / 1000.0)
        snippet(log)
        rows[str(d)].append([tt() - t, ref, w])
print(json.dumps({"version": sys.version.split()[0], "rows": rows}))
"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--python", action="append")
    ap.add_argument("--samples", type=int, default=25)
    a = ap.parse_args()
    for py in a.python or [sys.executable]:
        res = json.loads(subprocess.run([py, "-s", "-c", PROBE, str(a.samples), json.dumps(LENGTHS_MS)],
                                        capture_output=True, text=True, check=True).stdout)
        rows = res["rows"]
        fastest = min(r[1] for rs in rows.values() for r in rs)
        kept = {d: [r for r in rs if r[1] <= 1.15 * fastest] for d, rs in rows.items()}
        ref = statistics.median(r[1] for rs in kept.values() for r in rs)
        med = {d: statistics.median(r[0] for r in rs) - statistics.median(r[2] for r in rs)
               for d, rs in kept.items() if rs}
        warm = min(m for d, m in med.items() if float(d) <= 2)
        extra = {float(d): m - warm for d, m in med.items()}
        full = statistics.median(v for d, v in extra.items() if d >= 10)
        best = None
        for lo in [x / 2 for x in range(0, 11)]:
            for hi in [x / 2 for x in range(2, 61)]:
                if hi <= lo:
                    continue
                sse = sum((v - full * min(1.0, max(0.0, (d - lo) / (hi - lo)))) ** 2 for d, v in extra.items())
                if best is None or sse < best[0]:
                    best = (sse, lo, hi)
        print("%s (reference %.1f ns/iteration; warm sleep %.1f us):" % (res["version"], ref, warm / 1e3))
        for d in LENGTHS_MS:
            v = extra[float(d)]
            print("  idle %5.1f ms: extra %6.1f us = %5.0f reference iterations (%d samples)"
                  % (d, v / 1e3, v / ref, len(kept[str(d)])))
        print("  full extra (idle >= 10 ms): %.1f us = %.0f reference iterations; ramp from %.1f ms, full from %.1f ms"
              % (full / 1e3, full / ref, best[1], best[2]))


if __name__ == "__main__":
    main()
