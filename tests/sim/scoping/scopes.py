# LEGB name resolution, class bodies, comprehension scopes, UnboundLocalError
x = "global"
def f():
    print(x)
f()
def g():
    x = "local"
    def h():
        return x
    return h()
print(g())
class K:
    x = "class"
    y = [x for _ in range(1)]
    def m(self):
        return x
print(K.x, K.y, K().m())
def unbound():
    try:
        print(z)
        z = 1
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)
unbound()
def make():
    fs = []
    for i in range(3):
        fs.append(lambda: i)
    return [fn() for fn in fs]
print(make())
i = 100
print([i for i in range(3)], i)
total = 0
def add(n):
    global total
    total += n
add(5); add(6); print(total)
def walrus(data):
    if (n := len(data)) > 2:
        return n
    return -1
print(walrus([1, 2, 3]), [y for v in range(5) if (y := v * 2) > 4])
def outer():
    count = 0
    def bump():
        nonlocal count
        count += 1
    for _ in range(4):
        bump()
    return count
print(outer())
del x
try:
    print(x)
except NameError as e:
    print("NameError:", e)
