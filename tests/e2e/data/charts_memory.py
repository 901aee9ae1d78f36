class Node:
    def __init__(self):
        self.other = None

def churn(n):
    keep = []
    for i in range(n):
        a = Node()
        b = Node()
        a.other = b
        b.other = a
        keep.append([i] * 10)
    return len(keep)

print(churn(20000))
