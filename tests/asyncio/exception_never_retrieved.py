# A task that fails while nobody awaits it: the error surfaces only as a log
# line when the task is freed.
import asyncio


async def boom():
    await asyncio.sleep(0.01)
    raise ValueError("bad input")


async def main():
    asyncio.create_task(boom())  # fire and forget
    await asyncio.sleep(0.05)
    print("main finished")


asyncio.run(main())
