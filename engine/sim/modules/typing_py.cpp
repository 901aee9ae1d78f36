// Python source for the parts of `typing` that do something at run time
// (Lib/typing.py, 3.11): NamedTuple (class syntax through a metaclass, and
// the functional form), TypedDict (instances are plain dicts), NewType,
// cast, overload/final/no_type_check/runtime_checkable as identity
// decorators, TYPE_CHECKING; TypeVar, the special forms (Any, Union,
// Optional, ClassVar, Final, Literal, Annotated, ...) and the aliases of
// classes (List, Dict, Iterable, Callable, ...) with CPython's reprs
// ("typing.Optional[int]"), unions, equality, and isinstance: a bare alias
// checks its class, a subscripted one refuses, a Union checks its members. The other names of typing are placeholders that
// annotations and subscripts accept (modules.cpp). Model note: annotations
// naming those placeholders are kept as source text (compiler/codegen.cpp
// annotation_value), so such NamedTuple field types are strings.
#include "sim/vm/vm.h"

namespace pitfall::sim {

Ref run_python_module(VM& vm, const std::string& name, const char* source);  // threading_module.cpp

namespace {

const char* const kTypingPy = R"PY(
from collections import namedtuple as _namedtuple

TYPE_CHECKING = False

_prohibited = frozenset({'__new__', '__init__', '__slots__', '__getnewargs__', '_fields', '_field_defaults',
                         '_make', '_replace', '_asdict', '_source'})
_special = frozenset({'__module__', '__name__', '__annotations__', '__qualname__'})


class NamedTupleMeta(type):
    def __new__(cls, typename, bases, ns):
        if not bases:
            return super().__new__(cls, typename, bases, ns)
        types = ns.get('__annotations__', {})
        field_names = list(types)
        defaults = []
        for field_name in field_names:
            if field_name in ns:
                defaults.append(ns[field_name])
            elif defaults:
                raise TypeError(f"Non-default namedtuple field {field_name} cannot follow default field"
                                f"{'s' if len(defaults) > 1 else ''} {', '.join(field_names[:len(defaults)])}")
        nm_tpl = _namedtuple(typename, field_names, defaults=defaults)
        nm_tpl.__annotations__ = dict(types)
        for key in ns:
            if key in _prohibited:
                raise AttributeError("Cannot overwrite NamedTuple attribute " + key)
            elif key not in _special and key not in field_names:
                setattr(nm_tpl, key, ns[key])
        return nm_tpl

    def __call__(cls, typename, fields=None, /, **kwargs):
        if fields is None:
            fields = kwargs.items()
        fields = list(fields)
        return _namedtuple(typename, [n for n, t in fields])


NamedTuple = NamedTupleMeta('NamedTuple', (), {})


class _TypedDictMeta(type):
    def __call__(cls, *args, **kwargs):
        return dict(*args, **kwargs)


TypedDict = _TypedDictMeta('TypedDict', (), {})


def cast(typ, val):
    return val


def overload(func):
    return func


def final(f):
    return f


def no_type_check(arg):
    return arg


def runtime_checkable(cls):
    return cls


def NewType(name, tp):
    def new_type(x):
        return x
    new_type.__name__ = name
    new_type.__supertype__ = tp
    return new_type


def get_type_hints(obj, globalns=None, localns=None, include_extras=False):
    return dict(getattr(obj, '__annotations__', {}))


import collections.abc as _abc
import collections as _collections
import types as _types

_NoneType = type(None)


def _type_repr(obj):
    if isinstance(obj, type) and not isinstance(obj, (_types.GenericAlias, _types.UnionType)):
        if obj.__module__ == 'builtins':
            return obj.__qualname__
        return obj.__module__ + '.' + obj.__qualname__
    if obj is ...:
        return '...'
    if isinstance(obj, _types.FunctionType):
        return obj.__name__
    return repr(obj)


def _type_check(arg):
    if arg is None:
        return _NoneType
    if isinstance(arg, str):
        return ForwardRef(arg)
    return arg


class ForwardRef:
    def __init__(self, arg):
        self.__forward_arg__ = arg

    def __repr__(self):
        return 'ForwardRef(' + repr(self.__forward_arg__) + ')'

    def __eq__(self, other):
        return isinstance(other, ForwardRef) and self.__forward_arg__ == other.__forward_arg__

    def __hash__(self):
        return hash(self.__forward_arg__)


class TypeVar:
    def __init__(self, name, *constraints, bound=None, covariant=False, contravariant=False):
        self.__name__ = name
        self.__constraints__ = constraints
        self.__bound__ = _type_check(bound) if bound is not None else None
        self.__covariant__ = covariant
        self.__contravariant__ = contravariant

    def __repr__(self):
        return ('+' if self.__covariant__ else '-' if self.__contravariant__ else '~') + self.__name__

    def __or__(self, right):
        return Union[self, right]

    def __ror__(self, left):
        return Union[left, self]


class _Form:
    def __or__(self, right):
        return Union[self, right]

    def __ror__(self, left):
        return Union[left, self]


class _SpecialForm(_Form):
    def __init__(self, name, getitem=None):
        self._name = name
        self._getitem = getitem

    def __repr__(self):
        return 'typing.' + self._name

    def __getitem__(self, parameters):
        if self._getitem is None:
            raise TypeError(f"{self} is not subscriptable")
        return self._getitem(self, parameters)

    def __call__(self, *args, **kwds):
        raise TypeError(f"Cannot instantiate {self!r}")

    def __instancecheck__(self, obj):
        raise TypeError(f"{self} cannot be used with isinstance()")

    def __subclasscheck__(self, cls):
        raise TypeError(f"{self} cannot be used with issubclass()")


class _GenericAlias(_Form):
    """A subscripted form: typing.List[int], typing.Optional[str], ..."""

    def __init__(self, origin, args, name):
        self.__origin__ = origin
        self.__args__ = args if isinstance(args, tuple) else (args,)
        self._name = name

    def __repr__(self):
        args = self.__args__
        if self._name == 'Union' and len(args) == 2 and _NoneType in args:
            other = args[0] if args[1] is _NoneType else args[1]
            return 'typing.Optional[' + _type_repr(other) + ']'
        if self._name == 'Callable' and args and not (len(args) == 2 and args[0] is ...):
            params = args[:-1]
            return 'typing.Callable[[' + ', '.join(_type_repr(a) for a in params) + '], ' + _type_repr(args[-1]) + ']'
        if self._name in ('Literal', 'Annotated'):
            shown = [_type_repr(args[0])] + [repr(a) for a in args[1:]] if self._name == 'Annotated' else [repr(a) for a in args]
            return 'typing.' + self._name + '[' + ', '.join(shown) + ']'
        if not args:
            return 'typing.' + self._name + '[()]'
        return 'typing.' + self._name + '[' + ', '.join(_type_repr(a) for a in args) + ']'

    def __eq__(self, other):
        if not isinstance(other, _GenericAlias):
            return NotImplemented
        if self._name == 'Union' and other._name == 'Union':
            return set(self.__args__) == set(other.__args__)
        return self.__origin__ == other.__origin__ and self.__args__ == other.__args__

    def __hash__(self):
        if self._name == 'Union':
            return hash(frozenset(self.__args__))
        return hash((self.__origin__, self.__args__))

    def __call__(self, *args, **kwargs):
        if self._name == 'Union' or isinstance(self.__origin__, _SpecialForm):
            raise TypeError(f"Cannot instantiate {self!r}")
        return self.__origin__(*args, **kwargs)

    def __instancecheck__(self, obj):
        if self._name == 'Union':
            return any(isinstance(obj, a) for a in self.__args__)
        raise TypeError("Subscripted generics cannot be used with class and instance checks")

    def __subclasscheck__(self, cls):
        if self._name == 'Union':
            return any(issubclass(cls, a) for a in self.__args__)
        raise TypeError("Subscripted generics cannot be used with class and instance checks")

    def __getattr__(self, attr):
        if attr.startswith('__') and attr.endswith('__'):
            raise AttributeError(attr)
        return getattr(self.__origin__, attr)


class _SpecialGenericAlias(_Form):
    """typing.List, typing.Iterable, ...: stands for its class; subscripting gives a _GenericAlias."""

    def __init__(self, origin, name, nparams, inst=True):
        self.__origin__ = origin
        self._name = name
        self._nparams = nparams
        self._inst = inst

    def __repr__(self):
        return 'typing.' + self._name

    def __getitem__(self, params):
        if not isinstance(params, tuple):
            params = (params,)
        if self._name == 'Callable' and len(params) == 2 and isinstance(params[0], list):
            params = tuple(_type_check(p) for p in params[0]) + (_type_check(params[1]),)
        elif not (self._name == 'Tuple' and params == ((),)):
            params = tuple(p if p is ... else _type_check(p) for p in params)
        else:
            params = ()
        if self._nparams >= 0 and self._name not in ('Tuple', 'Callable') and len(params) != self._nparams:
            raise TypeError(f"Too {'many' if len(params) > self._nparams else 'few'} arguments for {self};"
                            f" actual {len(params)}, expected {self._nparams}")
        return _GenericAlias(self.__origin__, params, self._name)

    def __call__(self, *args, **kwargs):
        if not self._inst:
            raise TypeError(f"Type {self._name} cannot be instantiated; use {self.__origin__.__name__}() instead")
        return self.__origin__(*args, **kwargs)

    def __instancecheck__(self, obj):
        return isinstance(obj, self.__origin__)

    def __subclasscheck__(self, cls):
        return issubclass(cls, self.__origin__)

    def __eq__(self, other):
        if not isinstance(other, _SpecialGenericAlias):
            return NotImplemented
        return self.__origin__ == other.__origin__ and self._name == other._name

    def __hash__(self):
        return hash((self.__origin__, self._name))

    def __getattr__(self, attr):
        if attr.startswith('__') and attr.endswith('__'):
            raise AttributeError(attr)
        return getattr(self.__origin__, attr)


def _flatten_union(params):
    out = []
    for p in params:
        if isinstance(p, _GenericAlias) and p._name == 'Union':
            items = p.__args__
        elif isinstance(p, _types.UnionType):
            items = p.__args__
        else:
            items = (p,)
        for q in items:
            if q not in out:
                out.append(q)
    return tuple(out)


def _union_getitem(self, parameters):
    if parameters == ():
        raise TypeError("Cannot take a Union of no types.")
    if not isinstance(parameters, tuple):
        parameters = (parameters,)
    params = _flatten_union(tuple(_type_check(p) for p in parameters))
    if len(params) == 1:
        return params[0]
    return _GenericAlias(self, params, 'Union')


def _optional_getitem(self, parameters):
    return Union[parameters, None]


def _one_getitem(self, parameters):
    return _GenericAlias(self, (_type_check(parameters),), self._name)


def _literal_getitem(self, parameters):
    if not isinstance(parameters, tuple):
        parameters = (parameters,)
    return _GenericAlias(self, parameters, 'Literal')


def _annotated_getitem(self, params):
    if not isinstance(params, tuple) or len(params) < 2:
        raise TypeError("Annotated[...] should be used with at least two arguments (a type and an annotation).")
    return _GenericAlias(self, params, 'Annotated')


Any = _SpecialForm('Any')
NoReturn = _SpecialForm('NoReturn')
Never = _SpecialForm('Never')
Self = _SpecialForm('Self')
LiteralString = _SpecialForm('LiteralString')
TypeAlias = _SpecialForm('TypeAlias')
Union = _SpecialForm('Union', _union_getitem)
Optional = _SpecialForm('Optional', _optional_getitem)
ClassVar = _SpecialForm('ClassVar', _one_getitem)
Final = _SpecialForm('Final', _one_getitem)
Literal = _SpecialForm('Literal', _literal_getitem)
Annotated = _SpecialForm('Annotated', _annotated_getitem)

List = _SpecialGenericAlias(list, 'List', 1, inst=False)
Dict = _SpecialGenericAlias(dict, 'Dict', 2, inst=False)
Set = _SpecialGenericAlias(set, 'Set', 1, inst=False)
FrozenSet = _SpecialGenericAlias(frozenset, 'FrozenSet', 1, inst=False)
Tuple = _SpecialGenericAlias(tuple, 'Tuple', -1, inst=False)
Type = _SpecialGenericAlias(type, 'Type', 1, inst=False)
Deque = _SpecialGenericAlias(_collections.deque, 'Deque', 1)
DefaultDict = _SpecialGenericAlias(_collections.defaultdict, 'DefaultDict', 2)
OrderedDict = _SpecialGenericAlias(_collections.OrderedDict, 'OrderedDict', 2)
Counter = _SpecialGenericAlias(_collections.Counter, 'Counter', 1)
ChainMap = _SpecialGenericAlias(_collections.ChainMap, 'ChainMap', 2)
Callable = _SpecialGenericAlias(_abc.Callable, 'Callable', -1)
Iterable = _SpecialGenericAlias(_abc.Iterable, 'Iterable', 1)
Iterator = _SpecialGenericAlias(_abc.Iterator, 'Iterator', 1)
Reversible = _SpecialGenericAlias(_abc.Reversible, 'Reversible', 1)
Generator = _SpecialGenericAlias(_abc.Generator, 'Generator', 3)
Sized = _SpecialGenericAlias(_abc.Sized, 'Sized', 0)
Container = _SpecialGenericAlias(_abc.Container, 'Container', 1)
Collection = _SpecialGenericAlias(_abc.Collection, 'Collection', 1)
Hashable = _SpecialGenericAlias(_abc.Hashable, 'Hashable', 0)
Sequence = _SpecialGenericAlias(_abc.Sequence, 'Sequence', 1)
MutableSequence = _SpecialGenericAlias(_abc.MutableSequence, 'MutableSequence', 1)
Mapping = _SpecialGenericAlias(_abc.Mapping, 'Mapping', 2)
MutableMapping = _SpecialGenericAlias(_abc.MutableMapping, 'MutableMapping', 2)
AbstractSet = _SpecialGenericAlias(_abc.Set, 'AbstractSet', 1)
MutableSet = _SpecialGenericAlias(_abc.MutableSet, 'MutableSet', 1)
Awaitable = _SpecialGenericAlias(_abc.Awaitable, 'Awaitable', 1)
AsyncIterable = _SpecialGenericAlias(_abc.AsyncIterable, 'AsyncIterable', 1)
AsyncIterator = _SpecialGenericAlias(_abc.AsyncIterator, 'AsyncIterator', 1)
KeysView = _SpecialGenericAlias(_abc.KeysView, 'KeysView', 1)
ItemsView = _SpecialGenericAlias(_abc.ItemsView, 'ItemsView', 2)
ValuesView = _SpecialGenericAlias(_abc.ValuesView, 'ValuesView', 1)
MappingView = _SpecialGenericAlias(_abc.MappingView, 'MappingView', 1)
)PY";

}  // namespace

void init_typing_more(VM& vm, const Ref& module) {
  auto& rt = vm.rt;
  DictObj* d = module.as<ModuleObj>()->dict.as<DictObj>();
  for (const char* n : {"Literal", "Deque", "DefaultDict", "Type", "NoReturn", "FrozenSet", "Awaitable", "Coroutine",
                        "AsyncIterator", "AsyncIterable", "AsyncGenerator", "Counter", "OrderedDict", "ChainMap",
                        "Hashable", "Sized", "Collection", "Container", "Reversible", "MutableMapping",
                        "MutableSequence", "MutableSet", "AbstractSet", "Text", "AnyStr", "SupportsInt",
                        "SupportsFloat", "SupportsIndex", "SupportsAbs", "SupportsRound", "Annotated", "Self",
                        "ParamSpec", "Concatenate", "TypeAlias", "Never", "LiteralString", "IO", "TextIO",
                        "BinaryIO", "Pattern", "Match", "ContextManager", "AsyncContextManager", "KeysView",
                        "ValuesView", "ItemsView", "MappingView", "Required", "NotRequired", "TypeGuard", "Unpack",
                        "TypeVarTuple"})
    vm.dict_set(d, rt.intern(n), Ref(rt.object_t));
  Ref m = run_python_module(vm, "_pitfall_typing", kTypingPy);
  if (!m) return;
  for (auto& e : m.as<ModuleObj>()->dict.as<DictObj>()->entries) {
    if (!e.key || e.key->tag != Tag::Str) continue;
    const std::string& k = e.key.as<StrObj>()->s;
    if (k.rfind("__", 0) == 0 || (k[0] == '_' && k != "_TypedDictMeta")) continue;
    if (e.value->tag == Tag::Class) e.value.as<ClassObj>()->module = "typing";
    vm.dict_set(d, e.key, e.value);
  }
}

}  // namespace pitfall::sim
