"""Derived cost tables for builds that are not installed on the calibration
machine: 3.14, free-threaded 3.13t / 3.14t and the JIT what-ifs. Each one is a
measured table scaled by published figures; the figures and their sources are
written into the derived file ("derived" section). cpython-facts.md §6."""
import copy
import datetime
import json
import os

REF_KEYS = ["FOR_ITER.range", "STORE_NAME", "LOAD_NAME", "LOAD_CONST", "BINARY_OP.int",
            "STORE_NAME", "JUMP_BACKWARD"]

# name -> (base table, version, free_threaded, jit, op factor, builtin factor, params, sources)
DERIVED = [
    ("cpython-3.14.json", "cpython-3.13.json", "3.14", False, False, 0.95, 1.0,
     {"gc.threshold0": 2000.0, "process.default_start_method": 2.0},
     ["Python 3.14 What's New: opt-in tail-calling interpreter 3-5% faster (pyperformance)",
      "faster-cpython/benchmarking-public: 3.14 builds 1.04-1.08x vs 3.12.0, 1.07x vs 3.11.0",
      "3.13 claimed no headline speed-up, so 3.14 = 3.13 measured table x 0.95 on instructions",
      "GC: 3.14.5+ restored the 3.13 generational GC (thresholds 2000/10/10; python.org 3.14.5 "
      "release notes, gh-148726)",
      "multiprocessing default start method on Linux: forkserver (3.14 What's New)"]),
    ("cpython-3.13t.json", "cpython-3.13.json", "3.13", True, False, 1.40, 1.10,
     {"specializer.enabled": 0.0, "gil.enabled": 0.0, "memory.overhead_factor": 1.175,
      "gc.threshold0": 2000.0, "gc.full_every_collection": 1.0},
     ["docs howto free-threading-python (3.13): specializer disabled, about 40% single-thread "
      "slowdown on pyperformance -> instructions x 1.40",
      "built-ins x 1.10: atomic/biased reference counting and mimalloc (PEP 703); "
      "an assumption, not a published figure",
      "PEP 779: memory +15-20% (geomean) -> memory.overhead_factor 1.175",
      "Python/gc_free_threading.c: one generation, every collection is full; young threshold "
      "2000 and only when young count > long_lived_total/4"]),
    ("cpython-3.14t.json", "cpython-3.14.json", "3.14", True, False, 1.10, 1.10,
     {"specializer.enabled": 1.0, "gil.enabled": 0.0, "memory.overhead_factor": 1.175,
      "gc.threshold0": 2000.0, "gc.full_every_collection": 1.0},
     ["Python 3.14 What's New (free-threaded mode) and PEP 779: specializer enabled with "
      "per-thread bytecode; 5-10% single-thread penalty (about 10% on Linux) -> x 1.10",
      "py-free-threading.github.io: 3.13t is about 30% slower single-threaded than 3.14t",
      "PEP 779: memory +15-20% -> memory.overhead_factor 1.175"]),
    ("cpython-3.13-jit.json", "cpython-3.13.json", "3.13", False, True, 1.00, 1.0,
     {"memory.overhead_factor": 1.15, "jit.trace_threshold_backedges": 16.0},
     ["Python 3.13 What's New (experimental JIT) and PEP 744: 'about as fast as the "
      "specializing interpreter' -> instructions x 1.00; 10-20% more memory -> 1.15",
      "Include/internal/pycore_backoff.h: hot loops traced after 16 back-edges"]),
    ("cpython-3.14-jit.json", "cpython-3.14.json", "3.14", False, True, 0.95, 1.0,
     {"memory.overhead_factor": 1.15, "jit.trace_threshold_backedges": 4095.0},
     ["Python 3.14 What's New: JIT in official Windows/macOS binaries, off by default "
      "(PYTHON_JIT=1); results from a few percent slower to about 20% faster -> midpoint "
      "taken as 5% faster: instructions x 0.95 relative to the 3.14 table",
      "PEP 744: 10-20% more memory -> 1.15",
      "pycore_backoff.h (3.14 snapshot): JUMP_BACKWARD_INITIAL_VALUE 4095"]),
]


def derive_one(base, version, ft, jit, op_f, bi_f, params, sources, base_name):
    t = copy.deepcopy(base)
    t["version"], t["free_threaded"], t["jit"] = version, ft, jit
    t["ops"] = {k: round(v * op_f, 4) for k, v in base["ops"].items()}
    for k, b in t["builtins"].items():
        b["base_ns"] = round(b["base_ns"] * bi_f, 4)
        b["per_item_ns"] = round(b["per_item_ns"] * bi_f, 6)
        b["per_nlogn_ns"] = round(b["per_nlogn_ns"] * bi_f, 6)
    t["params"].update(params)
    ref = sum(t["ops"][k] for k in REF_KEYS)
    t["machine"]["ref_loop_ns_per_iter"] = round(ref, 3)
    t["machine"]["ref_wall_s"] = round(ref * 3_500_000 / 1e9, 4)
    t["derived"] = {
        "from": base_name,
        "instruction_factor": op_f,
        "builtin_factor": bi_f,
        "params_set": params,
        "sources": sources,
    }
    t["metadata"] = {
        "interpreter": None,
        "note": "derived, not measured: no such interpreter on the calibration machine",
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "tool": "tools/calibrate --derive",
        "base_metadata": base.get("metadata"),
    }
    t.pop("fit", None)
    return t


def write_all(folder):
    """Refreshes the alias keys of the measured tables, then writes the derived ones."""
    from .fit import add_aliases
    written = []
    tables = {}
    for v in ("3.10", "3.11", "3.12", "3.13"):
        path = os.path.join(folder, "cpython-%s.json" % v)
        if os.path.exists(path):
            with open(path) as f:
                t = json.load(f)
            n = len(t["ops"])
            t["ops"] = dict(sorted(add_aliases(t["ops"]).items()))
            if len(t["ops"]) != n:
                with open(path, "w") as f:
                    f.write(json.dumps(t, indent=1) + "\n")
                written.append(path)
    for name, base_name, version, ft, jit, op_f, bi_f, params, sources in DERIVED:
        if base_name in tables:
            base = tables[base_name]
        else:
            with open(os.path.join(folder, base_name)) as f:
                base = json.load(f)
        t = derive_one(base, version, ft, jit, op_f, bi_f, params, sources, base_name)
        tables[name] = t
        path = os.path.join(folder, name)
        with open(path, "w") as f:
            f.write(json.dumps(t, indent=1) + "\n")
        written.append(path)
    return written
