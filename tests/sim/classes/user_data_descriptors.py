# Descriptors written in Python: a data descriptor (__set__ / __delete__)
# wins over the instance dict, a non-data one (__get__ only) loses to it;
# class access calls __get__(None, cls); `obj.__dict__ = {...}` replaces the
# dict; property deleters; classmethod/staticmethod __func__.


class Typed:
    def __init__(self, kind):
        self.kind = kind

    def __set_name__(self, owner, name):
        self.name = "_" + name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return f"descriptor for {self.name} on {objtype.__name__}"
        return getattr(obj, self.name)

    def __set__(self, obj, value):
        if not isinstance(value, self.kind):
            raise TypeError(f"{self.name[1:]} must be {self.kind.__name__}")
        setattr(obj, self.name, value)

    def __delete__(self, obj):
        print("deleting", self.name)
        delattr(obj, self.name)


class Point:
    x = Typed(int)
    y = Typed(int)

    def __init__(self, x, y):
        self.x = x
        self.y = y


p = Point(1, 2)
p.__dict__["x"] = 100
print(p.x, p.y, Point.x)
try:
    p.y = "s"
except TypeError as e:
    print("error:", e)
print(sorted(vars(p)))
del p.x
print(sorted(vars(p)))


class ReadOnly:
    def __get__(self, obj, objtype=None):
        return 7

    def __set__(self, obj, value):
        raise AttributeError("read-only")


class Holder:
    value = ReadOnly()


h = Holder()
h.__dict__["value"] = 1
print(h.value)
try:
    h.value = 2
except AttributeError as e:
    print("error:", e)
try:
    del h.value
except AttributeError as e:
    print("error:", e)


class NonData:
    def __get__(self, obj, objtype=None):
        return "from descriptor"


class C:
    attr = NonData()


c = C()
print(c.attr, C.attr)
c.__dict__["attr"] = "from instance"
print(c.attr)


class Bag:
    pass


b = Bag()
b.a = 1
b.__dict__ = {"x": 5, "y": 6}
print(b.x, b.y, hasattr(b, "a"), vars(b))
b.__dict__["z"] = 9
print(b.z)
try:
    b.__dict__ = [1]
except TypeError as e:
    print("error:", e)


class Temp:
    def __init__(self):
        self._c = 1

    @property
    def c(self):
        return self._c

    @c.deleter
    def c(self):
        print("deleter runs")
        del self._c

    @property
    def fixed(self):
        return 0


t = Temp()
del t.c
print(hasattr(t, "_c"))
try:
    del t.fixed
except AttributeError as e:
    print("error:", e)


class A:
    @classmethod
    def make(cls):
        return cls()

    @staticmethod
    def helper(x):
        return x * 2


print(A.__dict__["make"].__func__.__name__, A.__dict__["helper"].__func__(4))


def chained():
    try:
        {}["k"]
    except KeyError as e:
        raise ValueError("missing") from e


try:
    chained()
except ValueError as e:
    print(repr(e.__cause__), e.__suppress_context__)
try:
    try:
        1 / 0
    except ZeroDivisionError:
        int("x")
except ValueError as e:
    print(repr(e.__context__), e.__suppress_context__)
