# gather(return_exceptions=True), wait_for timeouts, cancellation and sleep(0).
import asyncio


async def ok(x):
    await asyncio.sleep(0.01)
    return x


async def fail():
    await asyncio.sleep(0.01)
    raise KeyError("missing")


async def slow():
    await asyncio.sleep(1)
    return "slow"


async def spin(n):
    for _ in range(n):
        await asyncio.sleep(0)
    return n


async def main():
    print(await asyncio.gather(ok(1), fail(), ok(3), return_exceptions=True))
    try:
        await asyncio.gather(ok(1), fail())
    except KeyError as e:
        print("gather raised", repr(e))
    try:
        await asyncio.wait_for(slow(), timeout=0.05)
    except asyncio.TimeoutError:
        print("timed out")
    print(await asyncio.wait_for(ok(7), timeout=1))
    t = asyncio.create_task(slow())
    await asyncio.sleep(0.01)
    print("cancel:", t.cancel())
    try:
        await t
    except asyncio.CancelledError:
        print("cancelled:", t.cancelled())
    print(await spin(5))


asyncio.run(main())
