# Built-ins given arguments of the wrong type raise CPython's TypeError
# (they read them as the expected type before), and type(name, bases, ns)
# makes the class with the bases' metaclass.
import abc

for call in (lambda: issubclass(int, 1), lambda: issubclass(1, int), lambda: issubclass(1, 2), lambda: hasattr(1, 2),
             lambda: setattr(1, 2, 3), lambda: delattr(1, 2), lambda: isinstance(1, 2), lambda: issubclass(bool, (str, 3, int)),
             lambda: isinstance(1, (str, (bytes, (int,)), 3)), lambda: isinstance(1, (str, 3)), lambda: issubclass(bool, ((str,), (int,)))):
    try:
        print(call())
    except TypeError as e:
        print("TypeError:", e)


class Meta(type):
    def __new__(mcls, name, bases, ns):
        ns["made_by"] = mcls.__name__
        return super().__new__(mcls, name, bases, ns)


class Base(metaclass=Meta):
    pass


Child = type("Child", (Base,), {"x": 1})
print(type(Child).__name__, Child.made_by, Child.x, issubclass(Child, Base))


class Shape(abc.ABC):
    @abc.abstractmethod
    def area(self):
        ...


try:
    type("Blob", (Shape,), {})()
except TypeError as e:
    print("TypeError:", e)
Square = type("Square", (Shape,), {"area": lambda self: 4})
print(Square().area(), isinstance(Square(), Shape), type(Square).__name__)


class Other(type):
    pass


class B2(metaclass=Other):
    pass


try:
    type("Both", (Base, B2), {})
except TypeError as e:
    print("TypeError:", e)
