# The coroutine of step_vs_worker.py with no worker thread beside it: its one
# long step is its own CPU time (the reference the contended step is
# compared with).
import asyncio

N = 300_000


async def compute(n):
    total = 0
    for i in range(n):
        total += i * i % 7
    return total


async def main():
    here = await compute(N)
    print(here)


asyncio.run(main())
