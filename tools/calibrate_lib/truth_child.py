"""Child side of `tools/calibrate --check-truth`: runs one program on the real
interpreter twice, first plainly (so the specialising interpreter quickens it,
and the cyclic GC's collections are recorded), then under an opcode tracer
that counts every executed instruction. Prints JSON: per executed instruction
its base and specialised opcode names and count, the operands of `in` tests,
which call sites entered which Python functions, and the GC collections.
Stdlib only; CPython 3.11 - 3.13."""
import builtins
import dis
import gc
import io
import json
import sys

CO_GENERATOR, CO_COROUTINE = 0x20, 0x80


def walk(code, out):
    out.append(code)
    for c in code.co_consts:
        if isinstance(c, type(code)):
            walk(c, out)
    return out


def _top(st):
    if not st:
        return None
    kinds = [(n, k) for k, n in st.items() if k != "_n"]
    return max(kinds)[1] if kinds else None


def _int_alloc(e, op, n):
    """Estimated ints allocated by n executions: BINARY_OP from its sampled
    results, FOR_ITER over a range from the loop values seen."""
    if not e:
        return 0
    if op == "BINARY_OP":
        return round(n * e[1] / e[0]) if e[0] else 0
    return e[1]


def main():
    path, name = sys.argv[1], sys.argv[2]
    with open(path, encoding="utf-8") as f:
        code = compile(f.read(), name, "exec")
    codes = walk(code, [])

    def run(trace=None):
        ns = {"__name__": "__main__", "__file__": path, "__builtins__": builtins}
        old = sys.stdout
        sys.stdout = io.StringIO()
        try:
            if trace:
                sys.settrace(trace)
            exec(code, ns)
        finally:
            sys.settrace(None)
            sys.stdout = old
        del ns

    gc_events = []

    def gc_cb(phase, info, _ev=gc_events):
        if phase == "start":
            g = info["generation"]
            _ev.append([g, sum(len(gc.get_objects(i)) for i in range(g + 1)), 0])
        else:
            _ev[-1][2] = info.get("collected", 0)

    gc.collect()
    gc.callbacks.append(gc_cb)
    run()
    gc.callbacks.remove(gc_cb)

    instrs = {}
    for c in codes:
        base = list(dis.get_instructions(c))
        try:
            adap = list(dis.get_instructions(c, adaptive=True))
        except TypeError:
            adap = base
        instrs[id(c)] = {b.offset: (b.opname, a.opname, b.argrepr, b.argval)
                         for b, a in zip(base, adap)}
    counts = {id(c): {} for c in codes}
    contains = {}     # (code id, offset) -> [kind counts..., scanned items]
    callsites = {}    # (code id, offset) -> {"init": n, "py": n, "gen": n}
    cmap = {id(c): c for c in codes}

    def value_of(frame, ins):
        op, _, _, argval = ins
        if op in ("LOAD_FAST", "LOAD_FAST_CHECK", "LOAD_DEREF", "LOAD_CLOSURE"):
            return frame.f_locals.get(argval)
        if op in ("LOAD_GLOBAL", "LOAD_NAME"):
            if argval in frame.f_globals:
                return frame.f_globals[argval]
            return getattr(builtins, argval, None)
        if op == "LOAD_CONST":
            return argval
        raise KeyError(op)

    order = {cid: sorted(d) for cid, d in instrs.items()}

    def before(cid, off, k):
        """The k simple instructions before `off` in code order (no CACHE/NOP)."""
        ops = order[cid]
        i = ops.index(off)
        prev = [instrs[cid][o] for o in ops[max(0, i - 3 * k - 4):i]
                if instrs[cid][o][0] not in ("CACHE", "NOP", "EXTENDED_ARG")]
        return prev[-k:] if len(prev) >= k else prev

    def operands(frame, cid, off):
        """Values of the two operands of a binary instruction, when they were
        pushed by plain loads."""
        prev = before(cid, off, 2)
        if prev and prev[-1][0] == "LOAD_FAST_LOAD_FAST":
            a, b = prev[-1][3]
            return frame.f_locals.get(a), frame.f_locals.get(b)
        return value_of(frame, prev[-2]), value_of(frame, prev[-1])

    ITER_NAMES = {"range": "range", "zip": "other", "enumerate": "other", "sorted": "list",
                  "list": "list", "reversed": "other", "map": "other", "filter": "other",
                  "items": "dict", "keys": "dict", "values": "dict"}

    def iter_kind(frame, cid, off):
        prev = before(cid, off, 8)
        if prev and prev[-1][0] == "GET_ITER":
            prev = prev[:-1]
        if not prev:
            return "other"
        last = prev[-1]
        if last[0] in ("LOAD_FAST", "LOAD_FAST_CHECK", "LOAD_DEREF", "LOAD_GLOBAL",
                       "LOAD_NAME", "LOAD_CONST"):
            v = value_of(frame, last)
            return type(v).__name__
        for ins in reversed(prev):
            name = ins[3] if isinstance(ins[3], str) else None
            if ins[0] in ("LOAD_GLOBAL", "LOAD_NAME", "LOAD_ATTR", "LOAD_METHOD") and name in ITER_NAMES:
                return ITER_NAMES[name]
        return "other"

    SAMPLED = ("BINARY_OP", "COMPARE_OP", "BINARY_SUBSCR", "STORE_SUBSCR", "FOR_ITER")
    samples = {}
    # ints made outside CPython's small-int cache (-5..256, Objects/longobject.c):
    # per site [int results sampled, of them allocated] for BINARY_OP on ints,
    # and for FOR_ITER over a range the count of loop values seen outside the cache
    int_allocs = {}
    INT_OPS = {"+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b,
               "//": lambda a, b: a // b if b else 0, "%": lambda a, b: a % b if b else 0,
               "&": lambda a, b: a & b, "|": lambda a, b: a | b, "^": lambda a, b: a ^ b}

    def allocates(v):
        return type(v) is int and not -5 <= v <= 256

    def loop_target(cid, off):
        ops = order[cid]
        for o in ops[ops.index(off) + 1:]:
            ins = instrs[cid][o]
            if ins[0] not in ("CACHE", "NOP", "EXTENDED_ARG"):
                return ins[3] if ins[0] in ("STORE_FAST", "STORE_NAME", "STORE_GLOBAL") else None
        return None

    def local(frame, event, arg):
        if event == "opcode":
            cid = id(frame.f_code)
            d = counts.get(cid)
            if d is not None:
                off = frame.f_lasti
                d[off] = d.get(off, 0) + 1
                ins = instrs[cid].get(off)
                if ins and ins[0] in SAMPLED:
                    key = "%d:%d" % (cid, off)
                    st = samples.setdefault(key, {"_n": 0})
                    if st["_n"] < 10:
                        st["_n"] += 1
                        try:
                            if ins[0] == "FOR_ITER":
                                t = iter_kind(frame, cid, off)
                            elif ins[0] == "STORE_SUBSCR":
                                # stack: value, container, index -> the container is 2nd of 3
                                p3 = before(cid, off, 3)
                                t = type(value_of(frame, p3[-2])).__name__
                            else:
                                a, b = operands(frame, cid, off)
                                t = type(a).__name__ + "," + type(b).__name__
                                if isinstance(a, int) and isinstance(b, int) and \
                                        max(abs(a), abs(b)) >= 2 ** 62:
                                    t = "bigint,bigint"
                        except Exception:
                            t = "unknown"
                        st[t] = st.get(t, 0) + 1
                if ins and ins[0] == "BINARY_OP" and d[off] % 61 == 1:
                    # every 61st execution: does the result leave the small-int cache?
                    f = INT_OPS.get(str(ins[2]).rstrip("="))
                    try:
                        a, b = operands(frame, cid, off)
                    except Exception:
                        a = b = None
                    if f is not None and type(a) is int and type(b) is int:
                        e = int_allocs.setdefault("%d:%d" % (cid, off), [0, 0])
                        e[0] += 1
                        if allocates(f(a, b)):
                            e[1] += 1
                if ins and ins[0] == "FOR_ITER":
                    key = "%d:%d" % (cid, off)
                    st = samples.get(key)
                    if st and st.get("range"):
                        target = loop_target(cid, off)
                        if target is not None and allocates(frame.f_locals.get(target)):
                            e = int_allocs.setdefault(key, [0, 0])
                            e[1] += 1
                if ins and ins[0] == "CONTAINS_OP":
                    try:
                        left, right = operands(frame, cid, off)
                        kind = type(right).__name__
                        n = 0
                        if isinstance(right, (list, tuple)):
                            try:
                                n = right.index(left) + 1
                            except ValueError:
                                n = len(right)
                        elif isinstance(right, str):
                            n = len(right)
                    except Exception:
                        kind, n = "unknown", 0
                    e = contains.setdefault("%d:%d" % (cid, off), {})
                    e[kind] = e.get(kind, 0) + 1
                    e["_items"] = e.get("_items", 0) + n
        return local

    def tracer(frame, event, arg):
        frame.f_trace_opcodes = True
        back = frame.f_back
        if back is not None and id(back.f_code) in counts:
            key = "%d:%d" % (id(back.f_code), back.f_lasti)
            e = callsites.setdefault(key, {})
            co = frame.f_code
            if co.co_flags & (CO_GENERATOR | CO_COROUTINE):
                k = "gen"
            elif co.co_name == "__init__":
                k = "init"
            else:
                k = "py"
            e[k] = e.get(k, 0) + 1
        return local

    gc.disable()
    run(tracer)
    gc.enable()
    out = []
    for cid, d in counts.items():
        offs = sorted(instrs[cid])
        for off, n in sorted(d.items()):
            ins = instrs[cid].get(off)
            if ins is None:
                continue
            i = offs.index(off)
            prev = [instrs[cid][o][1] for o in offs[max(0, i - 3):i]
                    if instrs[cid][o][0] not in ("CACHE",)]
            key = "%d:%d" % (cid, off)
            out.append({"op": ins[0], "adaptive": ins[1], "arg": ins[2], "count": n,
                        "prev": prev[-1] if prev else "",
                        "contains": contains.get(key), "calls": callsites.get(key),
                        "types": _top(samples.get(key)),
                        "int_alloc": _int_alloc(int_allocs.get(key), ins[0], n),
                        "code": cmap[cid].co_name})
    sys.stdout.write(json.dumps({"instructions": out, "gc": gc_events}))


if __name__ == "__main__":
    main()
