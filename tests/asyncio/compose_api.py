# asyncio's composition helpers: TaskGroup, timeout, as_completed, shield.
import asyncio


async def work(name, delay, fail=False):
    await asyncio.sleep(delay)
    if fail:
        raise ValueError(f"{name} failed")
    return name


async def group_ok():
    async with asyncio.TaskGroup() as tg:
        a = tg.create_task(work("a", 0.02))
        b = tg.create_task(work("b", 0.01), name="bee")
    print("group:", a.result(), b.result(), b.get_name())


async def group_error():
    try:
        async with asyncio.TaskGroup() as tg:
            slow = tg.create_task(work("slow", 0.5))
            tg.create_task(work("bad", 0.01, fail=True))
    except ExceptionGroup as eg:
        print("group error:", eg, [repr(e) for e in eg.exceptions])
        print("sibling cancelled:", slow.cancelled())


async def timeouts():
    try:
        async with asyncio.timeout(0.02) as cm:
            await asyncio.sleep(1)
    except TimeoutError:
        print("timed out, expired:", cm.expired())
    async with asyncio.timeout(0.5) as cm:
        await asyncio.sleep(0.01)
    print("in time, expired:", cm.expired())
    try:
        async with asyncio.timeout(None) as cm:
            cm.reschedule(asyncio.get_running_loop().time() + 0.01)
            await asyncio.sleep(1)
    except TimeoutError:
        print("rescheduled timeout fired")


async def completed():
    coros = [work("third", 0.03), work("first", 0.01), work("second", 0.02)]
    for nxt in asyncio.as_completed(coros):
        print("as_completed:", await nxt)
    try:
        for nxt in asyncio.as_completed([work("late", 1.0)], timeout=0.01):
            await nxt
    except TimeoutError:
        print("as_completed timed out")


async def shielded():
    inner = asyncio.create_task(work("inner", 0.03))
    outer = asyncio.shield(inner)
    await asyncio.sleep(0.01)
    outer.cancel()
    try:
        await outer
    except asyncio.CancelledError:
        print("outer cancelled, inner cancelled:", inner.cancelled())
    print("inner result:", await inner)
    try:
        await asyncio.wait_for(asyncio.shield(work("slow", 0.05)), 0.01)
    except TimeoutError:
        print("wait_for timed out around a shield")
    await asyncio.sleep(0.06)


async def main():
    await group_ok()
    await group_error()
    await timeouts()
    await completed()
    await shielded()
    print("tasks left:", len(asyncio.all_tasks()))


asyncio.run(main())
