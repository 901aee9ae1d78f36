// gzip: compress(data, compresslevel=9, *, mtime=None) and decompress(data)
// (several members, CPython 3.11's Lib/gzip.py header parsing and its
// BadGzipFile / EOFError texts; 3.13's compress reuses zlib's header) on the zlib module, so their bytes and costs
// are zlib's. The header's mtime is the virtual clock's time.time().
// Not modelled: GzipFile and gzip.open (files), the command line.
namespace pitfall::sim {

extern const char* const kGzipPy = R"PY(
import struct
import sys
import time
import zlib

READ, WRITE = 1, 2
FTEXT, FHCRC, FEXTRA, FNAME, FCOMMENT = 1, 2, 4, 8, 16
_COMPRESS_LEVEL_FAST = 1
_COMPRESS_LEVEL_TRADEOFF = 6
_COMPRESS_LEVEL_BEST = 9


class BadGzipFile(OSError):
    """Exception raised in some cases for invalid gzip files."""


def _create_simple_gzip_header(compresslevel, mtime=None):
    if mtime is None:
        mtime = time.time()
    if compresslevel == _COMPRESS_LEVEL_BEST:
        xfl = 2
    elif compresslevel == _COMPRESS_LEVEL_FAST:
        xfl = 4
    else:
        xfl = 0
    return struct.pack("<BBBBLBB", 0x1f, 0x8b, 8, 0, int(mtime), xfl, 255)


def compress(data, compresslevel=_COMPRESS_LEVEL_BEST, *, mtime=None):
    if sys.version_info >= (3, 13):
        # 3.13: zlib's own gzip member, its mtime and OS byte (255) replaced
        gzip_data = zlib.compress(data, level=compresslevel, wbits=31)
        if mtime is None:
            mtime = time.time()
        header = struct.pack("<4sLBB", gzip_data, int(mtime), gzip_data[8], 255)
        return header + gzip_data[10:]
    if mtime == 0:
        return zlib.compress(data, level=compresslevel, wbits=31)
    header = _create_simple_gzip_header(compresslevel, mtime)
    trailer = struct.pack("<LL", zlib.crc32(data), (len(data) & 0xffffffff))
    return (header + zlib.compress(data, level=compresslevel, wbits=-15) + trailer)


def _truncated():
    return EOFError("Compressed file ended before the end-of-stream marker was reached")


def _skip_header(data):
    # Lib/gzip.py _read_gzip_header: the offset of the deflate stream, or None at the end
    if len(data) == 0:
        return None
    magic = data[:2]
    if magic != b'\037\213':
        raise BadGzipFile('Not a gzipped file (%r)' % (magic,))
    if len(data) < 10:
        raise _truncated()
    method, flag = data[2], data[3]
    if method != 8:
        raise BadGzipFile('Unknown compression method')
    pos = 10
    if flag & FEXTRA:
        if len(data) < pos + 2:
            raise _truncated()
        extra_len = data[pos] | (data[pos + 1] << 8)
        pos += 2 + extra_len
        if len(data) < pos:
            raise _truncated()
    for bit in (FNAME, FCOMMENT):
        if flag & bit:
            while pos < len(data) and data[pos] != 0:
                pos += 1
            pos += 1
    if flag & FHCRC:
        pos += 2
        if len(data) < pos:
            raise _truncated()
    return pos


def decompress(data):
    members = []
    while True:
        pos = _skip_header(data)
        if pos is None:
            return b"".join(members)
        do = zlib.decompressobj(wbits=-zlib.MAX_WBITS)
        decompressed = do.decompress(data[pos:])
        if not do.eof or len(do.unused_data) < 8:
            raise _truncated()
        crc, length = struct.unpack("<II", do.unused_data[:8])
        if crc != zlib.crc32(decompressed):
            raise BadGzipFile("CRC check failed")
        if length != (len(decompressed) & 0xffffffff):
            raise BadGzipFile("Incorrect length of data produced")
        members.append(decompressed)
        data = do.unused_data[8:].lstrip(b"\x00")
)PY";

}  // namespace pitfall::sim
