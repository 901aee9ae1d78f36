# A heartbeat task ticks every 10 ms while a CPU-bound function runs in a
# worker thread (asyncio.to_thread). The worker and the event loop's thread
# share the GIL: while the worker computes, each heartbeat wakes up late,
# because the loop thread must first wait for the worker to drop the GIL.
import asyncio

TICK = 0.01
ticks = []        # (worker running?, how late the tick woke up, in seconds)
working = False
span = []         # when the worker was started and when its result came back


def crunch(n):
    total = 0
    for i in range(n):
        total += i * i % 7
    return total


async def heartbeat(stop):
    loop = asyncio.get_running_loop()
    while not stop.is_set():
        t0 = loop.time()
        await asyncio.sleep(TICK)
        ticks.append((working, loop.time() - t0 - TICK))


async def main():
    global working
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    beat = asyncio.create_task(heartbeat(stop), name="heartbeat")
    await asyncio.sleep(0.1)
    working = True
    span.append(loop.time())
    result = await asyncio.to_thread(crunch, 3_000_000)
    span.append(loop.time())
    working = False
    await asyncio.sleep(0.1)
    stop.set()
    await beat
    print("crunch:", result)


asyncio.run(main())
