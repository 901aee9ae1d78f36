# An uncaught ExceptionGroup prints CPython 3.11's boxed traceback: nested
# groups, chained causes inside a group, and what an except* handler raises.
def check(item):
    if item % 2:
        raise ValueError(f"odd item {item}")
    raise TypeError(f"even item {item}")


def validate(items):
    errors = []
    for item in items:
        try:
            check(item)
        except Exception as e:
            errors.append(e)
    if errors:
        raise ExceptionGroup("validation failed", errors)


def run():
    try:
        validate([1, 2])
    except* TypeError as eg:
        raise RuntimeError("could not recover") from eg.exceptions[0]


try:
    run()
except* RuntimeError:
    print("recovered from the RuntimeError part")
    try:
        raise ExceptionGroup("inner", [KeyError("k"), ExceptionGroup("deep", [OSError("disk")])])
    except ExceptionGroup as e:
        keep = e
raise ExceptionGroup("final", [keep, ZeroDivisionError("division by zero")])
