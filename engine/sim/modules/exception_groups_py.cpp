// Python source of BaseExceptionGroup / ExceptionGroup (PEP 654, 3.11+) and of
// the two helpers behind `except*`, run as the hidden module `_pitfall_eg`
// (modules/exception_groups.cpp puts the classes into the builtins).
// Follows Objects/exceptions.c: BaseExceptionGroup_new (argument checks and
// the ExceptionGroup / BaseExceptionGroup choice), split / subgroup /
// derive with exceptiongroup_split_recursive (the condition is tried on the
// group first, then on every leaf; each derived group gets the original's
// traceback, cause, context and notes), and _PyExc_PrepReraiseStar with
// exception_group_projection for what an except* statement re-raises.
// copy_meta / same_meta / leaf checks are native (modules/exception_groups.cpp).
namespace pitfall::sim {

extern const char* const kExceptionGroupPy = R"PY(
def _is_sequence(obj):
    return hasattr(type(obj), '__getitem__') and hasattr(type(obj), '__len__') and not isinstance(obj, dict)


class BaseExceptionGroup(BaseException):
    def __new__(cls, *args, **kwargs):
        if kwargs:
            raise TypeError(f"{cls.__name__}() takes no keyword arguments")
        if len(args) != 2:
            raise TypeError(f"BaseExceptionGroup.__new__() takes exactly 2 arguments ({len(args)} given)")
        message, exceptions = args
        if not isinstance(message, str):
            raise TypeError(f"BaseExceptionGroup.__new__() argument 1 must be str, not {type(message).__name__}")
        if not _is_sequence(exceptions):
            raise TypeError("second argument (exceptions) must be a sequence")
        excs = tuple(exceptions)
        if not excs:
            raise ValueError("second argument (exceptions) must be a non-empty sequence")
        nested_base = False
        for i, e in enumerate(excs):
            if not isinstance(e, BaseException):
                raise ValueError(f"Item {i} of second argument (exceptions) is not an exception")
            if not isinstance(e, Exception):
                nested_base = True
        if cls is BaseExceptionGroup:
            if not nested_base:
                cls = ExceptionGroup
        elif issubclass(cls, Exception) and nested_base:
            if cls is ExceptionGroup:
                raise TypeError("Cannot nest BaseExceptions in an ExceptionGroup")
            raise TypeError(f"Cannot nest BaseExceptions in '{cls.__name__}'")
        self = BaseException.__new__(cls, message, exceptions)
        _set_parts(self, message, excs)
        return self

    def __init__(self, *args, **kwargs):
        BaseException.__init__(self, *args)

    @property
    def message(self):
        return _parts(self)[0]

    @property
    def exceptions(self):
        return _parts(self)[1]

    def __str__(self):
        n = len(self.exceptions)
        return f"{self.message} ({n} sub-exception{'s' if n > 1 else ''})"

    def derive(self, excs):
        return BaseExceptionGroup(self.message, excs)

    def split(self, condition):
        return _split(self, _matcher(condition), True)

    def subgroup(self, condition):
        return _split(self, _matcher(condition), False)[0]


class ExceptionGroup(BaseExceptionGroup, Exception):
    pass


def _matcher(condition):
    if isinstance(condition, type) and issubclass(condition, BaseException):
        return lambda e: isinstance(e, condition)
    if isinstance(condition, tuple) and all(isinstance(c, type) and issubclass(c, BaseException) for c in condition):
        return lambda e: isinstance(e, condition)
    if callable(condition) and not isinstance(condition, type):
        return condition
    raise TypeError("expected a function, exception type or tuple of exception types")


def _derive_and_copy(eg, excs):
    new = eg.derive(excs)
    if not isinstance(new, BaseExceptionGroup):
        raise TypeError("derive must return an instance of BaseExceptionGroup")
    copy_meta(eg, new)
    return new


def _split(exc, match, construct_rest):
    if match(exc):
        return exc, None
    if not isinstance(exc, BaseExceptionGroup):
        return None, (exc if construct_rest else None)
    matched = []
    rest = []
    for e in exc.exceptions:
        m, r = _split(e, match, construct_rest)
        if m is not None:
            matched.append(m)
        if r is not None:
            rest.append(r)
    return (_derive_and_copy(exc, matched) if matched else None,
            _derive_and_copy(exc, rest) if rest else None)


def check_eg_match(exc, match_type):
    # CHECK_EG_MATCH (ceval.c exception_group_match): (rest, match); match is
    # None when nothing matched and the exception is left as it was
    if exc is None:
        return None, None
    if isinstance(exc, match_type):
        if isinstance(exc, BaseExceptionGroup):
            return None, exc
        wrapped = BaseExceptionGroup("", (exc,))
        copy_traceback(exc, wrapped)
        return None, wrapped
    if isinstance(exc, BaseExceptionGroup):
        m, r = exc.split(match_type)
        if m is None:
            return exc, None
        return r, m
    return exc, None


def _leaf_ids(exc, ids):
    if isinstance(exc, BaseExceptionGroup):
        for e in exc.exceptions:
            _leaf_ids(e, ids)
    else:
        ids.add(id(exc))


def prep_reraise_star(orig, excs):
    # PREP_RERAISE_STAR (_PyExc_PrepReraiseStar): what the handlers raised and
    # the unhandled rest; re-raised parts keep the original group's shape
    if not excs:
        return None
    if not isinstance(orig, BaseExceptionGroup):
        for e in excs:
            if e is not None:
                return e
        return None
    raised = []
    reraised = []
    for e in excs:
        if e is None:
            continue
        (reraised if same_meta(e, orig) else raised).append(e)
    ids = set()
    for e in reraised:
        _leaf_ids(e, ids)
    kept = _split(orig, lambda e: id(e) in ids, False)[0] if ids else None
    if not raised:
        return kept
    return BaseExceptionGroup("", raised + ([kept] if kept is not None else []))
)PY";

}  // namespace pitfall::sim
