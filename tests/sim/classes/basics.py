# classes: inheritance, super(), properties, static/class methods, dunders, __slots__
class Animal:
    kind = "animal"
    def __init__(self, name):
        self.name = name
    def speak(self):
        return f"{self.name} makes a sound"
    def __repr__(self):
        return f"{type(self).__name__}({self.name!r})"
class Dog(Animal):
    def __init__(self, name, tricks=()):
        super().__init__(name)
        self.tricks = list(tricks)
    def speak(self):
        return super().speak() + " (woof)"
d = Dog("Rex", ["sit"])
print(d, d.speak(), d.kind, isinstance(d, Animal), issubclass(Dog, Animal), type(d).__name__)
class Vec:
    __slots__ = ("x", "y")
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __add__(self, o):
        return Vec(self.x + o.x, self.y + o.y)
    def __eq__(self, o):
        return isinstance(o, Vec) and (self.x, self.y) == (o.x, o.y)
    def __hash__(self):
        return hash((self.x, self.y))
    def __lt__(self, o):
        return (self.x, self.y) < (o.x, o.y)
    def __len__(self):
        return 2
    def __iter__(self):
        yield self.x
        yield self.y
    def __repr__(self):
        return f"Vec({self.x}, {self.y})"
v = Vec(1, 2) + Vec(3, 4)
print(v, v == Vec(4, 6), len(v), list(v), sorted([Vec(2, 0), Vec(1, 5)]), {Vec(1, 1): "a"}[Vec(1, 1)])
try:
    v.z = 3
except AttributeError as e:
    print("AttributeError:", e)
class Temp:
    def __init__(self):
        self._c = 0
    @property
    def c(self):
        return self._c
    @c.setter
    def c(self, v):
        self._c = v * 2
    @staticmethod
    def unit():
        return "C"
    @classmethod
    def make(cls):
        return cls()
t = Temp.make(); t.c = 5; print(t.c, Temp.unit(), t.unit())
class A:
    def who(self): return "A"
class B(A):
    def who(self): return "B" + super().who()
class C(A):
    def who(self): return "C" + super().who()
class D(B, C):
    def who(self): return "D" + super().who()
print(D().who(), [k.__name__ for k in D.__mro__])
class Box:
    def __init__(self, items): self.items = items
    def __getitem__(self, i): return self.items[i]
    def __contains__(self, x): return x in self.items
    def __call__(self, k): return k * 2
    def __str__(self): return "Box!"
    def __bool__(self): return bool(self.items)
b = Box([1, 2, 3])
print(b[0], 2 in b, b(21), str(b), bool(Box([])), [x for x in b])
class Ctx:
    def __enter__(self):
        print("enter"); return self
    def __exit__(self, et, ev, tb):
        print("exit", et.__name__ if et else None); return True
with Ctx() as cx:
    raise ValueError("boom")
print("after with")
