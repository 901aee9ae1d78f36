# family: asyncio
# pitfall: a blocking call (time.sleep, a CPU-heavy function) inside a coroutine
# stalls the loop; run_in_executor moves it to a thread. as_completed yields
# results in finishing order, not submission order.
import asyncio
import time
from concurrent.futures import ThreadPoolExecutor


def blocking_io(n):
    time.sleep(0.02 * n)
    return n


async def ticker(stop, ticks):
    while not stop.is_set():
        ticks.append(time.perf_counter())
        await asyncio.sleep(0.01)


async def main():
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    ticks = []
    tick_task = asyncio.create_task(ticker(stop, ticks))
    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=4) as pool:
        futs = [loop.run_in_executor(pool, blocking_io, n) for n in (4, 1, 3, 2)]
        order = []
        for fut in asyncio.as_completed(futs):
            order.append(await fut)
    print("completion order:", order)
    print("elapsed about 0.08 s:", 0.075 < time.perf_counter() - t0 < 0.2)
    print("loop kept ticking:", len(ticks) >= 5)
    stop.set()
    await tick_task
    ticks.clear()
    t0 = time.perf_counter()
    tick_task = asyncio.create_task(ticker(stop := asyncio.Event(), ticks))
    await asyncio.sleep(0)
    blocking_io(3)                        # blocks the loop: no ticks meanwhile
    print("ticks during a blocking call:", len(ticks))
    stop.set()
    await tick_task
    r = await asyncio.to_thread(blocking_io, 1)
    print("to_thread:", r)


asyncio.run(main())
