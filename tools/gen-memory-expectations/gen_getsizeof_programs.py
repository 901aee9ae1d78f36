"""Measures sys.getsizeof for small programs on the installed CPython 3.11 and
3.13 and writes tests/memory/getsizeof_programs.json. The simulator runs the
same programs (tests/engine/memory_getsizeof_sim_test.cpp) and must print the
same numbers.

Usage: python3 tools/gen-memory-expectations/gen_getsizeof_programs.py
"""
import json
import os
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PYTHONS = {
    "3.11": "/root/.pyenv/versions/3.11.7/bin/python",
    "3.13": "/root/.pyenv/versions/3.13.0/bin/python",
}

CLASSES = """
class Empty:
    pass
class Point:
    def __init__(self, x, y, z):
        self.x = x
        self.y = y
        self.z = z
class Slotted:
    __slots__ = ("a", "b")
    def __init__(self):
        self.a = 1
        self.b = 2
def func():
    return 1
def gen():
    yield 1
"""

# (name, setup lines, expression): setup runs first, then print(sys.getsizeof(expr)).
CASES = [
    ("int_zero", "", "0"),
    ("int_small", "", "7"),
    ("int_255", "", "255"),
    ("int_2_30", "", "2 ** 30"),
    ("int_2_40", "", "2 ** 40"),
    ("int_2_62", "", "2 ** 62"),
    ("int_neg_big", "", "-(2 ** 45)"),
    ("bool_true", "", "True"),
    ("float", "", "1.5"),
    ("none", "", "None"),
    ("str_empty", "", "''"),
    ("str_ascii_5", "", "'hello'"),
    ("str_ascii_100", "", "'x' * 100"),
    ("str_latin1_3", "", "'\\u00e9' * 3"),
    ("str_latin1_50", "", "'\\u00e9' * 50"),
    ("str_ucs2_5", "", "'\\u20ac' * 5"),
    ("str_ucs2_100", "", "'\\u20ac' * 100"),
    ("str_ucs4_3", "", "'\\U0001F600' * 3"),
    ("str_ucs4_40", "", "'\\U0001F600' * 40"),
    ("bytes_empty", "", "b''"),
    ("bytes_3", "", "b'abc'"),
    ("tuple_empty", "", "()"),
    ("tuple_1", "", "(1,)"),
    ("tuple_10", "", "tuple(range(10))"),
    ("list_empty", "", "[]"),
    ("list_display_3", "", "[1, 2, 3]"),
    ("list_repeat_100", "", "[0] * 100"),
    ("list_comp_10", "", "[i for i in range(10)]"),
    ("list_comp_1000", "", "[i for i in range(1000)]"),
    ("list_append_17", "l = []\nfor i in range(17):\n    l.append(i)", "l"),
    ("list_append_pop", "l = []\nfor i in range(100):\n    l.append(i)\nfor i in range(90):\n    l.pop()", "l"),
    ("dict_empty", "", "{}"),
    ("dict_display_1", "", "{'a': 1}"),
    ("dict_comp_5", "", "{i: i for i in range(5)}"),
    ("dict_comp_10", "", "{i: i for i in range(10)}"),
    ("dict_str_keys_100", "d = {}\nfor i in range(100):\n    d[str(i)] = i", "d"),
    ("dict_int_keys_1000", "d = {}\nfor i in range(1000):\n    d[i] = i", "d"),
    ("set_empty", "", "set()"),
    ("set_display_3", "", "{1, 2, 3}"),
    ("set_comp_100", "", "{i for i in range(100)}"),
    ("set_add_1000", "s = set()\nfor i in range(1000):\n    s.add(i)", "s"),
    ("range", "", "range(10)"),
    ("instance_empty", CLASSES, "Empty()"),
    ("instance_3_attrs", CLASSES, "Point(1, 2, 3)"),
    ("instance_slots_2", CLASSES, "Slotted()"),
    ("function", CLASSES, "func"),
    # key-sharing instance dicts (sim/vm/instance_shared_keys.cpp)
    ("instance_dict_first", CLASSES + "p = Point(1, 2, 3)", "p.__dict__"),
    ("instance_dict_after_1000", CLASSES + "ps = [Point(i, i, i) for i in range(1000)]", "ps[0].__dict__"),
    ("instance_dict_late_attr", CLASSES + "ps = [Point(i, i, i) for i in range(100)]\nps[5].w = 4", "ps[5].__dict__"),
    ("instance_dict_out_of_step", CLASSES + "p = Point(1, 2, 3)\nq = Point(1, 2, 3)\nq.w = 1\nd = vars(p)\nd['v'] = 1", "d"),
    ("instance_dict_in_step", CLASSES + "p = Point(1, 2, 3)\nd = vars(p)\nd['v'] = 1", "d"),
    ("instance_dict_40_attrs", CLASSES + "e = Empty()\nfor i in range(40):\n    setattr(e, f'a{i}', i)", "e.__dict__"),
    ("instance_dict_non_str_key", CLASSES + "p = Point(1, 2, 3)\np.__dict__[1] = 2", "p.__dict__"),
    ("instance_dict_del_attr", CLASSES + "p = Point(1, 2, 3)\ndel p.y\np.y = 5", "p.__dict__"),
    ("instance_dict_cleared", CLASSES + "p = Point(1, 2, 3)\np.__dict__.clear()", "p.__dict__"),
    # records and growth states reused after objects of other kinds are freed
    # (sim/vm/vm_memory_growth.h: one table per kind, slots reused)
    ("reuse_list_after_instances", CLASSES + "for _ in range(3):\n    junk = [Point(i, i, i) for i in range(300)]\n    junk = None\nl = []\nfor i in range(33):\n    l.append(i)", "l"),
    ("reuse_dict_after_lists", "junk = [[i] * 5 for i in range(500)]\ndel junk\nd = {}\nfor i in range(40):\n    d[str(i)] = i\ndel d['7']", "d"),
    ("reuse_instance_dict_after_dicts", CLASSES + "junk = [{i: i} for i in range(500)]\ndel junk\nps = [Point(i, i, i) for i in range(50)]\nps[3].__dict__[1] = 2\nps[3].w = 5", "ps[3].__dict__"),
    ("reuse_set_after_tuples", "junk = [(i, i + 1) for i in range(500)]\ndel junk\ns = set()\nfor i in range(20):\n    s.add(i)\ns.discard(3)", "s"),
    ("reuse_list_after_dicts_pop", "junk = [{'a': i} for i in range(400)]\ndel junk\nl = [0] * 40\nfor i in range(25):\n    l.pop()", "l"),
    # traceback objects (sim/vm/frame_objects.cpp)
    ("traceback", "def f():\n    1 / 0\ntry:\n    f()\nexcept ZeroDivisionError as e:\n    tb = e.__traceback__", "tb"),
]


def program(setup, expr):
    return "import sys\n" + (setup.strip("\n") + "\n" if setup else "") + "print(sys.getsizeof(" + expr + "))\n"


def main():
    out = {"generated_by": "tools/gen-memory-expectations/gen_getsizeof_programs.py", "cases": []}
    for name, setup, expr in CASES:
        case = {"name": name, "program": program(setup, expr)}
        for v, py in PYTHONS.items():
            r = subprocess.run([py, "-c", case["program"]], capture_output=True, text=True, check=True)
            case[v] = int(r.stdout.strip())
        out["cases"].append(case)
    path = os.path.join(ROOT, "tests", "memory", "getsizeof_programs.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print(f"{len(out['cases'])} cases -> {path}")


if __name__ == "__main__":
    main()
