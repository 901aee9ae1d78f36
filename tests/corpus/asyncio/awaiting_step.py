# family: asyncio
# pitfall: blocking-call-in-async
# pair: blocking_step
import asyncio


async def tick(name, n):
    for _ in range(n):
        await asyncio.sleep(0.01)
    return name


async def stall():
    await asyncio.sleep(0.15)
    return "stall"


async def main():
    print(await asyncio.gather(tick("a", 5), stall(), tick("b", 3)))


asyncio.run(main())
