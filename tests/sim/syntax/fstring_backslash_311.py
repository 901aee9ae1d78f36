# Before 3.12 an f-string's expression part may not hold a backslash: a
# SyntaxError before anything runs.
names = ["a", "b"]
print("start")
print(f"{'\\n'.join(names)}", "end")
