# family: misc
# pitfall: none
# pair: none
import json

records = [{"id": i, "name": "user%d" % i, "tags": ["a", "b"], "score": i / 7} for i in range(5_000)]
for _ in range(3):
    text = json.dumps(records)
    back = json.loads(text)
print(len(text), back[-1]["name"])
