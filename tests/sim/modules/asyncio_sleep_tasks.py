# asyncio.sleep(...) is a coroutine: it can become a task (create_task,
# ensure_future, gather, wait, as_completed, TaskGroup), with its result.
import asyncio


async def main():
    t = asyncio.create_task(asyncio.sleep(0.01, "slept"))
    print(await t, t.done())
    print(await asyncio.gather(asyncio.sleep(0, "a"), asyncio.sleep(0.02, "b"), return_exceptions=True))
    done, pending = await asyncio.wait([asyncio.create_task(asyncio.sleep(0, i)) for i in range(3)])
    print(sorted(x.result() for x in done), len(pending))
    for coro in asyncio.as_completed([asyncio.sleep(0.02, "later"), asyncio.sleep(0.01, "sooner")]):
        print(await coro)
    async with asyncio.TaskGroup() as tg:
        a = tg.create_task(asyncio.sleep(0.01, 1))
        b = tg.create_task(asyncio.sleep(0, 2))
    print(a.result() + b.result())
    f = asyncio.ensure_future(asyncio.sleep(0, "ensured"))
    print(await f)
    long = asyncio.create_task(asyncio.sleep(10))
    await asyncio.sleep(0)
    long.cancel()
    try:
        await long
    except asyncio.CancelledError:
        print("cancelled", long.cancelled())
    print(await asyncio.wait_for(asyncio.sleep(0.01, "in time"), timeout=1))


asyncio.run(main())
