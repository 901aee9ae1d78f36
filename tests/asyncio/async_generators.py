import asyncio

async def ticker(n):
    try:
        for i in range(n):
            yield i
            await asyncio.sleep(0)
    finally:
        print("ticker closed")

async def main():
    async for x in ticker(3):
        print("got", x)
    print([x async for x in ticker(2)])
    g = ticker(5)
    print(await anext(g), await g.asend(None))
    await g.aclose()
    print(await anext(g, "dflt"))

asyncio.run(main())
