# family: asyncio
# pitfall: an await without a timeout can hang forever; wait_for cancels the slow
# operation (its finally still runs) and raises TimeoutError.
import asyncio
import time

log = []


async def slow_query(name, delay):
    try:
        await asyncio.sleep(delay)
        return f"{name} done"
    except asyncio.CancelledError:
        log.append(f"{name} cancelled")
        raise
    finally:
        log.append(f"{name} cleanup")


async def main():
    t0 = time.perf_counter()
    print(await asyncio.wait_for(slow_query("fast", 0.02), timeout=0.5))
    try:
        await asyncio.wait_for(slow_query("slow", 1.0), timeout=0.05)
    except asyncio.TimeoutError:
        print("timed out after about", round(time.perf_counter() - t0, 2), "s")
    print("TimeoutError is the builtin:", asyncio.TimeoutError is TimeoutError)
    task = asyncio.create_task(slow_query("shielded", 0.1))
    try:
        await asyncio.wait_for(asyncio.shield(task), timeout=0.03)
    except TimeoutError:
        print("shield: wait_for gave up, task still running:", not task.done())
    print(await task)
    done, pending = await asyncio.wait(
        [asyncio.create_task(slow_query(f"w{i}", 0.02 * i)) for i in range(1, 5)], timeout=0.05)
    print("wait: done", len(done), "pending", len(pending))
    for p in pending:
        p.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    print("log:", log)


asyncio.run(main())
