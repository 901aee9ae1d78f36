#include "sim/vm/code_check.h"

#include <cstdint>

namespace pitfall::sim {

bool code_runs_unchecked(const CodeObj& code) {
  const std::size_t n = code.code.size();
  if (n == 0 || n > std::size_t(INT32_MAX)) return false;
  for (const Instr& in : code.code) {
    if (in.op >= kOpCount) return false;
    if (op_is_jump(in.op) && (in.arg < 0 || std::size_t(in.arg) >= n)) return false;
  }
  switch (code.code.back().op) {
    case JUMP_FORWARD: case JUMP_BACKWARD: case RETURN_VALUE: case RERAISE: case RERAISE_RESTORE: case RAISE_VARARGS:
      return true;
    default:
      return false;
  }
}

}  // namespace pitfall::sim
