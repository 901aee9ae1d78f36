# family: bytecode
# pitfall: string-concat-in-loop
# pair: concat_plus
pieces = []
for i in range(200_000):
    pieces.append(str(i % 10))
parts = "".join(pieces)
print(len(parts), parts[:12])
