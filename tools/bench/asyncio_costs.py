#!/usr/bin/env python3
"""Where an asyncio program's step time goes, measured on the installed
CPython: the loop's own cost per step (a bare `await asyncio.sleep(0)`),
creating and finishing a task, a timer round trip (`await asyncio.sleep(d)`:
a TimerHandle, a selector pass, the wake-up), and summing a range whose items
are cached small ints (< 257) vs items the range iterator must allocate (one
PyLong per item, freed by sum's fast path) -- the last pair is what decides
the step time of a program such as `sum(range(k, 20_000))` per request.
Prints each figure and the ratios; the minimum over repeats, because the
machine's scheduling only adds time.

usage: tools/bench/asyncio_costs.py [--python PATH] [--repeat N]
"""
import argparse
import json
import subprocess

PROBE = r"""
import asyncio, json, sys, time, timeit
R = int(sys.argv[1])

async def noop():
    pass

async def bench():
    loop = asyncio.get_running_loop()
    out = {}
    n = 2000
    best = 1e9
    for _ in range(R):
        t = time.perf_counter()
        for _ in range(n):
            await asyncio.sleep(0)
        best = min(best, (time.perf_counter() - t) / n)
    out["sleep0_step_us"] = best * 1e6
    best = 1e9
    for _ in range(R):
        t = time.perf_counter()
        for _ in range(n):
            await loop.create_task(noop())
        best = min(best, (time.perf_counter() - t) / n)
    out["create_task_await_us"] = best * 1e6
    best = 1e9
    for _ in range(R):
        t = time.perf_counter()
        for _ in range(50):
            await asyncio.sleep(1e-6)
        best = min(best, (time.perf_counter() - t) / 50)
    out["sleep_timer_roundtrip_us"] = best * 1e6
    return out

out = asyncio.run(bench())
cached = min(timeit.repeat("sum(range(0, 256))", number=2000, repeat=R)) / 2000 / 256
alloc = min(timeit.repeat("sum(range(100000, 100256))", number=2000, repeat=R)) / 2000 / 256
out["sum_range_cached_ns_per_item"] = cached * 1e9
out["sum_range_alloc_ns_per_item"] = alloc * 1e9
print(json.dumps(out))
"""

ap = argparse.ArgumentParser()
ap.add_argument("--python", default="/root/.pyenv/versions/3.11.7/bin/python3")
ap.add_argument("--repeat", type=int, default=25)
args = ap.parse_args()
p = subprocess.run([args.python, "-c", PROBE, str(args.repeat)], capture_output=True, text=True, timeout=600)
if p.returncode:
    raise SystemExit(p.stderr)
r = json.loads(p.stdout)
for k, v in r.items():
    print(f"{k:32s} {v:10.3f}")
print(f"{'create_task / sleep(0) step':32s} {r['create_task_await_us'] / r['sleep0_step_us']:10.2f}x")
print(f"{'sum(range) allocated / cached':32s} {r['sum_range_alloc_ns_per_item'] / r['sum_range_cached_ns_per_item']:10.2f}x")
