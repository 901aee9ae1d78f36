# typing's forms at run time: reprs, Optional/Union flattening and equality,
# isinstance with a bare alias (its class), a Union (its members), and the
# refusal of subscripted generics; annotations that use them.
from typing import (Any, Callable, Dict, Iterable, Iterator, List, Literal, Mapping, Optional, Sequence, Set, Tuple,
                    Type, TypeVar, Union)

T = TypeVar("T")
K = TypeVar("K", bound=str)
print(Any, Optional[int], Union[int, str], Union[int, None], Union[int, str, None], Union[int], Union[int, Union[str, int]])
print(List, List[int], Dict[str, List[int]], Tuple[int, ...], Tuple[()], Set[T], Type[int], Iterable[str])
print(Callable[[int, str], bool], Callable[..., int], Literal["a", 1], Mapping[K, int], T, K.__bound__)
print(Optional[int] == Union[None, int], Union[int, str] == Union[str, int], List[int] == List[int], List[int] == List[str])
print(isinstance([], List), isinstance(5, Iterable), isinstance("s", Iterable), isinstance(iter([]), Iterator),
      isinstance((1,), Sequence), isinstance({}, Mapping), issubclass(dict, Mapping), isinstance(len, Callable))
print(isinstance(3, Union[int, str]), isinstance(None, Optional[int]), isinstance(2.5, Optional[int]))
for bad in (lambda: isinstance([], List[int]), lambda: isinstance(1, Any), lambda: List(), lambda: Dict[int]):
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)
print(List[int] | None, Optional[int] | str)


def f(xs: List[int], key: Optional[Callable[[int], int]] = None) -> Dict[str, Any]:
    return {}


print(f.__annotations__)
