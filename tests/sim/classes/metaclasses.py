# Metaclasses (__new__/__init__/__call__/__prepare__, attributes and dunders
# supplied to the class), class keywords, __init_subclass__ and __set_name__.
class Meta(type):
    @classmethod
    def __prepare__(mcls, name, bases, **kw):
        print("prepare", name, kw)
        return {}

    def __new__(mcls, name, bases, ns, **kw):
        print("new", name, sorted(k for k in ns if not k.startswith("__")), kw)
        cls = super().__new__(mcls, name, bases, ns)
        cls._members = [k for k in ns if not k.startswith("_")]
        return cls

    def __init__(cls, name, bases, ns, **kw):
        super().__init__(name, bases, ns)
        print("init", name)

    def __iter__(cls):
        return iter(cls._members)

    def __len__(cls):
        return len(cls._members)

    def __getitem__(cls, k):
        return k * 2

    def __repr__(cls):
        return "<M " + cls.__name__ + ">"

    def __contains__(cls, x):
        return x in cls._members

    def describe(cls):
        return cls.__name__ + " with " + str(len(cls)) + " members"

    @property
    def shout(cls):
        return cls.__name__.upper()


class A(metaclass=Meta, flag=1):
    x = 3
    y = 4

    def m(self):
        return "m"


print(list(A), len(A), A["q"], A, "x" in A, "z" in A, A.describe(), A.shout)
a = A()
print(type(a).__name__, type(A).__name__, isinstance(A, Meta), isinstance(A, type), a.m())


class B(A):
    z = 1


print(list(B), type(B).__name__, B.x, str(B))


class Singleton(type):
    _instances = {}

    def __call__(cls, *args, **kwargs):
        if cls not in cls._instances:
            print("creating", cls.__name__, args)
            cls._instances[cls] = super().__call__(*args, **kwargs)
        return cls._instances[cls]


class Config(metaclass=Singleton):
    def __init__(self, path="app.cfg"):
        self.path = path


c1 = Config("x.cfg")
c2 = Config()
print(c1 is c2, c1.path, type(Config).__name__)

Dyn = Meta("Dyn", (), {"p": 1, "q": 2})
print(list(Dyn), Dyn)


class Plugin:
    registry = []

    def __init_subclass__(cls, name=None, **kw):
        super().__init_subclass__(**kw)
        cls.plugin_name = name or cls.__name__.lower()
        Plugin.registry.append(cls.plugin_name)


class Csv(Plugin, name="csv"):
    pass


class Json(Plugin):
    pass


print(Plugin.registry, Csv.plugin_name, Json.plugin_name)


class Field:
    def __set_name__(self, owner, name):
        self.name = "_" + name
        print("set_name", owner.__name__, name)

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return getattr(obj, self.name, None)

    def __set__(self, obj, value):
        setattr(obj, self.name, value)


class Person:
    age = Field()
    nick = Field()


p = Person()
p.age = 30
print(p.age, p.nick, Person.age.name)

try:
    class Bad(Plugin, colour="red", name="x"):
        pass
except TypeError as e:
    print("TypeError:", e)
try:
    class Bad2(extra=1):
        pass
except TypeError as e:
    print("TypeError:", e)


class M1(type):
    pass


class M2(type):
    pass


class X(metaclass=M1):
    pass


class Y(metaclass=M2):
    pass


try:
    class Z(X, Y):
        pass
except TypeError as e:
    print("TypeError:", e)
Made = type("Made", (Plugin,), {"v": 5})
print(Made.plugin_name, Made.v, Plugin.registry)
