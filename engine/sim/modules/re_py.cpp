// Python source of the simulated `re` module, after Lib/re/__init__.py
// (3.11): the module functions call _compile(pattern, flags), which looks the
// pattern up in `_cache` (a dict keyed by (type, pattern, flags), at most
// _MAXCACHE = 512 entries, the oldest dropped first) before compiling, so
// `re.match(p, s)` in a loop pays a Python call and a dict lookup, not a
// compile, exactly as in CPython. Matching is native (`_pitfall_re`,
// re_pattern.cpp, in the role of _sre). `error` is _constants.error.
// Model notes: RegexFlag is an int subclass with the flag enum's repr
// (`re.IGNORECASE|re.MULTILINE`, from enum.global_enum) and |, &, ^, ~; it is
// not an enum.IntFlag member. re.template and re.escape of bytes are not modelled.
namespace pitfall::sim {

extern const char* const kRePy = R"PY(
from _pitfall_re import compile as _native_compile, escape as _native_escape, Pattern, Match, MAXREPEAT

__version__ = "2.2.1"


class error(Exception):
    def __init__(self, msg, pattern=None, pos=None):
        self.msg = msg
        self.pattern = pattern
        self.pos = pos
        if pattern is not None and pos is not None:
            msg = '%s at position %d' % (msg, pos)
            if isinstance(pattern, str):
                newline = '\n'
                self.lineno = pattern.count(newline, 0, pos) + 1
                self.colno = pos - pattern.rfind(newline, 0, pos)
            else:
                newline = b'\n'
                before = list(pattern[:pos])
                self.lineno = before.count(10) + 1
                self.colno = pos - max([i for i, c in enumerate(before) if c == 10], default=-1)
            if newline in pattern:
                msg = '%s (line %d, column %d)' % (msg, self.lineno, self.colno)
        else:
            self.lineno = self.colno = None
        super().__init__(msg)


_FLAG_NAMES = ((1, 'TEMPLATE'), (2, 'IGNORECASE'), (4, 'LOCALE'), (8, 'MULTILINE'),
               (16, 'DOTALL'), (32, 'UNICODE'), (64, 'VERBOSE'), (128, 'DEBUG'),
               (256, 'ASCII'))


class RegexFlag(int):
    def __or__(self, other):
        if not isinstance(other, int):
            return NotImplemented
        return RegexFlag(int(self) | int(other))

    __ror__ = __or__

    def __and__(self, other):
        if not isinstance(other, int):
            return NotImplemented
        return RegexFlag(int(self) & int(other))

    __rand__ = __and__

    def __xor__(self, other):
        if not isinstance(other, int):
            return NotImplemented
        return RegexFlag(int(self) ^ int(other))

    __rxor__ = __xor__

    def __invert__(self):
        return RegexFlag(~int(self) & 511)

    @property
    def value(self):
        return int(self)

    @property
    def name(self):
        v = int(self)
        if v == 0:
            return 'NOFLAG'
        names = [n for b, n in _FLAG_NAMES if v & b]
        return '|'.join(names) if v & ~511 == 0 else None

    def __repr__(self):
        v = int(self)
        if v == 0:
            return 're.NOFLAG'
        parts = ['re.' + n for b, n in _FLAG_NAMES if v & b]
        if v & ~511:
            parts.append(hex(v & ~511))
        return '|'.join(parts)

    __str__ = __repr__


NOFLAG = RegexFlag(0)
A = ASCII = RegexFlag(256)
I = IGNORECASE = RegexFlag(2)
L = LOCALE = RegexFlag(4)
U = UNICODE = RegexFlag(32)
M = MULTILINE = RegexFlag(8)
S = DOTALL = RegexFlag(16)
X = VERBOSE = RegexFlag(64)
T = TEMPLATE = RegexFlag(1)
DEBUG = RegexFlag(128)


def match(pattern, string, flags=0):
    return _compile(pattern, flags).match(string)


def fullmatch(pattern, string, flags=0):
    return _compile(pattern, flags).fullmatch(string)


def search(pattern, string, flags=0):
    return _compile(pattern, flags).search(string)


def sub(pattern, repl, string, count=0, flags=0):
    return _compile(pattern, flags).sub(repl, string, count)


def subn(pattern, repl, string, count=0, flags=0):
    return _compile(pattern, flags).subn(repl, string, count)


def split(pattern, string, maxsplit=0, flags=0):
    return _compile(pattern, flags).split(string, maxsplit)


def findall(pattern, string, flags=0):
    return _compile(pattern, flags).findall(string)


def finditer(pattern, string, flags=0):
    return _compile(pattern, flags).finditer(string)


def compile(pattern, flags=0):
    return _compile(pattern, flags)


def purge():
    _cache.clear()


def escape(pattern):
    # CPython: pattern.translate(_special_chars_map); the translation is native here
    if isinstance(pattern, str):
        return _native_escape(pattern)
    raise TypeError("re.escape() of bytes is not modelled")


_cache = {}
_MAXCACHE = 512


def _compile(pattern, flags):
    if isinstance(flags, RegexFlag):
        flags = flags.value
    try:
        return _cache[type(pattern), pattern, flags]
    except KeyError:
        pass
    if isinstance(pattern, Pattern):
        if flags:
            raise ValueError(
                "cannot process flags argument with a compiled pattern")
        return pattern
    if not isinstance(pattern, (str, bytes)):
        raise TypeError("first argument must be string or compiled pattern")
    p = _native_compile(pattern, flags)
    if type(p) is tuple:
        raise error(p[0], None if p[1] is None else pattern, p[1])
    if not (flags & DEBUG):
        if len(_cache) >= _MAXCACHE:
            try:
                del _cache[next(iter(_cache))]
            except (StopIteration, RuntimeError, KeyError):
                pass
        _cache[type(pattern), pattern, flags] = p
    return p
)PY";

}  // namespace pitfall::sim
