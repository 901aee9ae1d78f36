# family: multiprocessing
# pitfall: a Pipe is a conversation: each recv() waits for the other side's
# send(), so a request/response loop pays a round trip per message; batch the
# messages when they do not depend on each other's answers.
import multiprocessing as mp


def server(conn):
    state = 0
    while True:
        msg = conn.recv()
        if msg == "stop":
            conn.send(("bye", state))
            break
        op, x = msg
        state = state + x if op == "add" else state * x
        conn.send(state)


if __name__ == "__main__":
    here, there = mp.Pipe()
    p = mp.Process(target=server, args=(there,))
    p.start()
    answers = []
    for i in range(1, 6):
        here.send(("add", i))
        answers.append(here.recv())
        here.send(("mul", 2))
        answers.append(here.recv())
    here.send("stop")
    print("answers:", answers)
    print("last:", here.recv(), "poll:", here.poll())
    p.join()
    print("exit:", p.exitcode, "alive:", p.is_alive())
