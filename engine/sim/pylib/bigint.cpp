// BigInt: magnitude arithmetic on 32-bit limbs and Python's integer
// semantics on top (see bigint.h for the model notes).
#include "sim/pylib/bigint.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>

namespace pitfall::sim::pylib {

namespace {

using Limbs = std::vector<std::uint32_t>;

void trim_limbs(Limbs& v) {
  while (!v.empty() && v.back() == 0) v.pop_back();
}

int cmp_mag(const Limbs& a, const Limbs& b) {
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  for (std::size_t i = a.size(); i-- > 0;)
    if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

Limbs add_mag(const Limbs& a, const Limbs& b) {
  const Limbs& x = a.size() >= b.size() ? a : b;
  const Limbs& y = a.size() >= b.size() ? b : a;
  Limbs r(x.size() + 1);
  std::uint64_t carry = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    std::uint64_t s = std::uint64_t{x[i]} + (i < y.size() ? y[i] : 0) + carry;
    r[i] = static_cast<std::uint32_t>(s);
    carry = s >> 32;
  }
  r[x.size()] = static_cast<std::uint32_t>(carry);
  trim_limbs(r);
  return r;
}

// a - b with |a| >= |b|.
Limbs sub_mag(const Limbs& a, const Limbs& b) {
  Limbs r(a.size());
  std::int64_t borrow = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    std::int64_t d = std::int64_t{a[i]} - (i < b.size() ? b[i] : 0) - borrow;
    borrow = d < 0;
    r[i] = static_cast<std::uint32_t>(d + (borrow ? (std::int64_t{1} << 32) : 0));
  }
  trim_limbs(r);
  return r;
}

Limbs mul_mag(const Limbs& a, const Limbs& b) {
  if (a.empty() || b.empty()) return {};
  Limbs r(a.size() + b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    std::uint64_t carry = 0;
    const std::uint64_t ai = a[i];
    if (ai == 0) continue;
    for (std::size_t j = 0; j < b.size(); ++j) {
      std::uint64_t t = ai * b[j] + r[i + j] + carry;
      r[i + j] = static_cast<std::uint32_t>(t);
      carry = t >> 32;
    }
    std::size_t k = i + b.size();
    while (carry) {
      std::uint64_t t = std::uint64_t{r[k]} + carry;
      r[k++] = static_cast<std::uint32_t>(t);
      carry = t >> 32;
    }
  }
  trim_limbs(r);
  return r;
}

// Divide by 10**9 in place (a constant divisor compiles to multiplications).
std::uint32_t divmod_billion(Limbs& a) {
  constexpr std::uint64_t d = 1000000000u;
  std::uint64_t rem = 0;
  for (std::size_t i = a.size(); i-- > 0;) {
    std::uint64_t cur = (rem << 32) | a[i];
    std::uint64_t q = cur / d;
    a[i] = static_cast<std::uint32_t>(q);
    rem = cur - q * d;
  }
  trim_limbs(a);
  return static_cast<std::uint32_t>(rem);
}

std::uint32_t divmod_small_mag(Limbs& a, std::uint32_t d) {
  std::uint64_t rem = 0;
  for (std::size_t i = a.size(); i-- > 0;) {
    std::uint64_t cur = (rem << 32) | a[i];
    a[i] = static_cast<std::uint32_t>(cur / d);
    rem = cur % d;
  }
  trim_limbs(a);
  return static_cast<std::uint32_t>(rem);
}

// Knuth algorithm D: q = a / b, r = a % b (magnitudes, b non-zero).
void divmod_mag(const Limbs& a, const Limbs& b, Limbs& q, Limbs& r) {
  if (cmp_mag(a, b) < 0) {
    q.clear();
    r = a;
    return;
  }
  if (b.size() == 1) {
    q = a;
    std::uint32_t rem = divmod_small_mag(q, b[0]);
    r.clear();
    if (rem) r.push_back(rem);
    return;
  }
  const int s = std::countl_zero(b.back());
  const std::size_t n = b.size(), m = a.size() - b.size();
  Limbs bn(n), an(a.size() + 1);
  for (std::size_t i = n; i-- > 0;)
    bn[i] = (b[i] << s) | (s && i ? static_cast<std::uint32_t>(std::uint64_t{b[i - 1]} >> (32 - s)) : 0);
  an[a.size()] = s ? static_cast<std::uint32_t>(std::uint64_t{a.back()} >> (32 - s)) : 0;
  for (std::size_t i = a.size(); i-- > 0;)
    an[i] = (a[i] << s) | (s && i ? static_cast<std::uint32_t>(std::uint64_t{a[i - 1]} >> (32 - s)) : 0);
  q.assign(m + 1, 0);
  const std::uint64_t base = std::uint64_t{1} << 32;
  for (std::size_t j = m + 1; j-- > 0;) {
    std::uint64_t num = (std::uint64_t{an[j + n]} << 32) | an[j + n - 1];
    std::uint64_t qhat = num / bn[n - 1];
    std::uint64_t rhat = num % bn[n - 1];
    while (qhat >= base || qhat * bn[n - 2] > ((rhat << 32) | an[j + n - 2])) {
      --qhat;
      rhat += bn[n - 1];
      if (rhat >= base) break;
    }
    std::int64_t borrow = 0;
    std::uint64_t carry = 0;
    for (std::size_t i = 0; i < n; ++i) {
      std::uint64_t p = qhat * bn[i] + carry;
      carry = p >> 32;
      std::int64_t t = std::int64_t{an[i + j]} - borrow - static_cast<std::int64_t>(p & 0xffffffffu);
      an[i + j] = static_cast<std::uint32_t>(t);
      borrow = t < 0 ? 1 : 0;
    }
    std::int64_t t = std::int64_t{an[j + n]} - borrow - static_cast<std::int64_t>(carry);
    an[j + n] = static_cast<std::uint32_t>(t);
    if (t < 0) {
      --qhat;
      std::uint64_t c = 0;
      for (std::size_t i = 0; i < n; ++i) {
        std::uint64_t sum = std::uint64_t{an[i + j]} + bn[i] + c;
        an[i + j] = static_cast<std::uint32_t>(sum);
        c = sum >> 32;
      }
      an[j + n] = static_cast<std::uint32_t>(std::uint64_t{an[j + n]} + c);
    }
    q[j] = static_cast<std::uint32_t>(qhat);
  }
  trim_limbs(q);
  r.assign(n, 0);
  for (std::size_t i = 0; i < n; ++i)
    r[i] = (an[i] >> s) | (s ? static_cast<std::uint32_t>(std::uint64_t{an[i + 1]} << (32 - s)) : 0);
  trim_limbs(r);
}

std::uint64_t bit_length_mag(const Limbs& a) {
  if (a.empty()) return 0;
  return (a.size() - 1) * 32 + (32 - std::countl_zero(a.back()));
}

Limbs shl_mag(const Limbs& a, std::uint64_t n) {
  if (a.empty()) return {};
  const std::size_t words = n / 32;
  const int bits = static_cast<int>(n % 32);
  Limbs r(a.size() + words + 1, 0);
  for (std::size_t i = 0; i < a.size(); ++i) {
    std::uint64_t v = std::uint64_t{a[i]} << bits;
    r[i + words] |= static_cast<std::uint32_t>(v);
    r[i + words + 1] |= static_cast<std::uint32_t>(v >> 32);
  }
  trim_limbs(r);
  return r;
}

Limbs shr_mag(const Limbs& a, std::uint64_t n) {
  const std::size_t words = n / 32;
  if (words >= a.size()) return {};
  const int bits = static_cast<int>(n % 32);
  Limbs r(a.size() - words);
  for (std::size_t i = 0; i < r.size(); ++i) {
    std::uint64_t lo = a[i + words];
    std::uint64_t hi = i + words + 1 < a.size() ? a[i + words + 1] : 0;
    r[i] = static_cast<std::uint32_t>(((hi << 32) | lo) >> bits);
  }
  trim_limbs(r);
  return r;
}

// True if any of the low n bits of a is set.
bool low_bits_nonzero(const Limbs& a, std::uint64_t n) {
  const std::size_t words = n / 32;
  for (std::size_t i = 0; i < words && i < a.size(); ++i)
    if (a[i]) return true;
  const int bits = static_cast<int>(n % 32);
  if (bits && words < a.size() && (a[words] & ((1u << bits) - 1))) return true;
  return false;
}

std::uint64_t top_u64(const Limbs& a) {
  std::uint64_t v = 0;
  for (std::size_t i = std::min<std::size_t>(a.size(), 2); i-- > 0;) v = (v << 32) | a[i];
  return v;
}

// Round q * 2**exp2 (q a magnitude, `sticky` = inexact bits below q) to a
// double with round-half-even, honouring subnormals. Returns inf on overflow.
double round_to_double(const Limbs& q, std::int64_t exp2, bool sticky) {
  if (q.empty()) return 0.0;
  const std::int64_t nb = static_cast<std::int64_t>(bit_length_mag(q));
  // Keep 53 bits, but never put the lsb below 2**-1074.
  std::int64_t extra = std::max<std::int64_t>(nb - 53, -1074 - exp2);
  std::uint64_t mant;
  if (extra > 0) {
    Limbs hi = shr_mag(q, static_cast<std::uint64_t>(extra));
    mant = top_u64(hi);
    const bool half = [&] {
      std::uint64_t bit = static_cast<std::uint64_t>(extra - 1);
      return bit / 32 < q.size() && ((q[bit / 32] >> (bit % 32)) & 1u);
    }();
    const bool rest = sticky || low_bits_nonzero(q, static_cast<std::uint64_t>(extra - 1));
    if (half && (rest || (mant & 1))) ++mant;
  } else {
    mant = top_u64(q);
    extra = 0;
    // extra <= 0 with nb <= 53: exact unless extra < 0 was forced (not needed).
  }
  std::int64_t e = exp2 + extra;
  if (e > 2000) return HUGE_VAL;
  return std::ldexp(static_cast<double>(mant), static_cast<int>(e));
}

Error zero_div_int() { return make_error(ErrorKind::ZeroDivisionError, "integer division or modulo by zero"); }
Error too_big() {
  return make_error(ErrorKind::MemoryError, "integer too large for the simulator");
}

// Two's complement of a (n limbs wide, n > size so the sign fits).
Limbs to_twos(const BigInt& a, std::size_t n) {
  Limbs r(n, 0);
  const Limbs& m = a.limbs();
  std::copy(m.begin(), m.end(), r.begin());
  if (a.is_negative()) {
    std::uint64_t carry = 1;
    for (auto& x : r) {
      std::uint64_t v = std::uint64_t{static_cast<std::uint32_t>(~x)} + carry;
      x = static_cast<std::uint32_t>(v);
      carry = v >> 32;
    }
  }
  return r;
}

BigInt from_twos(Limbs r) {
  const bool neg = !r.empty() && (r.back() & 0x80000000u);
  if (neg) {
    std::uint64_t carry = 1;
    for (auto& x : r) {
      std::uint64_t v = std::uint64_t{static_cast<std::uint32_t>(~x)} + carry;
      x = static_cast<std::uint32_t>(v);
      carry = v >> 32;
    }
  }
  return BigInt::from_limbs(std::move(r), neg);
}

template <class Op>
BigInt bitwise(const BigInt& a, const BigInt& b, Op op) {
  const std::size_t n = std::max(a.limbs().size(), b.limbs().size()) + 1;
  Limbs x = to_twos(a, n), y = to_twos(b, n);
  for (std::size_t i = 0; i < n; ++i) x[i] = op(x[i], y[i]);
  return from_twos(std::move(x));
}

}  // namespace

// ---------------------------------------------------------------- basics

BigInt::BigInt(std::int64_t v) {
  neg_ = v < 0;
  std::uint64_t m = neg_ ? (~static_cast<std::uint64_t>(v) + 1) : static_cast<std::uint64_t>(v);
  while (m) {
    mag_.push_back(static_cast<std::uint32_t>(m));
    m >>= 32;
  }
}

BigInt BigInt::from_u64(std::uint64_t v) {
  BigInt r;
  while (v) {
    r.mag_.push_back(static_cast<std::uint32_t>(v));
    v >>= 32;
  }
  return r;
}

BigInt BigInt::from_limbs(std::vector<std::uint32_t> limbs, bool negative) {
  BigInt r;
  r.mag_ = std::move(limbs);
  r.neg_ = negative;
  r.trim();
  return r;
}

void BigInt::trim() {
  trim_limbs(mag_);
  if (mag_.empty()) neg_ = false;
}

Result<BigInt> BigInt::from_double(double v) {
  if (std::isnan(v)) return make_error(ErrorKind::ValueError, "cannot convert float NaN to integer");
  if (std::isinf(v)) return make_error(ErrorKind::OverflowError, "cannot convert float infinity to integer");
  double t = std::trunc(v);
  if (std::fabs(t) < 9.2e18) return BigInt(static_cast<std::int64_t>(t));
  int e = 0;
  double m = std::frexp(std::fabs(t), &e);  // |t| = m * 2**e, m in [0.5, 1)
  auto mant = static_cast<std::uint64_t>(std::ldexp(m, 53));
  BigInt r = from_u64(mant).shl(static_cast<std::uint64_t>(e - 53));
  if (t < 0) r = -r;
  return r;
}

bool BigInt::fits_int64() const { return to_int64().has_value(); }

std::optional<std::int64_t> BigInt::to_int64() const {
  if (mag_.size() > 2) return std::nullopt;
  std::uint64_t m = top_u64(mag_);
  if (!neg_) {
    if (m > static_cast<std::uint64_t>(INT64_MAX)) return std::nullopt;
    return static_cast<std::int64_t>(m);
  }
  if (m > static_cast<std::uint64_t>(INT64_MAX) + 1) return std::nullopt;
  return static_cast<std::int64_t>(~m + 1);
}

std::uint64_t BigInt::low_u64() const {
  std::uint64_t m = 0;
  if (!mag_.empty()) m = mag_[0];
  if (mag_.size() > 1) m |= std::uint64_t{mag_[1]} << 32;
  return neg_ ? ~m + 1 : m;
}

// ---------------------------------------------------------------- arithmetic

BigInt operator+(const BigInt& a, const BigInt& b) {
  if (a.neg_ == b.neg_) return BigInt::from_limbs(add_mag(a.mag_, b.mag_), a.neg_);
  int c = cmp_mag(a.mag_, b.mag_);
  if (c == 0) return BigInt();
  if (c > 0) return BigInt::from_limbs(sub_mag(a.mag_, b.mag_), a.neg_);
  return BigInt::from_limbs(sub_mag(b.mag_, a.mag_), b.neg_);
}

BigInt operator-(const BigInt& a, const BigInt& b) { return a + (-b); }

BigInt operator*(const BigInt& a, const BigInt& b) {
  return BigInt::from_limbs(mul_mag(a.mag_, b.mag_), a.neg_ != b.neg_);
}

BigInt BigInt::operator-() const {
  BigInt r = *this;
  if (!r.mag_.empty()) r.neg_ = !r.neg_;
  return r;
}

BigInt BigInt::abs() const {
  BigInt r = *this;
  r.neg_ = false;
  return r;
}

void BigInt::mul_small_add(std::uint32_t m, std::uint32_t a) {
  std::uint64_t carry = a;
  for (auto& x : mag_) {
    std::uint64_t t = std::uint64_t{x} * m + carry;
    x = static_cast<std::uint32_t>(t);
    carry = t >> 32;
  }
  if (carry) mag_.push_back(static_cast<std::uint32_t>(carry));
  trim();
}

std::uint32_t BigInt::divmod_small(std::uint32_t d) {
  std::uint32_t r = divmod_small_mag(mag_, d);
  trim();
  return r;
}

Result<std::pair<BigInt, BigInt>> BigInt::divmod(const BigInt& a, const BigInt& b) {
  if (b.is_zero()) return zero_div_int();
  Limbs q, r;
  divmod_mag(a.mag_, b.mag_, q, r);
  BigInt Q = from_limbs(std::move(q), a.neg_ != b.neg_);
  BigInt R = from_limbs(std::move(r), a.neg_);
  if (!R.is_zero() && R.neg_ != b.neg_) {
    Q = Q - BigInt(1);
    R = R + b;
  }
  return std::make_pair(std::move(Q), std::move(R));
}

Result<BigInt> BigInt::floordiv(const BigInt& a, const BigInt& b) {
  auto r = divmod(a, b);
  if (!r) return r.error();
  return std::move(r->first);
}

Result<BigInt> BigInt::mod(const BigInt& a, const BigInt& b) {
  if (b.is_zero()) return make_error(ErrorKind::ZeroDivisionError, "integer modulo by zero");
  auto r = divmod(a, b);
  if (!r) return r.error();
  return std::move(r->second);
}

Result<double> BigInt::truediv(const BigInt& a, const BigInt& b) {
  if (b.is_zero()) return make_error(ErrorKind::ZeroDivisionError, "division by zero");
  if (a.is_zero()) return (a.neg_ != b.neg_) ? -0.0 : 0.0;
  const std::uint64_t la = bit_length_mag(a.mag_), lb = bit_length_mag(b.mag_);
  const bool negative = a.neg_ != b.neg_;
  if (la <= 53 && lb <= 53) {
    double r = static_cast<double>(top_u64(a.mag_)) / static_cast<double>(top_u64(b.mag_));
    return negative ? -r : r;
  }
  // CPython: OverflowError early when the quotient is surely too large.
  if (static_cast<std::int64_t>(la) - static_cast<std::int64_t>(lb) > 1025)
    return make_error(ErrorKind::OverflowError, "integer division result too large for a float");
  if (static_cast<std::int64_t>(lb) - static_cast<std::int64_t>(la) > 1100) return negative ? -0.0 : 0.0;
  // q = floor(a * 2**s / b) with at least 55 bits.
  std::int64_t s = 55 + static_cast<std::int64_t>(lb) - static_cast<std::int64_t>(la);
  Limbs num = a.mag_, den = b.mag_;
  if (s > 0) num = shl_mag(num, static_cast<std::uint64_t>(s));
  else if (s < 0) den = shl_mag(den, static_cast<std::uint64_t>(-s));
  Limbs q, r;
  divmod_mag(num, den, q, r);
  double d = round_to_double(q, -s, !r.empty());
  if (std::isinf(d))
    return make_error(ErrorKind::OverflowError, "integer division result too large for a float");
  return negative ? -d : d;
}

Result<BigInt> BigInt::pow(const BigInt& base, const BigInt& exp) {
  if (exp.neg_) return make_error(ErrorKind::NeedsFloat, "negative exponent");
  if (exp.is_zero()) return BigInt(1);
  if (base.is_zero()) return BigInt();
  if (base.mag_.size() == 1 && base.mag_[0] == 1) return (base.neg_ && exp.is_odd()) ? BigInt(-1) : BigInt(1);
  const std::uint64_t lb = bit_length_mag(base.mag_);
  if (exp.mag_.size() > 1 || static_cast<long double>(lb - 1) * exp.mag_[0] > kMaxBits) return too_big();
  std::uint32_t e = exp.mag_[0];
  BigInt result(1), b = base.abs();
  while (true) {
    if (e & 1u) result = result * b;
    e >>= 1;
    if (!e) break;
    b = b * b;
  }
  if (base.neg_ && exp.is_odd()) result = -result;
  return result;
}

Result<BigInt> BigInt::pow_mod(const BigInt& base, const BigInt& exp, const BigInt& modulus) {
  if (modulus.is_zero()) return make_error(ErrorKind::ValueError, "pow() 3rd argument cannot be 0");
  const bool negative_output = modulus.neg_;
  BigInt c = modulus.abs();
  if (c.mag_.size() == 1 && c.mag_[0] == 1) return BigInt();
  BigInt b = *mod(base, c);
  BigInt e = exp;
  if (e.neg_) {
    // Modular inverse of b mod c by the extended Euclidean algorithm.
    BigInt r0 = c, r1 = b, t0(0), t1(1);
    while (!r1.is_zero()) {
      auto qr = *divmod(r0, r1);
      BigInt t2 = t0 - qr.first * t1;
      r0 = std::move(r1);
      r1 = std::move(qr.second);
      t0 = std::move(t1);
      t1 = std::move(t2);
    }
    if (!(r0 == BigInt(1))) return make_error(ErrorKind::ValueError, "base is not invertible for the given modulus");
    b = *mod(t0, c);
    e = -e;
  }
  BigInt result(1);
  const std::uint64_t nbits = e.bit_length();
  for (std::uint64_t i = nbits; i-- > 0;) {
    result = *mod(result * result, c);
    if ((e.mag_[i / 32] >> (i % 32)) & 1u) result = *mod(result * b, c);
  }
  result = *mod(result, c);
  if (negative_output && !result.is_zero()) result = result - c;
  return result;
}

// ---------------------------------------------------------------- bitwise

BigInt BigInt::shl(std::uint64_t n) const { return from_limbs(shl_mag(mag_, n), neg_); }

BigInt BigInt::shr(std::uint64_t n) const {
  if (!neg_) return from_limbs(shr_mag(mag_, n), false);
  // floor(a / 2**n) = -((|a| - 1) >> n) - 1
  Limbs m1 = sub_mag(mag_, Limbs{1});
  Limbs s = shr_mag(m1, n);
  return -(from_limbs(std::move(s), false) + BigInt(1));
}

Result<BigInt> BigInt::lshift(const BigInt& a, const BigInt& n) {
  if (n.neg_) return make_error(ErrorKind::ValueError, "negative shift count");
  if (a.is_zero()) return BigInt();
  const std::uint64_t count = n.mag_.empty() ? 0 : n.mag_[0];
  if (n.mag_.size() > 1 || a.bit_length() + count > kMaxBits) return too_big();
  return a.shl(count);
}

Result<BigInt> BigInt::rshift(const BigInt& a, const BigInt& n) {
  if (n.neg_) return make_error(ErrorKind::ValueError, "negative shift count");
  if (n.mag_.size() > 2 || n.bit_length() > 40) return a.neg_ ? BigInt(-1) : BigInt();
  return a.shr(top_u64(n.mag_));
}

BigInt operator&(const BigInt& a, const BigInt& b) {
  if (!a.neg_ && !b.neg_) {
    Limbs r(std::min(a.mag_.size(), b.mag_.size()));
    for (std::size_t i = 0; i < r.size(); ++i) r[i] = a.mag_[i] & b.mag_[i];
    return BigInt::from_limbs(std::move(r), false);
  }
  return bitwise(a, b, [](std::uint32_t x, std::uint32_t y) { return x & y; });
}
BigInt operator|(const BigInt& a, const BigInt& b) {
  return bitwise(a, b, [](std::uint32_t x, std::uint32_t y) { return x | y; });
}
BigInt operator^(const BigInt& a, const BigInt& b) {
  return bitwise(a, b, [](std::uint32_t x, std::uint32_t y) { return x ^ y; });
}
BigInt BigInt::operator~() const { return -(*this + BigInt(1)); }

// ---------------------------------------------------------------- comparison

bool operator==(const BigInt& a, const BigInt& b) { return a.neg_ == b.neg_ && a.mag_ == b.mag_; }

std::strong_ordering operator<=>(const BigInt& a, const BigInt& b) {
  if (a.neg_ != b.neg_) return a.neg_ ? std::strong_ordering::less : std::strong_ordering::greater;
  int c = cmp_mag(a.mag_, b.mag_);
  if (a.neg_) c = -c;
  return c < 0 ? std::strong_ordering::less : c > 0 ? std::strong_ordering::greater : std::strong_ordering::equal;
}

std::optional<std::strong_ordering> BigInt::compare_double(double d) const {
  if (std::isnan(d)) return std::nullopt;
  if (std::isinf(d)) return d > 0 ? std::strong_ordering::less : std::strong_ordering::greater;
  double f = std::floor(d);
  BigInt fl = *from_double(f);
  auto c = *this <=> fl;
  if (f == d || c == std::strong_ordering::less) return c;
  // d is not an integer: x > floor(d) means x >= ceil(d) > d.
  return c == std::strong_ordering::equal ? std::strong_ordering::less : std::strong_ordering::greater;
}

// ---------------------------------------------------------------- properties

std::uint64_t BigInt::bit_length() const { return bit_length_mag(mag_); }

std::uint64_t BigInt::bit_count() const {
  std::uint64_t n = 0;
  for (auto x : mag_) n += static_cast<std::uint64_t>(std::popcount(x));
  return n;
}

std::size_t BigInt::cpython_ndigits() const { return static_cast<std::size_t>((bit_length() + 29) / 30); }

std::size_t BigInt::getsizeof(int minor) const {
  std::size_t n = cpython_ndigits();
  if (n == 0) return minor <= 10 ? 24 : 28;
  return 24 + 4 * n;
}

// ---------------------------------------------------------------- conversions

Result<double> BigInt::to_double() const {
  if (mag_.size() <= 2) {
    std::uint64_t m = top_u64(mag_);
    double d = static_cast<double>(m);  // correctly rounded by the hardware
    return neg_ ? -d : d;
  }
  double d = round_to_double(mag_, 0, false);
  if (std::isinf(d)) return make_error(ErrorKind::OverflowError, "int too large to convert to float");
  return neg_ ? -d : d;
}

std::string BigInt::to_decimal_unlimited() const {
  if (mag_.empty()) return "0";
  std::vector<std::uint32_t> chunks;  // base 10**9, little endian
  Limbs m = mag_;
  while (!m.empty()) chunks.push_back(divmod_billion(m));
  std::string s = neg_ ? "-" : "";
  s += std::to_string(chunks.back());
  char buf[16];
  for (std::size_t i = chunks.size() - 1; i-- > 0;) {
    std::snprintf(buf, sizeof buf, "%09u", chunks[i]);
    s += buf;
  }
  return s;
}

Result<std::string> BigInt::to_decimal(std::int64_t max_digits) const {
  if (max_digits > 0 && mag_.size() > 400) {
    // Lower bound on the digit count: floor((bits-1) * log10(2)) + 1.
    const double lower = std::floor(static_cast<double>(bit_length() - 1) * 0.30102999566398114) + 1;
    if (lower > static_cast<double>(max_digits) + 1)
      return make_error(ErrorKind::ValueError,
                        "Exceeds the limit (" + std::to_string(max_digits) +
                            " digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit");
  }
  std::string s = to_decimal_unlimited();
  const std::int64_t digits = static_cast<std::int64_t>(s.size()) - (neg_ ? 1 : 0);
  if (max_digits > 0 && digits > max_digits)
    return make_error(ErrorKind::ValueError,
                      "Exceeds the limit (" + std::to_string(max_digits) +
                          " digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit");
  return s;
}

std::string BigInt::to_base_digits(int base) const {
  if (mag_.empty()) return "0";
  const int bits = base == 2 ? 1 : base == 8 ? 3 : 4;
  const std::uint64_t n = bit_length();
  const std::uint64_t ndig = (n + bits - 1) / bits;
  std::string s(ndig, '0');
  static const char* kDigits = "0123456789abcdef";
  for (std::uint64_t d = 0; d < ndig; ++d) {
    std::uint64_t pos = d * bits;
    std::uint64_t w = pos / 32;
    std::uint64_t v = mag_[w] >> (pos % 32);
    if (pos % 32 + bits > 32 && w + 1 < mag_.size()) v |= std::uint64_t{mag_[w + 1]} << (32 - pos % 32);
    s[ndig - 1 - d] = kDigits[v & ((1u << bits) - 1)];
  }
  return s;
}

std::string BigInt::to_hex() const { return std::string(neg_ ? "-" : "") + "0x" + to_base_digits(16); }
std::string BigInt::to_oct() const { return std::string(neg_ ? "-" : "") + "0o" + to_base_digits(8); }
std::string BigInt::to_bin() const { return std::string(neg_ ? "-" : "") + "0b" + to_base_digits(2); }

std::int64_t BigInt::hash() const {
  // |x| mod 2**61-1, using 2**61 ≡ 1: x*2**32 ≡ (x >> 29) + ((x mod 2**29) << 32).
  constexpr std::uint64_t M = (std::uint64_t{1} << 61) - 1;
  std::uint64_t x = 0;
  for (std::size_t i = mag_.size(); i-- > 0;) {
    std::uint64_t v = (x >> 29) + ((x & ((std::uint64_t{1} << 29) - 1)) << 32) + mag_[i];
    v = (v & M) + (v >> 61);
    if (v >= M) v -= M;
    x = v;
  }
  auto h = static_cast<std::int64_t>(x);
  if (neg_) h = -h;
  if (h == -1) h = -2;
  return h;
}

}  // namespace pitfall::sim::pylib
