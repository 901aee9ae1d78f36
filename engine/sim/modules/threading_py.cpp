// Python source of the simulated `threading` (the Thread class and the
// module-level functions) and `concurrent.futures` (Future,
// ThreadPoolExecutor, wait, as_completed), run by the simulator like any
// module. They follow Lib/threading.py and Lib/concurrent/futures/{_base,
// thread}.py closely, so their bytecode costs what CPython's does; the
// primitives under them (thread start/join, locks, events, conditions,
// queues) are the native `_pitfall_thread` module (threading_module.cpp),
// which talks to the scheduler.
//
// Differences from CPython, all in when blocking happens, not in results:
// Executor.map() and as_completed() wait for their futures inside the call
// instead of in the returned generator (a generator driven by list() runs
// inside C code, where the simulator cannot stop a thread), and
// ProcessPoolExecutor maps through the multiprocessing pool model.
namespace pitfall::sim {

extern const char* const kThreadingPy = R"PY(
import _pitfall_thread as _t
from _pitfall_thread import Lock, RLock, Event, Condition, Semaphore, BoundedSemaphore, Barrier, BrokenBarrierError, get_ident

TIMEOUT_MAX = 9223372036.0
_counter = 0
_active_limbo_lock = Lock()
_active = {}
_limbo = {}


def _newname(template="Thread-%d"):
    global _counter
    _counter += 1
    return template % _counter


class Thread:
    def __init__(self, group=None, target=None, name=None, args=(), kwargs=None, *, daemon=None):
        if kwargs is None:
            kwargs = {}
        if name:
            name = str(name)
        else:
            name = _newname("Thread-%d")
            if target is not None:
                try:
                    target_name = target.__name__
                    name += f" ({target_name})"
                except AttributeError:
                    pass
        self._target = target
        self._name = name
        self._args = args
        self._kwargs = kwargs
        if daemon is not None:
            self._daemonic = daemon
        else:
            self._daemonic = current_thread().daemon
        self._tid = -1
        self._is_started = False
        self._started = Event()

    def start(self):
        if self._is_started:
            raise RuntimeError("threads can only be started once")
        self._is_started = True
        with _active_limbo_lock:
            _limbo[self] = self
        self._tid = _t.start(self, self._bootstrap, self._name, self._daemonic)
        if _t.can_wait():  # started from an asyncio loop step: no hand-shake wait (the step cannot block)
            self._started.wait()

    def _bootstrap(self):
        self._started.set()
        with _active_limbo_lock:
            _active[self._tid] = self
            del _limbo[self]
        try:
            self.run()
        except SystemExit:
            pass
        except BaseException as exc:
            _t.excepthook(self._name, exc)
        finally:
            with _active_limbo_lock:
                del _active[self._tid]

    def run(self):
        try:
            if self._target is not None:
                self._target(*self._args, **self._kwargs)
        finally:
            del self._target, self._args, self._kwargs

    def join(self, timeout=None):
        if not self._is_started:
            raise RuntimeError("cannot join thread before it is started")
        if self is current_thread():
            raise RuntimeError("cannot join current thread")
        _t.join(self._tid, timeout)

    def is_alive(self):
        return self._is_started and _t.alive(self._tid)

    @property
    def name(self):
        return self._name

    @name.setter
    def name(self, name):
        self._name = str(name)

    @property
    def ident(self):
        if self._tid < 0:
            return None
        return _t.ident(self._tid)

    @property
    def native_id(self):
        if self._tid < 0:
            return None
        return _t.native_id(self._tid)

    @property
    def daemon(self):
        return self._daemonic

    @daemon.setter
    def daemon(self, daemonic):
        if self._is_started:
            raise RuntimeError("cannot set daemon status of active thread")
        self._daemonic = daemonic

    def isDaemon(self):
        return self._daemonic

    def setDaemon(self, daemonic):
        self.daemon = daemonic

    def getName(self):
        return self._name

    def setName(self, name):
        self._name = str(name)

    def __repr__(self):
        status = "initial"
        if self._is_started:
            status = "started"
            if not self.is_alive():
                status = "stopped"
        if self._daemonic:
            status += " daemon"
        if self._tid >= 0:
            status += " %s" % _t.ident(self._tid)
        return "<%s(%s, %s)>" % (self.__class__.__name__, self._name, status)


class _MainThread(Thread):
    def __init__(self):
        self._target = None
        self._name = "MainThread"
        self._args = ()
        self._kwargs = {}
        self._daemonic = False
        self._tid = 0
        self._is_started = True
        self._started = None


class _DummyThread(Thread):
    def __init__(self, tid):
        self._target = None
        self._name = "Dummy-%d" % tid
        self._args = ()
        self._kwargs = {}
        self._daemonic = True
        self._tid = tid
        self._is_started = True
        self._started = None


class Timer(Thread):
    def __init__(self, interval, function, args=None, kwargs=None):
        Thread.__init__(self)
        self.interval = interval
        self.function = function
        self.args = args if args is not None else []
        self.kwargs = kwargs if kwargs is not None else {}
        self.finished = Event()

    def cancel(self):
        self.finished.set()

    def run(self):
        self.finished.wait(self.interval)
        if not self.finished.is_set():
            self.function(*self.args, **self.kwargs)
        self.finished.set()


_threading_atexits = []


def _register_atexit(func, *arg, **kwargs):
    _threading_atexits.append(lambda: func(*arg, **kwargs))


def _shutdown():
    for atexit_call in reversed(_threading_atexits):
        atexit_call()


_t.set_shutdown(_shutdown)
_main_thread = _MainThread()
_t.set_thread_object(0, _main_thread)
_active[0] = _main_thread


def current_thread():
    t = _t.thread_object(_t.current())
    if t is None:
        t = _DummyThread(_t.current())
        _t.set_thread_object(_t.current(), t)
    return t


def main_thread():
    return _main_thread


def active_count():
    return _t.active_count()


def enumerate():
    return [t for t in _t.alive_objects() if t is not None]


def setswitchinterval(interval):
    import sys
    sys.setswitchinterval(interval)


currentThread = current_thread
activeCount = active_count


def _condition_wait_for(self, predicate, timeout=None):
    # Condition.wait_for (Lib/threading.py): re-check the predicate after every wake-up
    from time import monotonic as _time
    endtime = None
    waittime = timeout
    result = predicate()
    while not result:
        if waittime is not None:
            if endtime is None:
                endtime = _time() + waittime
            else:
                waittime = endtime - _time()
                if waittime <= 0:
                    break
        self.wait(waittime)
        result = predicate()
    return result


class local:
    # threading.local (Lib/_threading_local.py's model): one attribute dict
    # per thread, chosen by the running thread's ident on every access
    def __init__(self, *args, **kw):
        if (args or kw) and type(self).__init__ is local.__init__:
            raise TypeError("Initialization arguments are not supported")
        object.__setattr__(self, '_local__dicts', {})

    def __getattr__(self, name):
        d = self._local__dicts.get(get_ident())
        if d is None or name not in d:
            raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")
        return d[name]

    def __setattr__(self, name, value):
        if name == '__dict__':
            raise AttributeError(f"'{type(self).__name__}' object attribute '__dict__' is read-only")
        self._local__dicts.setdefault(get_ident(), {})[name] = value

    def __delattr__(self, name):
        d = self._local__dicts.get(get_ident())
        if d is None or name not in d:
            raise AttributeError(name)
        del d[name]
)PY";

extern const char* const kFuturesPy = R"PY(
import threading
import queue
import _pitfall_thread as _t

FIRST_COMPLETED = 'FIRST_COMPLETED'
FIRST_EXCEPTION = 'FIRST_EXCEPTION'
ALL_COMPLETED = 'ALL_COMPLETED'
_PENDING = 'PENDING'
_RUNNING = 'RUNNING'
_CANCELLED = 'CANCELLED'
_FINISHED = 'FINISHED'
_done_order = 0


class CancelledError(Exception):
    pass


class InvalidStateError(Exception):
    pass


class BrokenExecutor(RuntimeError):
    pass


class Future:
    def __init__(self):
        self._condition = threading.Condition()
        self._state = _PENDING
        self._result = None
        self._exception = None
        self._waiters = []
        self._done_callbacks = []
        self._order = 0

    def _invoke_callbacks(self):
        for callback in self._done_callbacks:
            callback(self)

    def __repr__(self):
        with self._condition:
            if self._state == _FINISHED:
                if self._exception:
                    return '<Future at 0x%x state=finished raised %s>' % (id(self), self._exception.__class__.__name__)
                return '<Future at 0x%x state=finished returned %s>' % (id(self), self._result.__class__.__name__)
            return '<Future at 0x%x state=%s>' % (id(self), self._state.lower())

    def cancel(self):
        with self._condition:
            if self._state in [_RUNNING, _FINISHED]:
                return False
            if self._state == _CANCELLED:
                return True
            self._state = _CANCELLED
            self._condition.notify_all()
        self._invoke_callbacks()
        return True

    def cancelled(self):
        return self._state == _CANCELLED

    def running(self):
        return self._state == _RUNNING

    def done(self):
        return self._state in [_CANCELLED, _FINISHED]

    def _get_result(self):
        if self._exception:
            raise self._exception
        return self._result

    def add_done_callback(self, fn):
        with self._condition:
            if self._state not in [_CANCELLED, _FINISHED]:
                self._done_callbacks.append(fn)
                return
        fn(self)

    def result(self, timeout=None):
        with self._condition:
            if self._state == _CANCELLED:
                raise CancelledError()
            if self._state == _FINISHED:
                return self._get_result()
            self._condition.wait(timeout)
            if self._state == _CANCELLED:
                raise CancelledError()
            if self._state == _FINISHED:
                return self._get_result()
            raise TimeoutError()

    def exception(self, timeout=None):
        with self._condition:
            if self._state == _CANCELLED:
                raise CancelledError()
            if self._state == _FINISHED:
                return self._exception
            self._condition.wait(timeout)
            if self._state == _CANCELLED:
                raise CancelledError()
            if self._state == _FINISHED:
                return self._exception
            raise TimeoutError()

    def set_running_or_notify_cancel(self):
        with self._condition:
            if self._state == _CANCELLED:
                return False
            self._state = _RUNNING
            return True

    def _finish(self):
        global _done_order
        _done_order += 1
        self._order = _done_order
        self._state = _FINISHED
        for waiter in self._waiters:
            waiter.set()
        self._condition.notify_all()

    def set_result(self, result):
        with self._condition:
            if self._state in [_CANCELLED, _FINISHED]:
                raise InvalidStateError('%s: %r' % (self._state, self))
            self._result = result
            self._finish()
        self._invoke_callbacks()

    def set_exception(self, exception):
        with self._condition:
            if self._state in [_CANCELLED, _FINISHED]:
                raise InvalidStateError('%s: %r' % (self._state, self))
            self._exception = exception
            self._finish()
        self._invoke_callbacks()


def wait(fs, timeout=None, return_when=ALL_COMPLETED):
    fs = list(fs)
    done = [f for f in fs if f.done()]
    not_done = [f for f in fs if not f.done()]
    if return_when == FIRST_COMPLETED and done:
        return (set(done), set(not_done))
    if return_when == FIRST_EXCEPTION and [f for f in done if not f.cancelled() and f.exception() is not None]:
        return (set(done), set(not_done))
    if not not_done:
        return (set(done), set(not_done))
    event = threading.Event()
    for f in not_done:
        f._waiters.append(event)
    if return_when == ALL_COMPLETED:
        for f in not_done:
            while not f.done():
                event.clear()
                if not f.done() and not event.wait(timeout):
                    break
    else:
        event.wait(timeout)
    for f in not_done:
        f._waiters.remove(event)
    done = [f for f in fs if f.done()]
    not_done = [f for f in fs if not f.done()]
    return (set(done), set(not_done))


def as_completed(fs, timeout=None):
    fs = list(fs)
    for f in fs:
        if not f.done():
            f.exception(timeout) if not f.cancelled() else None
    fs.sort(key=lambda f: f._order)
    return iter(fs)


_threads_queues = {}
_global_shutdown = False


def _python_exit():
    global _global_shutdown
    _global_shutdown = True
    items = list(_threads_queues.items())
    for t, q in items:
        q.put(None)
    for t, q in items:
        t.join()


threading._register_atexit(_python_exit)


class Executor:
    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        self.shutdown(wait=True)
        return False


class _WorkItem:
    def __init__(self, future, fn, args, kwargs):
        self.future = future
        self.fn = fn
        self.args = args
        self.kwargs = kwargs

    def run(self):
        if not self.future.set_running_or_notify_cancel():
            return
        try:
            result = self.fn(*self.args, **self.kwargs)
        except BaseException as exc:
            self.future.set_exception(exc)
            self = None
        else:
            self.future.set_result(result)


def _worker(executor, work_queue, initializer, initargs):
    if initializer is not None:
        initializer(*initargs)
    while True:
        work_item = work_queue.get(block=True)
        if work_item is not None:
            work_item.run()
            del work_item
            executor._idle_semaphore.release()
            continue
        work_queue.put(None)
        return


class ThreadPoolExecutor(Executor):
    _counter = 0

    def __init__(self, max_workers=None, thread_name_prefix='', initializer=None, initargs=()):
        if max_workers is None:
            max_workers = min(32, _t.cpu_count() + 4)
        if max_workers <= 0:
            raise ValueError("max_workers must be greater than 0")
        self._max_workers = max_workers
        self._work_queue = queue.SimpleQueue()
        self._idle_semaphore = threading.Semaphore(0)
        self._threads = []
        self._shutdown = False
        self._shutdown_lock = threading.Lock()
        n = ThreadPoolExecutor._counter
        ThreadPoolExecutor._counter = n + 1
        self._thread_name_prefix = thread_name_prefix or ("ThreadPoolExecutor-%d" % n)
        self._initializer = initializer
        self._initargs = initargs

    def submit(self, fn, /, *args, **kwargs):
        with self._shutdown_lock:
            if self._shutdown:
                raise RuntimeError('cannot schedule new futures after shutdown')
            f = Future()
            w = _WorkItem(f, fn, args, kwargs)
            self._work_queue.put(w)
            self._adjust_thread_count()
            return f

    def _adjust_thread_count(self):
        if self._idle_semaphore.acquire(timeout=0):
            return
        num_threads = len(self._threads)
        if num_threads < self._max_workers:
            thread_name = '%s_%d' % (self._thread_name_prefix, num_threads)
            t = threading.Thread(name=thread_name, target=_worker,
                                 args=(self, self._work_queue, self._initializer, self._initargs))
            t.start()
            self._threads.append(t)
            _threads_queues[t] = self._work_queue

    def map(self, fn, *iterables, timeout=None, chunksize=1):
        fs = [self.submit(fn, *args) for args in zip(*iterables)]
        return iter([f.result(timeout) for f in fs])

    def shutdown(self, wait=True, *, cancel_futures=False):
        with self._shutdown_lock:
            self._shutdown = True
            self._work_queue.put(None)
        if wait:
            for t in self._threads:
                t.join()


class ProcessPoolExecutor(Executor):
    def __init__(self, max_workers=None, mp_context=None, initializer=None, initargs=()):
        if max_workers is None:
            max_workers = _t.cpu_count()
        if max_workers <= 0:
            raise ValueError("max_workers must be greater than 0")
        self._max_workers = max_workers
        self._shutdown = False
        self._pool = None
        self._pending = None
        self._manager = None

    # submit() hands the call to a multiprocessing pool of max_workers
    # processes without waiting (Pool.apply_async), and a manager thread in
    # this process sets each future when its result is back, as CPython's
    # _ExecutorManagerThread does (here in the order of submission).
    def submit(self, fn, /, *args, **kwargs):
        if self._shutdown:
            raise RuntimeError('cannot schedule new futures after shutdown')
        f = Future()
        if kwargs:
            try:
                r = _t.process_call(self._max_workers, fn, args, kwargs)
            except BaseException as exc:
                f.set_exception(exc)
            else:
                f.set_result(r)
            return f
        if self._pool is None:
            import multiprocessing
            self._pool = multiprocessing.Pool(self._max_workers)
            self._pending = queue.SimpleQueue()
            self._manager = threading.Thread(target=_process_results, args=(self._pending,), daemon=True)
            self._manager.start()
        try:
            result = self._pool.apply_async(fn, args)
        except BaseException as exc:
            f.set_exception(exc)
            return f
        self._pending.put((f, result))
        return f

    def map(self, fn, *iterables, timeout=None, chunksize=1):
        return iter(_t.process_map(self._max_workers, fn, list(zip(*iterables)), chunksize, True))

    def shutdown(self, wait=True, *, cancel_futures=False):
        self._shutdown = True
        if self._pool is not None:
            self._pending.put(None)
            if wait:
                self._manager.join()
                self._pool.close()
                self._pool.join()


def _process_results(pending):
    while True:
        item = pending.get()
        if item is None:
            return
        f, result = item
        try:
            r = result.get()
        except BaseException as exc:
            f.set_exception(exc)
        else:
            f.set_result(r)
)PY";

}  // namespace pitfall::sim
