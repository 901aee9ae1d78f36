# A coroutine called without await never runs; CPython warns when it is freed.
import asyncio


async def save(x):
    print("saving", x)


async def main():
    save(1)  # missing await: nothing is saved
    await save(2)
    print("done")


asyncio.run(main())
