"""Generates tests/memory/gc_programs.json: for every program under
tests/memory/programs, what CPython 3.11, 3.12 and 3.13 reported (gc.get_stats()
deltas, gc.get_count(), tracemalloc peak/final, stdout). Run: python3 gen_gc.py"""
import glob, json, os, subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..")
PYTHONS = {"3.11": "/root/.pyenv/versions/3.11.7/bin/python3",
           "3.12": "/root/.pyenv/versions/3.12.1/bin/python3",
           "3.13": "/root/.pyenv/versions/3.13.0/bin/python3"}

def main():
    out = {"generated_by": "tools/gen-memory-expectations/gen_gc.py", "programs": {}}
    for path in sorted(glob.glob(os.path.join(ROOT, "tests", "memory", "programs", "*.py"))):
        name = os.path.basename(path)
        row = {}
        for v, exe in PYTHONS.items():
            r = subprocess.run([exe, os.path.join(HERE, "run_program.py"), path],
                               capture_output=True, text=True)
            if r.returncode:
                raise SystemExit(r.stderr)
            row[v] = json.loads(r.stdout)
        out["programs"][name] = row
    dest = os.path.join(ROOT, "tests", "memory", "gc_programs.json")
    with open(dest, "w") as f:
        json.dump(out, f, indent=1)
    print("->", dest)

if __name__ == "__main__":
    main()
