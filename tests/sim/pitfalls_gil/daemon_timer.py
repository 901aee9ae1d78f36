# family: gil
# pitfall: a daemon thread is killed when the main thread exits (its last work
# never happens); a Timer runs a function once after a delay and can be cancelled.
import threading
import time

log = []


def heartbeat():
    while True:
        log.append("beat")
        time.sleep(0.02)


def remind(what):
    log.append(f"reminder: {what}")


hb = threading.Thread(target=heartbeat, daemon=True, name="heartbeat")
hb.start()
t1 = threading.Timer(0.05, remind, args=("stand up",))
t2 = threading.Timer(0.05, remind, args=("never",))
t1.start()
t2.start()
t2.cancel()
time.sleep(0.11)
t1.join()
print("daemon:", hb.daemon, "| alive:", hb.is_alive())
print("beats between 4 and 7:", 4 <= log.count("beat") <= 7)
print("reminders:", [x for x in log if x.startswith("reminder")])
print("timer finished:", t1.is_alive(), "| cancelled timer ran:", "reminder: never" in log)
e = threading.Event()
threading.Timer(0.03, e.set).start()
print("event set within 0.2 s:", e.wait(0.2), e.is_set())
print("main exits while the heartbeat is still running")
