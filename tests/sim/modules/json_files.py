import json, io
buf = io.StringIO()
json.dump({"a": [1, 2.5, None, True], "b": "é"}, buf, indent=2)
print(buf.getvalue())
buf.seek(0)
print(json.load(buf))
print(json.load(io.StringIO('[1, {"x": "y"}]')))
path = "/tmp/pitfall_sim_json_files_test.json"
with open(path, "w") as f:
    json.dump({"k": list(range(3))}, f)
with open(path) as f:
    print(json.load(f))
with open(path) as f:
    print(f.read())
with open(path, "a") as f:
    f.write("\nline two\n")
with open(path) as f:
    print([line for line in f])
s = io.StringIO()
json.dump([1, 2], s, separators=(",", ":")); print(s.getvalue(), s.tell())
s = io.StringIO("one\ntwo\nthree")
print(s.readline(), s.read(2), s.readlines())
s.close()
try: s.read()
except ValueError as e: print("VE", e)
try: open("/tmp/pitfall_no_such_file_here.txt")
except FileNotFoundError as e: print("FNF", e)
f = open(path)
f.close()
try: f.read()
except ValueError as e: print("VE", e)
