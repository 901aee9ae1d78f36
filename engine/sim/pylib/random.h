// CPython's `random` module core, bit for bit: the same seed gives the same
// numbers as Python 3.11.
//
// Notes about the model: follows Modules/_randommodule.c (MT19937 genrand_
// uint32, init_genrand/init_by_array, random_seed for int seeds: the key is
// the absolute value's 32-bit words, least significant first; random() =
// (a*67108864 + b) / 9007199254740992 with a = out>>5, b = out>>6;
// getrandbits) and Lib/random.py 3.11 (_randbelow_with_getrandbits,
// randrange, randint, choice, shuffle, sample, uniform, gauss,
// normalvariate, expovariate, choices with and without weights). Seeding
// with a str/bytes (version 2, via SHA-512) and seed(None) are left out;
// the caller passes an int.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "sim/pylib/bigint.h"
#include "sim/pylib/result.h"

namespace pitfall::sim::pylib {

class Random {
 public:
  Random() { seed(0); }
  explicit Random(std::int64_t s) { seed(s); }

  // random.seed(n) for an int n (negative: its absolute value).
  void seed(std::int64_t n);
  void seed(const BigInt& n);

  std::uint32_t genrand_uint32();
  // random.random(): float in [0, 1).
  double random();
  // random.getrandbits(k); ValueError "number of bits must be non-negative".
  Result<BigInt> getrandbits(std::int64_t k);
  std::uint64_t getrandbits64(int k);  // 0 <= k <= 64
  // _randbelow(n) for 0 < n (n == 0 returns 0, as CPython's guard does).
  std::uint64_t randbelow(std::uint64_t n);
  BigInt randbelow(const BigInt& n);

  // randrange(start, stop, step). ValueError texts of 3.11:
  // "empty range for randrange()" (1 arg, stop <= 0),
  // "empty range for randrange() (0, 0, 0)" style with args,
  // "zero step for randrange()".
  Result<std::int64_t> randrange(std::int64_t stop);
  Result<std::int64_t> randrange(std::int64_t start, std::int64_t stop, std::int64_t step = 1);
  // randint(a, b) == randrange(a, b+1).
  Result<std::int64_t> randint(std::int64_t a, std::int64_t b);
  // choice(seq) index for a sequence of length n. IndexError "Cannot choose
  // from an empty sequence".
  Result<std::size_t> choice_index(std::size_t n);
  // shuffle(x): the swaps CPython performs; returns the permutation p such
  // that the shuffled list is [x[p[0]], x[p[1]], ...].
  std::vector<std::size_t> shuffle_permutation(std::size_t n);
  // sample(population, k): indices into the population in result order.
  // ValueError "Sample larger than population or is negative".
  Result<std::vector<std::size_t>> sample_indices(std::size_t n, std::int64_t k);
  // uniform(a, b) = a + (b-a) * random().
  double uniform(double a, double b);
  // gauss(mu, sigma) (keeps gauss_next like CPython) and normalvariate.
  double gauss(double mu, double sigma);
  double normalvariate(double mu, double sigma);
  double expovariate(double lambd);
  // choices(population of n, k=...) without weights: indices.
  std::vector<std::size_t> choices_indices(std::size_t n, std::size_t k);
  // choices with cumulative weights (bisect on cum_weights). ValueError
  // "Total of weights must be greater than zero" / "Total of weights must be finite".
  Result<std::vector<std::size_t>> choices_indices_weighted(const std::vector<double>& cum_weights,
                                                            std::size_t k);

 private:
  void init_genrand(std::uint32_t s);
  void init_by_array(const std::vector<std::uint32_t>& key);
  std::uint32_t mt_[624];
  int mti_ = 625;
  std::optional<double> gauss_next_;
};

}  // namespace pitfall::sim::pylib
