# family: gil
# pitfall: sequential-blocking-io
# pair: none
# expect: ThreadPoolExecutor.map over 12 blocking 20 ms waits with 4 workers runs them in three waves: about 60 ms instead of 240 ms
import time
from concurrent.futures import ThreadPoolExecutor


def fetch(i):
    time.sleep(0.02)  # stands in for a blocking network call
    return i * 3


with ThreadPoolExecutor(max_workers=4) as pool:
    results = list(pool.map(fetch, range(12)))
print("fetched:", len(results), "sum:", sum(results))
