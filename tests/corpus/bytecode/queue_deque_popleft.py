# family: bytecode
# pitfall: none
# pair: queue_list_pop0
from collections import deque

pending = deque(range(50_000))
done = 0
while pending:
    job = pending.popleft()
    done += job & 1
print(done)
