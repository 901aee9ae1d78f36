# eval() and exec() of source strings: globals and locals dictionaries, names
# defined by exec, functions made at run time, and errors from the string code.
x = 10
print(eval("x * 2 + 1"))
print(eval("[i * i for i in range(5)]"))
print(eval("  len('abc')  "))
env = {"a": 3, "b": 4}
print(eval("(a ** 2 + b ** 2) ** 0.5", env))
print(eval("a + y", env, {"y": 100}))
print("builtins added:", "__builtins__" in env)
code = """
def area(w, h):
    return w * h

shapes = [(2, 3), (4, 5)]
total = sum(area(w, h) for w, h in shapes)
"""
ns = {}
exec(code, ns)
print("exec defined:", sorted(k for k in ns if not k.startswith("__")), ns["total"], ns["area"](7, 8))
exec("z = x + 5")
print("exec at module level sets a global:", z)


def inner():
    local_value = 1
    exec("local_value = 99")
    print("exec cannot rebind a function's local:", local_value)
    loc = {}
    exec("local_value = 42; other = local_value + 1", globals(), loc)
    print("into an explicit dict:", loc)
    return eval("local_value + 1")


print(inner())
ops = {"add": "a + b", "mul": "a * b", "pow": "a ** b"}
for name, expr in ops.items():
    print(name, eval(expr, {"a": 2, "b": 10}))
print(eval(compile("3 + 4", "<calc>", "eval")))
exec(compile("print('compiled exec')", "<snippet>", "exec"))
for bad in ["1 +", "x = 1", "undefined_name", "1 / 0"]:
    try:
        eval(bad)
    except Exception as e:
        print(type(e).__name__, e)
try:
    exec("def f(:\n  pass")
except SyntaxError as e:
    print("SyntaxError:", e.msg, e.lineno)
print(eval("__name__"), eval("__name__", {}))
