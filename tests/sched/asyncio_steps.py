"""Counts asyncio event-loop steps (Handle._run calls) for common program shapes
on the running CPython, the way the truth harness does (wrapping
asyncio.events.Handle._run). Writes JSON to stdout. The scheduler's event-loop
tests (tests/engine/sched_event_loop_test.cpp) replay the same shapes and must
produce the same counts.

Usage: python3 asyncio_steps.py > asyncio_steps-3.11.json
"""
import asyncio
import asyncio.events
import json
import sys

count = [0]
_orig = asyncio.events.Handle._run


def _run(self):
    count[0] += 1
    return _orig(self)


asyncio.events.Handle._run = _run


def measure(make_main):
    count[0] = 0
    asyncio.run(make_main())
    return count[0]


def gather_sleepers(n, k, d):
    async def worker():
        for _ in range(k):
            await asyncio.sleep(d)

    async def main():
        await asyncio.gather(*(worker() for _ in range(n)))
    return main


def create_tasks_then_await(n, k, d):
    async def worker():
        for _ in range(k):
            await asyncio.sleep(d)

    async def main():
        tasks = [asyncio.create_task(worker()) for _ in range(n)]
        for t in tasks:
            await t
    return main


def main_only(k, d):
    async def main():
        for _ in range(k):
            await asyncio.sleep(d)
    return main


shapes = []
for n, k, d in [(1, 1, 0.01), (1, 3, 0.01), (3, 2, 0.01), (10, 5, 0.001), (4, 3, 0.0),
                (2, 0, 0.01), (5, 1, 0.0)]:
    shapes.append({"shape": "gather", "tasks": n, "sleeps": k, "delay_s": d,
                   "steps": measure(gather_sleepers(n, k, d))})
for n, k, d in [(1, 1, 0.01), (3, 2, 0.01), (4, 3, 0.0)]:
    shapes.append({"shape": "create_task_await", "tasks": n, "sleeps": k, "delay_s": d,
                   "steps": measure(create_tasks_then_await(n, k, d))})
for k, d in [(0, 0.01), (1, 0.01), (5, 0.01), (5, 0.0)]:
    shapes.append({"shape": "main_only", "tasks": 0, "sleeps": k, "delay_s": d,
                   "steps": measure(main_only(k, d))})
json.dump({"python": sys.version.split()[0], "shapes": shapes}, sys.stdout, indent=1)
print()
