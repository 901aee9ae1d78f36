import asyncio
import time

async def ticker():
    for _ in range(5):
        await asyncio.sleep(0.01)

async def blocker():
    await asyncio.sleep(0.005)
    time.sleep(0.2)

async def main():
    await asyncio.gather(ticker(), blocker())

asyncio.run(main())
print("done")
