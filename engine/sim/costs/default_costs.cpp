// Compiled-in fall-back costs (see default_costs.h).
#include "sim/costs/default_costs.h"

namespace pitfall::sim::costs {

const DefaultOp kDefaultOps[] = {
    {"default", 7.0},
    {"LOAD_FAST", 0.6},          {"STORE_FAST", 0.8},          {"LOAD_CONST", 1.4},
    {"POP_TOP", 0.8},            {"LOAD_NAME", 11.0},          {"STORE_NAME", 10.4},
    {"LOAD_GLOBAL", 2.3},        {"LOAD_GLOBAL.module", 2.0},  {"LOAD_GLOBAL.builtin", 2.6},
    {"STORE_GLOBAL", 10.0},      {"LOAD_DEREF", 1.5},          {"STORE_DEREF", 1.8},
    {"LOAD_ATTR", 4.0},          {"LOAD_ATTR.instance", 2.6},  {"LOAD_ATTR.class", 8.3},
    {"LOAD_ATTR.module", 3.2},   {"LOAD_ATTR.method", 4.7},    {"LOAD_ATTR.property", 26.6},
    {"STORE_ATTR", 2.0},         {"BINARY_OP", 8.0},           {"BINARY_OP.int", 4.8},
    {"BINARY_OP.bigint", 14.9},  {"BINARY_OP.float", 8.6},     {"BINARY_OP.str", 24.0},
    {"BINARY_OP.list", 26.6},    {"BINARY_OP.other", 22.0},    {"COMPARE_OP", 8.0},
    {"COMPARE_OP.int", 6.9},     {"COMPARE_OP.other", 19.0},   {"CONTAINS_OP", 14.0},
    {"CONTAINS_OP.set", 11.4},   {"CONTAINS_OP.dict", 10.6},   {"BINARY_SUBSCR", 8.0},
    {"BINARY_SUBSCR.list", 1.8}, {"BINARY_SUBSCR.dict", 8.6},  {"BINARY_SUBSCR.other", 27.0},
    {"STORE_SUBSCR", 8.0},       {"STORE_SUBSCR.list", 1.8},   {"STORE_SUBSCR.dict", 13.2},
    {"CALL", 12.0},              {"CALL.py", 12.4},            {"CALL.builtin", 6.2},
    {"CALL.method_builtin", 6.0}, {"CALL.class", 83.0},        {"CALL.bound_method", 18.2},
    {"CALL.kw", 11.7},           {"RETURN_VALUE", 2.2},        {"FOR_ITER", 5.0},
    {"FOR_ITER.range", 8.0},     {"FOR_ITER.list", 1.7},       {"FOR_ITER.generator", 5.2},
    {"JUMP_BACKWARD", 4.7},      {"JUMP_FORWARD", 0.9},        {"POP_JUMP_IF", 2.4},
    {"BUILD_LIST", 33.4},        {"BUILD_TUPLE", 25.9},        {"BUILD_MAP", 41.6},
    {"BUILD_SET", 50.4},         {"BUILD_STRING", 24.5},       {"FORMAT_VALUE", 48.9},
    {"LIST_APPEND", 3.6},        {"MAP_ADD", 5.8},             {"SET_ADD", 1.7},
    {"UNPACK_SEQUENCE", 1.3},    {"RAISE", 95.0},              {"EXCEPT_MATCH", 51.0},
    {"SETUP_EXCEPT", 0.0},       {"YIELD_VALUE", 4.8},         {"SEND", 8.4},
    {"MAKE_FUNCTION", 49.0},     {"BUILD_CLASS", 4660.0},      {"IMPORT_NAME", 82.0},
    {"GET_ITER", 7.0},
    // int.alloc: 0 in tables made before the key existed (their fitted costs include it)
    {"int.alloc", 0.0},          {nullptr, 0},
};

const DefaultBuiltin kDefaultBuiltins[] = {
    {"builtin.default", 21.0, 0, 0, false},
    {"builtin.list.__contains__", 0.2, 9.4, 0, false},
    {"builtin.list.sort", 0, 7.0, 6.7, false},
    {"builtin.sorted", 0, 7.0, 7.4, false},
    {"builtin.sum", 12.4, 5.3, 0, false},
    {"builtin.str.join", 7.8, 4.4, 0, false},
    {"builtin.str.__add__", 1.0, 0.0096, 0, false},
    {"builtin.list.__getitem__slice", 22.3, 0.9, 0, false},
    {"builtin.dict.__setitem__resize", 0, 5.2, 0, false},
    {"builtin.json.dumps", 1430, 9.4, 0, false},
    {"builtin.hashlib.sha256", 262, 0.63, 0, true},
    // 3.11's rows (tools/calibrate_lib/ratio_costs.py)
    {"builtin.hashlib.md5", 284.2, 1.415, 0, true},
    {"builtin.hashlib.sha1", 242.7, 0.6123, 0, true},
    {"builtin.hashlib.sha224", 248.4, 0.6457, 0, true},
    {"builtin.hashlib.sha384", 352.8, 1.1153, 0, true},
    {"builtin.hashlib.sha512", 341.3, 1.1171, 0, true},
    {"builtin.zlib.compress", 0, 54.0, 0, true},
    {"builtin.time.sleep", 80000, 0, 0, true},
    {"builtin.print", 200, 0.07, 0, false},
    {nullptr, 0, 0, 0, false},
};

const DefaultOp kDefaultParams[] = {
    {"gil.switch_interval_s", 0.005},
    {"gil.handoff_ns", 150000},
    {"eval_breaker.interval_instructions", 1},
    {"hashlib.gil_release_min_bytes", 2048},
    {"asyncio.slow_callback_s", 0.1},
    {"asyncio.step_ns", 1200},
    {"asyncio.task_ns", 10000},
    {"asyncio.task_create_ns", 1100},       // 3.13's (step_pieces.py)
    {"sum.range_item_ns", 4.3},
    {"int.range_alloc_item_ns", 9.2},
    {"gc.interpreter_per_object_ns", 156},
    {"gc.full_per_object_ns", 85},
    {"gc.young_per_object_ns", 15},
    {"gc.free_per_object_ns", 140},
    {"thread.start_ns", 90000},
    {"thread.join_ns", 20000},
    {"process.start_ns.fork", 2000000},
    {"process.start_ns.spawn", 60000000},
    {"process.start_ns.forkserver", 15000000},
    {"pickle.dumps_ns_per_byte", 2.9},
    {"pickle.loads_ns_per_byte", 5.3},
    {nullptr, 0},
};

double default_scale(std::string_view version, bool free_threaded, bool jit) {
  double s = 0;
  if (version == "3.10") s = 1.25;  // 3.11 is 1.25x faster (What's New 3.11)
  else if (version == "3.11" || version == "3.12" || version == "3.13") s = 1.0;
  else if (version == "3.14") s = 0.95;
  else return 0;
  if (free_threaded) s *= version == "3.13" ? 1.4 : 1.1;  // specializer off in 3.13t; PEP 779
  if (jit && version == "3.14") s *= 0.95;
  return s;
}

}  // namespace pitfall::sim::costs
