// sys.getsizeof of dict/list/tuple/set/str/int as containers grow, for
// CPython 3.10..3.13 (tests/pylib/sizes-3.*.json).
#include <catch2/catch.hpp>

#include "pylib_data.h"
#include "sim/pylib/set_table.h"
#include "sim/pylib/sizes.h"
#include "sim/pylib/unicode.h"

using namespace pitfall::sim::pylib;

TEST_CASE("pylib sizes: containers grow as in CPython 3.10..3.13", "[pylib][sizes]") {
  for (int minor : {10, 11, 12, 13}) {
    INFO("3." << minor);
    const auto d = pylib_test::load("sizes-3." + std::to_string(minor) + ".json");
    CHECK(dict_getsizeof(0, minor) == d["dict_empty"].get<std::size_t>());
    for (std::size_t i = 0; i < d["dict_int"].size(); ++i) {
      INFO("dict of " << i + 1 << " ints");
      CHECK(dict_getsizeof(i + 1, minor, false) == d["dict_int"][i].get<std::size_t>());
      CHECK(dict_getsizeof(i + 1, minor, true) == d["dict_str"][i].get<std::size_t>());
    }
    for (const auto& row : d["dict_display"]) {
      const auto n = row[0].get<std::size_t>();
      INFO("dict display of " << n);
      DictKeysModel m = DictKeysModel::presized(n, true);
      for (std::size_t i = 0; i < n; ++i) m.insert(true);
      CHECK(m.getsizeof(minor) == row[1].get<std::size_t>());
    }
    {
      DictKeysModel m;
      for (std::size_t i = 0; i < 30; ++i) {
        m.insert(true, minor);
        if (i == 12) m.insert(false, minor);
        INFO("mixed step " << i);
        CHECK(m.getsizeof(minor) == d["dict_mixed"][i].get<std::size_t>());
      }
    }
    {
      DictKeysModel m;
      for (std::size_t i = 0; i < 40; ++i) {
        m.insert(false);
        if (i % 3 == 2) m.remove();
        INFO("delete step " << i);
        CHECK(m.getsizeof(minor) == d["dict_delete"][i].get<std::size_t>());
      }
    }
    CHECK(list_getsizeof(0, minor) == d["list_empty"].get<std::size_t>());
    for (std::size_t i = 0; i < d["list_append"].size(); ++i)
      CHECK(list_getsizeof(list_capacity_after_appends(i + 1), minor) == d["list_append"][i].get<std::size_t>());
    for (const auto& row : d["list_extend"]) {
      const auto n = row[0].get<std::size_t>();
      // [0] * 3 has capacity 3; extend(range(n)) resizes once to 3 + n.
      CHECK(list_getsizeof(list_resize_capacity(3, 3, 3 + n), minor) == row[1].get<std::size_t>());
    }
    for (const auto& row : d["tuple"]) CHECK(tuple_getsizeof(row[0], minor) == row[1].get<std::size_t>());
    for (const auto& row : d["set"]) {
      SetTable<std::int64_t> s;
      for (std::int64_t i = 0; i < row[0].get<std::int64_t>(); ++i) s.add(i, i, [](auto a, auto b) { return a == b; });
      INFO("set of " << row[0]);
      CHECK(s.getsizeof(minor) == row[1].get<std::size_t>());
    }
    for (const auto& row : d["str"]) {
      INFO("str " << row[0].dump());
      CHECK(str_getsizeof_utf8(row[0].get<std::string>(), minor) == row[1].get<std::size_t>());
    }
    for (const auto& row : d["int"]) CHECK(pylib_test::big(row[0]).getsizeof(minor) == row[1].get<std::size_t>());
  }
}
