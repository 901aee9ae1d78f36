# An uncaught NameError suggests the closest local, global or builtin name;
# the traceback module of 3.11 does not.
import traceback

total_count = 0


def average(values):
    try:
        return sum(values) / lenn(values)
    except NameError:
        traceback.print_exc()
    return sum(valuse) / len(values)


average([1, 2, 3])
