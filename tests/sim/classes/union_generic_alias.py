# `int | str` is a types.UnionType (isinstance/issubclass take it), `list[int]`
# a types.GenericAlias, and a class's __class_getitem__ answers `C[int]`.
from collections import deque, defaultdict


def kind(x):
    if isinstance(x, int | float):
        return "number"
    if isinstance(x, str | bytes | None):
        return "text or None"
    return "other"


print([kind(v) for v in (1, 2.5, "s", b"b", None, [])])
Number = int | float
print(Number, type(Number).__name__, Number.__args__, int | None, None | str, int | int, (int | str) | float)
print(int | str == str | int, issubclass(bool, Number), isinstance(True, (str, int | None)))
print(list[int], dict[str, list[int]], tuple[int, ...], tuple[()], type[int], deque[str], defaultdict[str, int])
alias = list[int]
print(alias.__origin__, alias.__args__, alias == list[int], alias("ab"), list[int] | None, type(alias).__name__)
try:
    isinstance([], list[int])
except TypeError as e:
    print("TypeError:", e)
try:
    1 | "a"
except TypeError as e:
    print("TypeError:", e)


class Box:
    def __class_getitem__(cls, item):
        return f"{cls.__name__}[{item.__name__}]"


print(Box[int], Box[str])
