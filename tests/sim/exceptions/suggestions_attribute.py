# An uncaught AttributeError suggests the closest name in dir(obj) (a case
# change counts less than other edits); e.name and e.obj are set; str(e)
# has no suggestion; subclasses of AttributeError get none.
import math


class Account:
    def __init__(self):
        self.balance = 0

    def deposit(self, amount):
        self.balance += amount


acct = Account()
for expr in (lambda: acct.Balance, lambda: acct.deposti, lambda: math.sqroot, lambda: [].push, lambda: acct.zzz):
    try:
        expr()
    except AttributeError as e:
        print(str(e), "|", e.name, type(e.obj).__name__)
try:
    {"a": 1}.itmes()
except AttributeError as e:
    raise RuntimeError("lookup failed") from e
