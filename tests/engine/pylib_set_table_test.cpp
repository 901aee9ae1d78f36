// SetTable iteration order and size against CPython 3.11 for random
// add/discard sequences, the binary operators and pop()
// (tests/pylib/set-3.11.json).
#include <catch2/catch.hpp>

#include <variant>

#include "pylib_data.h"
#include "sim/pylib/hash.h"
#include "sim/pylib/set_table.h"

using namespace pitfall::sim::pylib;

namespace {

// A set element: an int (as BigInt) or a str.
using Elem = std::variant<BigInt, std::string>;

// Recorded as "int:123" or "str:text".
Elem elem(const nlohmann::json& j) {
  const std::string s = j.get<std::string>();
  if (s.rfind("int:", 0) == 0) return pylib_test::big(s.substr(4));
  return s.substr(4);
}
std::int64_t hash_of(const Elem& e) {
  if (auto* b = std::get_if<BigInt>(&e)) return b->hash();
  return hash_str(std::get<std::string>(e));
}
bool eq(const Elem& a, const Elem& b) { return a == b; }

std::string order_of(const SetTable<Elem>& s) {
  std::string out;
  s.for_each([&](const Elem& e, std::int64_t) {
    if (auto* b = std::get_if<BigInt>(&e)) out += b->to_decimal_unlimited();
    else out += "'" + std::get<std::string>(e) + "'";
    out += ",";
  });
  return out;
}
std::string order_of(const nlohmann::json& list) {
  std::string out;
  for (const auto& j : list) {
    const Elem e = elem(j);
    if (auto* b = std::get_if<BigInt>(&e)) out += b->to_decimal_unlimited();
    else out += "'" + std::get<std::string>(e) + "'";
    out += ",";
  }
  return out;
}
SetTable<Elem> build(const nlohmann::json& items) {
  SetTable<Elem> s;
  for (const auto& j : items) {
    Elem e = elem(j);
    const auto h = hash_of(e);
    s.add(std::move(e), h, eq);
  }
  return s;
}

}  // namespace

TEST_CASE("pylib set_table: add/discard sequences iterate in CPython's order", "[pylib][set]") {
  const auto data = pylib_test::load("set-3.11.json");
  int n = 0;
  for (const auto& seq : data["sequences"]) {
    SetTable<Elem> s;
    for (const auto& op : seq["ops"]) {
      Elem e = elem(op[1]);
      const auto h = hash_of(e);
      if (op[0] == "add") s.add(std::move(e), h, eq);
      else s.discard(e, h, eq);
    }
    INFO("sequence " << n);
    CHECK(order_of(s) == order_of(seq["order"]));
    CHECK(s.getsizeof() == seq["sizeof"].get<std::size_t>());
    CHECK(s.size() == seq["order"].size());
    ++n;
  }
  CHECK(n >= 50);
}

TEST_CASE("pylib set_table: | & - ^ and copy build results in CPython's order", "[pylib][set]") {
  int n = 0;
  const auto data_binops = pylib_test::load("set-3.11.json");
  for (const auto& row : data_binops["binops"]) {
    INFO("binop case " << n++);
    const auto a = build(row["a"]), b = build(row["b"]);
    CHECK(order_of(a) == order_of(row["a_order"]));
    CHECK(order_of(b) == order_of(row["b_order"]));
    const auto u = SetTable<Elem>::union_of(a, b, eq);
    CHECK(order_of(u) == order_of(row["or"]));
    CHECK(u.getsizeof() == row["or_sizeof"].get<std::size_t>());
    CHECK(order_of(SetTable<Elem>::intersection(a, b, eq)) == order_of(row["and"]));
    CHECK(order_of(SetTable<Elem>::difference(a, b, eq)) == order_of(row["sub"]));
    CHECK(order_of(SetTable<Elem>::symmetric_difference(a, b, eq)) == order_of(row["xor"]));
    CHECK(order_of(SetTable<Elem>::copy(a, eq)) == order_of(row["copy"]));
  }
}

TEST_CASE("pylib set_table: pop() follows the finger", "[pylib][set]") {
  const auto data_pops = pylib_test::load("set-3.11.json");
  for (const auto& row : data_pops["pops"]) {
    auto s = build(row["a"]);
    std::string popped;
    for (std::size_t i = 0; i < row["popped"].size(); ++i) {
      auto e = s.pop();
      REQUIRE(e.has_value());
      SetTable<Elem> one;
      one.add(*e, hash_of(*e), eq);
      popped += order_of(one);
    }
    CHECK(popped == order_of(row["popped"]));
  }
}
