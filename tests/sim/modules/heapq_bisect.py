# heapq and bisect: the heap layout after each operation and insertion points
import bisect
import heapq

h = []
for x in [5, 3, 8, 1, 9, 2, 7, 3, 6]:
    heapq.heappush(h, x)
    print(h)
print([heapq.heappop(h) for _ in range(4)], h)
data = [9, 4, 7, 1, 8, 2, 6, 3, 5, 0, 4]
heapq.heapify(data)
print(data)
print(heapq.heapreplace(data, 10), data)
print(heapq.heappushpop(data, -1), heapq.heappushpop(data, 11), data)
print(heapq.nlargest(3, [4, 1, 9, 9, 2]), heapq.nsmallest(2, ["pear", "fig", "apple"], key=len))
tasks = []
for prio, name in [(2, "write"), (1, "plan"), (3, "test"), (1, "coffee")]:
    heapq.heappush(tasks, (prio, name))
while tasks:
    print(heapq.heappop(tasks))
try:
    heapq.heappop([])
except IndexError as e:
    print("IndexError:", e)

a = [1, 3, 3, 5, 8]
print(bisect.bisect_left(a, 3), bisect.bisect_right(a, 3), bisect.bisect(a, 4), bisect.bisect(a, 100), bisect.bisect_left(a, 3, 2))
bisect.insort(a, 4)
bisect.insort_left(a, 3)
bisect.insort_right(a, 0)
print(a)
grades = [(60, "D"), (70, "C"), (80, "B"), (90, "A")]
print([grades[bisect.bisect([g for g, _ in grades], s) - 1][1] if s >= 60 else "F" for s in [55, 60, 75, 99]])
people = [("ann", 31), ("bob", 25)]
people.sort(key=lambda p: p[1])
bisect.insort(people, ("cy", 28), key=lambda p: p[1])
print(people, bisect.bisect_left(people, 30, key=lambda p: p[1]))
