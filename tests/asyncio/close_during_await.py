import asyncio


class Suspend:
    def __await__(self):
        yield "tick"


def suspend():
    return Suspend()


async def inner():
    try:
        await suspend()
        await suspend()
    finally:
        print("inner finally")


async def outer():
    try:
        await inner()
    finally:
        print("outer finally")


c = outer()
print(c.send(None))
c.close()
print("closed")
d = outer()
d.send(None)
try:
    d.throw(KeyError("k"))
except KeyError as e:
    print("KeyError", e)


def g():
    r = yield from sub()
    print("sub returned", r)
    yield "after"


def sub():
    try:
        yield 1
    except ValueError:
        return "handled"


it = g()
next(it)
print(it.throw(ValueError))


async def main():
    await asyncio.sleep(0)


asyncio.run(main())
print("loop ran")
