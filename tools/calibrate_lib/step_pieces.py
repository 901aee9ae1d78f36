"""Parameters that decide how long one event-loop step of an asyncio program
takes, measured apart (tools/bench/asyncio_costs.py shows where a step's time
goes):

* `asyncio.task_create_ns`: `asyncio.create_task(coro)` alone: Task.__init__
  (Modules/_asynciomodule.c task_init: register in the weak set of all tasks,
  contextvars copy) and the call_soon of its first step. The steps themselves
  are `asyncio.step_ns`.
* `sum.range_item_ns`: per item of `sum(range(...))` over cached small ints.
* `int.range_alloc_item_ns`: the extra cost of a range item outside the
  small-int cache (-5..256): range's iterator allocates a PyLong for it
  (Objects/rangeobject.c rangeiter_next -> PyLong_FromLong) and the consumer
  frees it, per item, measured as sum(range) over big vs cached items.
  `builtin.sum:range` (benchmarks.py) is fitted on ranges from 0 of 10 to
  10,000 items, a mix of both; the simulator charges its base, then these
  two per item (sim/modules/builtin_funcs.cpp).
* `gc.interpreter_per_object_ns`: what a full collection spends per object of
  the interpreter itself (module dicts, functions, classes: more references
  each than the instances `gc.full_per_object_ns` is measured on), measured as
  a full collection after importing the standard-library modules a simulated
  program may import, per tracked object, with the caches cold (48 MiB
  written first), as after a program's own work.

They are `measure` benchmarks of tools/calibrate (benchmarks.param_benchmarks
includes them) and can be measured alone, without a whole calibration, to add
them to existing tables:

    python3 -m tools.calibrate_lib.step_pieces --table engine/sim/costs/cpython-3.11.json \
        --python /root/.pyenv/versions/3.11.7/bin/python3 [--table ... --python ...]
"""


def _m(name, code, **kw):
    b = {"name": name, "kind": "measure", "code": code}
    b.update(kw)
    return b


def benchmarks():
    return [
        _m("asyncio.task_create_ns", """
            import asyncio, gc, time
            async def noop():
                return None
            async def main(n):
                coros = [noop() for _ in range(n)]
                ct = asyncio.create_task
                gc.disable()
                t = time.thread_time_ns()
                for c in coros:
                    ct(c)
                t1 = time.thread_time_ns()
                for c in coros:
                    pass
                t2 = time.thread_time_ns()
                gc.enable()
                await asyncio.sleep(0)
                return (t1 - t) - (t2 - t1)
            def measure():
                n = 2000
                return asyncio.run(main(n)) / n
            """),
        _m("sum.range_item_ns", """
            import time
            def run(n, k):
                t = time.thread_time_ns()
                for _ in range(k):
                    sum(range(0, n))
                return time.thread_time_ns() - t
            def measure():
                k = 4000
                run(250, k); run(10, k)
                big = min(run(250, k) for _ in range(3))
                small = min(run(10, k) for _ in range(3))
                return max(big - small, 0) / (240 * k)
            """),
        _m("int.range_alloc_item_ns", """
            import time
            def run(lo, n, k):
                t = time.thread_time_ns()
                for _ in range(k):
                    sum(range(lo, lo + n))
                return time.thread_time_ns() - t
            def measure():
                n, k = 250, 4000
                run(0, n, k); run(100000, n, k)
                cached = min(run(0, n, k) for _ in range(3))
                alloc = min(run(100000, n, k) for _ in range(3))
                return max(alloc - cached, 0) / (n * k)
            """),
        _m("gc.interpreter_per_object_ns", """
            import gc, time
            import asyncio, collections, concurrent.futures, dataclasses, functools, json
            import multiprocessing, queue, random, threading, tracemalloc, typing
            def measure():
                gc.collect()
                n = len(gc.get_objects())
                best = None
                for _ in range(5):
                    # a program's gc.collect() follows its own work: the
                    # interpreter's objects are no longer in the caches
                    junk = bytearray(b"x") * (48 << 20)
                    del junk
                    t = time.thread_time_ns()
                    gc.collect()
                    d = time.thread_time_ns() - t
                    best = d if best is None else min(best, d)
                return best / n
            """),
    ]


# A full collection's walk over scattered interpreter objects waits on memory,
# not on the core: the reference loop's slowdown under load does not carry
# over, so it is kept as measured, min of the samples.
UNSCALED = ("gc.interpreter_per_object_ns",)


def main(argv=None):
    """Measures these parameters on each --python and writes them into the
    matching --table (other keys untouched)."""
    import argparse
    import json
    import statistics
    from . import run as calib
    ap = argparse.ArgumentParser(prog="python3 -m tools.calibrate_lib.step_pieces")
    ap.add_argument("--python", action="append", required=True)
    ap.add_argument("--table", action="append", required=True)
    ap.add_argument("--children", type=int, default=3, help="fresh interpreters per python")
    a = ap.parse_args(argv)
    if len(a.python) != len(a.table):
        ap.error("one --table per --python")
    # CPU times are scaled, child by child, by the reference loop the child
    # also runs (bm.REF_SOURCE, the truth corpus's unit) to the table's own
    # reference loop: on a busy machine both slow down together, so the new
    # keys keep their ratio to the table's other costs (the zlib probe alone
    # did not track these loops). The child's figure is the minimum of its
    # repeats, a warm loop (a fresh interpreter's first run is up to 1.8x
    # slower), so the table's figure is the warm one the fit reproduces and the
    # simulator divides by (machine.ref_loop_ns_per_iter), not the
    # fresh-process one: scaled to that, the pieces came out 1.43x too dear
    # against the simulated reference loop on the 3.11 table.
    from . import benchmarks as bm
    ref = [b for b in bm.param_benchmarks(True) if b["name"] == "ref.loop_ns"]
    table_ref = {}
    for py, table in zip(a.python, a.table):
        with open(table) as f:
            m = json.load(f).get("machine", {})
        per = m.get("ref_loop_ns_per_iter")
        table_ref[py] = per * bm.REF_N if per else None
    samples = {py: {} for py in a.python}
    for _ in range(a.children):  # interleaved, so that all see the same load
        for py in a.python:
            out = calib.run_child(py, ref + benchmarks(), 0.015, 5, timeout=600)
            got = out["results"].pop("ref.loop_ns", None)
            f = table_ref[py] / min(got) if table_ref[py] and got else 1.0
            for k, v in out["results"].items():
                scale = 1.0 if k in UNSCALED else f
                samples[py].setdefault(k, []).extend(x * scale for x in v)
            for k, e in out.get("errors", {}).items():
                print("%s: %s failed: %s" % (py, k, e))
    for py, table in zip(a.python, a.table):
        with open(table) as f:
            t = json.load(f)
        # the minimum: on a shared machine load only adds time
        for k, v in sorted(samples[py].items()):
            t["params"][k] = calib.r3(min(v))
            print("%s %s = %.2f (median %.2f, %d samples)" % (table, k, min(v), statistics.median(v), len(v)))
        t["params"] = dict(sorted(t["params"].items()))
        with open(table, "w") as f:
            f.write(json.dumps(t, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
