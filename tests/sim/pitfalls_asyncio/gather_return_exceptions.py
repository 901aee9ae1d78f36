# family: asyncio
# pitfall: one failing coroutine makes gather raise at once and the others' results
# are lost to the caller; return_exceptions=True collects errors as values.
import asyncio
import time


async def fetch(i):
    await asyncio.sleep(0.01 * i)
    if i % 3 == 0:
        raise ValueError(f"bad item {i}")
    return i * i


async def main():
    try:
        await asyncio.gather(*(fetch(i) for i in range(1, 7)))
    except ValueError as e:
        print("gather raised:", e)
    t0 = time.perf_counter()
    results = await asyncio.gather(*(fetch(i) for i in range(1, 7)), return_exceptions=True)
    print("as long as the slowest (0.06 s), not the sum:", 0.06 <= time.perf_counter() - t0 < 0.2)
    for i, r in enumerate(results, 1):
        kind = "error" if isinstance(r, Exception) else "ok"
        print(f"  {i}: {kind} {r!r}")
    good = [r for r in results if not isinstance(r, BaseException)]
    print("good:", good, "| errors:", len(results) - len(good))
    print("tasks left:", len(asyncio.all_tasks()) - 1)


asyncio.run(main())
