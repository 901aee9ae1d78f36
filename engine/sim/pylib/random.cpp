// MT19937 and Lib/random.py's methods (see random.h for the model notes).
#include "sim/pylib/random.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <unordered_set>

namespace pitfall::sim::pylib {

namespace {
constexpr int N = 624;
constexpr int M = 397;
constexpr std::uint32_t kMatrixA = 0x9908b0dfU;
constexpr std::uint32_t kUpper = 0x80000000U;
constexpr std::uint32_t kLower = 0x7fffffffU;
constexpr double kTwoPi = 6.283185307179586;
Error value_error(std::string m) { return make_error(ErrorKind::ValueError, std::move(m)); }
}  // namespace

void Random::init_genrand(std::uint32_t s) {
  mt_[0] = s;
  for (int i = 1; i < N; ++i) mt_[i] = 1812433253U * (mt_[i - 1] ^ (mt_[i - 1] >> 30)) + static_cast<std::uint32_t>(i);
  mti_ = N;
}

void Random::init_by_array(const std::vector<std::uint32_t>& key) {
  init_genrand(19650218U);
  std::size_t i = 1, j = 0;
  const std::size_t len = key.size();
  for (std::size_t k = std::max<std::size_t>(N, len); k; --k) {
    mt_[i] = (mt_[i] ^ ((mt_[i - 1] ^ (mt_[i - 1] >> 30)) * 1664525U)) + key[j] + static_cast<std::uint32_t>(j);
    ++i;
    ++j;
    if (i >= N) {
      mt_[0] = mt_[N - 1];
      i = 1;
    }
    if (j >= len) j = 0;
  }
  for (std::size_t k = N - 1; k; --k) {
    mt_[i] = (mt_[i] ^ ((mt_[i - 1] ^ (mt_[i - 1] >> 30)) * 1566083941U)) - static_cast<std::uint32_t>(i);
    ++i;
    if (i >= N) {
      mt_[0] = mt_[N - 1];
      i = 1;
    }
  }
  mt_[0] = 0x80000000U;
}

void Random::seed(std::int64_t n) { seed(BigInt(n)); }

void Random::seed(const BigInt& n) {
  std::vector<std::uint32_t> key = n.limbs();  // |n|, 32-bit words, least significant first
  if (key.empty()) key.push_back(0);
  init_by_array(key);
  gauss_next_.reset();
}

std::uint32_t Random::genrand_uint32() {
  static const std::uint32_t mag01[2] = {0x0U, kMatrixA};
  std::uint32_t y;
  if (mti_ >= N) {
    int kk = 0;
    for (; kk < N - M; ++kk) {
      y = (mt_[kk] & kUpper) | (mt_[kk + 1] & kLower);
      mt_[kk] = mt_[kk + M] ^ (y >> 1) ^ mag01[y & 1U];
    }
    for (; kk < N - 1; ++kk) {
      y = (mt_[kk] & kUpper) | (mt_[kk + 1] & kLower);
      mt_[kk] = mt_[kk + (M - N)] ^ (y >> 1) ^ mag01[y & 1U];
    }
    y = (mt_[N - 1] & kUpper) | (mt_[0] & kLower);
    mt_[N - 1] = mt_[M - 1] ^ (y >> 1) ^ mag01[y & 1U];
    mti_ = 0;
  }
  y = mt_[mti_++];
  y ^= (y >> 11);
  y ^= (y << 7) & 0x9d2c5680U;
  y ^= (y << 15) & 0xefc60000U;
  y ^= (y >> 18);
  return y;
}

double Random::random() {
  std::uint32_t a = genrand_uint32() >> 5, b = genrand_uint32() >> 6;
  return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
}

std::uint64_t Random::getrandbits64(int k) {
  if (k <= 0) return 0;
  if (k <= 32) return genrand_uint32() >> (32 - k);
  std::uint64_t lo = genrand_uint32();
  std::uint64_t hi = genrand_uint32() >> (64 - k);
  return lo | (hi << 32);
}

Result<BigInt> Random::getrandbits(std::int64_t k) {
  if (k < 0) return value_error("number of bits must be non-negative");
  if (k == 0) return BigInt();
  if (static_cast<std::uint64_t>(k) > kMaxBits) return make_error(ErrorKind::MemoryError, "integer too large for the simulator");
  if (k <= 64) return BigInt::from_u64(getrandbits64(static_cast<int>(k)));
  const std::int64_t words = (k - 1) / 32 + 1;
  std::vector<std::uint32_t> w(static_cast<std::size_t>(words));
  for (std::int64_t i = 0; i < words; ++i, k -= 32) {
    std::uint32_t r = genrand_uint32();
    if (k < 32) r >>= (32 - k);
    w[static_cast<std::size_t>(i)] = r;
  }
  return BigInt::from_limbs(std::move(w), false);
}

std::uint64_t Random::randbelow(std::uint64_t n) {
  if (n == 0) return 0;
  const int k = 64 - std::countl_zero(n);
  std::uint64_t r = getrandbits64(k);
  while (r >= n) r = getrandbits64(k);
  return r;
}

BigInt Random::randbelow(const BigInt& n) {
  if (n.sign() <= 0) return BigInt();
  if (n.bit_length() <= 64) return BigInt::from_u64(randbelow(n.abs().low_u64()));
  const auto k = static_cast<std::int64_t>(n.bit_length());
  BigInt r = *getrandbits(k);
  while (r >= n) r = *getrandbits(k);
  return r;
}

Result<std::int64_t> Random::randrange(std::int64_t stop) {
  if (stop > 0) return static_cast<std::int64_t>(randbelow(static_cast<std::uint64_t>(stop)));
  return value_error("empty range for randrange()");
}

Result<std::int64_t> Random::randrange(std::int64_t start, std::int64_t stop, std::int64_t step) {
  std::int64_t w = 0;
  if (step == 1 && !__builtin_sub_overflow(stop, start, &w) && w > 0)
    return start + static_cast<std::int64_t>(randbelow(static_cast<std::uint64_t>(w)));
  const BigInt width = BigInt(stop) - BigInt(start);
  if (step == 1) {
    if (width.sign() > 0) {
      BigInt r = BigInt(start) + randbelow(width);
      return *r.to_int64();
    }
    return value_error("empty range for randrange() (" + std::to_string(start) + ", " + std::to_string(stop) + ", " +
                       width.to_decimal_unlimited() + ")");
  }
  BigInt n;
  if (step > 0) n = *BigInt::floordiv(width + BigInt(step) - BigInt(1), BigInt(step));
  else if (step < 0) n = *BigInt::floordiv(width + BigInt(step) + BigInt(1), BigInt(step));
  else return value_error("zero step for randrange()");
  if (n.sign() <= 0) return value_error("empty range for randrange()");
  BigInt r = BigInt(start) + BigInt(step) * randbelow(n);
  return *r.to_int64();
}

Result<std::int64_t> Random::randint(std::int64_t a, std::int64_t b) {
  if (b == INT64_MAX) {
    BigInt width = BigInt(b) + BigInt(1) - BigInt(a);
    if (width.sign() <= 0) return value_error("empty range for randrange()");
    return *(BigInt(a) + randbelow(width)).to_int64();
  }
  return randrange(a, b + 1, 1);
}

Result<std::size_t> Random::choice_index(std::size_t n) {
  if (n == 0) return make_error(ErrorKind::IndexError, "Cannot choose from an empty sequence");
  return static_cast<std::size_t>(randbelow(static_cast<std::uint64_t>(n)));
}

std::vector<std::size_t> Random::shuffle_permutation(std::size_t n) {
  std::vector<std::size_t> p(n);
  for (std::size_t i = 0; i < n; ++i) p[i] = i;
  for (std::size_t i = n; i-- > 1;) {
    auto j = static_cast<std::size_t>(randbelow(static_cast<std::uint64_t>(i + 1)));
    std::swap(p[i], p[j]);
  }
  return p;
}

Result<std::vector<std::size_t>> Random::sample_indices(std::size_t n, std::int64_t k) {
  if (k < 0 || static_cast<std::uint64_t>(k) > n) return value_error("Sample larger than population or is negative");
  const auto kk = static_cast<std::size_t>(k);
  std::vector<std::size_t> result(kk);
  double setsize = 21;
  if (kk > 5) setsize += std::pow(4.0, std::ceil(std::log(static_cast<double>(kk * 3)) / std::log(4.0)));
  if (static_cast<double>(n) <= setsize) {
    std::vector<std::size_t> pool(n);
    for (std::size_t i = 0; i < n; ++i) pool[i] = i;
    for (std::size_t i = 0; i < kk; ++i) {
      auto j = static_cast<std::size_t>(randbelow(static_cast<std::uint64_t>(n - i)));
      result[i] = pool[j];
      pool[j] = pool[n - i - 1];
    }
  } else {
    std::unordered_set<std::size_t> selected;
    for (std::size_t i = 0; i < kk; ++i) {
      auto j = static_cast<std::size_t>(randbelow(static_cast<std::uint64_t>(n)));
      while (selected.count(j)) j = static_cast<std::size_t>(randbelow(static_cast<std::uint64_t>(n)));
      selected.insert(j);
      result[i] = j;
    }
  }
  return result;
}

double Random::uniform(double a, double b) { return a + (b - a) * random(); }

double Random::gauss(double mu, double sigma) {
  std::optional<double> z = gauss_next_;
  gauss_next_.reset();
  if (!z) {
    const double x2pi = random() * kTwoPi;
    const double g2rad = std::sqrt(-2.0 * std::log(1.0 - random()));
    z = std::cos(x2pi) * g2rad;
    gauss_next_ = std::sin(x2pi) * g2rad;
  }
  return mu + *z * sigma;
}

double Random::normalvariate(double mu, double sigma) {
  const double magic = 4 * std::exp(-0.5) / std::sqrt(2.0);
  double z = 0;
  for (;;) {
    const double u1 = random();
    const double u2 = 1.0 - random();
    z = magic * (u1 - 0.5) / u2;
    const double zz = z * z / 4.0;
    if (zz <= -std::log(u2)) break;
  }
  return mu + z * sigma;
}

double Random::expovariate(double lambd) { return -std::log(1.0 - random()) / lambd; }

std::vector<std::size_t> Random::choices_indices(std::size_t n, std::size_t k) {
  std::vector<std::size_t> out(k);
  const double nf = static_cast<double>(n);
  for (auto& x : out) x = static_cast<std::size_t>(std::floor(random() * nf));
  return out;
}

Result<std::vector<std::size_t>> Random::choices_indices_weighted(const std::vector<double>& cum, std::size_t k) {
  if (cum.empty()) return make_error(ErrorKind::IndexError, "list index out of range");
  const double total = cum.back() + 0.0;
  if (total <= 0.0) return value_error("Total of weights must be greater than zero");
  if (!std::isfinite(total)) return value_error("Total of weights must be finite");
  const auto hi = static_cast<std::ptrdiff_t>(cum.size() - 1);
  std::vector<std::size_t> out(k);
  for (auto& x : out) {
    const double v = random() * total;
    x = static_cast<std::size_t>(std::upper_bound(cum.begin(), cum.begin() + hi, v) - cum.begin());
  }
  return out;
}

}  // namespace pitfall::sim::pylib
