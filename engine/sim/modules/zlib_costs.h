// Costs of the zlib module (zlib_module.cpp), from the cost table's
// `builtin.zlib.*` rows (tools/bench/zlib_costs.py measures them).
//
// deflate's time per input byte depends on the level and, as much, on the
// data: at level 6 on the calibration machine runs compress at ~3 ns/byte,
// JSON records at ~11, random bytes at ~20, random letters at ~28, CSV rows at
// ~39, random digits (many short matches, long hash chains) at ~75. The table
// holds, per level, five anchors measured on data of kinds learners compress
// (runs, json, csv, letters, random: `builtin.zlib.compress:L<level>:<kind>`,
// per input byte) with the compression ratio each reached
// (`zlib.ratio:L<level>:<kind>`); a call is charged the cost interpolated at
// its own ratio (output / input), which real zlib has just computed: within
// ~2x of CPython on other data (tools/bench/zlib_costs.py). inflate is charged
// the same way per output byte (`builtin.zlib.decompress:<kind>`, the
// level-6 ratios).
#pragma once

namespace pitfall::sim {

class VM;

// ns of compressing n_in bytes into n_out at `level` (-1 is 6): {call's fixed part, per-byte part}.
struct ZlibCost { double base, bytes; };
ZlibCost zlib_compress_cost(VM& vm, int level, double n_in, double n_out);
ZlibCost zlib_decompress_cost(VM& vm, double n_in, double n_out);
ZlibCost zlib_checksum_cost(VM& vm, bool crc, double n);
// crc32/adler32 release the GIL above this many bytes (zlibmodule.c: data->len > 1024*5)
double zlib_checksum_gil_min_bytes(VM& vm);

}  // namespace pitfall::sim
