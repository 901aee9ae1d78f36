import asyncio


async def slow_gen():
    try:
        yield 1
        await asyncio.sleep(0.01)
        yield 2
    finally:
        print("slow_gen finally")


async def consumer(g):
    async for v in g:
        print("consumed", v)


async def main():
    g = slow_gen()
    t = asyncio.create_task(consumer(g))
    await asyncio.sleep(0.005)
    try:
        await g.aclose()
    except RuntimeError as e:
        print("RuntimeError:", e)
    try:
        await g.asend(None)
    except RuntimeError as e:
        print("RuntimeError:", e)
    await t
    try:
        async for v in slow_gen():
            raise KeyError(v)
    except KeyError as e:
        print("KeyError", e)
    agen = slow_gen()
    it = aiter(agen)
    print(it is agen, type(agen).__name__, type(anext(agen)).__name__)


asyncio.run(main())
