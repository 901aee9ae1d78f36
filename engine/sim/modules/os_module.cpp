// os and os.path (posixpath) as the simulated machine shows them.
//
// Model notes (what a program sees):
//  - getpid() is a fixed pid (kMainPid); a multiprocessing child sees its own
//    (the parent's + its worker number: Process objects in start order, Pool
//    workers by chunk, round-robin); getppid() is the parent's;
//  - cpu_count() and sched_getaffinity(0) are the simulation's core count;
//  - environ is a small fixed environment (kEnvironPy's _ENV), getenv/putenv
//    through it; getcwd() is /home/learner, chdir changes it;
//  - urandom(n) is deterministic: SHA-512 of a counter ("os.urandom" + the
//    call number), so runs are reproducible;
//  - the file system is the one open() writes to (io_py.cpp's `_files`):
//    os.path.exists/isfile/getsize look there, a directory exists when a file
//    lies under it or makedirs/mkdir made it, listdir lists those names,
//    remove/unlink/rename act on them;
//  - running other programs or signalling processes (system, popen, fork,
//    exec*, spawn*, kill, wait*) ends in a located "not modelled" error.
#include <cstring>

#include "sim/pylib/sha512.h"
#include "sim/vm/thread_runtime.h"
#include "sim/vm/vm.h"

namespace pitfall::sim {

Ref run_python_module(VM& vm, const std::string& name, const char* source);  // threading_module.cpp

namespace {

constexpr std::int64_t kMainPid = 4242;

Ref hidden(VM& vm, const char* name) {
  Ref r = vm.dict_get_str(vm.builtins.as<DictObj>(), vm.rt.intern(name).as<StrObj>());
  return r;
}

Ref os_getpid(VM& vm, Args&) {
  Ref child = hidden(vm, "__pitfall_child_pid");
  if (child && child->tag == Tag::Int) return child;
  return vm.rt.make_int(kMainPid);
}
Ref os_getppid(VM& vm, Args&) {
  Ref child = hidden(vm, "__pitfall_child_pid");
  return vm.rt.make_int(child && child->tag == Tag::Int ? kMainPid : kMainPid - 1);
}
Ref os_cpu_count(VM& vm, Args&) { return vm.rt.make_int(vm.threads ? vm.threads->sched.config().cores : 4); }

Ref os_urandom(VM& vm, Args& a) {
  std::int64_t n;
  if (a.n != 1) return vm.raise(vm.rt.TypeError, "urandom() takes exactly one argument (" + std::to_string(a.n) + " given)");
  if (!vm.index_value(a.v[0], n)) return nullptr;
  if (n < 0) return vm.raise(vm.rt.ValueError, "negative argument not allowed");
  if (double(n) > double(vm.memory_limit)) return vm.raise(vm.rt.MemoryError, "");
  std::int64_t& counter = a.self->idata;
  std::string out;
  while (std::int64_t(out.size()) < n) {
    auto block = pylib::sha512("os.urandom" + std::to_string(counter++));
    out.append(reinterpret_cast<const char*>(block.data()), block.size());
  }
  out.resize(std::size_t(n));
  return make<BytesObj>(vm.rt.bytes_t, out);
}

// A process-control function (its name in the builtin's data): a located "not modelled" error.
Ref os_stub_call(VM& vm, Args& a) {
  std::string what = a.self && a.self->data && a.self->data->tag == Tag::Str ? a.self->data.as<StrObj>()->s : "os";
  return vm.not_modelled("os." + what + "() (running other programs, a shell or signals)");
}
Ref os_stub(VM& vm, Args& a) {
  if (a.n != 1 || a.v[0]->tag != Tag::Str) return vm.raise(vm.rt.TypeError, "stub(name)");
  Ref b = vm.make_builtin("stub", os_stub_call, a.v[0]);
  b.as<BuiltinObj>()->name = a.v[0].as<StrObj>()->s.c_str();  // the str lives as long as the builtin holds it (data)
  return b;
}

const char* const kOsPy = R"PY(
import _pitfall_os as _p
import io as _io

name = "posix"
sep = "/"
altsep = None
extsep = "."
pathsep = ":"
linesep = "\n"
curdir = "."
pardir = ".."
defpath = "/bin:/usr/bin"
devnull = "/dev/null"
error = OSError
F_OK = 0
R_OK = 4
W_OK = 2
X_OK = 1

getpid = _p.getpid
getppid = _p.getppid
cpu_count = _p.cpu_count
urandom = _p.urandom
_cwd = ["/home/learner"]
_dirs = {"/", "/tmp", "/home", "/home/learner"}


class _Environ(dict):
    def __repr__(self):
        return "environ(" + dict.__repr__(self) + ")"

    def copy(self):
        return dict(self)


environ = _Environ({"HOME": "/home/learner", "LANG": "C.UTF-8", "PATH": "/usr/local/bin:/usr/bin:/bin",
                    "USER": "learner", "SHELL": "/bin/sh"})


def getenv(key, default=None):
    return environ.get(key, default)


def putenv(key, value):
    environ[key] = value


def unsetenv(key):
    environ.pop(key, None)


def getcwd():
    return _cwd[0]


def fspath(p):
    if isinstance(p, (str, bytes)):
        return p
    raise TypeError("expected str, bytes or os.PathLike object, not " + type(p).__name__)


def sched_getaffinity(pid):
    return set(range(cpu_count()))


def _abs(p):
    return path.normpath(path.join(_cwd[0], fspath(p)))


def _file_key(p):
    target = _abs(p)
    for k in _io._files:
        if _abs(k) == target:
            return k
    return None


def _isdir(p):
    target = _abs(p)
    if target in _dirs:
        return True
    prefix = target.rstrip("/") + "/"
    for k in _io._files:
        if _abs(k).startswith(prefix):
            return True
    return False


def chdir(p):
    if not _isdir(p):
        raise FileNotFoundError("[Errno 2] No such file or directory: " + repr(p))
    _cwd[0] = _abs(p)


def listdir(p="."):
    if not _isdir(p):
        raise FileNotFoundError("[Errno 2] No such file or directory: " + repr(p))
    prefix = _abs(p).rstrip("/") + "/"
    names = []
    for k in list(_io._files) + sorted(_dirs):
        a = _abs(k)
        if a.startswith(prefix) and a != prefix.rstrip("/"):
            first = a[len(prefix):].split("/")[0]
            if first and first not in names:
                names.append(first)
    return names


def mkdir(p, mode=0o777):
    if _isdir(p) or _file_key(p) is not None:
        raise FileExistsError("[Errno 17] File exists: " + repr(p))
    if not _isdir(path.dirname(_abs(p))):
        raise FileNotFoundError("[Errno 2] No such file or directory: " + repr(p))
    _dirs.add(_abs(p))


def makedirs(p, mode=0o777, exist_ok=False):
    if _isdir(p):
        if not exist_ok:
            raise FileExistsError("[Errno 17] File exists: " + repr(p))
        return
    a = _abs(p)
    parts = a.split("/")
    for i in range(2, len(parts) + 1):
        _dirs.add("/".join(parts[:i]))


def remove(p):
    k = _file_key(p)
    if k is None:
        if _isdir(p):
            raise IsADirectoryError("[Errno 21] Is a directory: " + repr(p))
        raise FileNotFoundError("[Errno 2] No such file or directory: " + repr(p))
    del _io._files[k]


unlink = remove


def rmdir(p):
    if not _isdir(p):
        raise FileNotFoundError("[Errno 2] No such file or directory: " + repr(p))
    if listdir(p):
        raise OSError("[Errno 39] Directory not empty: " + repr(p))
    _dirs.discard(_abs(p))


def rename(src, dst):
    k = _file_key(src)
    if k is None:
        raise FileNotFoundError("[Errno 2] No such file or directory: " + repr(src) + " -> " + repr(dst))
    data = _io._files.pop(k)
    old = _file_key(dst)
    if old is not None:
        del _io._files[old]
    _io._files[dst] = data


replace = rename


system = _p.stub("system")
popen = _p.stub("popen")
fork = _p.stub("fork")
forkpty = _p.stub("forkpty")
kill = _p.stub("kill")
killpg = _p.stub("killpg")
execv = _p.stub("execv")
execve = _p.stub("execve")
execvp = _p.stub("execvp")
execl = _p.stub("execl")
execlp = _p.stub("execlp")
spawnv = _p.stub("spawnv")
spawnl = _p.stub("spawnl")
spawnvp = _p.stub("spawnvp")
wait = _p.stub("wait")
waitpid = _p.stub("waitpid")
wait3 = _p.stub("wait3")
wait4 = _p.stub("wait4")
abort = _p.stub("abort")
_exit = _p.stub("_exit")
nice = _p.stub("nice")
setsid = _p.stub("setsid")
)PY";

const char* const kPosixpathPy = R"PY(
import _pitfall_os as _p

sep = "/"
curdir = "."
pardir = ".."
extsep = "."


def _fspath(p):
    if isinstance(p, (str, bytes)):
        return p
    raise TypeError("expected str, bytes or os.PathLike object, not " + type(p).__name__)


def isabs(s):
    return _fspath(s).startswith("/")


def _check_arg_types(funcname, *args):
    for s in args:
        if not isinstance(s, (str, bytes)):
            raise TypeError(f"{funcname}() argument must be str, bytes, or os.PathLike object, not {type(s).__name__!r}") from None


def join(a, *p):
    _check_arg_types("join", a, *p)
    path = a
    for b in p:
        if b.startswith("/"):
            path = b
        elif not path or path.endswith("/"):
            path += b
        else:
            path += "/" + b
    return path


def split(p):
    p = _fspath(p)
    i = p.rfind("/") + 1
    head, tail = p[:i], p[i:]
    if head and head != "/" * len(head):
        head = head.rstrip("/")
    return head, tail


def basename(p):
    p = _fspath(p)
    return p[p.rfind("/") + 1:]


def dirname(p):
    p = _fspath(p)
    i = p.rfind("/") + 1
    head = p[:i]
    if head and head != "/" * len(head):
        head = head.rstrip("/")
    return head


def splitext(p):
    p = _fspath(p)
    sep_index = p.rfind("/")
    dot_index = p.rfind(".")
    if dot_index > sep_index:
        filename_index = sep_index + 1
        while filename_index < dot_index:
            if p[filename_index] != ".":
                return p[:dot_index], p[dot_index:]
            filename_index += 1
    return p, p[:0]


def normpath(path):
    path = _fspath(path)
    if path == "":
        return "."
    initial_slashes = 1 if path.startswith("/") else 0
    if initial_slashes and path.startswith("//") and not path.startswith("///"):
        initial_slashes = 2
    comps = path.split("/")
    new_comps = []
    for comp in comps:
        if comp in ("", "."):
            continue
        if comp != ".." or (not initial_slashes and not new_comps) or (new_comps and new_comps[-1] == ".."):
            new_comps.append(comp)
        elif new_comps:
            new_comps.pop()
    comps = new_comps
    path = "/".join(comps)
    if initial_slashes:
        path = "/" * initial_slashes + path
    return path or "."


def abspath(path):
    import os
    path = _fspath(path)
    if not isabs(path):
        path = join(os.getcwd(), path)
    return normpath(path)


def exists(path):
    import os
    try:
        return os._file_key(path) is not None or os._isdir(path)
    except TypeError:
        return False


def isfile(path):
    import os
    return os._file_key(path) is not None


def isdir(path):
    import os
    return os._isdir(path)


def getsize(path):
    import os
    import io
    k = os._file_key(path)
    if k is None:
        if os._isdir(path):
            return 4096
        raise FileNotFoundError("[Errno 2] No such file or directory: " + repr(path))
    data = io._files[k]
    return len(data.encode("utf-8") if isinstance(data, str) else data)


def expanduser(path):
    import os
    if path.startswith("~"):
        return os.environ["HOME"] + path[1:]
    return path
)PY";

}  // namespace

// The pid a multiprocessing child's code sees while the simulator runs it
// (0: back in the parent). Called around the child's work (threading_module.cpp).
void os_enter_child(VM& vm, std::int64_t worker) {
  vm.dict_set(vm.builtins.as<DictObj>(), vm.rt.intern("__pitfall_child_pid"),
              worker > 0 ? vm.rt.make_int(kMainPid + worker) : vm.rt.None);
}

bool init_os_modules(VM& vm, const std::string& name, const Ref& module) {
  // one namespace: the module's functions see what the program assigns (os.environ = ...)
  auto share = [&](const Ref& src) { module.as<ModuleObj>()->dict = src.as<ModuleObj>()->dict; };
  if (name == "_pitfall_os") {
    auto fn = [&](const char* n, BuiltinFn f) {
      vm.dict_set(module.as<ModuleObj>()->dict.as<DictObj>(), vm.rt.intern(n), vm.make_builtin(n, f));
    };
    fn("getpid", os_getpid);
    fn("getppid", os_getppid);
    fn("cpu_count", os_cpu_count);
    fn("urandom", os_urandom);
    fn("stub", os_stub);
    return true;
  }
  if (name == "os.path" || name == "posixpath") {
    Ref m = name == "os.path" ? vm.import("posixpath") : run_python_module(vm, "posixpath", kPosixpathPy);
    if (m) share(m);
    return true;
  }
  if (name == "os") {
    Ref m = run_python_module(vm, "os", kOsPy);
    if (!m) return true;
    share(m);
    Ref path = vm.import("os.path");
    if (path) vm.dict_set(module.as<ModuleObj>()->dict.as<DictObj>(), vm.rt.intern("path"), path);
    return true;
  }
  return false;
}

}  // namespace pitfall::sim
