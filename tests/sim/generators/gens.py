# generators: yield, yield from, send, generator expressions, laziness
def countdown(n):
    while n > 0:
        yield n
        n -= 1
print(list(countdown(3)), sum(countdown(100)))
def chain(*its):
    for it in its:
        yield from it
print(list(chain([1, 2], "ab", range(2))))
def acc():
    total = 0
    while True:
        x = yield total
        if x is None:
            break
        total += x
g = acc(); next(g); print(g.send(5), g.send(10))
def inner():
    yield 1
    return "done"
def outer():
    r = yield from inner()
    yield r
print(list(outer()))
squares = (x * x for x in range(5))
print(next(squares), next(squares), list(squares), list(squares))
def lazy():
    print("start")
    yield 1
    print("end")
it = lazy(); print("created"); print(next(it)); print(next(it, "default"))
print(max(x % 7 for x in range(20)), any(x > 3 for x in [1, 5]), sorted(x for x in "cab"))
def fibs():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
out = []
for v in fibs():
    if v > 50:
        break
    out.append(v)
print(out)
