# family: bytecode
# pitfall: attribute-lookup-in-hot-loop
# pair: math_local_alias
import math


def norms(n):
    acc = 0.0
    for i in range(n):
        acc += math.sqrt(i) + math.floor(i / 3)
    return acc


print(round(norms(300_000), 3))
