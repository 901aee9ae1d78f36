# family: memory
# pitfall: every kept exception that refers back to its own frame costs the
# collector a handful of objects: the exception, its traceback, the frame object
# and whatever the frame's locals hold. gc.collect() returns how many it freed.
import gc


class Job:
    def run(self):
        try:
            1 / 0
        except ZeroDivisionError as e:
            self.error = e                 # Job -> exception -> traceback -> frame -> Job


def run_job(job):
    job.run()                              # the helper's frame is not on the traceback, but its f_back link is


class Keeper:
    def go(self):
        try:
            {}["k"]
        except KeyError as e:
            err = e                        # a local: exception -> traceback -> frame -> err
            self.note = "handled"


gc.disable()
gc.collect()
for i in range(50):
    Job().run()
print("50 jobs keeping their error:", gc.collect())
for i in range(50):
    run_job(Job())
print("through a helper:", gc.collect())
k = Keeper()
k.go()
print("error kept in a local:", gc.collect())
for i in range(50):
    job = Job()
    job.run()
    job.error = None                       # cycle broken by hand: plain reference counting frees it
print("errors dropped by hand:", gc.collect())
gc.enable()
