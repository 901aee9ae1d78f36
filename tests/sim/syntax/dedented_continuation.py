# Continuation lines inside brackets may be indented any way at all, even less
# than the enclosing block (the tokenizer ignores indentation inside brackets).
def totals(rows):
    if rows:
        result = sum(
    r[1] for r in rows
)
        names = [r[0]
for r in rows]
        table = {
"n": len(rows),
            "total": result,
  }
        return names, table
    return None


print(totals([("a", 1), ("b", 2)]))


class Config:
    def __init__(self):
        self.options = dict(verbose=True,
    level=3)
        self.paths = ("/tmp",
"/var")

    def describe(self):
        return f"{self.options} {self.paths}"


print(Config().describe())
values = [1, 2, 3]
for v in values:
    if v > 1:
        print("value", v, "doubled", (v *
2), "squared", v **
  2)
x = (1 +
     2) if values else (
3)
print(x)
