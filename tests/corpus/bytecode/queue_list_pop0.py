# family: bytecode
# pitfall: none
# pair: queue_deque_popleft
pending = list(range(50_000))
done = 0
while pending:
    job = pending.pop(0)
    done += job & 1
print(done)
