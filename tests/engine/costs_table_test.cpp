// Cost tables (engine/sim/costs/*.json) and their loader: every committed table
// loads, carries every key of the contract with sane values, and the tables
// keep the orderings CPython showed when they were measured or derived.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "base/embedded.h"
#include "sim/costs/cost_table.h"

using pitfall::sim::costs::CostTable;

namespace {

const char* const kOpKeys[] = {
    "LOAD_FAST", "STORE_FAST", "LOAD_CONST", "LOAD_GLOBAL.module", "LOAD_GLOBAL.builtin",
    "STORE_GLOBAL", "LOAD_NAME", "STORE_NAME", "LOAD_DEREF", "STORE_DEREF",
    "LOAD_ATTR.instance", "LOAD_ATTR.class", "LOAD_ATTR.module", "LOAD_ATTR.method",
    "LOAD_ATTR.property", "STORE_ATTR.instance", "STORE_ATTR.slot", "BINARY_OP.int",
    "BINARY_OP.bigint", "BINARY_OP.float", "BINARY_OP.str", "BINARY_OP.list", "BINARY_OP.other",
    "COMPARE_OP.int", "COMPARE_OP.float", "COMPARE_OP.str", "COMPARE_OP.other",
    "CONTAINS_OP.set", "CONTAINS_OP.dict", "BINARY_SUBSCR.list", "BINARY_SUBSCR.dict",
    "BINARY_SUBSCR.tuple", "BINARY_SUBSCR.str", "BINARY_SUBSCR.other", "STORE_SUBSCR.list",
    "STORE_SUBSCR.dict", "CALL.py", "CALL.builtin", "CALL.method_builtin", "CALL.class",
    "CALL.bound_method", "CALL.kw", "RETURN_VALUE", "FOR_ITER.range", "FOR_ITER.list",
    "FOR_ITER.tuple", "FOR_ITER.dict", "FOR_ITER.generator", "FOR_ITER.other", "JUMP_BACKWARD",
    "JUMP_FORWARD", "POP_JUMP_IF", "BUILD_LIST", "BUILD_TUPLE", "BUILD_MAP", "BUILD_SET",
    "BUILD_STRING", "FORMAT_VALUE", "LIST_APPEND", "MAP_ADD", "SET_ADD", "UNPACK_SEQUENCE",
    "RAISE", "EXCEPT_MATCH", "SETUP_EXCEPT", "YIELD_VALUE", "SEND", "MAKE_FUNCTION",
    "BUILD_CLASS", "IMPORT_NAME", "POP_TOP", "default"};

const char* const kBuiltinKeys[] = {
    "builtin.default", "builtin.len", "builtin.sum", "builtin.sorted", "builtin.print",
    "builtin.isinstance", "builtin.range", "builtin.list.append", "builtin.list.sort",
    "builtin.str.join", "builtin.str.__add__", "builtin.list.__contains__",
    "builtin.dict.__setitem__resize", "builtin.list.__getitem__slice", "builtin.json.dumps",
    "builtin.hashlib.sha256", "builtin.time.sleep", "builtin.zlib.compress"};

const char* const kParamKeys[] = {
    "gc.full_per_object_ns", "gc.young_per_object_ns", "gc.free_per_object_ns",
    "thread.start_ns", "thread.join_ns", "asyncio.step_ns", "asyncio.task_ns",
    "process.start_ns.fork", "process.start_ns.spawn", "process.start_ns.forkserver",
    "pickle.dumps_ns_per_byte", "pickle.loads_ns_per_byte", "eval_breaker.interval_instructions",
    "gil.switch_interval_s", "hashlib.gil_release_min_bytes", "gc.threshold0"};

struct Build {
  const char* version;
  bool ft, jit;
};
const Build kBuilds[] = {{"3.10", false, false}, {"3.11", false, false}, {"3.12", false, false},
                         {"3.13", false, false}, {"3.14", false, false}, {"3.13", true, false},
                         {"3.14", true, false},  {"3.13", false, true},  {"3.14", false, true}};

// The reference loop at module level, as the VM executes it per iteration.
double ref_sum(const CostTable& t) {
  // two ints past the small-int cache per iteration: the range item and i * 2
  return t.op_ns("FOR_ITER.range") + t.op_ns("STORE_NAME") + t.op_ns("LOAD_NAME") +
         t.op_ns("LOAD_CONST") + t.op_ns("BINARY_OP.int") + t.op_ns("STORE_NAME") +
         t.op_ns("JUMP_BACKWARD") + 2 * t.op_ns("int.alloc");
}

CostTable must_load(const Build& b) {
  std::string err;
  auto t = CostTable::load(b.version, b.ft, b.jit, err);
  INFO(CostTable::file_name(b.version, b.ft, b.jit) << ": " << err);
  REQUIRE(t);
  REQUIRE(err.empty());
  return *t;
}

}  // namespace

TEST_CASE("every committed cost table is embedded, parses and names its build", "[costs]") {
  auto files = pitfall::embedded_files("engine/sim/costs/cpython-");
  REQUIRE(files.size() >= 9);
  for (const auto& f : files) {
    std::string err;
    auto t = CostTable::parse(std::string_view(f.data, f.size), err);
    INFO(f.path << ": " << err);
    REQUIRE(t);
    CHECK(CostTable::file_name(t->version(), t->free_threaded(), t->jit()) == f.path);
  }
  for (const auto& b : kBuilds) must_load(b);
}

TEST_CASE("every table has every contract key with a usable value", "[costs]") {
  for (const auto& b : kBuilds) {
    CostTable t = must_load(b);
    INFO(CostTable::file_name(b.version, b.ft, b.jit));
    for (const char* k : kOpKeys) {
      INFO(k);
      CHECK(t.has_op(k));
      double v = t.op_ns(k);
      CHECK(std::isfinite(v));
      if (std::string_view(k) == "SETUP_EXCEPT" && std::string_view(b.version) != "3.10")
        CHECK(v == 0.0);  // zero-cost try since 3.11
      else
        CHECK(v > 0.0);
    }
    for (const char* k : kBuiltinKeys) {
      INFO(k);
      CHECK(t.has_builtin(k));
      auto c = t.builtin(k);
      CHECK(c.base_ns >= 0);
      CHECK(c.per_item_ns >= 0);
      CHECK(c.per_nlogn_ns >= 0);
      CHECK(t.builtin_ns(k, 1000) >= 0);
    }
    // built-ins whose cost grows with n (cheap fixed-cost ones such as len may be 0:
    // their call instruction carries the whole cost)
    for (const char* k : {"builtin.list.__contains__", "builtin.sum", "builtin.str.join",
                          "builtin.str.__add__", "builtin.list.__getitem__slice",
                          "builtin.json.dumps", "builtin.hashlib.sha256", "builtin.zlib.compress"}) {
      INFO(k);
      CHECK(t.builtin(k).per_item_ns > 0);
    }
    CHECK(t.builtin("builtin.sorted").per_nlogn_ns > 0);
    for (const char* k : kParamKeys) {
      INFO(k);
      CHECK(t.has_param(k));
      CHECK(t.param(k, -1) > 0);
    }
    CHECK(t.ref_loop_ns() > 0);
    // raw opcode names of the VM resolve to their most common variant
    CHECK(t.op_ns("LOAD_ATTR") == t.op_ns("LOAD_ATTR.instance"));
    CHECK(t.op_ns("CALL") == t.op_ns("CALL.py"));
    CHECK(t.op_ns("POP_JUMP_IF_FALSE") == t.op_ns("POP_JUMP_IF"));
    CHECK(t.op_ns("PUSH_NULL") == 0.0);
  }
}

TEST_CASE("the reference loop's instruction sum reproduces the measured loop", "[costs]") {
  for (const char* v : {"3.10", "3.11", "3.12", "3.13"}) {
    CostTable t = must_load({v, false, false});
    INFO(v << ": sum " << ref_sum(t) << " ns, measured " << t.ref_loop_ns() << " ns");
    CHECK(std::abs(ref_sum(t) / t.ref_loop_ns() - 1.0) < 0.02);
  }
}

TEST_CASE("version orderings hold", "[costs]") {
  CostTable t310 = must_load({"3.10", false, false});
  CostTable t311 = must_load({"3.11", false, false});
  CostTable t313 = must_load({"3.13", false, false});
  CostTable t314 = must_load({"3.14", false, false});
  CostTable t313t = must_load({"3.13", true, false});
  CostTable t314t = must_load({"3.14", true, false});
  // 3.11's specialising interpreter is faster than 3.10
  CHECK(ref_sum(t311) < ref_sum(t310));
  // no specialisation in 3.10: attribute and global loads cost much more than in 3.11
  CHECK(t310.op_ns("LOAD_ATTR.instance") > 1.5 * t311.op_ns("LOAD_ATTR.instance"));
  CHECK(t310.op_ns("SETUP_EXCEPT") > 0);
  // free-threaded builds are slower single-threaded; 3.13t (specializer off) more than 3.14t
  CHECK(ref_sum(t313t) > 1.2 * ref_sum(t313));
  CHECK(ref_sum(t314t) > ref_sum(t314));
  CHECK(ref_sum(t314t) / ref_sum(t314) < ref_sum(t313t) / ref_sum(t313));
  CHECK(t313t.free_threaded());
  CHECK(t313.param("gc.threshold0", 0) == 2000);
  CHECK(t311.param("gc.threshold0", 0) == 700);
}

TEST_CASE("size-dependent built-ins scale as CPython's do", "[costs]") {
  for (const auto& b : kBuilds) {
    CostTable t = must_load(b);
    INFO(CostTable::file_name(b.version, b.ft, b.jit));
    // `x in list` is linear: 1000 items cost far more than 10, and far more than a set probe
    CHECK(t.builtin_ns("builtin.list.__contains__", 1000) >
          20 * t.builtin_ns("builtin.list.__contains__", 10));
    CHECK(t.builtin_ns("builtin.list.__contains__", 1000) > 20 * t.op_ns("CONTAINS_OP.set"));
    // sorting random data costs more per item at 100k than at 1k (n log n)
    CHECK(t.builtin_ns("builtin.sorted", 100000) / 100000 >
          t.builtin_ns("builtin.sorted", 1000) / 1000);
    CHECK(t.builtin("builtin.hashlib.sha256").releases_gil);
    CHECK(t.builtin("builtin.time.sleep").releases_gil);
    CHECK(t.builtin("builtin.zlib.compress").releases_gil);
    CHECK_FALSE(t.builtin("builtin.len").releases_gil);
    CHECK_FALSE(t.builtin("builtin.json.dumps").releases_gil);
    CHECK(t.builtin_ns("builtin.json.dumps", 100000) > t.builtin_ns("builtin.json.dumps", 100));
  }
}

TEST_CASE("look-ups fall back and never fail", "[costs]") {
  CostTable t = must_load({"3.12", false, false});
  CHECK(t.op_ns("LOAD_ATTR.no_such_variant") == t.op_ns("LOAD_ATTR"));
  CHECK(t.op_ns("NO_SUCH_OP.x") == t.op_ns("default"));
  CHECK(t.op_ns("") == t.op_ns("default"));
  auto d = t.builtin("builtin.default");
  auto u = t.builtin("builtin.no_such_function");
  CHECK(u.base_ns == d.base_ns);
  CHECK(t.builtin("builtin.sorted:presorted").per_nlogn_ns == 0);
  CHECK(t.builtin("builtin.sorted:no_such_variant").per_nlogn_ns ==
        t.builtin("builtin.sorted").per_nlogn_ns);
  auto s = t.builtin("builtin.sorted");
  double n = 1000;
  CHECK(t.builtin_ns("builtin.sorted", n) ==
        Approx(s.base_ns + s.per_item_ns * n + s.per_nlogn_ns * n * std::log2(n)));
  CHECK(t.builtin_ns("builtin.sorted", -5) == Approx(s.base_ns));
  CHECK(t.builtin_ns("builtin.sorted", NAN) == Approx(s.base_ns));
  CHECK(t.param("no.such.param", 42.5) == 42.5);
}

TEST_CASE("impossible builds and broken tables are refused without throwing", "[costs]") {
  std::string err;
  CHECK_FALSE(CostTable::load("3.9", false, false, err));
  CHECK_FALSE(err.empty());
  CHECK_FALSE(CostTable::load("3.12", true, false, err));
  CHECK_FALSE(CostTable::load("3.11", false, true, err));
  CHECK_FALSE(CostTable::load("3.14", true, true, err));
  CHECK_FALSE(CostTable::parse("", err));
  CHECK_FALSE(CostTable::parse("{\"version\": \"3.11\", \"ops\": ", err));
  CHECK_FALSE(CostTable::parse("[1, 2]", err));
  CHECK_FALSE(CostTable::parse("{\"version\": 3.11}", err));
  // wrong types and negative numbers are ignored: the compiled-in defaults stay
  auto t = CostTable::parse(
      R"({"version": "3.11", "ops": {"LOAD_FAST": -1, "STORE_FAST": "x", "CALL.py": true},
          "builtins": {"builtin.len": 5, "builtin.sum": {"per_item_ns": "a", "base_ns": 3}},
          "params": {"gc.threshold0": null}})",
      err);
  REQUIRE(t);
  CHECK(t->op_ns("LOAD_FAST") > 0);
  CHECK(t->op_ns("STORE_FAST") > 0);
  CHECK(std::isfinite(t->op_ns("CALL.py")));
  CHECK(t->builtin("builtin.sum").base_ns == 3);
  CHECK(t->param("gc.threshold0", 0) == 700);
}
