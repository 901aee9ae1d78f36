# family: bytecode
# pitfall: none
# pair: none
class Account:
    def __init__(self, owner):
        self.owner = owner
        self._balance = 0

    @property
    def balance(self):
        return self._balance

    def deposit(self, amount):
        self._balance += amount
        return self


acct = Account("ann")
for i in range(400_000):
    acct.deposit(i % 7)
    if acct.balance < 0:
        break
print(acct.owner, acct.balance)
