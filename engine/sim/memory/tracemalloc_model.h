// tracemalloc as the simulated program and the report see it: every modelled
// allocation and free in requested bytes, current and peak totals, totals per
// source line, snapshots and their statistics('lineno') text.
//
// Notes about the model: follows Modules/_tracemalloc.c and
// Lib/tracemalloc.py. A block is traced with the line that allocated it (a
// traceback of one frame, tracemalloc's default); realloc replaces the trace
// (the old and new sizes never count together, as in tracemalloc_realloc).
// Two views: the report's (tracing from the first instruction, what
// `memory.peak_bytes`/`final_bytes` mean) and the program's own
// tracemalloc.start()/stop() window (get_traced_memory, reset_peak,
// take_snapshot). Left out: tracebacks deeper than one frame, filters,
// Snapshot.compare_to, the memory tracemalloc itself uses
// (get_tracemalloc_memory).
#pragma once
#include <algorithm>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "sim/memory/chunked_vector.h"

namespace pitfall::sim::memory {

using BlockId = std::uint64_t;

struct LineStat {
  std::string file;
  int line = 0;
  std::int64_t size = 0, count = 0;
};

// tracemalloc._format_size(size, sign=False): "12.3 KiB", "1024 B", ...
std::string format_size(double size);
// str(Statistic): "x.py:3: size=1024 KiB, count=3, average=341 KiB"
std::string format_statistic(const LineStat& s);

class TracemallocModel {
 public:
  // Records a block of `bytes` allocated by `file`:`line`; returns its id.
  // Inline with free(): they run on every allocation and free of the program.
  [[gnu::always_inline]] BlockId alloc(std::int64_t bytes, const std::string& file, int line) {
    return alloc_at(bytes, place(file, line));
  }
  // alloc() at a place found by place_of().
  [[gnu::always_inline]] BlockId alloc_at(std::int64_t bytes, std::uint32_t where) {
    bytes = std::max<std::int64_t>(0, bytes);
    BlockId id;
    if (!free_ids_.empty()) {
      id = free_ids_.back();
      free_ids_.pop_back();
    } else {
      id = blocks_.size();
      blocks_.emplace_back();
    }
    Block& b = blocks_[std::size_t(id)];
    b = Block{};
    b.live = 1;
    if (bytes < std::int64_t(kBigSize)) b.size = std::uint32_t(bytes);  // set_size's common case, no call
    else set_size(id, b, bytes);
    b.where = where & kPlaceMask;
    current_ += bytes;
    peak_ = std::max(peak_, current_);
    place_total_[b.where] += bytes;
    if (tracing_) add_program(b, bytes);
    return id;
  }
  [[gnu::always_inline]] void free(BlockId id) {
    Block* b = block(id);
    if (!b) return;
    const std::int64_t bytes = size_of(id, *b);
    remove_program(*b, bytes);
    current_ -= bytes;
    if (b->size == kBigSize) big_sizes_.erase(id);
    b->live = 0;
    free_ids_.push_back(id);
  }
  // An allocation without a block of its own: counted in the report's
  // totals as alloc() counts it, for an object whose size never changes and
  // whose owner remembers it (the memory layer's ints and floats). Only while
  // the program is not tracing: such an allocation is never in its snapshots.
  [[gnu::always_inline]] void count_alloc(std::int64_t bytes, std::uint32_t where) {
    current_ += bytes;
    peak_ = std::max(peak_, current_);
    place_total_[where] += bytes;
  }
  [[gnu::always_inline]] void count_free(std::int64_t bytes) { current_ -= bytes; }
  // The place of file:line (count_alloc's `where`).
  std::uint32_t place_of(const std::string& file, int line) { return place(file, line); }
  // realloc: the block keeps its id, takes the new size and the new line.
  void realloc(BlockId id, std::int64_t bytes, const std::string& file, int line) { realloc_at(id, bytes, place(file, line)); }
  void realloc_at(BlockId id, std::int64_t bytes, std::uint32_t where);
  // Inline: the memory layer asks it whenever an object's footprint is synced.
  std::int64_t size_of(BlockId id) const {
    return id < blocks_.size() && blocks_[std::size_t(id)].live ? size_of(id, blocks_[std::size_t(id)]) : 0;
  }

  // Report view: always tracing.
  std::int64_t current() const { return current_; }
  std::int64_t peak() const { return peak_; }
  // Bytes ever allocated per line (the report's lines[].alloc_bytes).
  // Keyed "file:line"; built from the per-place totals when asked.
  const std::unordered_map<std::string, std::int64_t>& allocated_per_line() const;

  // Program view: tracemalloc.start() / stop() / is_tracing().
  void start();
  void stop();  // clears the program's traces
  bool is_tracing() const { return tracing_; }
  // tracemalloc.get_traced_memory() -> (current, peak); (0, 0) when not tracing.
  std::int64_t traced_current() const { return tracing_ ? prog_current_ : 0; }
  std::int64_t traced_peak() const { return tracing_ ? prog_peak_ : 0; }
  void reset_peak() { prog_peak_ = prog_current_; }
  // Peaks back to earlier values (or the current totals, if higher): the
  // memory a multiprocessing child used was its own process's.
  void restore_peaks(std::int64_t peak, std::int64_t prog_peak) {
    peak_ = std::max(peak, current_);
    prog_peak_ = std::max(prog_peak, prog_current_);
  }
  std::int64_t program_peak() const { return prog_peak_; }
  void clear_traces();
  // take_snapshot().statistics('lineno'), sorted as tracemalloc sorts them
  // (size, count, traceback; descending).
  std::vector<LineStat> snapshot_statistics() const;

 private:
  // 8 bytes: a size from 2^32 - 1 bytes up is kept aside (big_sizes_); a
  // place index has 30 bits (places past 2^30 - 1 share the last one).
  static constexpr std::uint32_t kBigSize = 0xFFFFFFFFu;
  static constexpr std::uint32_t kPlaceMask = (std::uint32_t{1} << 30) - 1;
  struct Block {
    std::uint32_t size = 0;   // bytes, or kBigSize
    std::uint32_t where : 30 = 0;  // index into places_
    std::uint32_t program : 1 = 0;  // traced by the program's tracemalloc
    std::uint32_t live : 1 = 0;
  };
  static_assert(sizeof(Block) == 8);
  std::int64_t size_of(BlockId id, const Block& b) const {
    return b.size != kBigSize ? std::int64_t(b.size) : big_sizes_.at(id);
  }
  // b's size (a big one was already erased, or is replaced here)
  void set_size(BlockId id, Block& b, std::int64_t bytes) {
    if (bytes < std::int64_t(kBigSize)) {
      if (b.size == kBigSize) big_sizes_.erase(id);
      b.size = std::uint32_t(bytes);
    } else {
      b.size = kBigSize;
      big_sizes_[id] = bytes;
    }
  }
  Block* block(BlockId id) {
    return id < blocks_.size() && blocks_[std::size_t(id)].live ? &blocks_[std::size_t(id)] : nullptr;
  }
  // The place of file:line; a line of the first file seen is found by index,
  // without building a "file:line" key.
  std::uint32_t place(const std::string& file, int line) {
    if (line >= 0 && std::size_t(line) < main_lines_.size() && main_lines_[std::size_t(line)] && file == main_file_)
      return main_lines_[std::size_t(line)] - 1;
    return new_place(file, line);
  }
  std::uint32_t new_place(const std::string& file, int line);
  void add_program(Block& b, std::int64_t bytes) {
    b.program = 1;
    prog_current_ += bytes;
    prog_peak_ = std::max(prog_peak_, prog_current_);
  }
  void remove_program(Block& b, std::int64_t bytes) {
    if (!b.program) return;
    prog_current_ -= bytes;
    b.program = 0;
  }

  // Blocks by id; ids of freed blocks are reused (every allocation of the
  // program comes through here: no hashing, no node per block).
  ChunkedVector<Block> blocks_ = one_block();  // id 0: none
  static ChunkedVector<Block> one_block() {
    ChunkedVector<Block> v;
    v.emplace_back();
    return v;
  }
  std::vector<BlockId> free_ids_;
  std::unordered_map<BlockId, std::int64_t> big_sizes_;  // blocks of kBigSize
  std::int64_t current_ = 0, peak_ = 0;
  bool tracing_ = false;
  std::int64_t prog_current_ = 0, prog_peak_ = 0;
  std::vector<std::pair<std::string, int>> places_;
  std::unordered_map<std::string, std::uint32_t> place_index_;
  // place() is on every allocation: lines of the first file seen are found by
  // index, without building a "file:line" key
  std::string main_file_;
  std::vector<std::uint32_t> main_lines_;  // line -> place + 1 (0: not yet)
  std::vector<std::int64_t> place_total_;  // bytes ever allocated per place
  mutable std::unordered_map<std::string, std::int64_t> per_line_total_;  // "file:line", see allocated_per_line()
};

}  // namespace pitfall::sim::memory
