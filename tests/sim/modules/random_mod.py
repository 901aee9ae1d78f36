# random: CPython's exact sequences for seed(int).
import random
random.seed(42)
print(random.random(), random.random())
print(random.randint(1, 100), random.randrange(10), random.randrange(5, 50, 5))
print(random.getrandbits(8), random.getrandbits(100))
print(random.choice("abcdefg"), random.choice([10, 20, 30]))
xs = list(range(10))
random.shuffle(xs)
print(xs)
print(random.sample(range(100), 5), random.sample(["a", "b", "c", "d"], k=2))
print(random.uniform(1, 10), random.gauss(0, 1), random.gauss(5, 2))
print(random.choices("abc", k=5), random.choices([1, 2, 3], weights=[10, 1, 1], k=6))
random.seed(12345)
print([random.randint(0, 9) for _ in range(20)])
r = random.Random(7)
print(r.random(), r.randint(1, 6), r.choice([1, 2, 3]))
random.seed(2 ** 70)
print(random.random())
try:
    random.choice([])
except IndexError as e:
    print("IndexError:", e)
try:
    random.randrange(0)
except ValueError as e:
    print("ValueError:", e)
