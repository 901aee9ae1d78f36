# run_in_executor with the default executor (threads named asyncio_N) and an
# explicit one; asyncio.to_thread with keyword arguments and an exception.
import asyncio, concurrent.futures, threading
def where(x):
    return threading.current_thread().name, x * 2
async def main():
    loop = asyncio.get_running_loop()
    print(await loop.run_in_executor(None, where, 1))
    print(await asyncio.to_thread(where, x=2))
    ex = concurrent.futures.ThreadPoolExecutor(2, thread_name_prefix='pool')
    print(await loop.run_in_executor(ex, where, 3))
    ex.shutdown(wait=False)
    try:
        await asyncio.to_thread(int, 'x')
    except ValueError as e:
        print('error:', e)
asyncio.run(main())
print(threading.active_count())
