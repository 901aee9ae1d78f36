import sys
class L(list): pass
x = L([1])
x.name = "a"
print(x, x.name, x.__dict__)
class D(dict): pass
d = D(a=1); d.tag = 5; print(d, d.tag, vars(d))
class S(str): pass
s = S("hi"); s.extra = 1; print(s, s.extra)
class I(int): pass
i = I(5); i.unit = "m"; print(i + 1, i.unit)
class T(tuple): pass
t = T((1, 2)); t.meta = 3; print(t, t.meta)
class SL(list):
    __slots__ = ("a",)
sl = SL(); sl.a = 1; print(sl.a)
try:
    sl.b = 2
except AttributeError as e:
    print(e)
print(sys.getsizeof(L()), sys.getsizeof([]), sys.getsizeof(SL()), sys.getsizeof(I(5)), sys.getsizeof(5))
print(sys.getsizeof(D()), sys.getsizeof({}), sys.getsizeof(S("ab")), sys.getsizeof("ab"))
print(hasattr(L(), "__dict__"), hasattr([], "__dict__"))
class F(float): pass
f = F(1.5); f.x = 2; print(f, f.x, f.__dict__)
class E(Exception): pass
e = E("m"); e.note = 1; print(e.note, e.__dict__)
class Tagged(list):
    __slots__ = ("tag", "__dict__")
t = Tagged([1]); t.tag = "x"; t.other = 2
print(t.tag, t.other, vars(t))
del t.other
print(hasattr(t, "other"))
class Cyc(dict): pass
c = Cyc(); c.me = c
import gc
del c
print(gc.collect() >= 1)
class Prop(str):
    @property
    def shout(self): return self.upper()
    @shout.setter
    def shout(self, v): self.said = v
p = Prop("a"); p.shout = "B"; print(p.shout, p.said)
