# Awaited coroutines run on the awaiting task's frame stack: their values,
# their exceptions (caught a level up, StopIteration turned into
# RuntimeError) and a RecursionError from awaiting too deep come back to the
# awaiting coroutine as CPython gives them.
import asyncio


async def leaf(n):
    await asyncio.sleep(0)
    if n == 0:
        raise ValueError("deep")
    return n


async def middle(n):
    try:
        return await leaf(n)
    except KeyError:
        return -1


async def stopper():
    raise StopIteration


async def deep(n):
    if n == 0:
        return 0
    return 1 + await deep(n - 1)


async def main():
    print(await middle(3))
    try:
        await middle(0)
    except ValueError as e:
        print("caught", e)
    try:
        await stopper()
    except RuntimeError as e:
        print("runtime", e)
    print(await deep(50))
    try:
        await deep(2000)
    except RecursionError as e:
        print("recursion", type(e).__name__)


asyncio.run(main())
