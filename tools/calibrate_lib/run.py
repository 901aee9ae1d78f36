"""Driver of tools/calibrate: runs the child benchmarks in fresh interpreters,
fits the cost table and writes it as JSON (schema: engine/sim/costs/README.md)."""
import datetime
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time

from . import benchmarks as bm
from . import fit

HERE = os.path.dirname(os.path.abspath(__file__))
CHILD = os.path.join(HERE, "child.py")

# built-ins with no benchmark: flags and a base cost in units of the empty loop
STATIC_BUILTINS = {
    "builtin.default": (1.5, False),
    "builtin.select.select": (40.0, True),
    "builtin.socket.recv": (60.0, True),
    "builtin.socket.send": (60.0, True),
    "builtin.socket.connect": (200.0, True),
    "builtin.os.read": (40.0, True),
    "builtin.os.write": (40.0, True),
    "builtin.io.read": (60.0, True),
    "builtin.io.write": (60.0, True),
    "builtin.subprocess.run": (50000.0, True),
    "builtin.threading.Lock.acquire": (3.0, True),
    "builtin.threading.Event.wait": (5.0, True),
    "builtin.threading.Thread.join": (5.0, True),
    "builtin.queue.Queue.get": (30.0, True),
    "builtin.queue.Queue.put": (30.0, False),
    "builtin.zlib.decompress": (20.0, True),
    "builtin.bz2.compress": (200.0, True),
    "builtin.lzma.compress": (500.0, True),
    "builtin.sqlite3.execute": (200.0, True),
    "builtin.urllib.request.urlopen": (5000.0, True),
}


def version_of(python):
    out = subprocess.run([python, "-c", "import sys, sysconfig, json; print(json.dumps(["
                          "sys.version, list(sys.version_info[:3]), "
                          "bool(sysconfig.get_config_var('Py_GIL_DISABLED'))]))"],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def run_child(python, benches, target_s, repeats, timeout):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["PYTHONHASHSEED"] = "0"
    spec = json.dumps({"benchmarks": benches, "target_s": target_s, "repeats": repeats})
    p = subprocess.run([python, "-s", CHILD], input=spec, capture_output=True, text=True,
                       env=env, timeout=timeout, cwd=HERE)
    if p.returncode != 0:
        raise RuntimeError("child failed (%d): %s" % (p.returncode, p.stderr[-2000:]))
    return json.loads(p.stdout)


# results that are not CPU times of this process: never scaled by the machine-speed probe
WALL_PARAMS = ("sleep.", "process.", "thread.", "queue.", "memory.startup_free_bytes",
               "memory.free_cached_objects")


def measure_many(pythons, quick, procs, log, keep_dir=None, only_params=None):
    """Runs the benchmarks of several interpreters with their child processes
    interleaved (A, B, C, A, B, C, ...), so that every interpreter sees the same
    mix of machine load; each interpreter's results are combined by aggregate().
    Returns {python: aggregate(...)}."""
    ops = bm.op_benchmarks()
    series = bm.series_benchmarks(quick)
    params = bm.param_benchmarks(quick)
    # default: 6 ms per timed loop, 4 repeats (+1 warm-up) in each of `procs` children,
    # every repeat with its companion reference loop (aggregate())
    target = 0.005 if quick else 0.006
    repeats = 3 if quick else 4
    outs = {py: [] for py in pythons}
    # parameters first, in a small fresh process (fork cost grows with the heap);
    # then the instruction and built-in benchmarks in `procs` fresh processes each
    schedule = [(py, params) for py in pythons] + \
        [(py, ops + series) for _ in range(procs) for py in pythons]
    if only_params is not None:   # --params: those parameter benchmarks alone, `procs` times
        chosen = [b for b in params if b["name"] in only_params]
        schedule = [(py, chosen) for _ in range(procs) for py in pythons]
    everything = {b["name"]: b for b in (params + ops + series)}

    def run_one(k, py, benches, total):
        t0 = time.time()
        kept = None
        if keep_dir:
            # every child's raw output is kept, so that an interrupted run can resume
            os.makedirs(keep_dir, exist_ok=True)
            kept = os.path.join(keep_dir, "child-%02d-%s.json" % (
                k, "".join(c if c.isalnum() else "_" for c in py)))
        if kept and os.path.exists(kept):
            with open(kept) as f:
                out = json.load(f)
        else:
            out = run_child(py, benches, target, repeats, timeout=3600)
            if kept:
                with open(kept, "w") as f:
                    json.dump(out, f)
        log("  child %d/%d (%s): %d results in %.1f s, probe %.2f ms" % (
            k + 1, total, py, len(out["results"]), time.time() - t0,
            out.get("probe_ns", 0) / 1e6))
        outs[py].append(out)

    for k, (py, benches) in enumerate(schedule):
        run_one(k, py, benches, len(schedule))
    # benchmarks that only ever ran while the machine was slow: again, in fresh children
    k = len(schedule)
    for _ in range(RETRY_ROUNDS):
        for py in pythons:
            again = [everything[n] for n in sorted(slow_benchmarks(outs[py])) if n in everything]
            if not again:
                continue
            log("  %s: %d benchmarks never ran on a fast machine, again" % (py, len(again)))
            run_one(k, py, again, k + 1)
            k += 1
    result = {}
    for py in pythons:
        result[py] = aggregate(outs[py], log)
    return result


# The machine's fast level: this quantile of all companion reference-loop
# timings of an interpreter's run; a sample counts as taken on a fast machine
# when its companion is within FAST_TOL of it.
REF_QUANTILE = 0.1
FAST_TOL = 1.15
RETRY_ROUNDS = 2


def _quantile(xs, q):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * len(xs)))]


def _samples(outs):
    """{benchmark: [(t, tb or None, ref, probe_scale)]} over all children."""
    all_probes = [o["probe_ns"] for o in outs if o.get("probe_ns")]
    ref_probe = min(all_probes) if all_probes else 1.0
    per = {}
    for out in outs:
        f = ref_probe / out["probe_ns"] if out.get("probe_ns") else 1.0
        for k, v in out["results"].items():
            raw = out.get("raw", {}).get(k) or {}
            refs = raw.get("ref") or [None] * len(v)
            if raw.get("t"):
                tbs = raw["tb"] or [None] * len(raw["t"])
                per.setdefault(k, []).extend(
                    (t, tb, r, f) for t, tb, r in zip(raw["t"], tbs, refs))
            else:
                per.setdefault(k, []).extend((x, None, r, f) for x, r in zip(v, refs))
    return per


def fast_level(outs):
    refs = [x[2] for v in _samples(outs).values() for x in v if x[2]]
    return _quantile(refs, REF_QUANTILE) if refs else None


def slow_benchmarks(outs):
    """Benchmarks none of whose samples was taken on a fast machine (they are
    measured again in a retry child)."""
    ref_ns = fast_level(outs)
    if not ref_ns:
        return set()
    return {k for k, v in _samples(outs).items()
            if not k.startswith(WALL_PARAMS) and v and v[0][2]
            and not any(x[2] <= FAST_TOL * ref_ns for x in v)}


def aggregate(outs, log=None):
    """Turns one interpreter's child outputs into benchmark figures.

    Every sample (one repeat of a timed loop and of the same loop with `pass`,
    or one run of a `measure` benchmark) carries its companion: the reference
    loop timed right before and after it (child.ref_companion). This machine's
    speed drops by up to 2x for stretches of many seconds (host contention: in
    one child the companions of 50 consecutive benchmarks ran at 85-95 ns per
    iteration against 45-50 before and after), and not every statement slows
    by the same factor (a `pass` loop 1.7x, an unrolled subscript 1.2x), so
    neither a raw minimum over two children nor a ratio to a slow companion is
    reliable. Only samples taken on a fast machine are used: companion within
    FAST_TOL of the run's fast level (REF_QUANTILE of all companions); a
    benchmark with none is measured again (measure_many's retry children), and
    if it never gets one, its samples with the fastest companions are used.
    Each sample is scaled to the fast level (x ref_ns / companion) and the
    median over samples is kept: (loop - pass) for timed loops; `measure`
    benchmarks likewise, except those timed in wall time (WALL_PARAMS): median.
    Children without companions (older --keep files) fall back to the zlib
    probe scaling and min-of-N.
    Returns (figures, sizes, errors, probes, ref_ns, used) with used = {name:
    (samples used, samples taken, no fast sample)}."""
    per = _samples(outs)
    ref_ns = fast_level(outs)
    med, used = {}, {}
    for k, v in per.items():
        if k.startswith(WALL_PARAMS):
            med[k] = statistics.median(x[0] for x in v)
            continue
        if ref_ns and v[0][2]:
            fast = [x for x in v if x[2] <= FAST_TOL * ref_ns]
            fell_back = not fast
            if fell_back:
                best = min(x[2] for x in v)
                fast = [x for x in v if x[2] <= 1.05 * best]
            vals = [((t - tb) if tb is not None else t) * ref_ns / r for t, tb, r, _ in fast]
            med[k] = statistics.median(vals)
            used[k] = (len(fast), len(v), fell_back)
            continue
        # no companions: minimum of the probe-scaled loop minus minimum of its baseline
        if v[0][1] is not None:
            med[k] = min(t * f for t, _, _, f in v) - min(tb * f for _, tb, _, f in v)
        elif k in outs[0].get("raw", {}) or any(k in o.get("raw", {}) for o in outs):
            med[k] = min(t * f for t, _, _, f in v)
        else:
            med[k] = statistics.median(t * f for t, _, _, f in v)
    sizes, errors = {}, {}
    for out in outs:
        sizes.update(out.get("sizes", {}))
        errors.update(out.get("errors", {}))
    probes = [o.get("probe_ns", 0) for o in outs]
    return (med, sizes, errors, probes, ref_ns or 0.0, used)


def update_params(pythons, names, table_dir, procs, log):
    """Re-measures the parameter benchmarks `names` with every interpreter (runs
    interleaved, median over `procs` fresh children) and writes the values into
    the existing tables cpython-<version>.json in table_dir, leaving every
    other key as it was. Returns the paths written."""
    known = {b["name"] for b in bm.param_benchmarks()}
    unknown = [n for n in names if n not in known]
    if unknown:
        raise SystemExit("unknown parameter benchmark(s): %s" % ", ".join(unknown))
    measured = measure_many(pythons, False, procs, log, only_params=set(names))
    date = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    written = []
    for py in pythons:
        med, _, errors, _, _, _ = measured[py]
        for k, e in sorted(errors.items()):
            log("  benchmark %s failed: %s" % (k, e))
        _, vinfo, _ = version_of(py)
        path = os.path.join(table_dir, "cpython-%d.%d.json" % tuple(vinfo[:2]))
        with open(path) as f:
            table = json.load(f)
        for n in names:
            if n == "builtin.dealloc" and n in med:
                table["builtins"][n] = {"base_ns": 0.0, "per_item_ns": r3(max(med[n], 0.0)),
                                        "per_nlogn_ns": 0.0, "releases_gil": False}
                table["metadata"].setdefault("params_remeasured", {})[n] = date
                log("  %s: %s = %s" % (os.path.basename(path), n, table["builtins"][n]))
            elif n == "memory.page_fault_ns" and n in med:
                table["params"]["memory.page_fault_ns_measured"] = r3(med[n])
                table["metadata"].setdefault("params_remeasured", {})[n] = date
            elif n in med:
                table["params"][n] = r3(med[n])
                table["metadata"].setdefault("params_remeasured", {})[n] = date
                log("  %s: %s = %s" % (os.path.basename(path), n, table["params"][n]))
        table["params"] = dict(sorted(table["params"].items()))
        with open(path, "w") as f:
            f.write(json.dumps(table, indent=1) + "\n")
        written.append(path)
    return written


def r3(x):
    """Rounded for the table: 4 significant digits."""
    if x == 0:
        return 0.0
    from math import floor, log10
    return round(x, max(0, 3 - int(floor(log10(abs(x))))))


def build_tables(pythons, quick=False, procs=None, log=print, keep_dir=None):
    """{python: table} for one or more interpreters measured together."""
    t_start = time.time()
    procs = procs or (1 if quick else 2)
    log("calibrating %s, %d child processes each%s" % (
        ", ".join(pythons), procs, ", quick" if quick else ""))
    load = [os.getloadavg()[0]]
    cpu0 = os.times()
    measured = measure_many(pythons, quick, procs, log, keep_dir)
    duration = time.time() - t_start
    load.append(os.getloadavg()[0])
    cpu1 = os.times()
    cpu_s = (cpu1.children_user + cpu1.children_system) - (cpu0.children_user + cpu0.children_system)
    log("measured in %.0f s wall, %.0f s CPU of the children, load average %.1f -> %.1f"
        % (duration, cpu_s, load[0], load[1]))
    # (a run resumed from --keep files measured nothing now: no load to record)
    run_info = {"load_average_1min": [round(x, 2) for x in load],
                "children_cpu_s": round(cpu_s, 1)} if cpu_s > 1 else {}
    return {py: build_table(py, measured[py], quick, procs, duration, log, run_info)
            for py in pythons}


def build_table(python, measured, quick, procs, duration, log, run_info=None):
    full, vinfo, free_threaded = version_of(python)
    ver = "%d.%d" % tuple(vinfo[:2])
    med, sizes, errors, probes, ref_ns, used = measured
    ops = bm.op_benchmarks()
    params = bm.param_benchmarks(quick)
    for k, e in sorted(errors.items()):
        log("  benchmark %s failed: %s" % (k, e))
    unit = med["loop.empty"]
    ref_total = med["ref.loop_ns"]
    ref_iter = ref_total / bm.REF_N
    ref_keys = ["FOR_ITER.range", "int.alloc", "STORE_NAME", "LOAD_NAME", "LOAD_CONST",
                "BINARY_OP.int", "int.alloc", "STORE_NAME", "JUMP_BACKWARD"]
    eqs = []
    for b in ops:
        if b["name"] in med:
            eqs.append((b["name"], b["keys"], med[b["name"]], b.get("weight", 1.0)))
    costs, resid = fit.fit_ops(eqs, unit)
    for k in fit.UNMEASURED:
        if not any(k in ks for _, ks, _, _ in eqs):
            costs[k] = fit.PRIOR_UNITS[k] * unit
    if ver != "3.10":
        costs["SETUP_EXCEPT"] = 0.0   # zero-cost try (3.11+): nothing executed on entry

    # size-dependent built-ins
    builtins = {}
    notes = {}
    for s in bm.builtin_series(quick):
        key = s["key"]
        around = sum(costs.get(k, costs["default"]) for k in s["keys"])
        per_keys = sum(costs.get(k, costs["default"]) for k in s.get("per_item_keys", []))
        pts = []
        for n in s["sizes"]:
            name = "%s@%d" % (key, n)
            if name not in med:
                continue
            size = sizes.get(name, n)
            size = float(size) * s.get("size_mult", 1)
            pts.append((size, med[name]))
        if not pts:
            continue
        # fitted on the measured statement times (relative errors), then the
        # instructions around the call are taken out of the intercept
        base, per, nlogn = fit.fit_size(pts, s["model"])
        base -= around
        per = max(per - per_keys / s.get("size_mult", 1), 0.0)
        if s.get("minus") and s["minus"] in builtins:
            m = builtins[s["minus"]]
            base = max(base - m["base_ns"], 0.0)
            per = max(per - m["per_item_ns"], 0.0)
        builtins[key] = {"base_ns": r3(max(base, 0.0)), "per_item_ns": r3(per),
                         "per_nlogn_ns": r3(nlogn), "releases_gil": s["releases_gil"]}
        if s.get("unit"):
            notes[key] = "n = " + s["unit"]
    for key, (units, gil) in STATIC_BUILTINS.items():
        builtins.setdefault(key, {"base_ns": r3(units * unit), "per_item_ns": 0.0,
                                  "per_nlogn_ns": 0.0, "releases_gil": gil})
    # sleeping: the call's own cost is the wake-up latency (wall time), not CPU time
    if "sleep.overhead_ns" in med and "builtin.time.sleep" in builtins:
        builtins["builtin.time.sleep"]["base_ns"] = r3(max(med["sleep.overhead_ns"], 0.0))
    # list.pop(i) moves the items after i like list.insert does (n = items moved)
    if "builtin.list.insert" in builtins:
        builtins.setdefault("builtin.list.pop", dict(builtins["builtin.list.insert"], base_ns=0.0))
    # methods on lists etc. measured through the call benchmarks are cheap: base 0
    for key in ["builtin.list.append", "builtin.list.pop", "builtin.isinstance"]:
        builtins.setdefault(key, {"base_ns": 0.0, "per_item_ns": 0.0, "per_nlogn_ns": 0.0,
                                  "releases_gil": False})

    # bulk deallocation, measured on its own (a `measure` benchmark), per object freed
    if "builtin.dealloc" in med:
        builtins["builtin.dealloc"] = {"base_ns": 0.0, "per_item_ns": r3(max(med["builtin.dealloc"], 0.0)),
                                       "per_nlogn_ns": 0.0, "releases_gil": False}
        notes["builtin.dealloc"] = "n = objects freed with their container"
        builtins = dict(sorted(builtins.items()))
    prm = {}
    for b in params:
        if b["name"] in med and b["name"] not in ("ref.loop_ns", "builtin.dealloc"):
            prm[b["name"]] = r3(med[b["name"]])
    if "thread.start_join_ns" in prm:
        prm["thread.start_ns"] = r3(prm["thread.start_join_ns"] * 0.8)
        prm["thread.join_ns"] = r3(prm["thread.start_join_ns"] * 0.2)
    for k in ["builtin.pickle.dumps", "builtin.pickle.loads"]:
        if k in builtins:
            prm["pickle.%s_ns_per_byte" % k.split(".")[-1]] = builtins[k]["per_item_ns"]
    # the charged page-fault cost is a cited figure; this machine's is kept for reference
    if "memory.page_fault_ns" in prm:
        prm["memory.page_fault_ns_measured"] = prm.pop("memory.page_fault_ns")
    prm.update(static_params(ver))
    # parameters measured in reference-loop iterations by tools/bench/*, in
    # this table's ns (the fork start replaces the benchmark's figure, which
    # was taken inside the calibration child with its large heap)
    prm.update(ref_iter_params(ver, med["loop.ref.module"]))
    table = {
        "schema": 1,
        "version": ver,
        "free_threaded": bool(free_threaded),
        "jit": False,
        "derived": None,
        "metadata": {
            "interpreter": python,
            "interpreter_version": full.split()[0],
            "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "machine": "%s %s, %s, %d CPUs" % (platform.system(), platform.machine(),
                                              _cpu_name(), os.cpu_count() or 0),
            "duration_s": round(duration, 1),
            "probe_ns_per_child": [round(p) for p in probes],
            "ref_companion_ns_per_iter": r3(ref_ns),
            "quick": bool(quick),
            "child_processes": procs,
            # the machine's load while the table was measured, and the CPU time
            # of all interpreters measured together
            **(run_info or {}),
            "tool": "tools/calibrate",
        },
        "machine": {
            "ref_loop_source": bm.REF_SOURCE.format(n=bm.REF_N),
            # the reference loop as the fit reproduces it (measured with the benchmarks)
            "ref_loop_ns_per_iter": r3(med["loop.ref.module"]),
            "ref_wall_s": r3(med["loop.ref.module"] * bm.REF_N / 1e9),
            # the same loop run once in a fresh interpreter, as the truth harness does
            "ref_loop_fresh_process_ns_per_iter": r3(ref_iter),
            "empty_loop_ns_per_iter": r3(unit),
        },
        "ops": dict(sorted(fit.add_aliases({k: r3(v) for k, v in costs.items()}).items())),
        "builtins": dict(sorted(builtins.items())),
        "builtin_size_units": dict(sorted(notes.items())),
        "params": dict(sorted(prm.items())),
        "fit": {
            "ref_loop_sum_ns": r3(sum(costs[k] for k in ref_keys)),
            "relative_residuals": {k: round(v, 3) for k, v in sorted(resid.items())},
            "median_abs_residual": round(statistics.median(abs(v) for v in resid.values()), 3),
            "failed_benchmarks": errors,
            # benchmarks that never ran while the machine was fast (aggregate()):
            # their figures come from the samples with the fastest companions
            "slow_only_benchmarks": sorted(k for k, u in used.items() if u[2]),
            "ref_companion_fast_ns_per_iter": r3(ref_ns),
        },
    }
    return table


def _cpu_name():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def ref_iter_params(ver, ref_ns):
    """The parameters tools/bench/* measured in reference-loop iterations
    (the tables below), in ns of a table whose reference loop takes `ref_ns`
    per iteration: the same conversion as the fitted instruction costs, so a
    simulated time in units of the table's reference loop is the measured
    one whatever machine the table was made on."""
    prm = {}
    # multiprocessing.Pool's cost per task (one chunk out, its result back):
    # parent CPU (all its handler threads) and worker CPU
    for key, iters in POOL_TASK_REF_ITERS.get(ver, {}).items():
        prm[key] = r3(iters * ref_ns)
    # Pool's handler threads: each one's own CPU per pool and its share of
    # the per-task parent CPU
    for name, iters in POOL_THREAD_FIXED_REF_ITERS.get(ver, {}).items():
        prm["process.pool_thread_fixed_ns." + name] = r3(iters * ref_ns)
    for name, share in POOL_THREAD_SHARE.get(ver, {}).items():
        prm["process.pool_thread_share." + name] = share
    # one parameter per table of iterations by version
    for key, by_version in (("process.pool_init_ns", POOL_INIT_REF_ITERS),
                            ("process.pool_reap_ns", POOL_REAP_REF_ITERS),
                            ("process.start_ns.fork", FORK_START_REF_ITERS),
                            ("process.fork_ns_per_mb", FORK_PER_MB_REF_ITERS),
                            ("thread.first_start_extra_ns", THREAD_FIRST_START_REF_ITERS),
                            ("thread.bootstrap_ns", THREAD_BOOTSTRAP_REF_ITERS),
                            ("sleep.cpu_ns", SLEEP_CPU_REF_ITERS),
                            ("thread.cold_resume_ns", COLD_RESUME_REF_ITERS)):
        if ver in by_version:
            prm[key] = r3(by_version[ver] * ref_ns)
    if ver in COLD_RESUME_REF_ITERS:
        prm["thread.cold_resume_from_ns"], prm["thread.cold_resume_full_ns"] = COLD_RESUME_RAMP_NS[ver]
    if ver in UNCAUGHT_DISPLAY_REF_ITERS:
        fixed, per_frame = UNCAUGHT_DISPLAY_REF_ITERS[ver]
        prm["exception.display_ns"] = r3(fixed * ref_ns)
        prm["exception.display_frame_ns"] = r3(per_frame * ref_ns)
    return prm


def rescale_ref_iter_params(table_dir, log=print):
    """Rewrites the reference-iteration parameters of the measured tables in
    table_dir with each table's own reference loop
    (machine.ref_loop_ns_per_iter). Returns the paths written."""
    written = []
    for name in sorted(os.listdir(table_dir)):
        m = re.match(r"cpython-(\d+\.\d+)\.json$", name)
        if not m:
            continue
        path = os.path.join(table_dir, name)
        with open(path) as f:
            table = json.load(f)
        if table.get("derived"):
            continue
        ref_ns = table["machine"]["ref_loop_ns_per_iter"]
        for k, v in ref_iter_params(m.group(1), ref_ns).items():
            if table["params"].get(k) != v:
                log("  %s: %s %s -> %s" % (name, k, table["params"].get(k), v))
            table["params"][k] = v
        table["params"] = dict(sorted(table["params"].items()))
        with open(path, "w") as f:
            f.write(json.dumps(table, indent=1) + "\n")
        written.append(path)
    return written


# tools/bench/pool_ipc.py (Pool(2), fork, 400 tiny items, chunksize 1 vs 50;
# minimum over its runs; 2-vCPU VM)
POOL_TASK_REF_ITERS = {
    "3.11": {"process.chunk_ipc_ns": 329.0, "process.worker_task_ns": 332.0},
    "3.13": {"process.chunk_ipc_ns": 291.0, "process.worker_task_ns": 385.0},
}

# tools/bench/pool_threads.py (Pool(2), fork, 4000 tiny items: empty map, 8
# chunks, chunksize 1; medians of 7 fresh interpreters; 2-vCPU VM)
POOL_THREAD_FIXED_REF_ITERS = {
    "3.11": {"workers": 91427.0, "tasks": 18639.0, "results": 13554.0},
    "3.13": {"workers": 71670.0, "tasks": 14894.0, "results": 11561.0},
}
POOL_THREAD_SHARE = {
    "3.11": {"workers": 0.31, "tasks": 0.415, "results": 0.275},
    "3.13": {"workers": 0.338, "tasks": 0.368, "results": 0.294},
}


# tools/bench/pool_init.py: the main thread's CPU in a cold Pool(2)
# constructor (medians of the fast-companion samples; 3.11: 80197 and 74314
# in two runs, 3.13: 65802 and 60332; 3.10, 3.12: one run), minus the two
# forks (FORK_START_REF_ITERS) and the three handler threads' starts
# (thread.start_ns of the table) that the simulator charges itself
# tools/bench/uncaught_display.py: printing the program's uncaught exception
# (fixed part, per printed traceback line), fresh interpreters with the
# program in a file and stderr on a pipe; medians of three runs of 9-15
# samples each (2-vCPU VM at load 2-3): 3.10-3.12 print in C and open the
# source file per line, 3.13 imports and runs the traceback module
UNCAUGHT_DISPLAY_REF_ITERS = {"3.10": (2254.0, 702.0), "3.11": (4954.0, 765.0),
                              "3.12": (4386.0, 423.0), "3.13": (74088.0, 18974.0)}

POOL_INIT_REF_ITERS = {"3.10": 39350.0, "3.11": 35670.0, "3.12": 29530.0, "3.13": 35450.0}

# tools/bench/pool_reap.py: terminate() then join() of two idle forked
# workers (Pool's terminate, after its worker handler has exited), parent wall
# time: the fastest of 30-40 samples (a wall-time wait: on a loaded machine
# the median measures the other load; 3.11: 23677 and 20214 in two runs,
# 3.13: 10582 and 13061; 2-vCPU VM)
POOL_REAP_REF_ITERS = {"3.10": 11430.0, "3.11": 21950.0, "3.12": 15980.0, "3.13": 11820.0}

# tools/bench/fork_cost.py, the fixed part: Process.start() with fork from a
# fresh interpreter that imported multiprocessing.pool (the truth harness's
# state, 13-16 MB resident), parent CPU, median of the samples taken while the
# companion loop ran fast (30 samples, 50 ms apart; 2-vCPU VM). The program's
# own memory is added by process.fork_ns_per_mb. (The calibration child's own
# Process.start() benchmark forks a process holding the benchmarks' heap, and
# so cost 5x this.)
FORK_START_REF_ITERS = {"3.10": 13780.0, "3.11": 14940.0, "3.12": 9155.0, "3.13": 9655.0}

# tools/bench/fork_cost.py (Process.start() with fork, parent CPU, against the
# parent's resident memory: slope of the least-squares line through the median
# starts at +0, +64 and +192 MB; 2-vCPU VM). Kernel page-table copy per MB,
# in line with the 10-25 ms per GB reported for Linux on bare metal and KVM.
FORK_PER_MB_REF_ITERS = {"3.10": 566.0, "3.11": 498.0, "3.12": 487.0, "3.13": 496.0}

# tools/bench/thread_first_use.py (`nop` shape: the process's first thread's
# CPU minus the median of threads 8-15; median of 25 fresh interpreters)
THREAD_FIRST_START_REF_ITERS = {"3.10": 2082.0, "3.11": 1104.0, "3.12": 1560.0, "3.13": 1039.0}
# the same bench, threads 8-15 of the `nop` shape: a thread's whole CPU as the
# truth harness sees it (Thread._bootstrap_inner with a no-op target)
THREAD_BOOTSTRAP_REF_ITERS = {"3.10": 280.0, "3.11": 259.0, "3.12": 191.0, "3.13": 257.0}

# tools/bench/sleep_cpu.py: the sleeping thread's CPU for one time.sleep call
# (syscall, timer, wake-up, GIL round trip), 10th percentile of the samples
# taken while the companion reference loop ran fast (3.11, 3.13: median of
# three runs' figures: 533, 569, 678 and 415, 486, 483; 3.10, 3.12: one run).
# In ns it is about the same on every version (23-30 us here): kernel work.
SLEEP_CPU_REF_ITERS = {"3.10": 565.0, "3.11": 569.0, "3.12": 477.0, "3.13": 483.0}

# tools/bench/wake_cold.py: the extra CPU of the thread that runs first after
# the process was idle (all threads blocked) for 10 ms or more, over a warm
# sleep and the same code warm, and the idle lengths where the extra starts
# and where it is full (wall time, kept as measured; least-squares ramps).
# Median of the four runs taken on a quiet machine (load < 1, as the corpus
# and the truth measurements): 3.11 1107, 690, 929, 1134 iterations, ramps
# 2-18.5, 4-14, 4-17, 1-20 ms; 3.13 720, 650, 822, 801, ramps 1.5-19.5,
# 0-20.5, 2.5-19, 2.5-17.5 ms (40 samples each, 2-vCPU VM). With other builds
# running (load 7-9) the extra was smaller (3.11 565-733, 3.13 408-690) and
# full sooner (5.5-12.5 ms): a busy host keeps its cores out of deep idle.
COLD_RESUME_REF_ITERS = {"3.11": 1018.0, "3.13": 760.0}
COLD_RESUME_RAMP_NS = {"3.11": (3_000_000.0, 17_750_000.0), "3.13": (2_000_000.0, 19_250_000.0)}


# Parameters bound by the memory system (caches, the hypervisor's page-table
# work on faults and munmap), which on this VM move by up to 10x with the
# host's state while interpreted code moves by 1.2x: in two runs a day apart
# memory.page_fault_ns_measured was 13-16 us and 2.5-2.8 us, and
# memory.free_cold_extra_ns 11-19 ns and 1.8-3.0 ns per object, with
# reference loops of 44 and 54 ns. The companion ratio (aggregate) cancels
# drifts of the interpreter's speed, not these; --keep-memory-params keeps
# them from the existing table, measured on their own with --params.
MEMORY_PARAMS = ("gc.free_per_object_ns", "gc.full_per_object_ns",
                 "gc.interpreter_per_object_ns", "gc.young_per_object_ns",
                 "memory.free_cold_extra_ns", "memory.fresh_alloc_ns_per_kib",
                 "memory.page_fault_ns_measured", "memory.startup_free_bytes",
                 "memory.free_cached_objects")


# Wall-time parameters of the thread and process model (starting a thread or
# a process, a queue round trip, the wake-up after a sleep): timed in wall
# time, so under load they move with the scheduler's latency (in two runs a
# day apart thread.start_join_ns was 197 and 415 us, process.start_ns.fork
# 3.3 and 0.59 ms); the thread model is tuned against them, so
# --keep-memory-params keeps them too. The parameters given in
# reference-loop iterations (POOL_*, FORK_PER_MB_*, THREAD_*, SLEEP_CPU_*)
# are recomputed with the new reference loop.
WALL_KEPT_PARAMS = ("thread.start_join_ns", "thread.start_ns", "thread.join_ns",
                    "process.start_ns.fork", "process.start_ns.spawn",
                    "process.start_ns.forkserver", "queue.round_trip_ns",
                    "sleep.overhead_ns")


def keep_memory_params(table, old):
    """`table` with MEMORY_PARAMS, WALL_KEPT_PARAMS, builtin.dealloc and
    builtin.time.sleep (its base is sleep.overhead_ns) taken from `old` (the
    table it replaces), and the built-in rows this tool does not measure
    (ratio_costs.py's array rows, re_costs.py's re rows) kept until those
    tools are re-run; records what was kept in metadata.kept_from_previous."""
    kept = []
    for k in MEMORY_PARAMS + WALL_KEPT_PARAMS:
        if k in old.get("params", {}):
            table["params"][k] = old["params"][k]
            kept.append(k)
    for k, row in old.get("builtins", {}).items():
        if k in ("builtin.dealloc", "builtin.time.sleep") or k not in table["builtins"]:
            table["builtins"][k] = row
            kept.append(k)
    for k, unit in old.get("builtin_size_units", {}).items():
        table["builtin_size_units"].setdefault(k, unit)
    for k, v in old.get("params", {}).items():
        if k.startswith("zlib.") and k not in table["params"]:  # tools/bench/zlib_costs.py's
            table["params"][k] = v
            kept.append(k)
    table["builtins"] = dict(sorted(table["builtins"].items()))
    table["builtin_size_units"] = dict(sorted(table["builtin_size_units"].items()))
    table["params"] = dict(sorted(table["params"].items()))
    table["metadata"]["kept_from_previous"] = {
        "keys": kept, "date": old.get("metadata", {}).get("date"),
        "params_remeasured": old.get("metadata", {}).get("params_remeasured", {})}
    return table


def static_params(ver):
    """Parameters taken from CPython's source rather than measured
    (cpython-facts.md §0, §1, §4)."""
    minor = int(ver.split(".")[1])
    p = {
        "gil.switch_interval_s": 0.005,          # Python/ceval_gil.c DEFAULT_INTERVAL
        "gil.handoff_ns": 150000.0,              # measured slice 5.12-5.17 ms (facts §1.3)
        "eval_breaker.interval_instructions": 1.0,  # checked at every back-edge, call, RESUME
        "hashlib.gil_release_min_bytes": 2048.0,  # Modules/hashlib.h HASHLIB_GIL_MINSIZE
        "asyncio.slow_callback_s": 0.1,           # Lib/asyncio/base_events.py
        "gc.threshold0": 2000.0 if minor >= 13 else 700.0,
        "gc.threshold1": 10.0,
        "gc.threshold2": 10.0,
        "gc.runs_on_eval_breaker": 1.0 if minor >= 12 else 0.0,  # gh-97922
        "str.inplace_concat_fast_path": 1.0,      # unicode_concatenate / BINARY_OP_INPLACE_ADD_UNICODE
        "specializer.enabled": 0.0 if minor == 10 else 1.0,
        "process.default_start_method": 2.0 if minor >= 14 else 0.0,  # 0 fork, 1 spawn, 2 forkserver
        "memory.overhead_factor": 1.0,
        # First touch of a fresh anonymous 4 KiB page (minor fault, zero-filled):
        # ~1 us, the median measured on bare-metal Linux 6.6 (rdtsc around the
        # first write to a fresh mmap: min 575 ns, median 1013 ns;
        # ddumbying.vercel.app/experiments/pagefault-latency). Not this VM's
        # figure (memory.page_fault_ns_measured): here a fault is a hypervisor
        # exit whose cost moves >10x with the host's load (11-18 us at load
        # 13-20), which min-of-N cannot remove (README "Accuracy").
        "memory.page_fault_ns": 1000.0,
    }
    return p


def main(argv=None):
    import argparse
    ap = argparse.ArgumentParser(
        prog="tools/calibrate",
        description="Measure a CPython interpreter and write its cost table "
                    "(engine/sim/costs/README.md), or derive the tables of builds "
                    "that are not installed (--derive).")
    ap.add_argument("--python", action="append",
                    help="interpreter to calibrate (python3.X); repeat it with --out-dir to "
                         "measure several together, their runs interleaved")
    ap.add_argument("--keep", metavar="DIR",
                    help="keep every child's raw results in DIR and reuse those already "
                         "there (resumes an interrupted run)")
    ap.add_argument("--out-dir", help="with several --python: write cpython-<ver>.json here")
    ap.add_argument("--out", help="output JSON file (default: stdout)")
    ap.add_argument("--quick", action="store_true", help="fewer sizes and repeats (~30 s)")
    ap.add_argument("--procs", type=int, help="fresh child interpreters (default 2, quick 1)")
    ap.add_argument("--params", metavar="NAMES",
                    help="re-measure only these parameter benchmarks (comma-separated, e.g. "
                         "gc.young_per_object_ns,gc.free_per_object_ns) with every --python and "
                         "write them into the existing tables in --dir")
    ap.add_argument("--keep-memory-params", action="store_true",
                    help="when the output table exists, keep its memory-system and wall-time "
                         "parameters (MEMORY_PARAMS: gc.*, memory.*, builtin.dealloc; "
                         "WALL_KEPT_PARAMS: thread/process start, queue, sleep) instead of "
                         "this run's: they move with the host's state, not with the "
                         "interpreter's speed (re-measure them with --params)")
    ap.add_argument("--derive", action="store_true",
                    help="write the derived tables (3.14, 3.13t, 3.14t, JIT what-ifs) from the "
                         "measured ones in --dir")
    ap.add_argument("--ref-params", action="store_true",
                    help="rewrite the parameters measured in reference-loop iterations "
                         "(tools/bench/*: pool, fork, thread start, sleep) in the measured tables "
                         "in --dir with each table's own reference loop; then run --derive")
    ap.add_argument("--dir", default=os.path.join(HERE, "..", "..", "engine", "sim", "costs"),
                    help="cost-table folder for --derive")
    ap.add_argument("--check-truth", metavar="TABLE",
                    help="predict the truth corpus's single-threaded programs from TABLE with "
                         "--python's own instruction counts, and compare with --results")
    ap.add_argument("--truth", default="/work/shared/truth", help="truth corpus folder")
    ap.add_argument("--results", default="results-3.11.json", help="results file in --truth")
    a = ap.parse_args(argv)
    if a.check_truth:
        from . import truth_check
        if not a.python:
            ap.error("--python is required")
        rows, summary = truth_check.check(a.python[0], a.check_truth, a.truth, a.results,
                                          log=lambda m: print(m, file=sys.stderr, flush=True))
        print(json.dumps(summary, indent=1))
        return 0
    if a.ref_params:
        for path in rescale_ref_iter_params(os.path.abspath(a.dir),
                                            log=lambda m: print(m, file=sys.stderr, flush=True)):
            print("updated", path, file=sys.stderr)
        return 0
    if a.derive:
        from . import derive
        for path in derive.write_all(os.path.abspath(a.dir)):
            print("wrote", path, file=sys.stderr)
        return 0
    if not a.python:
        ap.error("--python is required")
    if a.params:
        for path in update_params(a.python, [n.strip() for n in a.params.split(",") if n.strip()],
                                  os.path.abspath(a.dir), a.procs or 3,
                                  log=lambda m: print(m, file=sys.stderr, flush=True)):
            print("updated", path, file=sys.stderr)
        return 0
    if len(a.python) > 1 and not a.out_dir:
        ap.error("several --python need --out-dir")
    tables = build_tables(a.python, quick=a.quick, procs=a.procs, keep_dir=a.keep,
                          log=lambda m: print(m, file=sys.stderr, flush=True))
    for py, table in tables.items():
        text = json.dumps(table, indent=1) + "\n"
        out = a.out
        if a.out_dir:
            os.makedirs(a.out_dir, exist_ok=True)
            out = os.path.join(a.out_dir, "cpython-%s.json" % table["version"])
        if out and a.keep_memory_params and os.path.exists(out):
            with open(out) as f:
                table = keep_memory_params(table, json.load(f))
            text = json.dumps(table, indent=1) + "\n"
        if out:
            with open(out, "w") as f:
                f.write(text)
            print("wrote %s (ref loop %.1f ns/iter, fit median |residual| %.3f)"
                  % (out, table["machine"]["ref_loop_ns_per_iter"],
                     table["fit"]["median_abs_residual"]), file=sys.stderr)
        else:
            sys.stdout.write(text)
    return 0
