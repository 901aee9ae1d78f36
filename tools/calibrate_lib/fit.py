"""Fitting of tools/calibrate: turns benchmark timings into cost-table values.

Instruction costs: a regularised least-squares fit. Every op benchmark gives
one equation "sum of the costs of its keys = measured ns" (relative error);
a weak prior for each key (in units of one empty `for` iteration, from the
ratios in cpython-facts.md §5.2) decides what the benchmarks cannot tell
apart, e.g. how a `y = x` statement splits between LOAD_FAST and STORE_FAST.
The reference-loop equation gets a very large weight, so that the VM's sum
for `for i in range(N): x = i * 2` at module level reproduces the measured
reference loop. Costs are kept positive by clamping and re-solving.
Size-dependent built-ins: least squares of base + per_item*n (+ per_nlogn).
"""
import math

# prior cost in units of one empty function-level `for _ in range(n)` iteration
PRIOR_UNITS = {
    "FOR_ITER.range": 0.45, "STORE_FAST": 0.15, "JUMP_BACKWARD": 0.4, "LOAD_FAST": 0.08,
    "LOAD_CONST": 0.08, "POP_TOP": 0.05, "STORE_NAME": 0.45, "LOAD_NAME": 0.45,
    "LOAD_GLOBAL.module": 0.25, "LOAD_GLOBAL.builtin": 0.38, "STORE_GLOBAL": 0.5,
    "LOAD_DEREF": 0.12, "STORE_DEREF": 0.2, "LOAD_ATTR.instance": 0.3, "LOAD_ATTR.class": 0.35,
    "LOAD_ATTR.module": 0.35, "LOAD_ATTR.method": 0.3, "LOAD_ATTR.property": 1.5,
    "STORE_ATTR.instance": 0.3, "STORE_ATTR.slot": 0.3, "BINARY_OP.int": 0.4,
    "BINARY_OP.bigint": 1.3, "BINARY_OP.int.div": 1.2, "BINARY_OP.int.other": 1.0, "BINARY_OP.float": 0.8, "BINARY_OP.str": 1.5, "BINARY_OP.list": 2.0,
    "BINARY_OP.other": 1.5, "COMPARE_OP.int": 0.35, "COMPARE_OP.float": 0.4,
    "COMPARE_OP.str": 0.5, "COMPARE_OP.other": 1.5, "CONTAINS_OP.set": 1.0,
    "CONTAINS_OP.dict": 1.0, "CONTAINS_OP": 1.0, "BINARY_SUBSCR.list": 0.3,
    "BINARY_SUBSCR.dict": 0.7, "BINARY_SUBSCR.tuple": 0.3, "BINARY_SUBSCR.str": 0.6,
    "BINARY_SUBSCR.other": 1.2, "STORE_SUBSCR.list": 0.4, "STORE_SUBSCR.dict": 1.0,
    "CALL.py": 1.0, "CALL.builtin": 0.5, "CALL.method_builtin": 0.4, "CALL.class": 5.0,
    "CALL.bound_method": 1.1, "CALL.kw": 0.8, "RETURN_VALUE": 0.15, "FOR_ITER.list": 0.1,
    "FOR_ITER.tuple": 0.1, "FOR_ITER.dict": 0.2, "FOR_ITER.generator": 0.6,
    "FOR_ITER.other": 0.6, "JUMP_FORWARD": 0.05, "POP_JUMP_IF": 0.1, "BUILD_LIST": 2.0,
    "BUILD_TUPLE": 1.3, "BUILD_MAP": 2.5, "BUILD_SET": 3.0, "BUILD_STRING": 1.5,
    "FORMAT_VALUE": 2.0, "LIST_APPEND": 0.3, "MAP_ADD": 1.0, "SET_ADD": 0.8,
    "UNPACK_SEQUENCE": 0.3, "RAISE": 5.0, "EXCEPT_MATCH": 3.0, "SETUP_EXCEPT": 0.05,
    "YIELD_VALUE": 0.5, "SEND": 0.6, "MAKE_FUNCTION": 3.0, "BUILD_CLASS": 200.0,
    "IMPORT_NAME": 20.0, "GET_ITER": 0.5, "int.alloc": 0.4, "default": 0.5,
}

# keys not reachable by any benchmark: value = prior scaled by the fitted unit
UNMEASURED = ["SEND", "GET_ITER", "default"]


def _solve(M, v):
    """Gaussian elimination with partial pivoting (M is n x n, small)."""
    n = len(v)
    A = [row[:] + [v[i]] for i, row in enumerate(M)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(A[r][c]))
        if abs(A[p][c]) < 1e-300:
            continue
        A[c], A[p] = A[p], A[c]
        for r in range(n):
            if r != c and A[r][c] != 0.0:
                f = A[r][c] / A[c][c]
                for j in range(c, n + 1):
                    A[r][j] -= f * A[c][j]
    return [A[i][n] / A[i][i] if A[i][i] else 0.0 for i in range(n)]


def fit_ops(equations, unit_ns, prior_weight=0.15, floor_frac=0.1):
    """equations: list of (name, keys(list), measured_ns, weight).
    Returns (costs dict, residuals dict name -> relative error)."""
    keys = sorted({k for _, ks, _, _ in equations for k in ks} | set(PRIOR_UNITS))
    idx = {k: i for i, k in enumerate(keys)}
    prior = {k: PRIOR_UNITS.get(k, PRIOR_UNITS["default"]) * unit_ns for k in keys}
    fixed = {}
    for _ in range(20):
        free = [k for k in keys if k not in fixed]
        fi = {k: i for i, k in enumerate(free)}
        n = len(free)
        M = [[0.0] * n for _ in range(n)]
        v = [0.0] * n
        for name, ks, y, w in equations:
            row = [0.0] * n
            rhs = y
            for k in ks:
                if k in fixed:
                    rhs -= fixed[k]
                else:
                    row[fi[k]] += 1.0
            sigma = max(abs(y), 0.3 * unit_ns) / math.sqrt(w)
            nz = [i for i in range(n) if row[i]]
            for i in nz:
                v[i] += row[i] * rhs / sigma ** 2
                for j in nz:
                    M[i][j] += row[i] * row[j] / sigma ** 2
        for k in free:
            i = fi[k]
            s = prior[k] / math.sqrt(prior_weight)
            M[i][i] += 1.0 / s ** 2
            v[i] += prior[k] / s ** 2
        sol = _solve(M, v)
        bad = [(free[i], c) for i, c in enumerate(sol) if c < floor_frac * prior[free[i]]]
        if not bad:
            break
        for k, _c in bad:
            fixed[k] = floor_frac * prior[k]
    costs = dict(fixed)
    for k in free:
        costs[k] = sol[fi[k]]
    resid = {}
    for name, ks, y, w in equations:
        pred = sum(costs[k] for k in ks)
        resid[name] = (pred - y) / y if y else 0.0
    return costs, resid


def fit_size(points, model):
    """points: list of (n, ns). Returns (base, per_item, per_nlogn), all >= 0."""
    pts = [(float(n), float(t)) for n, t in points]
    if len(pts) == 1:
        n, t = pts[0]
        return (max(t, 0.0), 0.0, 0.0)
    if model == "nlogn":
        cols = [lambda n: 1.0, lambda n: n, lambda n: n * math.log2(max(n, 2.0))]
    else:
        cols = [lambda n: 1.0, lambda n: n]
    m = len(cols)
    # relative least squares (each point weighted by 1/t)
    M = [[0.0] * m for _ in range(m)]
    v = [0.0] * m
    for n, t in pts:
        w = 1.0 / max(t, 1e-9) ** 2
        row = [c(n) for c in cols]
        for i in range(m):
            v[i] += w * row[i] * t
            for j in range(m):
                M[i][j] += w * row[i] * row[j]
    for i in range(m):
        M[i][i] += 1e-12 * (M[i][i] or 1.0)
    sol = _solve(M, v)
    if any(c < 0 for c in sol[1:]):
        # drop negative slopes and refit what is left
        if model == "nlogn" and sol[2] < 0:
            return fit_size(points, "linear")
        if sol[1] < 0 and model == "nlogn":
            # per_nlogn only
            num = sum(t * n * math.log2(max(n, 2)) / t ** 2 for n, t in pts)
            den = sum((n * math.log2(max(n, 2))) ** 2 / t ** 2 for n, t in pts)
            return (0.0, 0.0, max(num / den, 0.0))
        if sol[1] < 0:
            return (max(min(t for _, t in pts), 0.0), 0.0, 0.0)
    base = sol[0]
    per = sol[1]
    nlogn = sol[2] if model == "nlogn" else 0.0
    return (base, max(per, 0.0), max(nlogn, 0.0))


# Names of the simulated VM's own opcodes that are not cost-table keys of their
# own: each takes the cost of the key it stands for, so that a VM which looks
# up its raw opcode names still gets sensible costs. "X" (no variant) is the
# most common variant of X. Zero: bookkeeping opcodes whose cost the measured
# statements already include (PUSH_NULL in CALL.*, POP_EXCEPT in EXCEPT_MATCH).
ALIASES = {
    "LOAD_ATTR": "LOAD_ATTR.instance", "STORE_ATTR": "STORE_ATTR.instance",
    "LOAD_METHOD": "LOAD_ATTR.method", "LOAD_GLOBAL": "LOAD_GLOBAL.builtin",
    "BINARY_OP": "BINARY_OP.int", "COMPARE_OP": "COMPARE_OP.int", "IS_OP": "COMPARE_OP.int",
    "BINARY_SUBSCR": "BINARY_SUBSCR.list", "STORE_SUBSCR": "STORE_SUBSCR.dict",
    "CALL": "CALL.py", "FOR_ITER": "FOR_ITER.range",
    "POP_JUMP_IF_FALSE": "POP_JUMP_IF", "POP_JUMP_IF_TRUE": "POP_JUMP_IF",
    "JUMP_IF_FALSE_OR_POP": "POP_JUMP_IF", "JUMP_IF_TRUE_OR_POP": "POP_JUMP_IF",
    "UNARY_NOT": "POP_JUMP_IF", "UNARY_NEGATIVE": "BINARY_OP.int",
    "UNARY_INVERT": "BINARY_OP.int", "UNARY_POSITIVE": "LOAD_FAST",
    "RAISE_VARARGS": "RAISE", "RERAISE": "RAISE", "CHECK_EXC_MATCH": "EXCEPT_MATCH",
    "SETUP_FINALLY": "SETUP_EXCEPT", "LOAD_BUILD_CLASS": "BUILD_CLASS", "KW_NAMES": "CALL.kw",
    "CALL_FUNCTION_EX": "CALL.py", "LOAD_CLOSURE": "LOAD_FAST", "COPY": "LOAD_FAST",
    "SWAP": "LOAD_FAST", "IMPORT_FROM": "LOAD_ATTR.module", "LIST_EXTEND": "LIST_APPEND",
    "LIST_TO_TUPLE": "BUILD_TUPLE", "DELETE_FAST": "STORE_FAST", "DELETE_NAME": "STORE_NAME",
    "DELETE_GLOBAL": "STORE_GLOBAL", "DELETE_ATTR": "STORE_ATTR.instance",
    "DELETE_SUBSCR": "STORE_SUBSCR.dict", "DELETE_DEREF": "STORE_DEREF",
    "LOAD_CLASSDEREF": "LOAD_DEREF", "BUILD_SLICE": "BUILD_TUPLE", "UNPACK_EX": "UNPACK_SEQUENCE",
    "GET_YIELD_FROM_ITER": "GET_ITER", "GET_AWAITABLE": "GET_ITER", "BEFORE_WITH": "CALL.py",
    "WITH_EXIT": "CALL.py", "LOAD_ASSERTION_ERROR": "LOAD_GLOBAL.builtin",
}
ZERO = ["NOP", "PUSH_NULL", "POP_BLOCK", "POP_EXCEPT", "RERAISE_RESTORE"]


def add_aliases(ops):
    """Adds the ALIASES and ZERO keys that `ops` lacks (idempotent)."""
    for k, target in ALIASES.items():
        if k not in ops and target in ops:
            ops[k] = ops[target]
    for k in ZERO:
        ops.setdefault(k, 0.0)
    return ops
