# An async generator left suspended when asyncio.run ends is closed by
# shutdown_asyncgens; the error its clean-up raises goes to the loop's
# exception handler (logged on stderr). The loop's registry of async
# generators is a WeakSet: it adds no reference (sys.getrefcount).
import asyncio
import sys


async def numbers():
    try:
        for i in range(3):
            yield i
    finally:
        print("cleanup")
        raise ValueError("cleanup failed")


async def main():
    gen = numbers()
    print(await gen.__anext__())
    print("refs", sys.getrefcount(gen))
    global keep
    keep = gen


asyncio.run(main())
print("done")
