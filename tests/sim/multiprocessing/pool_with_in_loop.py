# A Pool's `with` block inside a loop: leaving it terminates the pool and
# waits for its handler threads, a blocking call whose value the `with`
# statement drops; the loop's iterator below it on the stack must survive.
import multiprocessing as mp


def double(x):
    return x * 2


total = 0
for i in range(3):
    with mp.Pool(2) as p:
        total += sum(p.map(double, range(10)))
    total += i
print(total)
