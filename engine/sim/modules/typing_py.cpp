// Python source for the parts of `typing` that do something at run time
// (Lib/typing.py, 3.11): NamedTuple (class syntax through a metaclass, and
// the functional form), TypedDict (instances are plain dicts), NewType,
// cast, overload/final/no_type_check/runtime_checkable as identity
// decorators, TYPE_CHECKING. The other names of typing are placeholders that
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
