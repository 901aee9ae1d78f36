// Arbitrary-precision signed integer with Python's semantics: floor division
// and modulo, two's-complement bitwise operators, correctly rounded
// conversion to float and true division, decimal/hex/oct/bin text, hashing
// modulo 2**61-1, and the 30-bit digit count CPython's int object would use.
//
// Notes about the model: values are sign + magnitude in 32-bit limbs (little
// endian). Results are exact and equal CPython 3.11's (Objects/longobject.c):
// floor semantics of l_divmod, long_true_divide's correct rounding,
// _PyLong_Frexp-based float conversion, long_hash. Multiplication is
// schoolbook (no Karatsuba); decimal conversion is quadratic, fine for
// 10**5-digit numbers. The int<->str digit limit (sys.int_info
// default_max_str_digits = 4300, 3.11+) is reported as CPython's ValueError.
#pragma once
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/pylib/result.h"

namespace pitfall::sim::pylib {

// CPython 3.11's default sys.get_int_max_str_digits(); 0 disables the limit.
inline constexpr std::int64_t kDefaultMaxStrDigits = 4300;
// Largest integer the simulator computes, in bits (about 315,000 decimal
// digits). pow() and << past it give MemoryError "integer too large for the
// simulator"; the VM should check `a.bit_length() + b.bit_length()` against
// it before a multiplication, so that no program makes the engine hang.
inline constexpr std::uint64_t kMaxBits = std::uint64_t{1} << 20;

class BigInt {
 public:
  BigInt() = default;                       // 0
  BigInt(std::int64_t v);                   // NOLINT: implicit by design
  static BigInt from_u64(std::uint64_t v);
  // int(x) for a float: truncation toward zero. Errors as CPython:
  // ValueError "cannot convert float NaN to integer",
  // OverflowError "cannot convert float infinity to integer".
  static Result<BigInt> from_double(double v);
  // From magnitude limbs (32-bit, little endian) and a sign.
  static BigInt from_limbs(std::vector<std::uint32_t> limbs, bool negative);

  bool is_zero() const { return mag_.empty(); }
  bool is_negative() const { return neg_; }
  int sign() const { return is_zero() ? 0 : (neg_ ? -1 : 1); }
  bool is_odd() const { return !mag_.empty() && (mag_[0] & 1u); }
  bool fits_int64() const;
  std::optional<std::int64_t> to_int64() const;  // nothing if it doesn't fit
  const std::vector<std::uint32_t>& limbs() const { return mag_; }

  // --- arithmetic (never fail) ---
  friend BigInt operator+(const BigInt& a, const BigInt& b);
  friend BigInt operator-(const BigInt& a, const BigInt& b);
  friend BigInt operator*(const BigInt& a, const BigInt& b);
  BigInt operator-() const;
  BigInt abs() const;

  // --- division with Python floor semantics ---
  // ZeroDivisionError "integer division or modulo by zero" when b == 0
  // ("integer modulo by zero" for mod, as 3.11 words it).
  static Result<std::pair<BigInt, BigInt>> divmod(const BigInt& a, const BigInt& b);
  static Result<BigInt> floordiv(const BigInt& a, const BigInt& b);
  static Result<BigInt> mod(const BigInt& a, const BigInt& b);
  // a / b correctly rounded like long_true_divide. ZeroDivisionError
  // "division by zero"; OverflowError "integer division result too large for a float".
  static Result<double> truediv(const BigInt& a, const BigInt& b);

  // a ** b. A negative exponent gives ErrorKind::NeedsFloat (the caller
  // computes float(a) ** float(b)).
  static Result<BigInt> pow(const BigInt& base, const BigInt& exp);
  // pow(base, exp, mod) as CPython 3.8+: negative exp uses the modular
  // inverse. ValueError "pow() 3rd argument cannot be 0",
  // "base is not invertible for the given modulus".
  static Result<BigInt> pow_mod(const BigInt& base, const BigInt& exp, const BigInt& mod);

  // --- bitwise, on infinite two's complement ---
  // ValueError "negative shift count"; MemoryError "integer too large for
  // the simulator" past kMaxBits bits.
  static Result<BigInt> lshift(const BigInt& a, const BigInt& n);
  static Result<BigInt> rshift(const BigInt& a, const BigInt& n);
  BigInt shl(std::uint64_t n) const;  // |n| known valid
  BigInt shr(std::uint64_t n) const;  // floor(a / 2**n)
  friend BigInt operator&(const BigInt& a, const BigInt& b);
  friend BigInt operator|(const BigInt& a, const BigInt& b);
  friend BigInt operator^(const BigInt& a, const BigInt& b);
  BigInt operator~() const;  // -(a+1)

  // --- comparison ---
  friend bool operator==(const BigInt& a, const BigInt& b);
  friend std::strong_ordering operator<=>(const BigInt& a, const BigInt& b);
  // Exact comparison with a float as CPython's float_richcompare does
  // (nan compares unordered: returns nothing).
  std::optional<std::strong_ordering> compare_double(double d) const;

  // --- properties ---
  std::uint64_t bit_length() const;   // int.bit_length()
  std::uint64_t bit_count() const;    // int.bit_count() (3.10+)
  // Number of 30-bit digits in CPython's representation (0 for 0).
  std::size_t cpython_ndigits() const;
  // sys.getsizeof(int) for CPython 3.<minor> (minor 10..13):
  // 24 + 4*ndigits, except 0 which is 24 on 3.10 and 28 on 3.11+.
  std::size_t getsizeof(int minor = 11) const;

  // --- conversions ---
  // float(x), correctly rounded (round-half-even). OverflowError
  // "int too large to convert to float".
  Result<double> to_double() const;
  // str(x). ValueError "Exceeds the limit (4300 digits) for integer string
  // conversion; use sys.set_int_max_str_digits() to increase the limit"
  // when the result would have more than max_digits digits (0: no limit).
  Result<std::string> to_decimal(std::int64_t max_digits = kDefaultMaxStrDigits) const;
  std::string to_decimal_unlimited() const;
  // Digits in base 2, 8 or 16 (lowercase), no sign or prefix, of |x|.
  std::string to_base_digits(int base) const;
  // hex(x) "-0x1f", oct(x) "0o17", bin(x) "-0b101".
  std::string to_hex() const;
  std::string to_oct() const;
  std::string to_bin() const;
  // hash(x) (long_hash: modulo 2**61-1, keeping the sign; -1 becomes -2).
  std::int64_t hash() const;
  // Low 64 bits of the two's complement value (for masking in fast paths).
  std::uint64_t low_u64() const;
  // In-place helpers used by parsing: *this = *this * m + a (|this| >= 0 only).
  void mul_small_add(std::uint32_t m, std::uint32_t a);
  // Divide |this| by d in place, return the remainder.
  std::uint32_t divmod_small(std::uint32_t d);

 private:
  void trim();
  std::vector<std::uint32_t> mag_;  // magnitude, little endian, no leading zeros
  bool neg_ = false;                // never true for zero
};

}  // namespace pitfall::sim::pylib
