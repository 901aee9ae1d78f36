# family: memory
# pitfall: reference cycles hide in ordinary code: a bound method stored on its
# own instance, a closure that refers to itself, an exception kept with its
# traceback (which holds the frame, which holds the exception). Only the cyclic
# GC frees them; gc.freeze moves long-lived objects out of its way.
import gc


class Button:
    def __init__(self, label):
        self.label = label
        self.on_click = self.handle    # bound method -> self: a cycle

    def handle(self):
        return self.label


def make_counter():
    def tick():
        tick.calls += 1                  # the function refers to itself via its closure
        return tick.calls
    tick.calls = 0
    return tick


class Job:
    def run(self):
        try:
            1 / 0
        except ZeroDivisionError as e:
            self.error = e               # e.__traceback__ -> frame -> self -> e


gc.disable()
gc.collect()
for i in range(300):
    Button(f"b{i}")
found = gc.collect()
print("button cycles collected objects >= 600:", found >= 600)

for i in range(100):
    make_counter()()
print("closure cycles collected:", gc.collect() > 0)

for i in range(50):
    Job().run()
print("traceback cycles collected:", gc.collect() > 0)

j = Job()
j.run()
print("kept error:", repr(j.error), "| traceback line:", j.error.__traceback__.tb_lineno)
j.error = None   # break the cycle by hand
print("nothing left after breaking it:", gc.collect())

keep = [Button(f"k{i}") for i in range(50)]
gc.freeze()
print("frozen objects > 0:", gc.get_freeze_count() > 0)
print("frozen objects not collected:", gc.collect())
gc.unfreeze()
del keep
print("after unfreeze and del, collected >= 100:", gc.collect() >= 100)
gc.enable()
print("gc enabled:", gc.isenabled(), "| thresholds:", gc.get_threshold())
