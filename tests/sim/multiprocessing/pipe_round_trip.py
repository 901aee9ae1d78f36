# family: multiprocessing
# pitfall: a Pipe connects exactly two ends; what is sent is pickled and copied,
# a one-way pipe's reading end cannot send, and a worker loop needs a sentinel
# to know when to stop.
import multiprocessing as mp


def squarer(conn):
    while True:
        n = conn.recv()
        if n is None:
            break
        conn.send((n, n * n))
    conn.close()


def reporter(conn, items):
    for it in items:
        conn.send(it)
    conn.send("done")


if __name__ == "__main__":
    parent, child = mp.Pipe()
    p = mp.Process(target=squarer, args=(child,))
    p.start()
    for n in (3, 4, 5):
        parent.send(n)
    parent.send(None)
    print("answers:", [parent.recv() for _ in range(3)])
    p.join()
    reader, writer = mp.Pipe(duplex=False)
    q = mp.Process(target=reporter, args=(writer, ["a", "b"]))
    q.start()
    got = []
    while True:
        msg = reader.recv()
        if msg == "done":
            break
        got.append(msg)
    q.join()
    print("one-way pipe:", got, "poll after:", reader.poll())
    try:
        reader.send("x")
    except OSError as e:
        print("reader cannot send:", e)
    print(type(parent).__name__, p.exitcode, q.exitcode)
