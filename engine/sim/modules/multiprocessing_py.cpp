// The `multiprocessing` module's Python part, run on the native `_pitfall_mp`
// (modules/threading_module.cpp): Process (its run() is the child's code, run
// by _bootstrap as a process of the scheduler on its own view of the
// program's objects, vm/process_states.h), Pipe (a Queue each way), start methods
// and contexts (Lib/multiprocessing/context.py), shared Value / Array (their
// data lives in a native cell every process sees, as shared memory does,
// guarded by a lock: Lib/multiprocessing/sharedctypes.py), locks, and the
// iterators Pool.imap returns (Lib/multiprocessing/pool.py: IMapIterator, or a
// generator over the chunks when chunksize > 1).
namespace pitfall::sim {

extern const char* const kMultiprocessingPy = R"PY(
import _pitfall_mp as _mp
from _pitfall_mp import Queue, JoinableQueue, cpu_count
from queue import Empty, Full



def _threading():
    import threading
    return threading
_method = _mp.default_start_method()
_count = 0


class ProcessError(Exception):
    pass


class AuthenticationError(ProcessError):
    pass


class TimeoutError(ProcessError):
    # Lib/multiprocessing/context.py: what AsyncResult.get(timeout) raises
    __module__ = 'multiprocessing.context'


class SemLock:
    # Lib/multiprocessing/synchronize.py: the lock's acquire and release are
    # the semaphore's own (C) methods, bound at creation
    __module__ = 'multiprocessing.synchronize'

    def __init__(self, semlock):
        self._semlock = semlock
        self.acquire = semlock.acquire
        self.release = semlock.release

    def __enter__(self):
        return self._semlock.__enter__()

    def __exit__(self, *args):
        return self._semlock.__exit__(*args)


class Lock(SemLock):
    __module__ = 'multiprocessing.synchronize'

    def __init__(self, *, ctx=None):
        SemLock.__init__(self, _threading().Lock())

    def __repr__(self):
        return '<Lock(owner=%s)>' % ('SomeOtherProcess' if self._semlock.locked() else 'None')


class RLock(SemLock):
    __module__ = 'multiprocessing.synchronize'

    def __init__(self, *, ctx=None):
        SemLock.__init__(self, _threading().RLock())

    def __repr__(self):
        return '<RLock(None, 0)>'


def Event():
    return _threading().Event()


def Semaphore(value=1):
    return _threading().Semaphore(value)


def BoundedSemaphore(value=1):
    return _threading().BoundedSemaphore(value)


def Condition(lock=None):
    return _threading().Condition(lock)


def Barrier(parties, action=None, timeout=None):
    return _threading().Barrier(parties, action, timeout)


def Pool(processes=None, initializer=None, initargs=(), maxtasksperchild=None):
    return _mp.Pool(processes, initializer, initargs, maxtasksperchild, _method)


class Connection:
    __module__ = 'multiprocessing.connection'

    def __init__(self, inbox, outbox):
        self._inbox = inbox
        self._outbox = outbox
        self._closed = False

    def _check(self, inbox):
        if self._closed:
            raise OSError('handle is closed')
        if (self._inbox if inbox else self._outbox) is None:
            raise OSError('connection is %s-only' % ('write' if inbox else 'read'))

    def send(self, obj):
        self._check(False)
        self._outbox.put(obj)

    def recv(self):
        self._check(True)
        return self._inbox.get()

    def poll(self, timeout=0.0):
        self._check(True)
        try:
            return self._inbox._poll(timeout)
        except Empty:  # nothing came within the timeout
            return False

    def close(self):
        self._closed = True

    @property
    def closed(self):
        return self._closed

    def __enter__(self):
        return self

    def __exit__(self, *args):
        self.close()


def Pipe(duplex=True):
    a = Queue(0, True)
    if not duplex:
        return Connection(a, None), Connection(None, a)
    b = Queue(0, True)
    return Connection(a, b), Connection(b, a)


SimpleQueue = Queue

_ctypes = {'i': 'c_int', 'l': 'c_long', 'd': 'c_double', 'f': 'c_float', 'b': 'c_byte', 'B': 'c_ubyte',
           'h': 'c_short', 'H': 'c_ushort', 'I': 'c_uint', 'L': 'c_ulong', 'q': 'c_longlong',
           'Q': 'c_ulonglong', 'c': 'c_char', 'u': 'c_wchar'}


def _convert(typecode, v):
    if typecode in ('d', 'f'):
        return float(v)
    if typecode in ('c', 'u'):
        return v
    return int(v)


class Synchronized:
    __module__ = 'multiprocessing.sharedctypes'

    def __init__(self, typecode, value, lock):
        self._typecode = typecode
        self._cell = _mp.shared_cell(_convert(typecode, value))
        self._lock = lock

    @property
    def value(self):
        return _mp.cell_get(self._cell)

    @value.setter
    def value(self, v):
        _mp.cell_set(self._cell, _convert(self._typecode, v))

    def get_lock(self):
        return self._lock

    def get_obj(self):
        return self

    def acquire(self, *args):
        return self._lock.acquire(*args)

    def release(self):
        return self._lock.release()

    def __enter__(self):
        return self._lock.__enter__()

    def __exit__(self, *args):
        return self._lock.__exit__(*args)

    def __repr__(self):
        return '<Synchronized wrapper for %s(%r)>' % (_ctypes.get(self._typecode, self._typecode), self.value)


class SynchronizedArray(Synchronized):
    __module__ = 'multiprocessing.sharedctypes'

    def __init__(self, typecode, init, lock):
        self._typecode = typecode
        if isinstance(init, int):
            data = [_convert(typecode, 0)] * init
        else:
            data = [_convert(typecode, x) for x in init]
        self._cell = _mp.shared_cell(data)
        self._lock = lock

    def __len__(self):
        return len(_mp.cell_get(self._cell))

    def __getitem__(self, i):
        return _mp.cell_get(self._cell)[i]

    def __setitem__(self, i, v):
        data = _mp.cell_get(self._cell)
        if isinstance(i, slice):
            data[i] = [_convert(self._typecode, x) for x in v]
        else:
            data[i] = _convert(self._typecode, v)

    def __iter__(self):
        return iter(list(_mp.cell_get(self._cell)))

    def __repr__(self):
        return '<SynchronizedArray wrapper for %s_Array_%d>' % (_ctypes.get(self._typecode, self._typecode), len(self))


def Value(typecode_or_type, *args, lock=True):
    value = args[0] if args else 0
    return Synchronized(typecode_or_type, value, RLock() if lock is True else (lock or _threading().RLock()))


def Array(typecode_or_type, size_or_initializer, *, lock=True):
    return SynchronizedArray(typecode_or_type, size_or_initializer, RLock() if lock is True else (lock or _threading().RLock()))


class Process:
    __module__ = 'multiprocessing.context'
    _start_method = None

    def __init__(self, group=None, target=None, name=None, args=(), kwargs={}, *, daemon=None):
        global _count
        _count += 1
        self._identity = _current._identity + (_count,)
        self._target = target
        self._args = tuple(args)
        self._kwargs = dict(kwargs)
        self._name = name if name is not None else 'Process-' + ':'.join(str(i) for i in self._identity)
        self._daemonic = bool(daemon) if daemon is not None else _current.daemon
        self._rec = None

    def run(self):
        if self._target:
            self._target(*self._args, **self._kwargs)

    def start(self):
        if self._rec is not None:
            raise AssertionError('cannot start a process twice')
        if self._rec is None and _current.daemon:
            raise AssertionError('daemonic processes are not allowed to have children')
        self._rec = _mp.process_start(self, self._start_method or _method, _bootstrap, globals())
        _children.add(self)

    def join(self, timeout=None):
        if self._rec is None:
            raise AssertionError('can only join a started process')
        _mp.process_join(self._rec, timeout)

    def is_alive(self):
        if self._rec is None:
            return False
        return _mp.process_alive(self._rec)

    def terminate(self):
        if self._rec is not None:
            _mp.process_signal(self._rec, 15)

    def kill(self):
        if self._rec is not None:
            _mp.process_signal(self._rec, 9)

    def close(self):
        pass

    @property
    def exitcode(self):
        if self._rec is None:
            return None
        return _mp.process_exitcode(self._rec)

    @property
    def pid(self):
        if self._rec is None:
            return None
        return _mp.process_pid(self._rec)

    ident = pid

    @property
    def name(self):
        return self._name

    @name.setter
    def name(self, name):
        self._name = name

    @property
    def daemon(self):
        return self._daemonic

    @daemon.setter
    def daemon(self, daemonic):
        self._daemonic = daemonic

    def __repr__(self):
        if self._rec is None:
            status = 'initial'
        elif self.exitcode is None:
            status = 'started'
        else:
            status = 'stopped'
        return '<%s name=%r %s>' % (type(self).__name__, self._name, status)


class _MainProcess:
    name = 'MainProcess'
    daemon = False
    exitcode = None
    _identity = ()

    def is_alive(self):
        return True


_current = _MainProcess()
_parent = None


def _bootstrap(process):
    # the child's first code (BaseProcess._bootstrap): it is the current
    # process now, its own children count from 1 (Process-1:1, ...)
    global _current, _parent, _count, _children
    _parent = _current
    _current = process
    _count = 0
    _children = set()
    # after the fork the child's only thread is its main thread (threading._after_fork)
    import _pitfall_thread
    main = _threading()._MainThread()
    main._tid = _pitfall_thread.current()
    _pitfall_thread.set_thread_object(main._tid, main)
    try:
        process.run()
    finally:
        # util._exit_function: daemonic children are terminated, the others joined
        for p in active_children():
            if p.daemon:
                p.terminate()
        for p in active_children():
            p.join()
        # threading._shutdown: the process ends once its other threads have
        for t in _mp.process_threads():
            t.join()


def current_process():
    return _current


def parent_process():
    return _parent


_children = set()


def active_children():
    # the children this process started that still run (the ended ones are forgotten)
    for p in list(_children):
        if not p.is_alive():
            _children.discard(p)
    return list(_children)


def get_start_method(allow_none=False):
    return _method


def set_start_method(method, force=False):
    global _method
    if method not in ('fork', 'spawn', 'forkserver'):
        raise ValueError('cannot find context for %r' % method)
    _method = method


def get_all_start_methods():
    return ['fork', 'spawn', 'forkserver']


def freeze_support():
    pass


class _SyncFactories:
    # the synchronisation primitives a context and a manager both hand out
    def Lock(self):
        return Lock()

    def RLock(self):
        return RLock()

    def Event(self):
        return Event()

    def Semaphore(self, value=1):
        return Semaphore(value)


class BaseContext(_SyncFactories):
    __module__ = 'multiprocessing.context'
    _name = None
    ProcessError = ProcessError
    TimeoutError = TimeoutError

    def get_start_method(self, allow_none=False):
        return self._name

    def get_context(self, method=None):
        return get_context(method)

    def cpu_count(self):
        return cpu_count()

    def Pool(self, processes=None, initializer=None, initargs=(), maxtasksperchild=None):
        return _mp.Pool(processes, initializer, initargs, maxtasksperchild, self._name)

    def Queue(self, maxsize=0):
        return Queue(maxsize)

    def JoinableQueue(self, maxsize=0):
        return JoinableQueue(maxsize)

    def Value(self, typecode_or_type, *args, lock=True):
        return Value(typecode_or_type, *args, lock=lock)

    def Array(self, typecode_or_type, size_or_initializer, *, lock=True):
        return Array(typecode_or_type, size_or_initializer, lock=lock)

    def Manager(self):
        return Manager()

    def current_process(self):
        return _current


class ForkProcess(Process):
    __module__ = 'multiprocessing.context'
    _start_method = 'fork'


class SpawnProcess(Process):
    __module__ = 'multiprocessing.context'
    _start_method = 'spawn'


class ForkServerProcess(Process):
    __module__ = 'multiprocessing.context'
    _start_method = 'forkserver'


class ForkContext(BaseContext):
    __module__ = 'multiprocessing.context'
    _name = 'fork'
    Process = ForkProcess


class SpawnContext(BaseContext):
    __module__ = 'multiprocessing.context'
    _name = 'spawn'
    Process = SpawnProcess


class ForkServerContext(BaseContext):
    __module__ = 'multiprocessing.context'
    _name = 'forkserver'
    Process = ForkServerProcess


_contexts = {'fork': ForkContext(), 'spawn': SpawnContext(), 'forkserver': ForkServerContext()}


def get_context(method=None):
    if method is None:
        method = _method
    if method not in _contexts:
        raise ValueError('cannot find context for %r' % method)
    return _contexts[method]


class BaseProxy:
    __module__ = 'multiprocessing.managers'
    _typeid = 'object'

    def __init__(self, value):
        self._cell = _mp.shared_cell(value)

    def _callmethod(self, name, args=()):
        # one round trip to the manager's server: arguments and the answer travel pickled
        _mp.manager_call()
        args = _mp.pickle_copy(args)
        return _mp.pickle_copy(getattr(_mp.cell_get(self._cell), name)(*args))

    def _getvalue(self):
        _mp.manager_call()
        return _mp.pickle_copy(_mp.cell_get(self._cell))

    def __repr__(self):
        return '<%s object, typeid %r at %#x>' % (type(self).__name__, self._typeid, id(self))

    def __str__(self):
        _mp.manager_call()
        return repr(_mp.cell_get(self._cell))


class _ContainerProxy(BaseProxy):
    # the container protocol both list and dict proxies expose (CPython's
    # BaseListProxy / DictProxy exposed names): each a round trip to the manager
    def __len__(self):
        return self._callmethod('__len__')

    def __getitem__(self, i):
        return self._callmethod('__getitem__', (i,))

    def __setitem__(self, i, v):
        return self._callmethod('__setitem__', (i, v))

    def __delitem__(self, i):
        return self._callmethod('__delitem__', (i,))

    def __contains__(self, v):
        return self._callmethod('__contains__', (v,))


class ListProxy(_ContainerProxy):
    __module__ = 'multiprocessing.managers'
    _typeid = 'list'

    def __iadd__(self, other):
        self._callmethod('extend', (other,))
        return self

    def append(self, v):
        return self._callmethod('append', (v,))

    def extend(self, v):
        return self._callmethod('extend', (v,))

    def insert(self, i, v):
        return self._callmethod('insert', (i, v))

    def pop(self, *args):
        return self._callmethod('pop', args)

    def remove(self, v):
        return self._callmethod('remove', (v,))

    def index(self, *args):
        return self._callmethod('index', args)

    def count(self, v):
        return self._callmethod('count', (v,))

    def reverse(self):
        return self._callmethod('reverse')

    def sort(self, *, key=None, reverse=False):
        _mp.manager_call()
        _mp.cell_get(self._cell).sort(key=key, reverse=reverse)


class DictProxy(_ContainerProxy):
    __module__ = 'multiprocessing.managers'
    _typeid = 'dict'

    def __iter__(self):
        return iter(self._callmethod('keys'))

    def get(self, *args):
        return self._callmethod('get', args)

    def setdefault(self, *args):
        return self._callmethod('setdefault', args)

    def pop(self, *args):
        return self._callmethod('pop', args)

    def update(self, *args, **kwargs):
        _mp.manager_call()
        _mp.cell_get(self._cell).update(*_mp.pickle_copy(args), **_mp.pickle_copy(kwargs))

    def clear(self):
        return self._callmethod('clear')

    def copy(self):
        return self._callmethod('copy')

    def keys(self):
        return list(self._callmethod('keys'))

    def values(self):
        return list(self._callmethod('values'))

    def items(self):
        return list(self._callmethod('items'))


class ValueProxy(BaseProxy):
    __module__ = 'multiprocessing.managers'
    _typeid = 'Value'

    def get(self):
        return self._getvalue()

    def set(self, v):
        _mp.manager_call()
        _mp.cell_set(self._cell, _mp.pickle_copy(v))

    value = property(get, set)


class NamespaceProxy(BaseProxy):
    __module__ = 'multiprocessing.managers'
    _typeid = 'Namespace'

    def __init__(self, **kwds):
        self.__dict__['_cell'] = _mp.shared_cell(dict(kwds))

    def __getattr__(self, name):
        if name.startswith('_'):
            raise AttributeError(name)
        _mp.manager_call()
        d = _mp.cell_get(self.__dict__['_cell'])
        if name not in d:
            raise AttributeError("'Namespace' object has no attribute '%s'" % name)
        return _mp.pickle_copy(d[name])

    def __setattr__(self, name, value):
        _mp.manager_call()
        _mp.cell_get(self.__dict__['_cell'])[name] = _mp.pickle_copy(value)

    def __delattr__(self, name):
        _mp.manager_call()
        del _mp.cell_get(self.__dict__['_cell'])[name]

    def __repr__(self):
        d = _mp.cell_get(self.__dict__['_cell'])
        return 'Namespace(%s)' % ', '.join('%s=%r' % (k, v) for k, v in sorted(d.items()))

    __str__ = __repr__


class SyncManager(_SyncFactories):
    __module__ = 'multiprocessing.managers'

    def start(self, initializer=None, initargs=()):
        pass

    def shutdown(self):
        pass

    def join(self, timeout=None):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *args):
        pass

    def list(self, sequence=()):
        return ListProxy(_mp.pickle_copy(list(sequence)))

    def dict(self, *args, **kwds):
        return DictProxy(_mp.pickle_copy(dict(*args, **kwds)))

    def Namespace(self, **kwds):
        return NamespaceProxy(**kwds)

    def Value(self, typecode, value, lock=True):
        return ValueProxy(value)

    def Queue(self, maxsize=0):
        return Queue(maxsize)


def Manager():
    # the manager's server process starts (a fork, then it serves the proxies' calls)
    return SyncManager()


class IMapIterator:
    __module__ = 'multiprocessing.pool'

    def __init__(self, items):
        self._it = iter(items)

    def __iter__(self):
        return self

    def __next__(self, timeout=None):
        return next(self._it)

    next = __next__


class IMapUnorderedIterator(IMapIterator):
    __module__ = 'multiprocessing.pool'


def _imap_result(items, chunksize, unordered):
    if chunksize > 1:
        chunks = [items[i:i + chunksize] for i in range(0, len(items), chunksize)]
        return (item for chunk in chunks for item in chunk)
    return (IMapUnorderedIterator if unordered else IMapIterator)(items)


_mp.set_python_part(_imap_result)
)PY";

}  // namespace pitfall::sim
