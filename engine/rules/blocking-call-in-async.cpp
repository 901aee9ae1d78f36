// blocking-call-in-async (Ruff ASYNC210, ASYNC220, ASYNC221, ASYNC222, ASYNC230, ASYNC240, ASYNC250, ASYNC251)
#include <string>

#include "analysis/queries.h"
#include "analysis/semantic.h"
#include "rules/py_helpers.h"
#include "rules/rule.h"

namespace pitfall::rules {
namespace {

constexpr const char* kDoc = R"md(## blocking-call-in-async (ASYNC210, ASYNC220, ASYNC221, ASYNC222, ASYNC230, ASYNC240, ASYNC250, ASYNC251)

### What it does
Flags a call that blocks the thread inside an `async def`: `time.sleep`
(ASYNC251), HTTP clients such as `requests.get` and `urllib.request.urlopen`
(ASYNC210), `subprocess`/`os.system`/`os.wait*` (ASYNC220, ASYNC221, ASYNC222),
`open()` and `Path.open()` (ASYNC230), `os.path`/`pathlib` file-system queries
(ASYNC240), `input()` (ASYNC250). Beyond Ruff it also flags methods of a
`requests.Session`, `requests.request`, and blocking `socket` methods
(`recv`, `sendall`, `connect`, `accept`, ...) on a socket made in the same file.

### Why is this bad?
An event loop runs one callback at a time on one thread. While a coroutine sits
in a blocking call, *no other task runs*: no timers fire, no sockets are read.
A single `time.sleep(0.5)` in a handler stalls every connection for 500 ms; an
HTTP request of 200 ms made from 50 concurrent tasks takes 10 s in a row instead
of 0.2 s together.

### Example
```python
import time, requests

async def poll(url):
    time.sleep(1)
    return requests.get(url).text
```

### Use instead
```python
import asyncio, aiohttp

async def poll(session: aiohttp.ClientSession, url):
    await asyncio.sleep(1)
    async with session.get(url) as response:
        return await response.text()
# or run the blocking call in a thread: await asyncio.to_thread(requests.get, url)
```

### References
- asyncio documentation, "Developing with asyncio: running blocking code"
- Ruff rules ASYNC210, ASYNC220, ASYNC221, ASYNC222, ASYNC230, ASYNC240, ASYNC250, ASYNC251
)md";

bool one_of(std::string_view s, std::initializer_list<std::string_view> names) {
  for (std::string_view n : names)
    if (s == n) return true;
  return false;
}

struct Blocking {
  const char* code;  // Ruff code or ""
  const char* remedy;
};

constexpr Blocking kSleep{"ASYNC251", "Use `await asyncio.sleep(...)`"};
constexpr Blocking kHttp{"ASYNC210", "Use an async HTTP client (aiohttp, httpx.AsyncClient) or `await asyncio.to_thread(...)`"};
constexpr Blocking kHttpExtra{"", "Use an async HTTP client (aiohttp, httpx.AsyncClient) or `await asyncio.to_thread(...)`"};
constexpr Blocking kSpawn{"ASYNC220", "Use `await asyncio.create_subprocess_exec(...)`"};
constexpr Blocking kRun{"ASYNC221", "Use `await asyncio.create_subprocess_exec(...)` and `await proc.wait()`"};
constexpr Blocking kWait{"ASYNC222", "Use `asyncio.create_subprocess_exec` and `await proc.wait()`"};
constexpr Blocking kOpen{"ASYNC230", "Read the file in a thread (`await asyncio.to_thread(...)`) or use aiofiles"};
constexpr Blocking kPath{"ASYNC240", "Run the file-system call in a thread: `await asyncio.to_thread(...)`"};
constexpr Blocking kInput{"ASYNC250", "Read input in a thread: `await asyncio.to_thread(input, ...)`"};
constexpr Blocking kSocket{"", "Use asyncio streams (`asyncio.open_connection`) or `loop.sock_*` methods"};

bool is_path_class(std::string_view q) {
  return one_of(q, {"pathlib.Path", "pathlib.PosixPath", "pathlib.WindowsPath", "pathlib.PurePath"});
}

const Blocking* classify(const analysis::Model& m, TSNode call, std::string& shown) {
  TSNode f = py::unparen(syntax::field(call, "function"));
  std::string q = m.qualified_name(f);
  shown = q;
  if (!q.empty()) {
    if (q == "time.sleep") return &kSleep;
    if (q == "urllib.request.urlopen" || q == "urllib3.request") return &kHttp;
    if ((q.starts_with("requests.") || q.starts_with("httpx.")) &&
        one_of(q.substr(q.find('.') + 1), {"get", "options", "head", "post", "put", "patch", "delete"}))
      return &kHttp;
    if (q == "requests.request") return &kHttpExtra;
    if (q == "subprocess.Popen" || q == "os.popen" || q == "os.posix_spawn" || q == "os.posix_spawnp")
      return &kSpawn;
    if (one_of(q, {"subprocess.run", "subprocess.call", "subprocess.check_call", "subprocess.check_output",
                   "subprocess.getoutput", "subprocess.getstatusoutput", "os.system"}))
      return &kRun;
    if (q.starts_with("os.spawn")) {
      auto args = py::call_args(call);
      if (!args.positional.empty()) {
        std::string mode = m.qualified_name(args.positional[0]);
        if (mode == "os.P_NOWAIT" || mode == "os.P_NOWAITO") return &kSpawn;
      }
      return &kRun;
    }
    if (one_of(q, {"os.wait", "os.wait3", "os.wait4", "os.waitid", "os.waitpid"})) return &kWait;
    if (q == "open" || q == "io.open" || q == "io.open_code") return &kOpen;
    if (q == "input") return &kInput;
    if (q.starts_with("os.path.") &&
        one_of(q.substr(8), {"exists", "lexists", "isfile", "isdir", "islink", "ismount", "isjunction", "getsize",
                             "getmtime", "getatime", "getctime", "samefile", "sameopenfile", "samestat", "realpath",
                             "abspath", "isabs", "expanduser", "expandvars", "relpath", "normpath", "normcase",
                             "commonpath", "commonprefix", "split", "splitext", "splitdrive", "basename", "dirname",
                             "join"})) {
      // Pure string functions do not touch the disk.
      if (one_of(q.substr(8), {"isabs", "expandvars", "normcase", "commonprefix", "split", "splitext", "splitdrive",
                               "basename", "dirname", "join", "commonpath"}))
        return nullptr;
      return &kPath;
    }
  }
  if (!syntax::is(f, "attribute")) return nullptr;
  std::string_view method = m.tree().text(syntax::field(f, "attribute"));
  std::string cls = m.instance_of(syntax::field(f, "object"));
  if (cls.empty()) return nullptr;
  shown = py::canon(m.tree().text(f));
  if (shown.size() > 40) shown = cls + "." + std::string(method);
  if (is_path_class(cls)) {
    if (method == "open") return &kOpen;
    if (one_of(method, {"read_text", "read_bytes", "write_text", "write_bytes", "exists", "is_dir", "is_file",
                        "is_symlink", "stat", "lstat", "mkdir", "rmdir", "unlink", "touch", "rename", "replace",
                        "iterdir", "glob", "rglob", "resolve", "readlink", "chmod", "owner", "group", "samefile",
                        "expanduser", "absolute", "symlink_to", "hardlink_to", "is_mount", "walk"}))
      return &kPath;
    return nullptr;
  }
  if (cls == "requests.Session" || cls == "requests.session" || cls == "requests.sessions.Session") {
    if (one_of(method, {"get", "options", "head", "post", "put", "patch", "delete", "request", "send"}))
      return &kHttpExtra;
    return nullptr;
  }
  if (cls == "socket.socket" || cls == "socket.create_connection" || cls == "socket.create_server") {
    if (one_of(method, {"recv", "recv_into", "recvfrom", "recvfrom_into", "send", "sendall", "sendto", "sendfile",
                        "connect", "connect_ex", "accept", "makefile"}))
      return &kSocket;
  }
  return nullptr;
}

// Whether the module does a plain `import asyncio` (so `asyncio.sleep` resolves).
bool asyncio_imported(const NodeIndex& idx) {
  for (const Binding& b : idx.bindings(0, "asyncio"))
    if (b.owner != kNoNode && idx.is(b.owner, "import_statement")) return true;
  return false;
}

void check(RuleContext& ctx) {
  const NodeIndex& idx = index_of(ctx.tree());
  // An `async def` needs the word `async` in the file.
  if (!index_of(ctx.tree()).text_has("async")) return;
  bool any_async = false;
  for (NodeId d : idx.of("function_definition"))
    if (idx.is_async_def(d)) any_async = true;
  if (!any_async) return;
  const analysis::Model& m = ctx.model();
  for (NodeId c : idx.of("call")) {
    NodeId fn = idx.enclosing_function(c);
    if (fn == kNoNode || !idx.is_async_def(fn)) continue;
    std::string shown;
    TSNode call = idx.node(c);
    const Blocking* b = classify(m, call, shown);
    if (b == nullptr) continue;
    auto& f = ctx.report(call, "`" + shown + "` blocks the event loop: no other task runs until it returns");
    f.ruff = b->code;
    if (std::string_view(b->code) == "ASYNC251" && !analysis::is_awaited(call) && asyncio_imported(idx)) {
      f.has_fix = true;
      f.fix.title = "Use `await asyncio.sleep(...)`";
      auto a = ctx.tree().start(call);
      f.fix.edits.push_back({a.line, a.col, a.line, a.col, "await "});
      f.fix.edits.push_back(ctx.replace(syntax::field(call, "function"), "asyncio.sleep"));
    } else {
      py::remedy(f, b->remedy);
    }
  }
}

}  // namespace

Rule blocking_call_in_async_rule() {
  return {{"blocking-call-in-async", "ASYNC251", "warning", "concurrency", kDoc}, check};
}

}  // namespace pitfall::rules
