// Python source of the simulated `io` module: StringIO (Lib/_pyio.py's
// semantics for text: write/read/readline/seek/tell/getvalue, iteration,
// context manager), BytesIO (the same over bytes) and open() on virtual
// files. Notes about the model: the program runs without a real file system;
// files it writes live in `_files` (name -> str or bytes, as last written) for
// the rest of the run, so a program can write a file and read it back, in
// text or binary mode ("rb"/"wb"/"ab"/"xb", with "+"; text is UTF-8 both
// ways). Reading a file that was never written ends in CPython's
// FileNotFoundError.
namespace pitfall::sim {

extern const char* const kIoPy = R"PY(
_files = {}


class UnsupportedOperation(OSError, ValueError):
    pass


class StringIO:
    _empty = ""
    _nl = "\n"
    _zero = "\0"

    def __init__(self, initial_value="", newline="\n"):
        if initial_value is None:
            initial_value = ""
        if not isinstance(initial_value, str):
            raise TypeError("initial_value must be str or None, not " + type(initial_value).__name__)
        self._v = initial_value
        self._pos = 0
        self.closed = False

    def _check(self):
        if self.closed:
            raise ValueError("I/O operation on closed file")

    def write(self, s):
        self._check()
        if not isinstance(s, str):
            raise TypeError("string argument expected, got '" + type(s).__name__ + "'")
        return self._put(s)

    def _put(self, s):
        v = self._v
        p = self._pos
        if p == len(v):
            self._v = v + s
        else:
            if p > len(v):
                v = v + self._zero * (p - len(v))
            self._v = v[:p] + s + v[p + len(s):]
        self._pos = p + len(s)
        return len(s)

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def read(self, size=-1):
        self._check()
        p = self._pos
        if size is None or size < 0:
            r = self._v[p:]
        else:
            r = self._v[p:p + size]
        self._pos = p + len(r)
        return r

    def readline(self, size=-1):
        self._check()
        v = self._v
        p = self._pos
        i = v[p:].find(self._nl)
        end = len(v) if i < 0 else p + i + 1
        if size is not None and size >= 0 and p + size < end:
            end = p + size
        self._pos = max(end, p)
        return v[p:end]

    def readlines(self, hint=-1):
        lines = []
        while True:
            line = self.readline()
            if not line:
                return lines
            lines.append(line)

    def __iter__(self):
        self._check()
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def getvalue(self):
        self._check()
        return self._v

    def seek(self, pos, whence=0):
        self._check()
        if whence == 0:
            if pos < 0:
                raise ValueError("Negative seek position " + str(pos))
            self._pos = pos
        elif whence == 1:
            if pos != 0:
                raise OSError("Can't do nonzero cur-relative seeks")
        elif whence == 2:
            if pos != 0:
                raise OSError("Can't do nonzero end-relative seeks")
            self._pos = len(self._v)
        else:
            raise ValueError("Invalid whence (" + str(whence) + ", should be 0, 1 or 2)")
        return self._pos

    def tell(self):
        self._check()
        return self._pos

    def truncate(self, size=None):
        self._check()
        if size is None:
            size = self._pos
        self._v = self._v[:size]
        return size

    def flush(self):
        self._check()

    def close(self):
        self.closed = True

    def readable(self):
        return True

    def writable(self):
        return True

    def seekable(self):
        return True

    def __enter__(self):
        self._check()
        return self

    def __exit__(self, *args):
        self.close()


class BytesIO(StringIO):
    _empty = b""
    _nl = b"\n"
    _zero = b"\0"

    def __init__(self, initial_bytes=b""):
        if initial_bytes is None:
            initial_bytes = b""
        if not isinstance(initial_bytes, (bytes, bytearray)):
            raise TypeError("a bytes-like object is required, not '" + type(initial_bytes).__name__ + "'")
        self._v = bytes(initial_bytes)
        self._pos = 0
        self.closed = False

    def write(self, s):
        self._check()
        if not isinstance(s, (bytes, bytearray)):
            raise TypeError("a bytes-like object is required, not '" + type(s).__name__ + "'")
        return self._put(bytes(s))


class TextIOWrapper(StringIO):
    def __init__(self, name, mode, text):
        super().__init__(text)
        self.name = name
        self.mode = mode
        self._reading = "r" in mode or "+" in mode
        self._writing = "r" not in mode or "+" in mode
        if "a" in mode:
            self._pos = len(text)

    def _check(self):
        if self.closed:
            raise ValueError("I/O operation on closed file.")

    def write(self, s):
        if not self._writing:
            self._check()
            raise UnsupportedOperation("not writable")
        n = super().write(s)
        _files[self.name] = self._v
        return n

    def read(self, size=-1):
        if not self._reading:
            self._check()
            raise UnsupportedOperation("not readable")
        return super().read(size)

    def readline(self, size=-1):
        if not self._reading:
            self._check()
            raise UnsupportedOperation("not readable")
        return super().readline(size)

    def getvalue(self):
        raise AttributeError("'_io.TextIOWrapper' object has no attribute 'getvalue'")

    def readable(self):
        return self._reading

    def writable(self):
        return self._writing

    def __repr__(self):
        return "<_io.TextIOWrapper name=" + repr(self.name) + " mode=" + repr(self.mode) + " encoding='UTF-8'>"


class BufferedFile(BytesIO):
    # open(..., "rb"/"wb"/...): BufferedReader, BufferedWriter or BufferedRandom
    def __init__(self, name, mode, data):
        super().__init__(data)
        self.name = name
        self.mode = mode
        self._reading = "r" in mode or "+" in mode
        self._writing = "r" not in mode or "+" in mode
        if "a" in mode:
            self._pos = len(data)

    def _check(self):
        if self.closed:
            raise ValueError("I/O operation on closed file.")

    def write(self, s):
        self._check()
        if not self._writing:
            raise UnsupportedOperation("write")
        n = super().write(s)
        _files[self.name] = self._v
        return n

    def read(self, size=-1):
        self._check()
        if not self._reading:
            raise UnsupportedOperation("read")
        return super().read(size)

    def readline(self, size=-1):
        self._check()
        if not self._reading:
            raise UnsupportedOperation("readline")
        return super().readline(size)

    def getvalue(self):
        raise AttributeError("'" + self._kind() + "' object has no attribute 'getvalue'")

    def readable(self):
        return self._reading

    def writable(self):
        return self._writing

    def _kind(self):
        return "_io.BufferedRandom" if "+" in self.mode else "_io.BufferedReader" if "r" in self.mode else "_io.BufferedWriter"

    def __repr__(self):
        return "<" + self._kind() + " name=" + repr(self.name) + ">"


def open(file, mode="r", buffering=-1, encoding=None, errors=None, newline=None, closefd=True, opener=None):
    if not isinstance(file, str):
        raise TypeError("expected str, bytes or os.PathLike object, not " + type(file).__name__)
    binary = "b" in mode
    if binary and "t" in mode:
        raise ValueError("can't have text and binary mode at once")
    if binary and encoding is not None:
        raise ValueError("binary mode doesn't take an encoding argument")
    kinds = 0
    for c in "rwax":
        if c in mode:
            kinds += 1
    if kinds != 1:
        raise ValueError("must have exactly one of create/read/write/append mode")
    if "r" in mode:
        if file not in _files:
            raise FileNotFoundError("[Errno 2] No such file or directory: " + repr(file))
        text = _files[file]
    elif "x" in mode:
        if file in _files:
            raise FileExistsError("[Errno 17] File exists: " + repr(file))
        text = ""
    elif "a" in mode:
        text = _files.get(file, "")
    else:
        text = ""
    # the stored content is what was last written: convert to the mode's kind
    if binary and isinstance(text, str):
        text = text.encode("utf-8")
    elif not binary and isinstance(text, bytes):
        text = text.decode("utf-8")
    if "r" not in mode:
        _files[file] = text
    if binary:
        return BufferedFile(file, mode, text)
    return TextIOWrapper(file, mode, text)
)PY";

}  // namespace pitfall::sim
