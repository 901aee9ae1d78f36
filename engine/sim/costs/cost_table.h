// Cost tables of the simulator: nanoseconds per instruction kind, size-dependent
// costs of built-ins and misc parameters, one table per interpreter build
// (engine/sim/costs/cpython-<ver>[t][-jit].json, embedded in the binary; the
// schema is in engine/sim/costs/README.md). The VM resolves the keys it needs
// once (e.g. into a per-opcode array) and never hard-codes nanoseconds itself.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace pitfall::sim::costs {

// Cost of a built-in whose time depends on a size n (items, characters, bytes):
// base_ns + per_item_ns*n + per_nlogn_ns*n*log2(max(n,2)). Charged on top of
// the instruction that calls it (CALL.builtin, BINARY_OP.str, CONTAINS_OP, ...).
struct SizeCost {
  double base_ns = 0, per_item_ns = 0, per_nlogn_ns = 0;
  bool releases_gil = false;
};

class CostTable {
 public:
  // version "3.10".."3.14"; free_threaded for 3.13t/3.14t; jit for the JIT what-ifs
  // (3.13, 3.14, not free-threaded). Returns nullopt and sets `error` when no such
  // build exists. For an existing build whose embedded table is missing or broken
  // it returns the compiled-in defaults of that version and explains in `error`;
  // `error` is cleared when the embedded table was loaded. Never throws.
  static std::optional<CostTable> load(std::string_view version, bool free_threaded, bool jit,
                                       std::string& error);
  // Parses a table from JSON text (used by load and by tests). Missing keys fall
  // back to the compiled-in defaults of the table's version. Never throws.
  static std::optional<CostTable> parse(std::string_view json_text, std::string& error);

  // Instruction cost in ns; falls back "X.variant" -> "X" -> "default".
  double op_ns(std::string_view key) const;
  // "builtin.len", "builtin.list.sort", ...; a variant after ':' falls back to its
  // built-in ("builtin.sorted:presorted" -> "builtin.sorted"), then "builtin.default".
  SizeCost builtin(std::string_view key) const;
  // base + per_item*n + per_nlogn*n*log2(max(n,2)) of builtin(key).
  double builtin_ns(std::string_view key, double n) const;
  // base + per_item*n + per_nlogn*n*log2(max(n,2)) of a row builtin() returned.
  static double size_cost_ns(const SizeCost& c, double n);
  // Misc parameter ("gc.full_per_object_ns", "thread.start_ns", ...) or `fallback`.
  double param(std::string_view key, double fallback) const;

  // Replaces a misc parameter (a what-if of the host: Options::page_fault_ns).
  void set_param(std::string_view key, double value) { params_[std::string(key)] = value; }

  // Is `key` itself in the table (no fall-back)?
  bool has_op(std::string_view key) const { return ops_.find(key) != ops_.end(); }
  bool has_builtin(std::string_view key) const { return builtins_.find(key) != builtins_.end(); }
  bool has_param(std::string_view key) const { return params_.find(key) != params_.end(); }

  std::string_view version() const { return version_; }
  // Names the table's rows: a copy keeps it, a table made or parsed gets a new
  // one (caches of resolved rows compare it, as an address may be reused).
  std::uint64_t serial() const { return serial_; }
  bool free_threaded() const { return free_threaded_; }
  bool jit() const { return jit_; }
  // ns per iteration of the reference loop `for i in range(3_500_000): x = i * 2`
  // at module level, measured on the calibration machine (0 if unknown).
  double ref_loop_ns() const { return ref_loop_ns_; }
  // Embedded file name of a build, e.g. "engine/sim/costs/cpython-3.13t.json".
  static std::string file_name(std::string_view version, bool free_threaded, bool jit);

 private:
  static CostTable defaults(std::string_view version, bool free_threaded, bool jit);
  static std::uint64_t next_serial();

  std::uint64_t serial_ = next_serial();
  std::string version_;
  bool free_threaded_ = false, jit_ = false;
  double ref_loop_ns_ = 0;
  std::map<std::string, double, std::less<>> ops_;
  std::map<std::string, SizeCost, std::less<>> builtins_;
  std::map<std::string, double, std::less<>> params_;
};

}  // namespace pitfall::sim::costs
