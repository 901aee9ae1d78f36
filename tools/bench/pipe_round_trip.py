#!/usr/bin/env python3
"""What one request/response over a multiprocessing Pipe and over a pair of
multiprocessing Queues costs the parent, measured on the installed CPython
with the default start method.

A child echoes what it receives; the parent sends a small int and waits for
the answer, N times, R repeats, interleaving Pipe and Queue. Prints JSON:
parent CPU per round trip (time.process_time: all the parent's threads,
which for a Queue includes its feeder thread) and wall per round trip,
minimum over repeats (the machine's other load only adds time). The
simulator charges a Pipe message `pipe.message_ns` per side on top of its
own Connection code and the pickling (modules/threading_module.cpp).

usage: tools/bench/pipe_round_trip.py [--python PATH] [--n N] [--repeat R]
"""
import argparse
import json
import subprocess
import sys

CHILD = r'''
import json, multiprocessing as mp, time

def echo_pipe(conn):
    while True:
        m = conn.recv()
        if m is None:
            break
        conn.send(m)

def echo_queue(qi, qo):
    while True:
        m = qi.get()
        if m is None:
            break
        qo.put(m)

def measure(send, recv, n):
    send(0); recv()
    t0, c0 = time.perf_counter(), time.process_time()
    for i in range(n):
        send(i)
        recv()
    return (time.perf_counter() - t0) / n * 1e9, (time.process_time() - c0) / n * 1e9

if __name__ == "__main__":
    import sys
    n, repeat = int(sys.argv[1]), int(sys.argv[2])
    a, b = mp.Pipe()
    p = mp.Process(target=echo_pipe, args=(b,))
    p.start()
    q1, q2 = mp.Queue(), mp.Queue()
    w = mp.Process(target=echo_queue, args=(q1, q2))
    w.start()
    pipe, queue = [], []
    for _ in range(repeat):
        pipe.append(measure(a.send, a.recv, n))
        queue.append(measure(q1.put, q2.get, n))
    a.send(None); q1.put(None)
    p.join(); w.join()
    print(json.dumps({
        "pipe_round_trip_cpu_ns": min(c for _, c in pipe), "pipe_round_trip_wall_ns": min(t for t, _ in pipe),
        "queue_round_trip_cpu_ns": min(c for _, c in queue), "queue_round_trip_wall_ns": min(t for t, _ in queue)}))
'''

ap = argparse.ArgumentParser()
ap.add_argument("--python", default=sys.executable)
ap.add_argument("--n", type=int, default=1000)
ap.add_argument("--repeat", type=int, default=7)
args = ap.parse_args()
out = subprocess.run([args.python, "-c", CHILD, str(args.n), str(args.repeat)], capture_output=True, text=True, check=True)
print(out.stdout.strip())
