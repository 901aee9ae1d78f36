// Python source of the simulated `abc` module, after Lib/_py_abc.py and
// Objects/typeobject.c (3.11): ABCMeta collects __abstractmethods__ (names
// whose value has __isabstractmethod__ set, in the class body or inherited
// and not overridden), ABC is the helper base, abstractmethod marks a
// function; instantiating a class with abstract methods raises CPython's
// TypeError (3.12 changed the wording; _PY_MINOR is set by the importer).
// Model notes: the check runs in ABCMeta.__call__ rather than in
// object.__new__; ABCMeta.register records virtual subclasses without making
// isinstance()/issubclass() see them.
namespace pitfall::sim {

extern const char* const kAbcPy = R"PY(
_PY_MINOR = 11


def abstractmethod(funcobj):
    funcobj.__isabstractmethod__ = True
    return funcobj


def _is_abstract(value):
    if getattr(value, "__isabstractmethod__", False):
        return True
    if isinstance(value, property):
        return any(getattr(f, "__isabstractmethod__", False) for f in (value.fget, value.fset, value.fdel))
    if isinstance(value, (staticmethod, classmethod)):
        return getattr(value.__func__, "__isabstractmethod__", False)
    return False


class abstractproperty(property):
    __isabstractmethod__ = True


class ABCMeta(type):
    def __new__(mcls, name, bases, namespace, **kwargs):
        cls = super().__new__(mcls, name, bases, namespace, **kwargs)
        abstracts = {name for name, value in namespace.items() if _is_abstract(value)}
        for base in bases:
            for name in getattr(base, "__abstractmethods__", set()):
                value = cls.__dict__.get(name, None)
                if value is None:
                    for klass in cls.__mro__[1:]:
                        if name in klass.__dict__:
                            value = klass.__dict__[name]
                            break
                if _is_abstract(value):
                    abstracts.add(name)
        cls.__abstractmethods__ = frozenset(abstracts)
        cls._abc_registry = []
        return cls

    def __call__(cls, *args, **kwargs):
        missing = sorted(cls.__abstractmethods__)
        if missing:
            s = "s" if len(missing) > 1 else ""
            if _PY_MINOR >= 12:
                names = ", ".join("'" + m + "'" for m in missing)
                raise TypeError(f"Can't instantiate abstract class {cls.__name__} without an implementation for abstract method{s} {names}")
            raise TypeError(f"Can't instantiate abstract class {cls.__name__} with abstract method{s} {', '.join(missing)}")
        return super().__call__(*args, **kwargs)

    def register(cls, subclass):
        cls._abc_registry.append(subclass)
        return subclass


class ABC(metaclass=ABCMeta):
    __slots__ = ()


def get_cache_token():
    return 0
)PY";

}  // namespace pitfall::sim
