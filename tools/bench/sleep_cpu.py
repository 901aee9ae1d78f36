#!/usr/bin/env python3
"""The CPU one `time.sleep` call costs the thread that sleeps.

Modules/timemodule.c pysleep(): Py_BEGIN_ALLOW_THREADS (drop_gil),
clock_nanosleep, Py_END_ALLOW_THREADS (take_gil): the system call, the
timer, the wake-up and the GIL round trip are CPU of the sleeping thread
(time.thread_time counts them), on top of the time asleep.

Each python runs one fresh child that times `time.sleep(0.0002)` with
time.thread_time_ns, each sample right after a companion reference loop (the
truth corpus's `for i in range(N): x = i * 2`, 35 000 iterations); samples
whose companion ran more than 15% slower than the fastest are dropped (a
loaded machine), and the median of the rest is printed in ns and in
reference-loop iterations, so a cost table can store it as iterations x its
own machine's reference loop. The 10th percentile is printed beside it: the
kernel's part moves with the host's load more than the reference loop does.

usage: tools/bench/sleep_cpu.py [--python PATH ...] [--samples N]
"""
import argparse
import json
import subprocess
import sys

PROBE = r"""
import json, sys, time
REF_N = 35000
REF = compile("for i in range(%d):\n    x = i * 2\n" % REF_N, "<reference>", "exec")
rows = []
for _ in range(int(sys.argv[1])):
    c = time.thread_time_ns(); exec(REF, {}); ref = (time.thread_time_ns() - c) / REF_N
    t = time.thread_time_ns()
    time.sleep(0.0002)
    rows.append([time.thread_time_ns() - t, ref])
print(json.dumps({"version": sys.version.split()[0], "rows": rows}))
"""


def quantile(v, q):
    v = sorted(v)
    return v[min(len(v) - 1, int(q * len(v)))]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--python", action="append")
    ap.add_argument("--samples", type=int, default=400)
    a = ap.parse_args()
    for py in a.python or [sys.executable]:
        res = json.loads(subprocess.run([py, "-s", "-c", PROBE, str(a.samples)], capture_output=True, text=True,
                                        check=True).stdout)
        fastest = min(r[1] for r in res["rows"])
        kept = [r for r in res["rows"] if r[1] <= 1.15 * fastest]
        med_ns = quantile([r[0] for r in kept], 0.5)
        med_it = quantile([r[0] / r[1] for r in kept], 0.5)
        p10_ns = quantile([r[0] for r in kept], 0.1)
        p10_it = quantile([r[0] / r[1] for r in kept], 0.1)
        print("%s: time.sleep CPU median %.1f us = %.0f reference iterations, p10 %.1f us = %.0f iterations"
              " (%d of %d samples kept, reference %.1f ns/iteration)" % (
                  res["version"], med_ns / 1e3, med_it, p10_ns / 1e3, p10_it, len(kept), len(res["rows"]), fastest))


if __name__ == "__main__":
    main()
