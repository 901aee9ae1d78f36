"""Shared by gen_gc_start_state.py and gen_harness_gc_state.py: the probe code
that reads the list, dict and tuple free lists from sys._debugmallocstats()
(which prints to the C stderr, so it is sent to a file first) and the parser
of its lines ("40 free PyListObjects * 40 bytes each", "8 free 2-sized
PyTupleObjects ...")."""
import re

# Python source run as a program's first lines: leaves the free-list report in
# the file named by the expression `path_expr`. No GC object is allocated
# before the report is printed (ints and strs only).
def probe_source(path_expr):
    return ("import os, sys\n"
            "_fd = os.open(" + path_expr + ", os.O_WRONLY | os.O_CREAT | os.O_TRUNC)\n"
            "_save = os.dup(2); os.dup2(_fd, 2); sys._debugmallocstats(); os.dup2(_save, 2)\n")


def parse(text):
    """[lists, dicts, 1-tuples, ..., 19-tuples] from _debugmallocstats text."""
    out = [0] * 21
    for line in text.splitlines():
        m = re.match(r"\s*(\d+) free (\d+)-sized PyTupleObjects", line)
        if m and 1 <= int(m.group(2)) <= 19:
            out[int(m.group(2)) + 1] = int(m.group(1))
            continue
        m = re.match(r"\s*(\d+) free PyListObjects", line)
        if m:
            out[0] = int(m.group(1))
        m = re.match(r"\s*(\d+) free PyDictObjects", line)
        if m:
            out[1] = int(m.group(1))
    return out
