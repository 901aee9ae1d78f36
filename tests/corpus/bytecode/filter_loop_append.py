# family: bytecode
# pitfall: manual-list-comprehension
# pair: filter_comprehension
def odd_cubes(n):
    out = []
    for i in range(n):
        if i % 3 == 1:
            out.append(i * i * i)
    return out


for _ in range(4):
    r = odd_cubes(100_000)
print(len(r), r[-1])
