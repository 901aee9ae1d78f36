// Python sources of small pure-Python modules, after their Lib/*.py (3.11):
//  - copy: copy() and deepcopy() (memo for shared and cyclic objects,
//    __copy__/__deepcopy__, instances' __dict__ and __slots__, the built-in
//    containers and their subclasses' own copy());
//  - contextlib: contextmanager, suppress, closing, nullcontext, redirect_stdout,
//    redirect_stderr (print() writes to the sys.stdout of the moment), ExitStack
//    (an exception raised by one exit callback replaces the pending one;
//    CPython also chains the contexts, which is left out);
//  - timeit: timeit/repeat/Timer/default_timer on the virtual clock.
// Model note: timeit runs callables only: a statement given as a string
// would need compile()/exec, which the simulator does not model, and ends in
// a NotImplementedError that says so.
namespace pitfall::sim {

extern const char* const kCopyPy = R"PY(
class Error(Exception):
    pass


error = Error
_atomic = (type(None), int, float, bool, str, bytes, type, range, type(len), type(lambda: 0),
           type(Ellipsis), type(NotImplemented), property)


def copy(x):
    cls = type(x)
    if cls in _atomic or cls is tuple or cls is frozenset:
        return x
    copier = getattr(cls, "__copy__", None)
    if copier is not None:
        return copier(x)
    if cls is list:
        return x[:]
    if cls is dict or cls is set or cls is bytearray:
        return cls(x)
    if isinstance(x, (list, dict, set)) and hasattr(x, "copy"):
        return x.copy()
    if hasattr(x, "__dict__") or hasattr(cls, "__slots__"):
        y = object.__new__(cls)
        if hasattr(x, "__dict__"):
            y.__dict__.update(x.__dict__)
        for klass in cls.__mro__:
            for name in klass.__dict__.get("__slots__", ()):
                if hasattr(x, name):
                    object.__setattr__(y, name, getattr(x, name))
        return y
    raise Error("un(shallow)copyable object of type %s" % cls)


def deepcopy(x, memo=None, _nil=[]):
    if memo is None:
        memo = {}
    d = id(x)
    y = memo.get(d, _nil)
    if y is not _nil:
        return y
    cls = type(x)
    if cls in _atomic:
        return x
    copier = getattr(cls, "__deepcopy__", None)
    if copier is not None:
        y = copier(x, memo)
    elif cls is list:
        y = []
        memo[d] = y
        for a in x:
            y.append(deepcopy(a, memo))
    elif cls is tuple:
        items = [deepcopy(a, memo) for a in x]
        if d in memo:
            return memo[d]
        y = x if all(a is b for a, b in zip(items, x)) else tuple(items)
    elif isinstance(x, dict):
        y = x.copy() if cls is not dict else {}
        if cls is not dict:
            y.clear()
        memo[d] = y
        for key, value in x.items():
            y[deepcopy(key, memo)] = deepcopy(value, memo)
    elif cls is set or cls is frozenset:
        y = cls(deepcopy(a, memo) for a in x)
    elif cls is bytearray:
        y = bytearray(x)
    elif isinstance(x, list):
        y = x.copy()
        y.clear()
        memo[d] = y
        for a in x:
            y.append(deepcopy(a, memo))
    elif hasattr(x, "__dict__") or hasattr(cls, "__slots__"):
        y = object.__new__(cls)
        memo[d] = y
        if hasattr(x, "__dict__"):
            for key, value in x.__dict__.items():
                y.__dict__[key] = deepcopy(value, memo)
        for klass in cls.__mro__:
            for name in klass.__dict__.get("__slots__", ()):
                if hasattr(x, name):
                    object.__setattr__(y, name, deepcopy(getattr(x, name), memo))
    else:
        y = copy(x)
    if y is not x:
        memo[d] = y
        memo.setdefault(id(memo), []).append(x)
    return y
)PY";

extern const char* const kContextlibPy = R"PY(
class _GeneratorContextManager:
    def __init__(self, func, args, kwds):
        self.gen = func(*args, **kwds)
        self.func, self.args, self.kwds = func, args, kwds

    def __enter__(self):
        del self.args, self.kwds, self.func
        try:
            return next(self.gen)
        except StopIteration:
            raise RuntimeError("generator didn't yield") from None

    def __exit__(self, typ, value, traceback):
        if typ is None:
            try:
                next(self.gen)
            except StopIteration:
                return False
            else:
                raise RuntimeError("generator didn't stop")
        else:
            if value is None:
                value = typ()
            try:
                self.gen.throw(value)
            except StopIteration as exc:
                return exc is not value
            except RuntimeError as exc:
                if exc is value:
                    return False
                if isinstance(value, StopIteration) and exc.__cause__ is value:
                    return False
                raise
            except BaseException as exc:
                if exc is not value:
                    raise
                return False
            raise RuntimeError("generator didn't stop after throw()")


def contextmanager(func):
    def helper(*args, **kwds):
        return _GeneratorContextManager(func, args, kwds)
    helper.__name__ = func.__name__
    helper.__qualname__ = func.__qualname__
    helper.__wrapped__ = func
    return helper


class suppress:
    def __init__(self, *exceptions):
        self._exceptions = exceptions

    def __enter__(self):
        pass

    def __exit__(self, exctype, excinst, exctb):
        return exctype is not None and issubclass(exctype, self._exceptions)


class closing:
    def __init__(self, thing):
        self.thing = thing

    def __enter__(self):
        return self.thing

    def __exit__(self, *exc_info):
        self.thing.close()


class nullcontext:
    def __init__(self, enter_result=None):
        self.enter_result = enter_result

    def __enter__(self):
        return self.enter_result

    def __exit__(self, *excinfo):
        pass


class _RedirectStream:
    _stream = None

    def __init__(self, new_target):
        self._new_target = new_target
        self._old_targets = []

    def __enter__(self):
        import sys
        self._old_targets.append(getattr(sys, self._stream))
        setattr(sys, self._stream, self._new_target)
        return self._new_target

    def __exit__(self, exctype, excinst, exctb):
        import sys
        setattr(sys, self._stream, self._old_targets.pop())


class redirect_stdout(_RedirectStream):
    _stream = "stdout"


class redirect_stderr(_RedirectStream):
    _stream = "stderr"


class ExitStack:
    def __init__(self):
        self._exit_callbacks = []

    def pop_all(self):
        new_stack = type(self)()
        new_stack._exit_callbacks = self._exit_callbacks
        self._exit_callbacks = []
        return new_stack

    def enter_context(self, cm):
        cls = type(cm)
        try:
            _enter = cls.__enter__
            _exit = cls.__exit__
        except AttributeError:
            raise TypeError(f"'{cls.__module__}.{cls.__qualname__}' object does "
                            f"not support the context manager protocol") from None
        result = _enter(cm)
        self._exit_callbacks.append((True, lambda *exc: _exit(cm, *exc)))
        return result

    def push(self, exit):
        _exit = getattr(type(exit), "__exit__", None)
        if _exit is None:
            self._exit_callbacks.append((True, exit))
        else:
            self._exit_callbacks.append((True, lambda *exc: _exit(exit, *exc)))
        return exit

    def callback(self, callback, /, *args, **kwds):
        def _exit_wrapper(exc_type, exc, tb):
            callback(*args, **kwds)
        _exit_wrapper.__wrapped__ = callback
        self._exit_callbacks.append((False, _exit_wrapper))
        return callback

    def close(self):
        self.__exit__(None, None, None)

    def __enter__(self):
        return self

    def __exit__(self, *exc_details):
        received_exc = exc_details[0] is not None
        suppressed_exc = False
        pending_raise = False
        while self._exit_callbacks:
            is_sync, cb = self._exit_callbacks.pop()
            try:
                if cb(*exc_details):
                    suppressed_exc = True
                    pending_raise = False
                    exc_details = (None, None, None)
            except BaseException as e:
                exc_details = (type(e), e, e.__traceback__)
                pending_raise = True
        if pending_raise:
            raise exc_details[1]
        return received_exc and suppressed_exc
)PY";

extern const char* const kTimeitPy = R"PY(
import time

default_timer = time.perf_counter
default_number = 1000000
default_repeat = 5


class Timer:
    def __init__(self, stmt="pass", setup="pass", timer=default_timer, globals=None):
        for what, code in (("statement", stmt), ("setup", setup)):
            if isinstance(code, str) and code.strip() != "pass":
                raise NotImplementedError("timeit with a " + what + " given as a string is not modelled yet "
                                          "(it needs compile/exec): pass a function, e.g. timeit(lambda: f(x))")
            if not isinstance(code, str) and not callable(code):
                raise ValueError(what + " is neither a string nor callable")
        self.stmt = stmt if callable(stmt) else None
        self.setup = setup if callable(setup) else None
        self.timer = timer

    def timeit(self, number=default_number):
        if self.setup is not None:
            self.setup()
        stmt = self.stmt
        timer = self.timer
        t0 = timer()
        if stmt is None:
            for _ in range(number):
                pass
        else:
            for _ in range(number):
                stmt()
        return timer() - t0

    def repeat(self, repeat=default_repeat, number=default_number):
        return [self.timeit(number) for _ in range(repeat)]

    def autorange(self, callback=None):
        i = 1
        while True:
            for j in 1, 2, 5:
                number = i * j
                time_taken = self.timeit(number)
                if callback:
                    callback(number, time_taken)
                if time_taken >= 0.2:
                    return (number, time_taken)
            i *= 10


def timeit(stmt="pass", setup="pass", timer=default_timer, number=default_number, globals=None):
    return Timer(stmt, setup, timer, globals).timeit(number)


def repeat(stmt="pass", setup="pass", timer=default_timer, repeat=default_repeat, number=default_number, globals=None):
    return Timer(stmt, setup, timer, globals).repeat(repeat, number)
)PY";

}  // namespace pitfall::sim
