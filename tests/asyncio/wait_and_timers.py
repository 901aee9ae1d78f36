# asyncio.wait (FIRST_COMPLETED, timeout), loop.call_later handles and cancel().
import asyncio


async def job(d, x):
    await asyncio.sleep(d)
    return x


async def main():
    loop = asyncio.get_running_loop()
    fired = []
    h1 = loop.call_later(0.01, fired.append, "a")
    h2 = loop.call_later(0.02, fired.append, "b")
    h2.cancel()
    tasks = [asyncio.create_task(job(d, x)) for d, x in ((0.03, "fast"), (0.2, "slow"))]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    print(sorted(t.result() for t in done), len(pending), fired)
    done, pending = await asyncio.wait(pending, timeout=0.05)
    print(len(done), len(pending))
    done, pending = await asyncio.wait(pending)
    print(sorted(t.result() for t in done), len(pending), h1.cancelled(), h2.cancelled())


asyncio.run(main())
