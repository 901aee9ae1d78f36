# family: multiprocessing
# pitfall: Connection.poll(timeout) waits up to the timeout for the other end
# to send (poll() alone only looks, poll(None) waits as long as it takes);
# a polling loop with poll() and no timeout spins the CPU for nothing.
import multiprocessing as mp
import time


def slow_sender(conn, delay):
    time.sleep(delay)
    conn.send("hello")
    conn.send("again")


if __name__ == "__main__":
    a, b = mp.Pipe()
    p = mp.Process(target=slow_sender, args=(b, 0.2))
    p.start()
    t0 = time.perf_counter()
    print("poll(0.05):", a.poll(0.05), "poll():", a.poll())
    print("poll(None):", a.poll(None), "waited about 0.2 s:", 0.15 < time.perf_counter() - t0 < 0.5)
    print(a.recv(), a.recv(), a.poll())
    print("in a generator:", list(a.poll(0.01) for _ in range(2)))
    p.join()
