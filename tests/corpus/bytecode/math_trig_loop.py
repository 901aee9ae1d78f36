# family: bytecode
# pitfall: none
# pair: none
import math

x = y = 0.0
for i in range(120_000):
    a = i * 0.001
    x += math.cos(a) * 2.0
    y += math.sin(a) / (1.0 + a)
print(round(math.hypot(x, y), 6))
