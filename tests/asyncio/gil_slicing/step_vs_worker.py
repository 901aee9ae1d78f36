# A coroutine computes in one long step while asyncio.to_thread runs the same
# CPU-bound function on a worker thread. Both need the GIL: after the switch
# interval (5 ms) the waiting thread asks for it, the running one drops it at
# its next eval-breaker check, and the two threads take turns. The loop's
# step therefore lasts the coroutine's own CPU time plus the worker's turns.
import asyncio

N = 300_000


def crunch(n):
    total = 0
    for i in range(n):
        total += i * i % 7
    return total


async def compute(n):
    total = 0
    for i in range(n):
        total += i * i % 7
    return total


async def main():
    worker = asyncio.create_task(asyncio.to_thread(crunch, N))
    await asyncio.sleep(0)  # the worker thread starts
    here = await compute(N)
    there = await worker
    print(here == there, here)


asyncio.run(main())
