# A class's own __getattribute__ sees every attribute read, methods included;
# __getattr__ runs when it raises AttributeError; object.__getattribute__
# and super().__getattribute__ are the generic lookup.
class Logged:
    def __init__(self):
        self.x = 1

    def __getattribute__(self, name):
        if not name.startswith("__"):
            print("get", name)
        if name == "secret":
            return 42
        return object.__getattribute__(self, name)

    def method(self):
        return self.x + 1


class Fallback(Logged):
    def __getattr__(self, name):
        return f"fallback {name}"

    def __getattribute__(self, name):
        if name == "hidden":
            raise AttributeError(name)
        return super().__getattribute__(name)


obj = Logged()
print(obj.x, obj.secret, obj.method())
for _ in range(3):
    obj.x
try:
    obj.missing
except AttributeError as e:
    print("AttributeError:", e)
f = Fallback()
print(f.hidden, f.x, f.nothing, getattr(f, "secret"), hasattr(f, "hidden"))
print(object.__getattribute__(f, "x"))
