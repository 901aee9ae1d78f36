// Pairs of instructions the VM runs with one dispatch (PITFALL_FUSED_OPCODES
// in compiler/code.h, made and run in eval.cpp): host speed only, every
// instruction is still fetched, accounted and counted as itself.
#pragma once
#include <cstdint>

namespace pitfall::sim {

// Off: code first run afterwards runs its instructions one by one (the tests
// compare the two: fused_pairs_test.cpp).
extern bool g_fused_pairs;
// How many pairs were fused so far (the tests check that there were some).
extern std::uint64_t g_fused_pairs_made;

}  // namespace pitfall::sim
