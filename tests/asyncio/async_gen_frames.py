# Async generators run on the awaiting task's frames: their awaits, their own
# yields, their errors and a blocking threading call inside their body
# (which blocks the loop thread) as CPython runs them.
import asyncio
import threading
import time

ready = threading.Event()


def setter():
    time.sleep(0.01)
    ready.set()


async def ticks(n):
    for i in range(n):
        await asyncio.sleep(0)
        yield i
    print("ticks over")


async def waiting():
    threading.Thread(target=setter).start()
    ready.wait()  # blocks the loop thread inside the generator's body
    yield "ready"


async def broken():
    yield 1
    raise KeyError("inside")


async def stops():
    yield 1
    raise StopAsyncIteration


async def echo():
    got = None
    while True:
        got = yield got
        if got == "end":
            return


async def main():
    async for t in ticks(3):
        print("tick", t)
    async for w in waiting():
        print(w)
    try:
        async for b in broken():
            print("b", b)
    except KeyError as e:
        print("caught", e)
    try:
        async for s in stops():
            print("s", s)
    except RuntimeError as e:
        print("runtime", e)
    g = echo()
    print(await g.asend(None))
    print(await g.asend("a"))
    try:
        await g.asend("end")
    except StopAsyncIteration:
        print("echo over")
    print(await anext(ticks(0), "default"))
    async for t in ticks(5):
        if t == 1:
            break
    print([x async for x in ticks(2)])


asyncio.run(main())
