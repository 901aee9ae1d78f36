"""Child side of tools/calibrate: runs in a fresh interpreter (the one being
calibrated), times every benchmark it is given and prints JSON.

Input (stdin, JSON): {"benchmarks": [...], "target_s": float, "repeats": int}.
Each benchmark is one of
  kind "stmt":   a statement (may be multi-line) unrolled `unroll` times inside a
                 loop `for _ in ITER:` in a function, a closure or at module
                 level; the result is ns per statement after subtracting the
                 same loop with `pass` (or, with "absolute", ns per iteration
                 of the whole loop, or per `per` items).
  kind "measure": `code` defines measure() returning nanoseconds (one sample).
Output (stdout, JSON): {"results": {name: [samples...]}, "errors": {name: msg}}.
Stdlib only; works on CPython 3.10 - 3.14 (also free-threaded builds).
"""
import gc
import json
import sys
import textwrap
import time

# CPU time of this thread: the machine may be shared, and time spent preempted
# by other processes must not count (wall time would inflate at random)
_pc = time.thread_time_ns


def _indent(text, n):
    return textwrap.indent(textwrap.dedent(text).strip("\n"), " " * n)


def _body(b, stmt):
    unroll = b.get("unroll", 10) if stmt != "pass" else 1
    return "\n".join(_indent(stmt, 8) for _ in range(unroll))


def _make_runner(b, stmt):
    """Returns run(N, env) -> elapsed ns of the timed loop."""
    scope = b.get("scope", "func")
    it = b.get("iter", "range(__N)")
    binds = b.get("locals", [])
    decl = b.get("decl", "")
    if scope == "module":
        lines = _body(b, stmt).split("\n")
        src = "for _ in %s:\n%s\n" % (it, "\n".join(l[4:] for l in lines))
        code = compile(src, "<bench>", "exec")

        def run(N, env):
            env["__N"] = N
            t = _pc()
            exec(code, env)
            return _pc() - t
        return run
    def source(env):
        names = binds
        if names == "auto":
            names = [n for n in env if n.isidentifier() and not n.startswith("_")]
        bind_src = "".join("    %s = __env[%r]\n" % (n, n) for n in names)
        if decl:
            bind_src = "    %s\n" % decl + bind_src
        return "def __bench(__N, __env):\n%s    for _ in %s:\n%s\n" % (bind_src, it,
                                                                       _body(b, stmt))
    if scope == "closure":
        cells = b.get("cells", [])
        outer = "def __outer(__env):\n%s%s    return __bench\n" % (
            "".join("    %s = __env[%r]\n" % (c, c) for c in cells),
            textwrap.indent(source({}), "    "))
        ns = {}
        exec(compile(outer, "<bench>", "exec"), ns)
        maker = ns["__outer"]
        cache = {}

        def run(N, env):
            f = cache.get(id(env))
            if f is None:
                f = cache[id(env)] = maker(env)
            t = _pc()
            f(N, env)
            return _pc() - t
        return run

    holder = {}

    def run(N, env):
        f = holder.get("f")
        if f is None:
            exec(compile(source(env), "<bench>", "exec"), env)
            f = holder["f"] = env["__bench"]
        t = _pc()
        f(N, env)
        return _pc() - t
    return run


def _env(b, N, ns):
    """Runs the benchmark's setup in its namespace `ns` (kept for the whole
    benchmark, so compiled code and its specialisations are reused)."""
    ns["__N"] = N
    ns.setdefault("__name__", "__bench__")
    exec(compile(textwrap.dedent(b.get("setup", "")), "<setup>", "exec"), ns)
    return ns


# The reference loop of the truth harness, at module level: timed right before
# and after every repeat of every benchmark (its "companion"), so that each
# timing can be expressed in reference-loop units measured under the same
# machine conditions. The speed of this machine moves by up to 2x for seconds
# at a time (a busy sibling hyper-thread or host contention: whole stretches
# of a child run twice as slow), which the zlib probe at the start and end of
# a child cannot see; a ratio to a loop timed a few ms away cancels it.
_REF_SRC = "for _ in range(__RN):\n    x = _ * 2\n"
_ref = {}


def ref_companion():
    """CPU ns per iteration of the reference loop, timed over ~1.5 ms."""
    if not _ref:
        _ref["code"] = compile(_REF_SRC, "<reference>", "exec")
        _ref["env"] = {"__name__": "__ref__"}
        n = 2000
        while True:
            _ref["env"]["__RN"] = n
            t = _pc()
            exec(_ref["code"], _ref["env"])
            t = _pc() - t
            if t >= 500000 or n >= 10 ** 8:
                break
            n *= 4
        _ref["env"]["__RN"] = max(1000, int(n * 1.5e6 / max(t, 1)))
    env = _ref["env"]
    t = _pc()
    exec(_ref["code"], env)
    return (_pc() - t) / env["__RN"]


class StmtBench:
    """One `stmt` benchmark, prepared once (loop size N found, code compiled and
    warmed up) and then sampled one repeat at a time, so that the driver can
    interleave the repeats of all benchmarks (time_stmts)."""

    def __init__(self, b, target_ns):
        self.b = b
        self.ns, self.nsb = {}, {}
        self.run = _make_runner(b, b["stmt"])
        self.base = None if b.get("absolute") else _make_runner(b, "pass")
        # find N: grow until one run takes target/4, then scale to target
        N = b.get("fixed_n")
        if not N:
            N = b.get("n0", 1000)
            while True:
                env = _env(b, N, self.ns)
                t = self.run(N, env)
                if t >= target_ns / 4 or N >= 10 ** 9:
                    break
                N *= 4 if t < target_ns / 40 else 2
            N = max(1, int(N * target_ns / max(t, 1)))
        self.N = N
        # warm-up (specialisation, caches); the compiled code is reused
        self.run(N, _env(b, N, self.ns))
        if self.base is not None:
            self.base(N, _env(b, N, self.nsb))
        self.samples = []
        # per unit, for the driver; "ref": the companion reference loop (ns/iteration)
        # timed before and after the repeat (mean of the two)
        self.raw = {"t": [], "tb": [], "ref": []}
        self.size = None

    def sample(self):
        b, N = self.b, self.N
        unroll = b.get("unroll", 10)
        per = b.get("per", 1)
        env = _env(b, N, self.ns)
        envb = _env(b, N, self.nsb) if self.base is not None else None
        r0 = ref_companion()
        t = self.run(N, env)
        self.size = env.get("__SIZE")
        if self.base is None:
            self.samples.append(t / (N * per))
            self.raw["t"].append(t / (N * per))
        else:
            tb = self.base(N, envb)
            self.samples.append((t - tb) / (N * unroll * per))
            self.raw["t"].append(t / (N * unroll * per))
            self.raw["tb"].append(tb / (N * unroll * per))
        self.raw["ref"].append((r0 + ref_companion()) / 2)


def time_stmt(b, target_ns, repeats):
    """All repeats of one benchmark in a row (the method before interleaving)."""
    sb = StmtBench(b, target_ns)
    for _ in range(repeats):
        sb.sample()
    b["_raw"], b["_size"] = sb.raw, sb.size
    return sb.samples


def time_stmts(benches, target_ns, repeats, errors):
    """Times the `stmt` benchmarks with their repeats interleaved: every
    benchmark is prepared first, then each round samples every benchmark once,
    in an order shuffled per round. A benchmark's samples are thus spread over
    the whole child run instead of one stretch of ~50 ms, so a stretch of slow
    machine (load, a busy sibling hyper-thread) touches a few samples of many
    benchmarks rather than all samples of a few, and the companion filter and
    median of the driver (run.py aggregate) can drop it.
    Returns {name: StmtBench}."""
    import random
    prepared = {}
    gc.collect()
    gc.disable()
    try:
        for b in benches:
            try:
                prepared[b["name"]] = StmtBench(b, target_ns * b.get("target_scale", 1.0))
            except Exception as e:  # one bad benchmark must not stop the run
                errors[b["name"]] = "%s: %s" % (type(e).__name__, e)
        rounds = max([b.get("repeats", repeats) for b in benches] or [0])
        rnd = random.Random(11)
        for r in range(rounds):
            order = [n for n, sb in prepared.items() if r < sb.b.get("repeats", repeats)]
            rnd.shuffle(order)
            gc.collect()
            for name in order:
                sb = prepared.get(name)
                if sb is None:
                    continue
                try:
                    sb.sample()
                except Exception as e:
                    errors[name] = "%s: %s" % (type(e).__name__, e)
                    del prepared[name]
    finally:
        gc.enable()
    return prepared


def time_measure(b, repeats):
    ns = {"__name__": "__measure__"}
    exec(compile(textwrap.dedent(b["code"]), "<measure>", "exec"), ns)
    out, refs = [], []
    for _ in range(repeats):
        r0 = ref_companion()
        out.append(float(ns["measure"]()))
        refs.append((r0 + ref_companion()) / 2)
    b["_raw"] = {"t": [], "tb": [], "ref": refs}
    return out


def probe():
    """Machine-speed probe: CPU ns of zlib-compressing 256 KiB of fixed data. zlib is
    the same C library under every interpreter, so the probe measures the machine
    (load, frequency, a busy sibling hyper-thread), not the interpreter."""
    import random
    import statistics
    import zlib
    rnd = random.Random(5)
    data = bytes(rnd.choice(b"abcdefghij ") for _ in range(1 << 18))
    out = []
    for _ in range(5):
        t = _pc()
        zlib.compress(data, 6)
        out.append(_pc() - t)
    return statistics.median(out)


def main():
    spec = json.loads(sys.stdin.read())
    probes = [probe()]
    target_ns = spec.get("target_s", 0.02) * 1e9
    repeats = spec.get("repeats", 3)
    interleave = spec.get("interleave", True)
    results, errors, sizes, raws = {}, {}, {}, {}
    stmts = [b for b in spec["benchmarks"] if b.get("kind", "stmt") != "measure"]
    if interleave and stmts:
        for name, sb in time_stmts(stmts, target_ns, repeats, errors).items():
            results[name] = sb.samples
            raws[name] = sb.raw
            if sb.size is not None:
                sizes[name] = sb.size
    for b in spec["benchmarks"]:
        is_measure = b.get("kind", "stmt") == "measure"
        if interleave and not is_measure:
            continue
        gc_on = b.get("gc", False)
        try:
            gc.collect()
            if not gc_on:
                gc.disable()
            if is_measure:
                results[b["name"]] = time_measure(b, b.get("repeats", repeats))
                raws[b["name"]] = b.get("_raw")
            else:
                results[b["name"]] = time_stmt(b, target_ns * b.get("target_scale", 1.0),
                                               b.get("repeats", repeats))
                if b.get("_size") is not None:
                    sizes[b["name"]] = b["_size"]
                raws[b["name"]] = b.get("_raw")
        except Exception as e:  # report and go on: one bad benchmark must not stop the run
            errors[b["name"]] = "%s: %s" % (type(e).__name__, e)
        finally:
            gc.enable()
    probes.append(probe())
    sys.stdout.write(json.dumps({"results": results, "errors": errors, "sizes": sizes,
                                 "raw": raws,
                                 "probe_ns": sum(probes) / len(probes)}))


if __name__ == "__main__":
    main()
