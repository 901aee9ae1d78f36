# family: asyncio
# pitfall: gathering 40 requests at once opens 40 connections; an asyncio.Semaphore
# caps the concurrency (here 5), trading a little time for politeness.
import asyncio
import time

active = 0
peak = 0


async def fetch(url, sem):
    global active, peak
    async with sem:
        active += 1
        peak = max(peak, active)
        await asyncio.sleep(0.02)
        active -= 1
        return len(url)


async def crawl(urls, limit):
    global peak
    peak = 0
    sem = asyncio.Semaphore(limit)
    t0 = time.perf_counter()
    sizes = await asyncio.gather(*(fetch(u, sem) for u in urls))
    return sum(sizes), peak, time.perf_counter() - t0


async def main():
    urls = [f"https://example.com/page/{i}" for i in range(40)]
    total, p, t = await crawl(urls, 40)
    print("unlimited: bytes", total, "peak", p, "one round (under 0.05 s):", t < 0.05)
    total, p, t = await crawl(urls, 5)
    print("limited:   bytes", total, "peak", p, "eight rounds (0.15-0.3 s):", 0.15 < t < 0.3)
    sem = asyncio.Semaphore(1)
    print("locked after acquire:", await sem.acquire(), sem.locked())
    sem.release()


asyncio.run(main())
