# family: bytecode
# pitfall: none
# pair: none
f = 1
for k in range(2, 25_000):
    f *= k
digits = f.bit_length()
print(digits, f % 1_000_003)
