import asyncio

async def inner():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("inner saw cancel")
        raise
    finally:
        print("inner finally")

async def outer():
    try:
        await inner()
    finally:
        print("outer finally")

async def stream():
    try:
        for i in range(10):
            yield i
            await asyncio.sleep(0)
    except ValueError as e:
        print("stream got", repr(e))
        yield -1
    finally:
        print("stream finally")

async def stubborn():
    try:
        yield 1
    finally:
        yield 2

async def main():
    t = asyncio.create_task(outer())
    await asyncio.sleep(0)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("outer cancelled")
    g = stream()
    print(await g.__anext__())
    print(await g.athrow(ValueError("boom")))
    await g.aclose()
    try:
        await g.__anext__()
    except StopAsyncIteration:
        print("exhausted")
    s = stubborn()
    await anext(s)
    try:
        await s.aclose()
    except RuntimeError as e:
        print("RuntimeError:", e)
    print([v async for v in stream() if v % 3 == 0][:2])
    left = stream()
    print(await anext(left), await anext(left))

    print("main done")

asyncio.run(main())
print("after run")
