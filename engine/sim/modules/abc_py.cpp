// Python source of the simulated `abc` module, after Lib/_py_abc.py and
// Objects/typeobject.c (3.11): ABCMeta collects __abstractmethods__ (names
// whose value has __isabstractmethod__ set, in the class body or inherited
// and not overridden), ABC is the helper base, abstractmethod marks a
// function; instantiating a class with abstract methods raises CPython's
// TypeError (3.12 changed the wording; _PY_MINOR is set by the importer).
// isinstance()/issubclass() ask ABCMeta.__instancecheck__/__subclasscheck__
// (modules/instance_checks.cpp): the class's __subclasshook__, then the
// real MRO, the registered virtual subclasses and the subclasses' own
// registries, as Lib/_py_abc.py (without its caches).
// Model notes: the check runs in ABCMeta.__call__ rather than in
// object.__new__; the subclasses are recorded by ABCMeta.__new__ (the VM has
// no type.__subclasses__()).
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
        return getattr(getattr(value, "__func__", None), "__isabstractmethod__", False)
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
        cls._abc_subclasses = []
        for base in bases:
            if isinstance(base, ABCMeta):
                base._abc_subclasses.append(cls)
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
        if not isinstance(subclass, type):
            raise TypeError("Can only register classes")
        if issubclass(subclass, cls):
            return subclass  # already a subclass
        if issubclass(cls, subclass):
            raise RuntimeError("Refusing to create an inheritance cycle")
        cls._abc_registry.append(subclass)
        return subclass

    def __instancecheck__(cls, instance):
        subclass = instance.__class__
        subtype = type(instance)
        if subtype is subclass:
            return cls.__subclasscheck__(subclass)
        return any(cls.__subclasscheck__(c) for c in (subclass, subtype))

    def __subclasscheck__(cls, subclass):
        if not isinstance(subclass, type):
            raise TypeError("issubclass() arg 1 must be a class")
        hook = getattr(cls, "__subclasshook__", None)
        ok = hook(subclass) if hook is not None else NotImplemented
        if ok is not NotImplemented:
            return bool(ok)
        if cls in subclass.__mro__:
            return True
        for rcls in cls._abc_registry:
            if issubclass(subclass, rcls):
                return True
        for scls in cls._abc_subclasses:
            if issubclass(subclass, scls):
                return True
        return False


class ABC(metaclass=ABCMeta):
    __slots__ = ()


def get_cache_token():
    return 0
)PY";

}  // namespace pitfall::sim
