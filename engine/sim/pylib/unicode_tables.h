// Internal: the generated Unicode tables (unicode_tables.cpp, made by
// tools/gen-pylib-unicode from CPython 3.11) that unicode.cpp searches.
#pragma once
#include <cstddef>

namespace pitfall::sim::pylib::tables {

struct Range {
  char32_t first, last;  // inclusive
};
struct CaseMap {
  char32_t cp;
  const char32_t* to;  // NUL-terminated, 1..3 code points
};
struct Decimal {
  char32_t cp;
  int value;
};

#define PYLIB_RANGE_TABLE(name)  \
  extern const Range k_##name[]; \
  extern const std::size_t k_##name##_size;
PYLIB_RANGE_TABLE(alpha)
PYLIB_RANGE_TABLE(decimal)
PYLIB_RANGE_TABLE(digit)
PYLIB_RANGE_TABLE(numeric)
PYLIB_RANGE_TABLE(space)
PYLIB_RANGE_TABLE(lower)
PYLIB_RANGE_TABLE(upper)
PYLIB_RANGE_TABLE(title)
PYLIB_RANGE_TABLE(cased)
PYLIB_RANGE_TABLE(case_ignorable)
PYLIB_RANGE_TABLE(printable)
PYLIB_RANGE_TABLE(xid_start)
PYLIB_RANGE_TABLE(xid_continue)
#undef PYLIB_RANGE_TABLE

extern const CaseMap k_map_upper[];
extern const std::size_t k_map_upper_size;
extern const CaseMap k_map_lower[];
extern const std::size_t k_map_lower_size;
extern const CaseMap k_map_title[];
extern const std::size_t k_map_title_size;
extern const CaseMap k_map_casefold[];
extern const std::size_t k_map_casefold_size;
extern const Decimal k_decimal_value[];
extern const std::size_t k_decimal_value_size;

}  // namespace pitfall::sim::pylib::tables
