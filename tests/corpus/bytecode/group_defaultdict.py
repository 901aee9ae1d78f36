# family: bytecode
# pitfall: none
# pair: none
from collections import defaultdict

groups = defaultdict(list)
for i in range(400_000):
    groups[i % 97].append(i)
sizes = sorted(len(v) for v in groups.values())
print(len(groups), sizes[0], sizes[-1])
