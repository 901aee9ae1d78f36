# family: bytecode
# pitfall: manual-list-comprehension
# pair: filter_loop_append
def odd_cubes(n):
    return [i * i * i for i in range(n) if i % 3 == 1]


for _ in range(4):
    r = odd_cubes(100_000)
print(len(r), r[-1])
