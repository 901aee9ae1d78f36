#include "sim/compiler/const_key.h"

#include <cstring>

namespace pitfall::sim {

bool same_const_key(const Obj* a, const Obj* b) {
  if (a == b) return true;
  if (!a || !b || a->cls != b->cls || a->tag != b->tag) return false;
  switch (a->tag) {
    case Tag::Int: return static_cast<const IntObj*>(a)->v == static_cast<const IntObj*>(b)->v;
    case Tag::BigInt: return static_cast<const BigIntObj*>(a)->v == static_cast<const BigIntObj*>(b)->v;
    case Tag::Str: return static_cast<const StrObj*>(a)->s == static_cast<const StrObj*>(b)->s;
    case Tag::Bytes: return static_cast<const BytesObj*>(a)->s == static_cast<const BytesObj*>(b)->s;
    case Tag::Float: {
      const double x = static_cast<const FloatObj*>(a)->v, y = static_cast<const FloatObj*>(b)->v;
      return std::memcmp(&x, &y, sizeof x) == 0;
    }
    case Tag::Tuple: {
      const auto& p = static_cast<const TupleObj*>(a)->items;
      const auto& q = static_cast<const TupleObj*>(b)->items;
      if (p.size() != q.size()) return false;
      for (std::size_t i = 0; i < p.size(); ++i)
        if (!same_const_key(p[i].get(), q[i].get())) return false;
      return true;
    }
    default: return false;
  }
}

}  // namespace pitfall::sim
