# async for / async with on objects implementing the protocols, driven by send(None).
class Ticker:
    def __init__(self, n):
        self.n = n
        self.i = 0
    def __aiter__(self):
        return self
    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        return self.i * 10

class Resource:
    def __init__(self, name):
        self.name = name
    async def __aenter__(self):
        print("enter", self.name)
        return self
    async def __aexit__(self, exc_type, exc, tb):
        print("exit", self.name, exc_type.__name__ if exc_type else None)
        return exc_type is KeyError

async def find(limit):
    async for v in Ticker(10):
        if v > limit:
            return v
    return None

async def main():
    total = 0
    async for v in Ticker(3):
        total += v
    else:
        print("loop done", total)
    async for v in Ticker(5):
        if v == 30:
            break
        print("v", v)
    async with Resource("a") as r, Resource("b"):
        print("inside", r.name)
    async with Resource("c"):
        raise KeyError("swallowed")
    try:
        async with Resource("d"):
            raise ValueError("boom")
    except ValueError as e:
        print("caught", e)
    print("find", await find(25))
    return total

coro = main()
try:
    coro.send(None)
except StopIteration as e:
    print("result", e.value)
try:
    class NotAsync:
        pass
    async def bad():
        async for _ in NotAsync():
            pass
    bad().send(None)
except TypeError as e:
    print("TypeError:", e)
