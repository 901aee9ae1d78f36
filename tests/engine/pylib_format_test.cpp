// float repr, format() specs for float/int/str, printf-style `%` and
// int()/float() parsing against CPython 3.11 (tests/pylib/format-3.11.json,
// recorded by tools/gen-pylib-expectations).
#include <catch2/catch.hpp>

#include <map>

#include "pylib_data.h"
#include "sim/pylib/format.h"
#include "sim/pylib/parse.h"
#include "sim/pylib/percent.h"

using namespace pitfall::sim::pylib;
using pylib_test::dbl;

namespace {

std::string as_str(const nlohmann::json& j) { return j.is_string() ? j.get<std::string>() : j.dump(); }
std::string same(const std::string& s) { return s; }

// The right-hand side of `fmt % args`, as recorded: each argument carries
// its str/repr/ascii and numeric value.
class JsonArgs : public PercentArgs {
 public:
  explicit JsonArgs(const nlohmann::json& spec) {
    const std::string kind = spec["kind"];
    if (kind == "tuple") {
      tuple_ = true;
      for (const auto& it : spec["items"]) items_.push_back(it);
    } else if (kind == "single") {
      items_.push_back(spec["item"]);
      // CPython's PyMapping_Check: a list has __getitem__, so it counts.
      mapping_ = spec["item"]["type"] == "list";
    } else {
      mapping_ = true;
      items_.push_back(spec["self"]);
      for (auto it = spec["map"].begin(); it != spec["map"].end(); ++it) {
        keys_[it.key()] = items_.size();
        items_.push_back(it.value());
      }
    }
  }
  bool is_tuple() const override { return tuple_; }
  std::size_t count() const override { return tuple_ ? items_.size() : 1; }
  Handle at(std::size_t i) const override { return i; }
  bool is_mapping() const override { return mapping_; }
  Result<Handle> lookup(std::string_view key) const override {
    if (items_[0]["type"] == "list")
      return make_error(ErrorKind::TypeError, "list indices must be integers or slices, not str");
    auto it = keys_.find(std::string(key));
    if (it == keys_.end()) return make_error(ErrorKind::KeyError, str_repr(key));
    return Handle{it->second};
  }
  Result<std::string> str(Handle h) const override { return items_[h]["str"].get<std::string>(); }
  Result<std::string> repr(Handle h) const override { return items_[h]["repr"].get<std::string>(); }
  Result<std::string> ascii(Handle h) const override { return items_[h]["ascii"].get<std::string>(); }
  std::string type_name(Handle h) const override { return items_[h]["type"].get<std::string>(); }
  Result<PercentNumber> number(Handle h) const override {
    const auto& it = items_[h];
    PercentNumber n;
    if (it.contains("int")) {
      n.kind = PercentNumber::Kind::Int;
      n.int_value = pylib_test::big(it["int"]);
    } else if (it.contains("float")) {
      n.kind = PercentNumber::Kind::Float;
      n.float_value = dbl(it["float"]);
    } else if (it.contains("text")) {
      n.kind = PercentNumber::Kind::Str;
      n.str_value = it["text"].get<std::string>();
    }
    return n;
  }

 private:
  bool tuple_ = false, mapping_ = false;
  std::vector<nlohmann::json> items_;
  std::map<std::string, std::size_t> keys_;
};

}  // namespace

TEST_CASE("pylib format: repr of floats is CPython's shortest round-trip form", "[pylib][format]") {
  const auto data = pylib_test::load("format-3.11.json");
  int n = 0;
  for (const auto& row : data["float_repr"]) {
    INFO("bits " << row[0].get<std::uint64_t>());
    CHECK(float_repr(dbl(row[0])) == row[1].get<std::string>());
    ++n;
  }
  CHECK(n > 500);
}

TEST_CASE("pylib format: format(float, spec)", "[pylib][format]") {
  const auto data_format_float = pylib_test::load("format-3.11.json");
  for (const auto& row : data_format_float["format_float"]) {
    INFO("format(" << float_repr(dbl(row[0])) << ", '" << row[1].get<std::string>() << "')");
    CHECK(pylib_test::show(format_float(dbl(row[0]), row[1].get<std::string>()), same) ==
          pylib_test::expected(row[2], as_str));
  }
}

TEST_CASE("pylib format: format(int, spec)", "[pylib][format]") {
  const auto data_format_int = pylib_test::load("format-3.11.json");
  for (const auto& row : data_format_int["format_int"]) {
    INFO("format(" << row[0].get<std::string>() << ", '" << row[1].get<std::string>() << "')");
    CHECK(pylib_test::show(format_int(pylib_test::big(row[0]), row[1].get<std::string>()), same) ==
          pylib_test::expected(row[2], as_str));
  }
  CHECK(*format_int(std::int64_t{-1234567}, ",") == "-1,234,567");
}

TEST_CASE("pylib format: format(str, spec)", "[pylib][format]") {
  const auto data_format_str = pylib_test::load("format-3.11.json");
  for (const auto& row : data_format_str["format_str"]) {
    INFO("format('" << row[0].get<std::string>() << "', '" << row[1].get<std::string>() << "')");
    CHECK(pylib_test::show(format_str(row[0].get<std::string>(), row[1].get<std::string>()), same) ==
          pylib_test::expected(row[2], as_str));
  }
}

TEST_CASE("pylib format: printf-style formatting", "[pylib][format]") {
  int n = 0;
  const auto data_percent = pylib_test::load("format-3.11.json");
  for (const auto& row : data_percent["percent"]) {
    INFO("'" << row[0].get<std::string>() << "' % " << row[1].dump());
    JsonArgs args(row[1]);
    CHECK(pylib_test::show(percent_format(row[0].get<std::string>(), args), same) ==
          pylib_test::expected(row[2], as_str));
    ++n;
  }
  CHECK(n > 1000);
}

TEST_CASE("pylib parse: int(text, base)", "[pylib][parse]") {
  const auto data_parse_int = pylib_test::load("format-3.11.json");
  for (const auto& row : data_parse_int["parse_int"]) {
    const std::string text = row[0];
    const int base = row[1];
    INFO("int(" << str_repr(text) << ", " << base << ")");
    auto r = parse_int(text, base);
    std::string got;
    if (text.size() == 4300 && r.ok()) got = "ok:" + std::to_string(r->to_decimal_unlimited().size());
    else if (base == 16 && text.size() == 5000 && r.ok()) got = "ok:" + std::to_string(r->bit_length());
    else got = pylib_test::show(r, [](const BigInt& b) { return b.to_decimal_unlimited(); });
    CHECK(got == pylib_test::expected(row[2], as_str));
  }
}

TEST_CASE("pylib parse: float(text)", "[pylib][parse]") {
  const auto data_parse_float = pylib_test::load("format-3.11.json");
  for (const auto& row : data_parse_float["parse_float"]) {
    const std::string text = row[0];
    INFO("float(" << str_repr(text) << ")");
    auto r = parse_float(text);
    auto shown = pylib_test::show(r, [](double d) {
      return std::isnan(d) ? std::string("nan") : std::to_string(pylib_test::bits_of(d));
    });
    std::string want = pylib_test::expected(row[1], as_str);
    if (r.ok() && std::isnan(*r)) {
      CHECK(std::isnan(dbl(row[1]["ok"])));
    } else {
      CHECK(shown == want);
    }
  }
}

TEST_CASE("pylib format: hostile inputs stay bounded and never throw", "[pylib][format]") {
  CHECK(format_float(1.5, "999999999999").error().kind == ErrorKind::MemoryError);
  CHECK(format_float(1.5, ".99999999f").error().kind == ErrorKind::MemoryError);
  CHECK(format_int(std::int64_t{1}, "100000000").error().kind == ErrorKind::MemoryError);
  CHECK(format_float(1.5, ".60e")->size() == std::string("1.").size() + 60 + 4);
  CHECK(parse_int(std::string(2000000, 'f'), 16).error().kind == ErrorKind::MemoryError);
  CHECK(parse_int("0x" + std::string(1000, 'f'), 0)->bit_length() == 4000);
  CHECK(float_repr(5e-324) == "5e-324");
  CHECK(float_repr(-2.2250738585072014e-308) == "-2.2250738585072014e-308");
}
