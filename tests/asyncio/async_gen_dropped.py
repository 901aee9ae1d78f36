import asyncio


async def numbers():
    try:
        for i in range(10):
            yield i
    finally:
        print("numbers closed")


async def main():
    async for x in numbers():
        if x == 2:
            break
    print("after loop")
    await asyncio.sleep(0)
    print("after sleep")
    g = numbers()
    print(await anext(g))
    del g
    print("dropped")
    await asyncio.sleep(0)
    print("end of main")


asyncio.run(main())
