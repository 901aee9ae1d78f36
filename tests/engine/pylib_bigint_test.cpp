// BigInt against CPython 3.11: arithmetic, floor division, powers, bitwise
// operators, conversions, hashing and sizes on random operands recorded by
// tools/gen-pylib-expectations (tests/pylib/bigint-3.11.json).
#include <catch2/catch.hpp>

#include "pylib_data.h"
#include "sim/pylib/bigint.h"

using namespace pitfall::sim::pylib;
using pylib_test::big;
using pylib_test::bits_of;

namespace {
std::string dec(const BigInt& b) { return b.to_decimal_unlimited(); }
std::string as_str(const nlohmann::json& j) { return j.is_string() ? j.get<std::string>() : j.dump(); }
}  // namespace

TEST_CASE("pylib bigint: arithmetic matches CPython on random operands", "[pylib][bigint]") {
  const auto data = pylib_test::load("bigint-3.11.json");
  int n = 0;
  for (const auto& row : data["pairs"]) {
    const BigInt a = big(row["a"]), b = big(row["b"]), m = big(row["m"]);
    const auto e = row["e"].get<std::int64_t>();
    const auto s = row["s"].get<std::int64_t>();
    INFO("a=" << row["a"].get<std::string>() << " b=" << row["b"].get<std::string>());
    CHECK(dec(a + b) == row["add"].get<std::string>());
    CHECK(dec(a - b) == row["sub"].get<std::string>());
    CHECK(dec(a * b) == row["mul"].get<std::string>());
    CHECK(pylib_test::show(BigInt::floordiv(a, b), dec) == pylib_test::expected(row["floordiv"], as_str));
    CHECK(pylib_test::show(BigInt::mod(a, b), dec) == pylib_test::expected(row["mod"], as_str));
    auto td = BigInt::truediv(a, b);
    CHECK(pylib_test::show(td, [](double d) { return std::to_string(bits_of(d)); }) ==
          pylib_test::expected(row["truediv"], as_str));
    CHECK(dec(*BigInt::pow(a, BigInt(e))) == row["pow"].get<std::string>());
    CHECK(pylib_test::show(BigInt::pow_mod(a, BigInt(e), m), dec) == pylib_test::expected(row["pow_mod"], as_str));
    CHECK(pylib_test::show(BigInt::pow_mod(a, BigInt(-1), m), dec) == pylib_test::expected(row["pow_mod_neg"], as_str));
    CHECK(dec(*BigInt::lshift(a, BigInt(s))) == row["lshift"].get<std::string>());
    CHECK(dec(*BigInt::rshift(a, BigInt(s))) == row["rshift"].get<std::string>());
    CHECK(dec(a & b) == row["and"].get<std::string>());
    CHECK(dec(a | b) == row["or"].get<std::string>());
    CHECK(dec(a ^ b) == row["xor"].get<std::string>());
    CHECK(dec(~a) == row["invert"].get<std::string>());
    const auto c = a <=> b;
    CHECK((c < 0 ? -1 : c > 0 ? 1 : 0) == row["cmp"].get<int>());
    CHECK(a.bit_length() == row["bit_length"].get<std::uint64_t>());
    CHECK(a.to_hex() == row["hex"].get<std::string>());
    CHECK(a.to_oct() == row["oct"].get<std::string>());
    CHECK(a.to_bin() == row["bin"].get<std::string>());
    CHECK(pylib_test::show(a.to_double(), [](double d) { return std::to_string(bits_of(d)); }) ==
          pylib_test::expected(row["float"], as_str));
    CHECK(a.hash() == row["hash"].get<std::int64_t>());
    CHECK(a.getsizeof(11) == row["sizeof"].get<std::size_t>());
    ++n;
  }
  CHECK(n >= 300);
}

TEST_CASE("pylib bigint: true division is correctly rounded", "[pylib][bigint]") {
  const auto data_truediv = pylib_test::load("bigint-3.11.json");
  for (const auto& row : data_truediv["truediv"]) {
    INFO(row[0].get<std::string>() << " / " << row[1].get<std::string>());
    auto r = BigInt::truediv(big(row[0]), big(row[1]));
    CHECK(pylib_test::show(r, [](double d) { return std::to_string(bits_of(d)); }) ==
          pylib_test::expected(row[2], as_str));
  }
}

TEST_CASE("pylib bigint: int(float) and exact comparison with floats", "[pylib][bigint]") {
  const auto data = pylib_test::load("bigint-3.11.json");
  for (const auto& row : data["from_double"]) {
    INFO(row[0].get<std::uint64_t>());
    CHECK(pylib_test::show(BigInt::from_double(pylib_test::dbl(row[0])), dec) == pylib_test::expected(row[1], as_str));
  }
  for (const auto& row : data["cmp_double"]) {
    INFO(row[0].get<std::string>() << " vs bits " << row[1].get<std::uint64_t>());
    auto c = big(row[0]).compare_double(pylib_test::dbl(row[1]));
    REQUIRE(c.has_value());
    CHECK((*c < 0 ? -1 : *c > 0 ? 1 : 0) == row[2].get<int>());
  }
}

TEST_CASE("pylib bigint: the 4300-digit str() limit", "[pylib][bigint]") {
  const auto data_str_limit = pylib_test::load("bigint-3.11.json");
  for (const auto& row : data_str_limit["str_limit"]) {
    auto r = big(row[0]).to_decimal();
    CHECK(pylib_test::show(r, [](const std::string& s) { return std::to_string(s.size()); }) ==
          pylib_test::expected(row[1], as_str));
  }
}

TEST_CASE("pylib bigint: errors and limits", "[pylib][bigint]") {
  CHECK(BigInt::floordiv(BigInt(5), BigInt(0)).error().message == "integer division or modulo by zero");
  CHECK(BigInt::truediv(BigInt(5), BigInt(0)).error().message == "division by zero");
  CHECK(BigInt::pow(BigInt(2), BigInt(-1)).error().kind == ErrorKind::NeedsFloat);
  CHECK(BigInt::pow_mod(BigInt(2), BigInt(3), BigInt(0)).error().message == "pow() 3rd argument cannot be 0");
  CHECK(BigInt::lshift(BigInt(1), BigInt(-1)).error().message == "negative shift count");
  CHECK(BigInt::pow(BigInt(3), BigInt(10000000)).error().kind == ErrorKind::MemoryError);
  CHECK(BigInt::lshift(BigInt(1), BigInt(std::int64_t{1} << 40)).error().kind == ErrorKind::MemoryError);
  CHECK(dec(*BigInt::rshift(BigInt(-5), BigInt(std::int64_t{1} << 40))) == "-1");
  CHECK(BigInt(0).getsizeof(10) == 24);
  CHECK(BigInt(0).getsizeof(11) == 28);
  CHECK(*BigInt(INT64_MIN).to_int64() == INT64_MIN);
  CHECK(!(BigInt(INT64_MAX) + BigInt(1)).fits_int64());
}

TEST_CASE("pylib bigint: decimal conversion of a 100000-digit number is fast", "[pylib][bigint]") {
  std::string digits(100000, '7');
  auto v = parse_int(digits, 10, 0);
  REQUIRE(v.ok());
  CHECK(v->to_decimal_unlimited() == digits);
  CHECK(v->to_decimal().error().message ==
        "Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to "
        "increase the limit");
}
