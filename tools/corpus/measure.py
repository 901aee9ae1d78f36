#!/usr/bin/env python3
"""Measure Python programs on a real CPython: what the simulator must predict.

    tools/corpus/measure.py --python /root/.pyenv/versions/3.11.7/bin/python3 \
        --out tests/corpus/results-3.11.json [--runs 5] [--quiet-wait S] PROGRAM.py|DIR ...

For every program: output (stdout, stderr, exit status, exception type), wall and
CPU time of the program's window (imports excluded: modules the program imports
are imported before the window opens), norm_cost = wall / wall of the reference
loop `for i in range(3_500_000): x = i * 2` measured alternately in the same run,
per-thread start/end/cpu, gc collections per generation, asyncio loop steps and
the longest step, and tracemalloc's peak / final traced bytes (separate run).
Every run is a fresh child interpreter with PYTHONHASHSEED=0 and stdout on a pipe.
machine_other_busy is the median share of the machine other processes used
during the program's runs (/proc/stat, as the truth harness records it); a
busy machine moves wall times and thread timelines, so tests compare timings
only from quiet measurements (--quiet-wait waits for one before each run).
page_fault_ns is the median cost of a first-touch page fault measured before
each run (FAULT_PROBE): the machine state the programs that grow their heap ran in.
norm_cpu = cpu_s / ref_cpu_s, the same ratio in process CPU time: for a
single-threaded program that never blocks it equals norm_cost on an idle
machine, and unlike wall time it does not count the time the kernel gave the
CPU to other processes (on a machine at load 10 with 2 CPUs, programs got
20-40% of a CPU and the reference loop's wall time moved 0.2 -> 1.3 s).
empty_wall_s / empty_cpu_s are the medians of the window of an empty program (`pass`) run alongside:
the harness's own fixed cost (the exit path up to its atexit handler, which
includes threading._shutdown because the harness imports threading), which
dominates programs of ~100 us and which the simulator does not model.
Stdlib only; runs on CPython 3.10 - 3.13. Results are keyed by the program's path
relative to the current directory, so commit them next to the corpus.
"""
import argparse
import ast
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

REF_SOURCE = "for i in range(3_500_000):\n    x = i * 2\n"

CHILD = r'''
import sys, os, json, time, gc, atexit, importlib
cfg = json.loads(sys.argv[1])
out = {"threads": [], "asyncio": None}
for m in cfg["imports"]:
    try:
        importlib.import_module(m)
    except Exception:
        pass
import threading
_T = threading.Thread
_orig = _T._bootstrap_inner
def _boot(self, _o=_orig):
    rec = {"name": self.name, "daemon": self.daemon, "start_s": time.perf_counter() - t0, "end_s": None, "cpu_s": None}
    out["threads"].append(rec)
    c = time.thread_time()
    try:
        return _o(self)
    finally:
        rec["cpu_s"] = time.thread_time() - c
        rec["end_s"] = time.perf_counter() - t0
_T._bootstrap_inner = _boot
if "asyncio" in sys.modules:
    import asyncio.events as _ev
    _run = _ev.Handle._run
    st = {"steps": 0, "max_step_ms": 0.0, "total_step_ms": 0.0}
    def _hrun(self, _r=_run, _pc=time.perf_counter):
        a = _pc()
        try:
            return _r(self)
        finally:
            d = (_pc() - a) * 1000.0
            st["steps"] += 1
            st["total_step_ms"] += d
            if d > st["max_step_ms"]:
                st["max_step_ms"] = d
    _ev.Handle._run = _hrun
    out["asyncio"] = st
src = open(cfg["path"], encoding="utf-8").read() if cfg["path"] else cfg["source"]
code = compile(src, cfg["name"], "exec")
gc0 = [s["collections"] for s in gc.get_stats()]
if cfg["trace"]:
    import tracemalloc
    tracemalloc.start()
def _done():
    wall = time.perf_counter() - t0
    cpu = time.process_time() - c0
    out["wall_s"], out["cpu_s"] = wall, cpu
    out["gc_collections"] = [s["collections"] - g for s, g in zip(gc.get_stats(), gc0)]
    if cfg["trace"]:
        cur, peak = tracemalloc.get_traced_memory()
        out["memory"] = {"peak_bytes": peak, "final_bytes": cur}
        tracemalloc.stop()
    if out["asyncio"] is not None and out["asyncio"]["steps"] == 0:
        out["asyncio"] = None
    with open(cfg["result"], "w") as f:
        json.dump(out, f)
atexit.register(_done)
import types
main = types.ModuleType("__main__")
main.__file__ = os.path.abspath(cfg["name"])
main.__builtins__ = __builtins__
sys.modules["__main__"] = main
sys.argv = [cfg["name"]]
t0 = time.perf_counter()
c0 = time.process_time()
exec(code, main.__dict__)
'''


def imports_of(source):
    mods = set()
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            mods.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            mods.add(node.module)
    if "asyncio" in mods:
        mods.add("concurrent.futures.thread")
    if any(m.startswith("multiprocessing") for m in mods):
        mods.update({"multiprocessing.pool", "multiprocessing.queues", "multiprocessing.synchronize",
                     "multiprocessing.popen_fork"})
    return sorted(mods)


def machine_busy(seconds):
    """Share of the machine's CPU in use over `seconds` (/proc/stat, all CPUs)."""
    def ticks():
        with open("/proc/stat") as f:
            v = [int(x) for x in f.readline().split()[1:9]]
        return v[0] + v[1] + v[2] + v[5] + v[6] + v[7], sum(v)
    a = ticks()
    time.sleep(seconds)
    b = ticks()
    return (b[0] - a[0]) / max(1, b[1] - a[1])


def quiet_wait(limit, max_busy=0.25):
    """Waits up to `limit` seconds for the machine's load to drop below
    `max_busy` (other sessions' builds inflate wall times and move threads);
    returns the seconds waited."""
    t0 = time.monotonic()
    while limit > 0 and time.monotonic() - t0 < limit:
        if machine_busy(0.5) <= max_busy:
            break
    return time.monotonic() - t0


def machine_ticks():
    """(busy_s, total_s) summed over all CPUs from /proc/stat."""
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:9]]
    hz = os.sysconf("SC_CLK_TCK")
    busy = v[0] + v[1] + v[2] + v[5] + v[6] + v[7]
    return busy / hz, (busy + v[3] + v[4]) / hz


def children_cpu():
    import resource
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def run_child(python, name, path, source, imports, trace, timeout):
    # the share of the machine other processes used meanwhile (as the truth
    # harness's machine_other_busy): timings taken on a busy machine are not
    # CPython's own
    m0, c0 = machine_ticks(), children_cpu()
    data = run_child_once(python, name, path, source, imports, trace, timeout)
    m1, c1 = machine_ticks(), children_cpu()
    total = m1[1] - m0[1]
    data["machine_other_busy"] = max(0.0, (m1[0] - m0[0]) - (c1 - c0)) / total if total > 0 else 0.0
    return data


def run_child_once(python, name, path, source, imports, trace, timeout):
    with tempfile.TemporaryDirectory() as tmp:
        result = os.path.join(tmp, "r.json")
        cfg = {"name": name, "path": path, "source": source, "imports": imports, "trace": trace, "result": result}
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
        env.update(PYTHONHASHSEED="0", PYTHONIOENCODING="utf-8")
        p = subprocess.run([python, "-s", "-c", CHILD, json.dumps(cfg)], capture_output=True, env=env,
                           timeout=timeout, cwd=os.getcwd())
        data = json.load(open(result)) if os.path.exists(result) else {}
        data["stdout"] = p.stdout.decode("utf-8", "replace")
        data["stderr"] = p.stderr.decode("utf-8", "replace")
        data["exit_status"] = p.returncode
        last = data["stderr"].strip().splitlines()[-1:] or [""]
        exc = last[0].split(":")[0] if p.returncode and last[0] and " " not in last[0].split(":")[0] else None
        data["exception"] = exc
        return data


# First touch of fresh anonymous pages (minor faults) in a child of the measured
# interpreter: ns per 4 KiB page, median over the 1 MiB chunks of a 16 MiB
# mapping. On this VM a fault is a hypervisor exit whose cost moves >10x with
# the host's state (1-3 us quiet, 12-19 us busy), and every program that keeps
# 10^5 objects alive pays it for every page it grows into, so a results file
# records the figure its programs ran with (the cost tables charge a fixed
# memory.page_fault_ns; engine/sim/costs/README.md "Accuracy").
FAULT_PROBE = r'''
import mmap, time, statistics
size, chunk = 16 << 20, 1 << 20
m = mmap.mmap(-1, size)
per = []
for off in range(0, size, chunk):
    t = time.thread_time_ns()
    for p in range(off, off + chunk, 4096):
        m[p] = 1
    per.append((time.thread_time_ns() - t) / (chunk // 4096))
print(statistics.median(per))
'''


def page_fault_ns(python):
    p = subprocess.run([python, "-s", "-c", FAULT_PROBE], capture_output=True, text=True)
    try:
        return float(p.stdout.strip())
    except ValueError:
        return None


def measure(python, path, runs, timeout, wait=0.0):
    name = os.path.relpath(path)
    source = open(path, encoding="utf-8").read()
    imports = imports_of(source)
    prog, ref, faults, empty = [], [], [], []
    first = None
    waited = 0.0
    for _ in range(runs):
        waited += quiet_wait(wait)
        ref.append(run_child(python, "<reference>", None, REF_SOURCE, [], False, timeout))
        faults.append(page_fault_ns(python))
        empty.append(run_child(python, "<empty>", None, "pass\n", [], False, timeout))
        r = run_child(python, name, path, None, imports, False, timeout)
        first = first or r
        prog.append(r)
    traced = run_child(python, name, path, None, imports, True, timeout)
    walls = [r["wall_s"] for r in prog]
    order = sorted(range(len(walls)), key=lambda i: walls[i])
    mid = prog[order[len(order) // 2]]
    out = {
        "stdout": first["stdout"], "stderr": first["stderr"], "exit_status": first["exit_status"],
        "exception": first["exception"],
        "stdout_stable": all(r["stdout"] == first["stdout"] for r in prog),
        "wall_s": statistics.median(walls), "cpu_s": statistics.median(r["cpu_s"] for r in prog),
        "ref_wall_s": statistics.median(r["wall_s"] for r in ref),
        "ref_cpu_s": statistics.median(r["cpu_s"] for r in ref),
        "empty_wall_s": statistics.median(r["wall_s"] for r in empty),
        "empty_cpu_s": statistics.median(r["cpu_s"] for r in empty),
        "threads": mid["threads"], "asyncio": mid["asyncio"],
        "gc_collections": first["gc_collections"],
        "memory": traced.get("memory"),
        "runs": runs, "wall_s_runs": walls, "ref_wall_s_runs": [r["wall_s"] for r in ref],
        "cpu_s_runs": [r["cpu_s"] for r in prog], "ref_cpu_s_runs": [r["cpu_s"] for r in ref],
        "machine_other_busy": statistics.median(r["machine_other_busy"] for r in prog),
    }
    faults = [f for f in faults if f is not None]
    if faults:
        out["page_fault_ns"] = statistics.median(faults)
    if wait:
        out["quiet_wait_s"] = waited
    out["norm_cost"] = out["wall_s"] / out["ref_wall_s"]
    out["norm_cpu"] = out["cpu_s"] / out["ref_cpu_s"] if out["ref_cpu_s"] > 0 else None
    return name, out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--python", required=True, help="interpreter to measure with")
    ap.add_argument("--out", required=True, help="results JSON (merged with an existing file)")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--timeout", type=float, default=120)
    ap.add_argument("--quiet-wait", type=float, default=0.0,
                    help="before each run, wait up to this many seconds for the machine's load to drop below 25%%")
    ap.add_argument("paths", nargs="+")
    a = ap.parse_args()
    files = []
    for p in a.paths:
        if os.path.isdir(p):
            for root, _, names in os.walk(p):
                files += [os.path.join(root, n) for n in names if n.endswith(".py")]
        elif os.path.isfile(p):
            files.append(p)
        else:
            sys.exit(f"measure: error: {p}: no such file or directory")
    results = json.load(open(a.out)) if os.path.exists(a.out) else {}
    version = subprocess.run([a.python, "-c", "import sys; print(sys.version.split()[0])"],
                             capture_output=True, text=True).stdout.strip()
    for f in sorted(files):
        name, r = measure(a.python, f, a.runs, a.timeout, a.quiet_wait)
        r["python"] = version
        results[name] = r
        print(f"{name}: norm_cost {r['norm_cost']:.3f} wall {r['wall_s']:.3f}s exit {r['exit_status']}",
              file=sys.stderr)
    with open(a.out, "w") as fh:
        json.dump(results, fh, indent=1, sort_keys=True)
        fh.write("\n")


if __name__ == "__main__":
    main()
