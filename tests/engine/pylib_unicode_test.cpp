// str case mappings, character classes, repr/ascii and sizes against
// CPython 3.11 (tests/pylib/unicode-3.11.json).
#include <catch2/catch.hpp>

#include "pylib_data.h"
#include "sim/pylib/format.h"
#include "sim/pylib/unicode.h"

using namespace pitfall::sim::pylib;

namespace {

nlohmann::json apply_all(const std::string& s) {
  nlohmann::json r;
  r["upper"] = str_upper(s);
  r["lower"] = str_lower(s);
  r["casefold"] = str_casefold(s);
  r["swapcase"] = str_swapcase(s);
  r["capitalize"] = str_capitalize(s);
  r["title"] = str_title(s);
  r["isidentifier"] = str_isidentifier(s);
  r["isalpha"] = str_isalpha(s);
  r["isdigit"] = str_isdigit(s);
  r["isdecimal"] = str_isdecimal(s);
  r["isnumeric"] = str_isnumeric(s);
  r["isalnum"] = str_isalnum(s);
  r["isspace"] = str_isspace(s);
  r["islower"] = str_islower(s);
  r["isupper"] = str_isupper(s);
  r["istitle"] = str_istitle(s);
  r["isascii"] = str_isascii(s);
  bool printable = true;
  for (char32_t c : utf8_decode(s)) printable = printable && is_printable(c);
  r["isprintable"] = printable;
  return r;
}

void compare(const nlohmann::json& got, const nlohmann::json& want) {
  for (auto it = want.begin(); it != want.end(); ++it) {
    INFO(it.key());
    CHECK(got[it.key()].dump() == it.value().dump());
  }
}

}  // namespace

TEST_CASE("pylib unicode: str methods on sample strings", "[pylib][unicode]") {
  const auto data_strings = pylib_test::load("unicode-3.11.json");
  for (const auto& row : data_strings["strings"]) {
    const std::string s = row[0];
    INFO("string " << row[0].dump());
    compare(apply_all(s), row[1]);
    CHECK(str_repr(s) == row[2].get<std::string>());
    CHECK(str_ascii(s) == row[3].get<std::string>());
    CHECK(str_getsizeof_utf8(s, 11) == row[4].get<std::size_t>());
  }
}

TEST_CASE("pylib unicode: single characters across the code space", "[pylib][unicode]") {
  int n = 0;
  const auto data_chars = pylib_test::load("unicode-3.11.json");
  for (const auto& row : data_chars["chars"]) {
    std::string s;
    utf8_append(s, static_cast<char32_t>(row[0].get<std::uint32_t>()));
    INFO("U+" << std::hex << row[0].get<std::uint32_t>());
    compare(apply_all(s), row[1]);
    CHECK(str_repr(s) == row[2].get<std::string>());
    ++n;
  }
  CHECK(n > 900);
}

TEST_CASE("pylib unicode: UTF-8 round trip and kinds", "[pylib][unicode]") {
  const std::u32string cps = U"a\u00e9\u0100\U0001F600";
  CHECK(utf8_decode(utf8_encode(cps)) == cps);
  CHECK(str_kind(U"abc").ascii);
  CHECK(str_kind(U"\u00e9").bytes_per_char == 1);
  CHECK(str_kind(U"\u0100").bytes_per_char == 2);
  CHECK(str_kind(U"\U0001F600").bytes_per_char == 4);
  CHECK(utf8_decode("\xff") == U"\uFFFD");
  CHECK(decimal_value(U'\u0663') == 3);
}
