# Attribute loads and stores at one instruction, run again after what they
# found has changed: each change must be seen at once (the simulator keeps
# per-instruction caches of attribute lookups).


class Point:
    scale = 2

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm(self):
        return self.x + self.y


def read_x(p):
    return p.x


def read_scale(p):
    return p.scale


def call_norm(p):
    return p.norm()


def store_x(p, v):
    p.x = v


def class_scale():
    return Point.scale


p = Point(1, 2)
q = Point(10, 20)
for _ in range(50):
    read_x(p)
    read_scale(p)
    call_norm(p)
    store_x(q, 10)
    class_scale()

# a class attribute changed after the cache warmed
Point.scale = 3
print("class attr changed:", read_scale(p), class_scale())

# the instance dict gains a shadowing attribute
p.scale = 7
print("instance shadows class attr:", read_scale(p), read_scale(q))
del p.scale
print("shadow deleted:", read_scale(p))

# an instance attribute shadowing a method
p.norm = lambda: "instance callable"
print("method shadowed:", call_norm(p), call_norm(q))
del p.norm
print("method back:", call_norm(p))

# the method replaced on the class
Point.norm = lambda self: self.x * self.y
print("method replaced:", call_norm(p), call_norm(q))

# attributes in another order: the same instruction, another dict layout
r = Point.__new__(Point)
r.y = 5
r.x = 6
print("other order:", read_x(r), read_x(p))

# an attribute deleted, then read: AttributeError as before
del q.x
try:
    read_x(q)
except AttributeError as e:
    print("deleted:", e)
store_x(q, 11)
print("stored again:", read_x(q))

# a property added to the class later wins over the instance dict
Point.x = property(lambda self: "property x")
print("property added:", read_x(p), read_x(q))
try:
    store_x(p, 5)
except AttributeError:
    print("property without setter: AttributeError")
del Point.x
print("property removed:", read_x(p))


# __class__ assignment
class Other:
    scale = "other scale"

    def __init__(self):
        self.x = "other x"

    def norm(self):
        return "other norm"


o = Point(3, 4)
for _ in range(20):
    read_x(o)
    read_scale(o)
    call_norm(o)
o.__class__ = Other
print("__class__ assigned:", read_x(o), read_scale(o), call_norm(o), type(o).__name__)
o.__class__ = Point
print("__class__ assigned back:", read_x(o), read_scale(o), call_norm(o))
try:
    o.__class__ = int
except TypeError as e:
    print("refused:", e)

# __getattr__ only runs for missing attributes
class Lazy:
    def __init__(self):
        self.x = "real x"

    def __getattr__(self, name):
        return "computed " + name


lz = Lazy()
for _ in range(20):
    read_x(lz)
print("__getattr__ class:", read_x(lz), read_scale(lz))
del lz.x
print("__getattr__ after delete:", read_x(lz))


class WithSlots:
    __slots__ = ("x", "y")

    def __init__(self):
        self.x = "slot x"
        self.y = 0


ws = WithSlots()
for _ in range(20):
    read_x(ws)
    store_x(ws, "slot stored")
print("slots:", read_x(ws))


def read_slot_y(obj):
    return obj.y


def store_slot_y(obj, v):
    obj.y = v


for i in range(20):
    store_slot_y(ws, i)
    read_slot_y(ws)
del ws.y
try:
    read_slot_y(ws)
except AttributeError as e:
    print("slot deleted:", e)
store_slot_y(ws, "set again")
print("slot set again:", read_slot_y(ws))
WithSlots.y = property(lambda self: "property over slot")
print("property replaces slot member:", read_slot_y(ws))


class Setter:
    def __init__(self):
        self.x = 0

    def __setattr__(self, name, value):
        object.__setattr__(self, name, ("set", value))


st = Setter()
for i in range(20):
    store_x(st, i)
print("__setattr__:", st.x)


# static and class methods read from the class
class Tools:
    @staticmethod
    def s():
        return "static"

    @classmethod
    def c(cls):
        return cls.__name__


def tool_calls():
    return Tools.s(), Tools.c()


for _ in range(20):
    tool_calls()
Tools.s = staticmethod(lambda: "static replaced")
print("class-level methods:", tool_calls())

# a list method cached, then a subclass receiver at the same instruction
def add(lst, v):
    lst.append(v)


class MyList(list):
    def append(self, v):
        super().append(v * 100)


a = []
for i in range(20):
    add(a, i)
m = MyList()
add(m, 1)
print("subclass method:", len(a), m)
