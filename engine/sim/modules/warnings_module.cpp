// warnings and traceback.
//
// warnings (after Lib/warnings.py, 3.11): warn(message, category, stacklevel)
// finds the calling frame's file and line, applies the filters (default
// filters of a release build: DeprecationWarning shown in __main__ only,
// Pending/Import/ResourceWarning ignored, the rest "default": once per
// message text, category and line of each module), and writes
// "FILE:LINE: Category: message" and the source line to sys.stderr; actions
// error/ignore/always/default/module/once; simplefilter, filterwarnings,
// resetwarnings, catch_warnings(record=True) (a list of WarningMessage),
// formatwarning, showwarning. Changing the filters resets the "already shown"
// registries, as _filters_mutated() does.
// Model note: filterwarnings' message and module patterns match as literal
// prefixes (case-insensitive for the message), not as regular expressions.
//
// traceback: format_exc(), print_exc(), format_exception(exc) and
// print_exception(exc) with the simulator's CPython traceback text of the
// exception being handled (or given).
#include <vector>

#include "sim/vm/frame_objects.h"
#include "sim/vm/traceback_carets.h"
#include "sim/vm/vm.h"

namespace pitfall::sim {

Ref run_python_module(VM& vm, const std::string& name, const char* source);  // threading_module.cpp

namespace {

// (filename, lineno, source line, module name) of the frame `stacklevel`
// levels above the warnings module's own frames.
Ref w_caller(VM& vm, Args& a) {
  std::int64_t level = 1;
  if (a.n > 0 && !vm.index_value(a.v[0], level)) return nullptr;
  int i = int(vm.frames.size()) - 1;
  while (i >= 0 && vm.frames[size_t(i)]->code->library) --i;  // warn() itself
  for (std::int64_t k = 1; k < level && i > 0; ++k) --i;
  if (i < 0) return vm.rt.make_tuple({vm.rt.make_str("sys"), vm.rt.make_int(1), vm.rt.make_str(""), vm.rt.make_str("sys")});
  Frame* f = vm.frames[size_t(i)];
  const int ip = f->ip > 0 ? f->ip - 1 : 0;
  const int line = ip < int(f->code->pos.size()) ? f->code->pos[size_t(ip)].line : 0;
  std::string text;
  if (f->code->filename == vm.filename && line > 0 && line <= int(vm.source_lines.size())) text = vm.source_lines[size_t(line - 1)];
  Ref modname = f->globals ? vm.dict_get_str(f->globals.as<DictObj>(), vm.rt.intern("__name__").as<StrObj>()) : Ref();
  if (!modname) modname = vm.rt.make_str("__main__");
  return vm.rt.make_tuple({vm.rt.make_str(f->code->filename), vm.rt.make_int(line), vm.rt.make_str(text), modname});
}

// warn / warn_explicit as C functions, as CPython's _warnings module has them:
// the Python implementation (the builtin's data) returns the warning to raise
// when a filter says "error", and it is raised here, so the traceback ends in
// the caller's frame as CPython's does.
Ref w_native(VM& vm, Args& a) {
  std::vector<Ref> args(a.v, a.v + a.n);
  for (int i = 0; i < a.nkw(); ++i) args.push_back(a.kwv[i]);
  Ref r = vm.call(a.self->data, args.data(), int(args.size()), a.kwn);
  if (!r) return nullptr;
  if (r->tag == Tag::Exception) return vm.raise_obj(r);
  return vm.rt.None;
}
Ref w_as_c(VM& vm, Args& a) {
  if (a.n != 1) return vm.raise(vm.rt.TypeError, "as_c() takes one function");
  Ref f = a.v[0];
  std::string name = "warn";
  if (f->tag == Tag::Func) {
    Ref n = f.as<FuncObj>()->name;
    if (n && n->tag == Tag::Str) name = n.as<StrObj>()->s;
  }
  Ref b = vm.make_builtin(name == "_warn_explicit" ? "warn_explicit" : "warn", w_native, f);
  return b;
}

Ref w_stderr(VM& vm, Args& a) {
  if (a.n > 0 && a.v[0]->tag == Tag::Str) vm.err += a.v[0].as<StrObj>()->s;
  return vm.rt.None;
}

// The traceback text of `e` (default: the exception being handled).
Ref tb_format(VM& vm, Args& a) {
  Ref e = a.n > 0 && a.v[0].get() != vm.rt.None.get() ? a.v[0] : vm.exc_info;
  if (!e || e->tag != Tag::Exception) return vm.rt.make_str("NoneType: None\n");
  return vm.rt.make_str(vm.format_exception(e));
}

const char* const kWarningsPy = R"PY(
import sys
import _pitfall_warnings as _w

filters = []
_version = [0]
_registry = {}
_onceregistry = {}
_showing = [None]


def _init_filters():
    filters[:] = [("default", None, DeprecationWarning, "__main__", 0),
                  ("ignore", None, DeprecationWarning, None, 0),
                  ("ignore", None, PendingDeprecationWarning, None, 0),
                  ("ignore", None, ImportWarning, None, 0),
                  ("ignore", None, ResourceWarning, None, 0)]


_init_filters()


def _filters_mutated():
    _version[0] += 1
    _registry.clear()
    _onceregistry.clear()


def _add_filter(item, append):
    if not append:
        if item in filters:
            filters.remove(item)
        filters.insert(0, item)
    elif item not in filters:
        filters.append(item)
    _filters_mutated()


_ACTIONS = ("error", "ignore", "always", "default", "module", "once")


def simplefilter(action, category=Warning, lineno=0, append=False):
    if action not in _ACTIONS:
        raise AssertionError("invalid action: " + repr(action))
    _add_filter((action, None, category, None, lineno), append)


def filterwarnings(action, message="", category=Warning, module="", lineno=0, append=False):
    if action not in _ACTIONS:
        raise AssertionError("invalid action: " + repr(action))
    _add_filter((action, message.lower() or None, category, module or None, lineno), append)


def resetwarnings():
    filters[:] = []
    _filters_mutated()


def formatwarning(message, category, filename, lineno, line=None):
    s = "%s:%s: %s: %s\n" % (filename, lineno, category.__name__, message)
    if line:
        s += "  %s\n" % line.strip()
    return s


def _showwarnmsg_impl(msg):
    text = formatwarning(msg.message, msg.category, msg.filename, msg.lineno, msg.line)
    f = msg.file
    if f is None:
        f = sys.stderr
        if f is None:
            return
    f.write(text)


def showwarning(message, category, filename, lineno, file=None, line=None):
    _showwarnmsg_impl(WarningMessage(message, category, filename, lineno, file, line))


_showwarning_orig = showwarning


class WarningMessage(object):
    _WARNING_DETAILS = ("message", "category", "filename", "lineno", "file", "line", "source")

    def __init__(self, message, category, filename, lineno, file=None, line=None, source=None):
        self.message = message
        self.category = category
        self.filename = filename
        self.lineno = lineno
        self.file = file
        self.line = line
        self.source = source
        self._category_name = category.__name__ if category else None

    def __str__(self):
        return ("{message : %r, category : %r, filename : %r, lineno : %s, line : %r}"
                % (self.message, self._category_name, self.filename, self.lineno, self.line))


def _show(msg):
    if showwarning is not _showwarning_orig:
        showwarning(msg.message, msg.category, msg.filename, msg.lineno, msg.file, msg.line)
    elif _showing[0] is not None:
        _showing[0](msg)
    else:
        _showwarnmsg_impl(msg)


def _warn(message, category=None, stacklevel=1, source=None):
    if isinstance(message, Warning):
        category = message.__class__
    if category is None:
        category = UserWarning
    if not (isinstance(category, type) and issubclass(category, Warning)):
        raise TypeError("category must be a Warning subclass, not '%s'" % type(category).__name__)
    filename, lineno, line, module = _w.caller(stacklevel)
    return _warn_explicit(message, category, filename, lineno, module, None, None, None, source, line)


def _warn_explicit(message, category, filename, lineno, module=None, registry=None, module_globals=None,
                   source=None, _source=None, _line=None):
    lineno = int(lineno)
    if module is None:
        module = filename or "<unknown>"
        if module[-3:].lower() == ".py":
            module = module[:-3]
    if isinstance(message, Warning):
        text = str(message)
        category = message.__class__
    else:
        text = message
        message = category(message)
    key = (module, text, category, lineno)
    if key in _registry:
        return
    action = "default"
    for item in filters:
        act, msg, cat, mod, ln = item
        if ((msg is None or text.lower().startswith(msg)) and issubclass(category, cat)
                and (mod is None or module.startswith(mod)) and (ln == 0 or lineno == ln)):
            action = act
            break
    if action == "ignore":
        return
    if action == "error":
        return message
    if action == "once":
        okey = (text, category)
        if okey in _onceregistry:
            return
        _onceregistry[okey] = 1
    elif action == "module":
        mkey = (module, text, category, 0)
        if mkey in _registry:
            return
        _registry[mkey] = 1
    elif action == "default":
        _registry[key] = 1
    _show(WarningMessage(message, category, filename, lineno, None, _line))


warn = _w.as_c(_warn)
warn_explicit = _w.as_c(_warn_explicit)


class catch_warnings(object):
    def __init__(self, *, record=False, module=None, action=None, category=Warning, lineno=0, append=False):
        self._record = record
        self._entered = False
        self._filter = (action, category, lineno, append) if action is not None else None

    def __repr__(self):
        args = []
        if self._record:
            args.append("record=True")
        return "%s(%s)" % (type(self).__name__, ", ".join(args))

    def __enter__(self):
        if self._entered:
            raise RuntimeError("Cannot enter %r twice" % self)
        self._entered = True
        global showwarning
        self._filters = filters[:]
        self._showwarning = showwarning
        self._showing = _showing[0]
        _filters_mutated()
        if self._filter is not None:
            simplefilter(*self._filter)
        if self._record:
            log = []
            _showing[0] = log.append
            showwarning = _showwarning_orig
            return log
        return None

    def __exit__(self, *exc_info):
        if not self._entered:
            raise RuntimeError("Cannot exit %r without entering first" % self)
        global showwarning
        filters[:] = self._filters
        _filters_mutated()
        showwarning = self._showwarning
        _showing[0] = self._showing
)PY";

const char* const kTracebackPy = R"PY(
import sys
import _pitfall_warnings as _w


def format_exc(limit=None, chain=True):
    return _w.format(None)


def print_exc(limit=None, file=None, chain=True):
    (sys.stderr if file is None else file).write(_w.format(None))


def _format_chain(exc, chain, seen):
    # TracebackException.format: causes and contexts first, each its own lines
    out = []
    seen.add(id(exc))
    if chain:
        cause = exc.__cause__
        context = exc.__context__
        if cause is not None and id(cause) not in seen:
            out += _format_chain(cause, chain, seen)
            out.append("\nThe above exception was the direct cause of the following exception:\n\n")
        elif context is not None and not _w.suppress_context(exc) and id(context) not in seen:
            out += _format_chain(context, chain, seen)
            out.append("\nDuring handling of the above exception, another exception occurred:\n\n")
    if exc.__traceback__ is not None:
        out.append("Traceback (most recent call last):\n")
        out += format_tb(exc.__traceback__)
    out += format_exception_only(exc)
    return out


def _native_only(exc):
    # exception groups, notes and syntax errors: the native formatter's text, whole
    return (hasattr(exc, "exceptions") and hasattr(exc, "split")) or hasattr(exc, "__notes__") \
        or isinstance(exc, SyntaxError)


def _has_native_only(exc, seen):
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if _native_only(exc):
            return True
        if exc.__cause__ is not None and _has_native_only(exc.__cause__, seen):
            return True
        exc = exc.__context__
    return False


def format_exception(exc, value=None, tb=None, limit=None, chain=True):
    if value is not None and isinstance(value, BaseException):
        exc = value
    if not isinstance(exc, BaseException) or limit is not None or _has_native_only(exc, set()):
        return [_w.format(exc)]
    return _format_chain(exc, chain, set())


def print_exception(exc, value=None, tb=None, limit=None, file=None, chain=True):
    if value is not None and isinstance(value, BaseException):
        exc = value
    (sys.stderr if file is None else file).write(_w.format(exc))


def format_exception_only(exc, value=None):
    if value is not None and isinstance(value, BaseException):
        exc = value
    text = str(exc)
    name = type(exc).__name__
    if type(exc).__module__ not in ("builtins", "__main__"):
        name = type(exc).__module__ + "." + name
    return [name + (": " + text if text else "") + "\n"]


def walk_stack(f):
    if f is None:
        f = sys._getframe().f_back.f_back
    while f is not None:
        yield f, f.f_lineno
        f = f.f_back


def walk_tb(tb):
    while tb is not None:
        yield tb.tb_frame, tb.tb_lineno
        tb = tb.tb_next


def _walk_tb_lasti(tb):
    while tb is not None:
        yield tb.tb_frame, tb.tb_lineno, tb.tb_lasti
        tb = tb.tb_next


class FrameSummary:
    def __init__(self, filename, lineno, name, line=None):
        self.filename = filename
        self.lineno = lineno
        self.name = name
        self.line = line
        self._carets = ""

    def __iter__(self):
        return iter([self.filename, self.lineno, self.name, self.line])

    def __repr__(self):
        return "<FrameSummary file {}, line {} in {}>".format(self.filename, self.lineno, self.name)


class StackSummary(list):
    pass


def extract_tb(tb, limit=None):
    out = StackSummary()
    for frame, lineno, lasti in _walk_tb_lasti(tb):
        if limit is not None and len(out) >= limit:
            break
        code = frame.f_code
        fs = FrameSummary(code.co_filename, lineno, code.co_name, _w.source_line(code.co_filename, lineno))
        fs._carets = _w.carets(code, lasti)
        out.append(fs)
    return out


def extract_stack(f=None, limit=None):
    if f is None:
        f = sys._getframe().f_back
    out = StackSummary()
    for frame, lineno in walk_stack(f):
        if limit is not None and len(out) >= limit:
            break
        code = frame.f_code
        out.append(FrameSummary(code.co_filename, lineno, code.co_name, _w.source_line(code.co_filename, lineno)))
    out.reverse()
    return out


def format_list(extracted_list):
    # StackSummary.format: a line repeated more than 3 times in a row is folded
    out = []
    last = None
    count = 0
    for fs in extracted_list:
        key = (fs.filename, fs.lineno, fs.name)
        if key != last:
            if count > 3:
                out.append("  [Previous line repeated {} more time{}]\n".format(count - 3, "s" if count - 3 > 1 else ""))
            last = key
            count = 0
        count += 1
        if count > 3:
            continue
        row = '  File "{}", line {}, in {}\n'.format(fs.filename, fs.lineno, fs.name)
        if fs.line:
            row += "    {}\n".format(fs.line)
            row += getattr(fs, "_carets", "")
        out.append(row)
    if count > 3:
        out.append("  [Previous line repeated {} more time{}]\n".format(count - 3, "s" if count - 3 > 1 else ""))
    return out


def format_tb(tb, limit=None):
    return format_list(extract_tb(tb, limit=limit))


def print_tb(tb, limit=None, file=None):
    (sys.stderr if file is None else file).write("".join(format_tb(tb, limit=limit)))


def format_stack(f=None, limit=None):
    if f is None:
        f = sys._getframe().f_back
    return format_list(extract_stack(f, limit=limit))


def print_stack(f=None, limit=None, file=None):
    if f is None:
        f = sys._getframe().f_back
    (sys.stderr if file is None else file).write("".join(format_stack(f, limit=limit)))
)PY";

}  // namespace

bool init_warnings_modules(VM& vm, const std::string& name, const Ref& module) {
  if (name == "_pitfall_warnings") {
    auto fn = [&](const char* n, BuiltinFn f) {
      vm.dict_set(module.as<ModuleObj>()->dict.as<DictObj>(), vm.rt.intern(n), vm.make_builtin(n, f));
    };
    fn("caller", w_caller);
    fn("stderr", w_stderr);
    fn("as_c", w_as_c);
    fn("format", tb_format);
    fn("source_line", source_line_of);  // vm/frame_objects.h
    fn("carets", traceback_carets);     // vm/traceback_carets.h
    fn("suppress_context", traceback_suppress_context);
    return true;
  }
  if (name == "warnings" || name == "traceback") {
    Ref m = run_python_module(vm, name, name == "warnings" ? kWarningsPy : kTracebackPy);
    // one namespace: the module's functions see what the program assigns (warnings.showwarning = f)
    if (m) module.as<ModuleObj>()->dict = m.as<ModuleObj>()->dict;
    return true;
  }
  return false;
}

}  // namespace pitfall::sim
