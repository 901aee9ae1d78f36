# family: bytecode
# pitfall: string-concat-in-loop
# pair: concat_join
parts = ""
for i in range(200_000):
    parts = parts + str(i % 10)
print(len(parts), parts[:12])
