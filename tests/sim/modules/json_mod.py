# json: dumps/loads with CPython's text.
import json
data = {"name": "Ada", "age": 36, "langs": ["en", "fr"], "ok": True, "none": None, "pi": 3.14159, "big": 2 ** 70}
print(json.dumps(data))
print(json.dumps(data, indent=2, sort_keys=True))
print(json.dumps([1, [2, [3, {}]], []], indent=4))
print(json.dumps({"a": 1, "b": [1, 2]}, separators=(",", ":")))
print(json.dumps("caf\u00e9 \u2603 \U0001f600 \"q\" \\ \n\t"), json.dumps("caf\u00e9", ensure_ascii=False))
print(json.dumps({1: "int", 2.5: "float", True: "bool", None: "none"}))
print(json.dumps([float("inf"), float("nan"), -0.0, 1e100, 0.1]))
print(json.dumps((1, 2)), json.dumps(1.0), json.dumps(10 ** 20))
s = '{"a": [1, 2.5, "x", true, false, null], "b": {"c": -3e2}, "u": "\\u00e9\\ud83d\\ude00"}'
obj = json.loads(s)
print(obj, type(obj["b"]["c"]).__name__)
print(json.loads("[]"), json.loads(" 12 "), json.loads('"\\n"'), json.loads("123456789012345678901234567890"))
print(json.loads(json.dumps(data)) == data)
for bad in ["", "[1,]", "{'a': 1}", "[1] x", '{"a" 1}', "tru"]:
    try:
        json.loads(bad)
    except json.JSONDecodeError as e:
        print("JSONDecodeError:", e)
try:
    json.dumps({"s": {1, 2}})
except TypeError as e:
    print("TypeError:", e)
loop = []
loop.append(loop)
try:
    json.dumps(loop)
except ValueError as e:
    print("ValueError:", e)
print(json.dumps({"when": object}, default=lambda o: "obj"))
