"""Runs every program of tests/memory/sim_programs on the installed CPython 3.11,
3.12 and 3.13 (`python prog.py`, a fresh interpreter each) and writes their stdout
to tests/memory/sim_programs.json. The simulator runs the same programs
(tests/engine/memory_sim_programs_test.cpp) and must print the same text
(collection counts within one per generation).

Usage: python3 tools/gen-memory-expectations/gen_sim_programs.py
"""
import glob
import json
import os
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PYTHONS = {
    "3.11": "/root/.pyenv/versions/3.11.7/bin/python",
    "3.12": "/root/.pyenv/versions/3.12.1/bin/python",
    "3.13": "/root/.pyenv/versions/3.13.0/bin/python",
}


def main():
    out = {"generated_by": "tools/gen-memory-expectations/gen_sim_programs.py", "programs": {}}
    folder = os.path.join(ROOT, "tests", "memory", "sim_programs")
    for path in sorted(glob.glob(os.path.join(folder, "*.py"))):
        row = {}
        for v, exe in PYTHONS.items():
            r = subprocess.run([exe, os.path.basename(path)], capture_output=True, text=True, cwd=folder,
                               env={"PYTHONHASHSEED": "0", "PATH": os.environ.get("PATH", "")})
            if r.returncode:
                raise SystemExit(path + ": " + r.stderr)
            row[v] = r.stdout
        out["programs"][os.path.basename(path)] = row
    dest = os.path.join(ROOT, "tests", "memory", "sim_programs.json")
    with open(dest, "w") as f:
        json.dump(out, f, indent=1)
    print("->", dest)


if __name__ == "__main__":
    main()
