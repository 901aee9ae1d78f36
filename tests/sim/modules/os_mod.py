# os and os.path: pids, cores, the environment, paths, the file system that
# open() writes to, urandom's length, and the "not modelled" process calls
import os
import os.path
from os import path

print(os.getpid() == os.getpid(), isinstance(os.getpid(), int), os.getppid() != os.getpid())
print(isinstance(os.cpu_count(), int) and os.cpu_count() >= 1, len(os.sched_getaffinity(0)) >= 1)
print(os.sep, repr(os.linesep), os.name, os.curdir, os.pardir, os.pathsep, path is os.path)
print(type(os.environ).__name__, os.environ.get("PITFALL_MISSING"), os.environ.get("PITFALL_MISSING", "dflt"),
      os.getenv("PITFALL_MISSING", 3), "PATH" in os.environ)
os.environ["PITFALL_X"] = "1"
print(os.environ["PITFALL_X"], os.getenv("PITFALL_X"))
try:
    os.environ["PITFALL_MISSING"]
except KeyError as e:
    print("KeyError", e)
print(os.path.join("a", "b", "c.txt"), os.path.join("/a/", "b"), os.path.join("a", "/b"), os.path.join("a", ""))
print(os.path.basename("/x/y/z.tar.gz"), os.path.dirname("/x/y/z.tar.gz"), os.path.split("/x/y/"), os.path.split("z"))
print(os.path.splitext("/x/y/z.tar.gz"), os.path.splitext(".bashrc"), os.path.splitext("a.b/c"), os.path.splitext("x."))
print(os.path.normpath("/a//b/./c/../d"), os.path.normpath("a/../../b"), os.path.normpath(""), os.path.isabs("/a"))
print(os.path.isabs(os.getcwd()), os.path.abspath("q.txt") == os.path.join(os.getcwd(), "q.txt"))
name = "pitfall_os_test_file.txt"
print(os.path.exists(name), os.path.isfile(name))
with open(name, "w") as f:
    f.write("hello\n")
print(os.path.exists(name), os.path.isfile(name), os.path.isdir(name), os.path.getsize(name), name in os.listdir("."))
os.rename(name, name + ".bak")
print(os.path.exists(name), os.path.exists(name + ".bak"))
os.remove(name + ".bak")
print(os.path.exists(name + ".bak"))
try:
    os.remove(name)
except FileNotFoundError as e:
    print("FileNotFoundError", e)
print(len(os.urandom(16)), type(os.urandom(4)), os.urandom(0))
for bad in [lambda: os.path.join("a", 1), lambda: os.urandom(-1)]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
