# ExceptionGroup / BaseExceptionGroup (3.11+): construction rules, str/repr,
# split / subgroup / derive with nesting, and except* matching, re-raising and
# raising inside handlers.
def fail(kind, msg):
    raise kind(msg)


def collect():
    errors = []
    for kind, msg in [(ValueError, "bad value"), (TypeError, "bad type"), (KeyError, "k"), (ValueError, "again")]:
        try:
            fail(kind, msg)
        except Exception as e:
            errors.append(e)
    return ExceptionGroup("batch failed", errors)


eg = collect()
print(str(eg), "|", repr(eg))
print(eg.message, len(eg.exceptions), type(eg.exceptions).__name__)
print(isinstance(eg, Exception), isinstance(eg, BaseExceptionGroup), ExceptionGroup.__mro__[1].__name__)
beg = BaseExceptionGroup("mixed", [ValueError(1)])
print("BaseExceptionGroup of Exceptions is an", type(beg).__name__)
beg2 = BaseExceptionGroup("mixed", [ValueError(1), KeyboardInterrupt()])
print(type(beg2).__name__, isinstance(beg2, Exception))
for bad in [lambda: ExceptionGroup("x", []), lambda: ExceptionGroup(1, [ValueError()]),
            lambda: ExceptionGroup("x", [1]), lambda: ExceptionGroup("x", [KeyboardInterrupt()]),
            lambda: ExceptionGroup("x", ValueError())]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)

match, rest = eg.split(ValueError)
print("split:", match, [repr(e) for e in match.exceptions], "|", rest, [repr(e) for e in rest.exceptions])
print("subgroup:", eg.subgroup(lambda e: isinstance(e, LookupError)).exceptions)
print("no match:", eg.subgroup(OSError), eg.split(OSError)[0], eg.split(OSError)[1] is eg)
print("whole group:", eg.subgroup(ExceptionGroup) is eg, eg.split(Exception)[0] is eg)
nested = ExceptionGroup("outer", [ValueError("v1"), ExceptionGroup("inner", [TypeError("t1"), ValueError("v2")])])
m = nested.subgroup(ValueError)
print("nested:", repr(m))
print("derive:", repr(nested.derive([KeyError("x")])))
nested.add_note("a note")
print("notes copied:", nested.split(TypeError)[0].__notes__)


class MyGroup(ExceptionGroup):
    def derive(self, excs):
        return MyGroup(self.message + "!", excs)


mg = MyGroup("mine", [ValueError(1), TypeError(2)])
print("subclass split:", [repr(x) for x in mg.split(TypeError)])


def handle(group):
    try:
        raise group
    except* ValueError as e:
        print("  ValueErrors:", [str(x) for x in e.exceptions], type(e).__name__)
    except* (TypeError, KeyError) as e:
        print("  Type/KeyErrors:", sorted(repr(x) for x in e.exceptions))


handle(collect())
try:
    handle(ExceptionGroup("other", [OSError("disk"), ValueError("v")]))
except ExceptionGroup as e:
    print("left over:", repr(e))

try:
    raise ValueError("naked")
except* ValueError as e:
    print("naked exception wrapped:", repr(e), type(e.exceptions[0]).__name__)

try:
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2)])
    except* ValueError:
        raise KeyError("from handler")
except ExceptionGroup as e:
    print("raised in handler:", repr(e), "| context of KeyError:", repr(e.exceptions[0].__context__))
    print("   second part:", repr(e.exceptions[1]))

try:
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2)])
    except* ValueError:
        raise
except ExceptionGroup as e:
    print("bare raise keeps the shape:", repr(e))

try:
    try:
        raise TypeError("plain")
    except* ValueError:
        print("not reached")
except TypeError as e:
    print("unmatched naked exception passes through unchanged:", repr(e))

for t in (ExceptionGroup, int):
    try:
        try:
            raise ValueError(1)
        except* t:
            pass
    except TypeError as e:
        print("TypeError:", e)

print(str(ExceptionGroup("shown", [ValueError(3)])), BaseExceptionGroup.__name__)
