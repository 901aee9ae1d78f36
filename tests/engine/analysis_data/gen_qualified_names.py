"""Generates qualified_names.json: for each snippet, the expressions whose
objects CPython resolves to a named module attribute (checked by executing the
snippet and comparing identities). Run with CPython 3.11:
    /root/.pyenv/versions/3.11.7/bin/python3 tests/engine/analysis_data/gen_qualified_names.py
"""
import importlib
import json
import os

CASES = [
    ("import time as t\n", ["t.sleep", "t.monotonic"]),
    ("from time import sleep as nap\n", ["nap"]),
    ("import os.path\n", ["os.path.join", "os.system"]),
    ("import urllib.request\n", ["urllib.request.urlopen"]),
    ("from asyncio import create_task\n", ["create_task"]),
    ("import concurrent.futures as cf\n", ["cf.ThreadPoolExecutor"]),
    ("from concurrent import futures\n", ["futures.ProcessPoolExecutor"]),
    ("import functools\nfrom functools import lru_cache as memo\n", ["memo", "functools.cache"]),
    ("def f():\n    import subprocess as sp\n    return sp.run\n", []),
    ("", ["open", "input", "sum"]),
]


def qualified(obj_expr, ns, candidates):
    obj = eval(obj_expr, ns)
    for name in candidates:
        mod, _, attr = name.rpartition(".")
        try:
            target = getattr(importlib.import_module(mod), attr) if mod else eval(name, {})
        except Exception:
            continue
        if target is obj:
            return name
    return None


def main():
    out = []
    for code, exprs in CASES:
        ns = {}
        exec(code, ns)
        names = {}
        for e in exprs:
            # Candidate qualified names: the expression with its import alias expanded.
            cands = []
            for line in code.splitlines():
                line = line.strip()
                if line.startswith("import ") and " as " in line:
                    mod, alias = line[7:].split(" as ")
                    if e.split(".")[0] == alias:
                        cands.append(mod + e[len(alias):])
                elif line.startswith("from "):
                    mod, rest = line[5:].split(" import ")
                    name, _, alias = rest.partition(" as ")
                    alias = alias or name
                    if e.split(".")[0] == alias:
                        cands.append(mod + "." + name + e[len(alias):])
            cands.append(e)
            q = qualified(e, ns, cands)
            assert q is not None, (code, e)
            names[e] = q
        out.append({"code": code, "names": names})
    with open(os.path.join(os.path.dirname(__file__), "qualified_names.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
