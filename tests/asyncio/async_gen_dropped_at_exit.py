import asyncio


async def gen():
    try:
        yield 1
        yield 2
    finally:
        print("gen finally")


async def main():
    try:
        async for v in gen():
            raise KeyError(v)
    except KeyError as e:
        print("KeyError", e)
    print("main end")


asyncio.run(main())
print("after")
