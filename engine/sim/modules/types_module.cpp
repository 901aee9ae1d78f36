// types: the types of built-in objects, taken from real objects as
// Lib/types.py does (FunctionType, LambdaType, CodeType, GeneratorType,
// CoroutineType, AsyncGeneratorType, MethodType, BuiltinFunctionType,
// BuiltinMethodType, ModuleType, NoneType, EllipsisType,
// NotImplementedType), plus SimpleNamespace (repr `namespace(a=1)`, == by
// attributes; 3.13 accepts a mapping or iterable of pairs) and
// MappingProxyType (a read-only view of a mapping, repr `mappingproxy({...})`).
// Model note: SimpleNamespace and mappingproxy are Python classes here, so
// their operations cost what Python code costs, not C.
namespace pitfall::sim {

extern const char* const kTypesPy = R"PY(
import sys as _sys


def _f():
    pass


FunctionType = type(_f)
LambdaType = type(_f)
CodeType = type(_f.__code__)


def _g():
    yield 1


GeneratorType = type(_g())


async def _c():
    pass


_co = _c()
CoroutineType = type(_co)
_co.close()
del _co


async def _ag():
    yield 1


AsyncGeneratorType = type(_ag())


class _C:
    def _m(self):
        pass


MethodType = type(_C()._m)
BuiltinFunctionType = type(len)
BuiltinMethodType = type([].append)
ModuleType = type(_sys)
NoneType = type(None)
EllipsisType = type(Ellipsis)
NotImplementedType = type(NotImplemented)


def _type_repr(obj):
    if obj is Ellipsis:
        return '...'
    if isinstance(obj, (GenericAlias, UnionType)):
        return repr(obj)
    if isinstance(obj, type):
        if obj.__module__ == 'builtins':
            return obj.__qualname__
        return obj.__module__ + '.' + obj.__qualname__
    return repr(obj)


class GenericAlias:
    def __init__(self, origin, args):
        self.__origin__ = origin
        self.__args__ = args if isinstance(args, tuple) else (args,)

    def __repr__(self):
        if not self.__args__:
            return _type_repr(self.__origin__) + '[()]'
        return _type_repr(self.__origin__) + '[' + ', '.join([_type_repr(a) for a in self.__args__]) + ']'

    def __eq__(self, other):
        if not isinstance(other, GenericAlias):
            return NotImplemented
        return self.__origin__ == other.__origin__ and self.__args__ == other.__args__

    def __hash__(self):
        return hash(self.__origin__) ^ hash(self.__args__)

    def __call__(self, *args, **kwargs):
        return self.__origin__(*args, **kwargs)

    def __or__(self, other):
        return _union(self, other)

    def __ror__(self, other):
        return _union(other, self)

    def __getattr__(self, name):
        if name.startswith('__') and name.endswith('__') and name not in ('__name__', '__qualname__', '__module__', '__doc__'):
            raise AttributeError(name)
        return getattr(self.__origin__, name)


class UnionType:
    def __init__(self, args):
        self.__args__ = args

    def __repr__(self):
        return ' | '.join(['None' if a is NoneType else _type_repr(a) for a in self.__args__])

    def __eq__(self, other):
        if not isinstance(other, UnionType):
            return NotImplemented
        return set(self.__args__) == set(other.__args__)

    def __hash__(self):
        return hash(frozenset(self.__args__))

    def __or__(self, other):
        return _union(self, other)

    def __ror__(self, other):
        return _union(other, self)


def _union(a, b):
    args = []
    for x in (a, b):
        if x is None:
            x = NoneType
        if not isinstance(x, (type, GenericAlias, UnionType)):
            return NotImplemented
        for y in (x.__args__ if isinstance(x, UnionType) else (x,)):
            if y not in args:
                args.append(y)
    if len(args) == 1:
        return args[0]
    return UnionType(tuple(args))


class SimpleNamespace:
    def __init__(self, *args, **kwargs):
        if args:
            if _sys.version_info[1] < 13:
                raise TypeError("no positional arguments expected")
            if len(args) > 1:
                raise TypeError("SimpleNamespace expected at most 1 argument, got " + str(len(args)))
            self.__dict__.update(dict(args[0]))
        self.__dict__.update(kwargs)

    def __repr__(self):
        name = "namespace" if type(self) is SimpleNamespace else type(self).__name__
        return name + "(" + ", ".join(k + "=" + repr(v) for k, v in self.__dict__.items()) + ")"

    def __eq__(self, other):
        if isinstance(other, SimpleNamespace):
            return self.__dict__ == other.__dict__
        return NotImplemented

    __hash__ = None


SimpleNamespace.__module__ = "types"


class mappingproxy:
    def __init__(self, mapping):
        if not hasattr(mapping, "keys") or not hasattr(mapping, "__getitem__") or isinstance(mapping, (list, tuple)):
            raise TypeError("mappingproxy() argument must be a mapping, not " + type(mapping).__name__)
        self._m = mapping

    def __getitem__(self, key):
        return self._m[key]

    def __setitem__(self, key, value):
        raise TypeError("'mappingproxy' object does not support item assignment")

    def __delitem__(self, key):
        raise TypeError("'mappingproxy' object does not support item deletion")

    def __len__(self):
        return len(self._m)

    def __iter__(self):
        return iter(self._m)

    def __contains__(self, key):
        return key in self._m

    def __eq__(self, other):
        return self._m == (other._m if isinstance(other, mappingproxy) else other)

    def get(self, key, default=None):
        return self._m.get(key, default)

    def keys(self):
        return self._m.keys()

    def values(self):
        return self._m.values()

    def items(self):
        return self._m.items()

    def copy(self):
        return self._m.copy()

    def __repr__(self):
        return "mappingproxy(" + repr(self._m) + ")"


mappingproxy.__module__ = "builtins"
MappingProxyType = mappingproxy
del _f, _g, _c, _ag, _C
)PY";

}  // namespace pitfall::sim
