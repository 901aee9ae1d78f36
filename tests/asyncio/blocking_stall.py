# Blocking calls inside coroutines freeze the loop: a time.sleep and a CPU loop
# each show up as one long step while the ticker waits.
import asyncio
import time


async def ticker(n):
    for i in range(n):
        await asyncio.sleep(0.01)
    return n


async def blocker():
    await asyncio.sleep(0.005)
    time.sleep(0.08)  # blocks the loop
    total = 0
    for i in range(200_000):  # CPU work in the loop thread
        total += i
    return total


async def main():
    print(await asyncio.gather(ticker(5), blocker()))


asyncio.run(main())
