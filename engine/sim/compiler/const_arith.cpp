#include "sim/compiler/const_arith.h"

#include <bit>
#include <cstdint>

#include "sim/compiler/code.h"

namespace pitfall::sim {

namespace {

constexpr int kMaxIntBits = 128;                         // ast_opt.c MAX_INT_SIZE
constexpr std::int64_t kExactInDouble = std::int64_t{1} << 53;

int bit_length(std::int64_t v) {
  const std::uint64_t m = v < 0 ? std::uint64_t(0) - std::uint64_t(v) : std::uint64_t(v);
  return 64 - std::countl_zero(m);
}

bool int_power(std::int64_t base, std::int64_t exp, std::int64_t& out) {
  std::int64_t r = 1;
  while (exp > 0) {
    if (exp & 1)
      if (__builtin_mul_overflow(r, base, &r)) return false;
    exp >>= 1;
    if (exp > 0 && __builtin_mul_overflow(base, base, &base)) return false;
  }
  out = r;
  return true;
}

Ref fold_ints(Runtime& rt, int op, std::int64_t x, std::int64_t y) {
  std::int64_t r = 0;
  switch (op) {
    case NB_ADD: if (__builtin_add_overflow(x, y, &r)) return {}; break;
    case NB_SUBTRACT: if (__builtin_sub_overflow(x, y, &r)) return {}; break;
    case NB_MULTIPLY: if (__builtin_mul_overflow(x, y, &r)) return {}; break;  // (within 128 bits too)
    case NB_AND: r = x & y; break;
    case NB_OR: r = x | y; break;
    case NB_XOR: r = x ^ y; break;
    case NB_FLOOR_DIVIDE:
    case NB_REMAINDER: {
      if (y == 0 || (x == INT64_MIN && y == -1)) return {};
      std::int64_t q = x / y, m = x % y;
      if (m != 0 && ((m < 0) != (y < 0))) { --q; m += y; }
      r = op == NB_FLOOR_DIVIDE ? q : m;
      break;
    }
    case NB_POWER:
      if (y < 0) return {};  // a float
      if (x != 0 && y > 0 && bit_length(x) > kMaxIntBits / y) return {};  // safe_power
      if (!int_power(x, y, r)) return {};
      break;
    case NB_LSHIFT:
      if (y < 0) return {};  // ValueError
      if (x != 0 && y != 0 && (y > kMaxIntBits || bit_length(x) > kMaxIntBits - y)) return {};  // safe_lshift
      if (x != 0 && bit_length(x) + y > 63) return {};
      r = x == 0 ? 0 : std::int64_t(std::uint64_t(x) << y);
      break;
    case NB_RSHIFT:
      if (y < 0) return {};  // ValueError
      r = y >= 64 ? (x < 0 ? -1 : 0) : x >> y;
      break;
    case NB_TRUE_DIVIDE:
      if (y == 0 || x > kExactInDouble || x < -kExactInDouble || y > kExactInDouble || y < -kExactInDouble) return {};
      return rt.make_float(double(x) / double(y));
    default: return {};
  }
  return rt.make_int(r);
}

bool as_double(Runtime& rt, const Obj* o, double& out) {
  if (o->tag == Tag::Float && o->cls == rt.float_t) { out = static_cast<const FloatObj*>(o)->v; return true; }
  if (o->tag == Tag::Int && o->cls == rt.int_t) {
    const std::int64_t v = static_cast<const IntObj*>(o)->v;
    if (v > kExactInDouble || v < -kExactInDouble) return false;
    out = double(v);
    return true;
  }
  return false;
}

}  // namespace

Ref fold_number_binop(Runtime& rt, int op, const Obj* a, const Obj* b) {
  if (!a || !b) return {};
  if (a->tag == Tag::Int && a->cls == rt.int_t && b->tag == Tag::Int && b->cls == rt.int_t)
    return fold_ints(rt, op, static_cast<const IntObj*>(a)->v, static_cast<const IntObj*>(b)->v);
  double x = 0, y = 0;
  if (!as_double(rt, a, x) || !as_double(rt, b, y)) return {};
  switch (op) {
    case NB_ADD: return rt.make_float(x + y);
    case NB_SUBTRACT: return rt.make_float(x - y);
    case NB_MULTIPLY: return rt.make_float(x * y);
    case NB_TRUE_DIVIDE: return y == 0 ? Ref() : rt.make_float(x / y);
    default: return {};
  }
}

}  // namespace pitfall::sim
