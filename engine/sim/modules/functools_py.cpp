// Python source for functools.singledispatch and singledispatchmethod
// (Lib/functools.py, 3.11): dispatch on the class of the first argument
// along its MRO; register(cls, func), @register(cls), and @register on a
// function whose first parameter is annotated. Model note: the simulator
// keeps annotations as source text, so an annotation is resolved by name in
// the function's module globals and the built-ins.
#include "sim/vm/vm.h"

namespace pitfall::sim {

Ref run_python_module(VM& vm, const std::string& name, const char* source);  // threading_module.cpp

namespace {

const char* const kFunctoolsPy = R"PY(
def _resolve(func, ann):
    if isinstance(ann, str):
        g = getattr(func, '__globals__', {})
        if ann in g:
            return g[ann]
        b = {'int': int, 'str': str, 'float': float, 'bool': bool, 'list': list, 'dict': dict, 'tuple': tuple,
             'set': set, 'frozenset': frozenset, 'bytes': bytes, 'object': object, 'type': type}
        if ann in b:
            return b[ann]
    return ann


def singledispatch(func):
    registry = {}
    cache = {}

    def dispatch(cls):
        if cls in cache:
            return cache[cls]
        impl = func
        for c in cls.__mro__:
            if c in registry:
                impl = registry[c]
                break
        else:
            if object in registry:
                impl = registry[object]
        cache[cls] = impl
        return impl

    def register(cls, func=None):
        if isinstance(cls, type):
            if func is None:
                return lambda f: register(cls, f)
        else:
            if func is not None:
                raise TypeError(f"Invalid first argument to `register()`. {cls!r} is not a class or union type.")
            ann = getattr(cls, '__annotations__', {})
            if not ann:
                raise TypeError(f"Invalid first argument to `register()`: {cls!r}. "
                                "Use either `@register(some_class)` or plain `@register` on an annotated function.")
            func = cls
            argname, cls = next(iter(ann.items()))
            cls = _resolve(func, cls)
            if not isinstance(cls, type):
                raise TypeError(f"Invalid annotation for {argname!r}. {cls!r} is not a class.")
        registry[cls] = func
        cache.clear()
        return func

    def wrapper(*args, **kw):
        if not args:
            raise TypeError(f'{funcname} requires at least 1 positional argument')
        return dispatch(args[0].__class__)(*args, **kw)

    funcname = getattr(func, '__name__', 'singledispatch function')
    registry[object] = func
    wrapper.register = register
    wrapper.dispatch = dispatch
    wrapper.registry = registry
    wrapper.__name__ = funcname
    wrapper.__wrapped__ = func
    return wrapper


class singledispatchmethod:
    def __init__(self, func):
        self.dispatcher = singledispatch(func)
        self.func = func

    def register(self, cls, method=None):
        return self.dispatcher.register(cls, func=method)

    def __get__(self, obj, cls=None):
        def _method(*args, **kwargs):
            method = self.dispatcher.dispatch(args[0].__class__)
            if obj is None:
                return method(*args, **kwargs)
            return method(obj, *args, **kwargs)
        _method.register = self.register
        return _method
)PY";

}  // namespace

void init_functools_py(VM& vm, const Ref& module) {
  Ref m = run_python_module(vm, "_pitfall_functools", kFunctoolsPy);
  if (!m) return;
  DictObj* d = module.as<ModuleObj>()->dict.as<DictObj>();
  for (const char* n : {"singledispatch", "singledispatchmethod"}) {
    Ref v = vm.dict_get_str(m.as<ModuleObj>()->dict.as<DictObj>(), vm.rt.intern(n).as<StrObj>());
    if (!v) continue;
    if (v->tag == Tag::Class) v.as<ClassObj>()->module = "functools";
    vm.dict_set(d, vm.rt.intern(n), v);
  }
}

}  // namespace pitfall::sim
