# family: memory
# pitfall: instance-dict-overhead
# pair: points_slots
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y


pts = [Point(i, -i) for i in range(50_000)]
print(len(pts), pts[-1].x + pts[-1].y)
