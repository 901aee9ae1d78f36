// Character classes, case mappings and str predicates over the generated
// Unicode tables (see unicode.h for the model notes).
#include "sim/pylib/unicode.h"

#include <algorithm>

#include "sim/pylib/unicode_tables.h"

namespace pitfall::sim::pylib {

namespace {

using tables::CaseMap;
using tables::Range;

bool in_ranges(const Range* r, std::size_t n, char32_t c) {
  const Range* end = r + n;
  const Range* it = std::upper_bound(r, end, c, [](char32_t v, const Range& x) { return v < x.first; });
  return it != r && c <= (it - 1)->last;
}

const char32_t* find_map(const CaseMap* m, std::size_t n, char32_t c) {
  const CaseMap* end = m + n;
  const CaseMap* it = std::lower_bound(m, end, c, [](const CaseMap& x, char32_t v) { return x.cp < v; });
  return (it != end && it->cp == c) ? it->to : nullptr;
}

void append_map(std::u32string& out, const CaseMap* m, std::size_t n, char32_t c) {
  if (const char32_t* to = find_map(m, n, c)) out += to;
  else out += c;
}

bool is_title(char32_t c) { return in_ranges(tables::k_title, tables::k_title_size, c); }
bool is_case_ignorable(char32_t c) { return in_ranges(tables::k_case_ignorable, tables::k_case_ignorable_size, c); }

// handle_capital_sigma: lower of U+03A3 at index i.
char32_t lower_sigma(const std::u32string& s, std::size_t i) {
  std::size_t j = i;
  bool before = false;
  while (j > 0) {
    char32_t c = s[--j];
    if (is_case_ignorable(c)) continue;
    before = is_cased(c);
    break;
  }
  bool after = false;
  for (std::size_t k = i + 1; k < s.size(); ++k) {
    char32_t c = s[k];
    if (is_case_ignorable(c)) continue;
    after = is_cased(c);
    break;
  }
  return (before && !after) ? 0x3C2 : 0x3C3;
}

void append_lower(std::u32string& out, const std::u32string& s, std::size_t i) {
  if (s[i] == 0x3A3) out += lower_sigma(s, i);
  else append_map(out, tables::k_map_lower, tables::k_map_lower_size, s[i]);
}

template <class Pred>
bool all_of_nonempty(std::string_view utf8, Pred p) {
  std::u32string s = utf8_decode(utf8);
  return !s.empty() && std::all_of(s.begin(), s.end(), p);
}

}  // namespace

bool is_alpha(char32_t c) {
  if (c < 128) return (c | 32) >= 'a' && (c | 32) <= 'z';
  return in_ranges(tables::k_alpha, tables::k_alpha_size, c);
}
bool is_decimal(char32_t c) {
  if (c < 128) return c >= '0' && c <= '9';
  return in_ranges(tables::k_decimal, tables::k_decimal_size, c);
}
bool is_digit(char32_t c) {
  if (c < 128) return c >= '0' && c <= '9';
  return in_ranges(tables::k_digit, tables::k_digit_size, c);
}
bool is_numeric(char32_t c) {
  if (c < 128) return c >= '0' && c <= '9';
  return in_ranges(tables::k_numeric, tables::k_numeric_size, c);
}
bool is_alnum(char32_t c) { return is_alpha(c) || is_decimal(c) || is_digit(c) || is_numeric(c); }
bool is_space(char32_t c) {
  if (c < 128) return c == ' ' || (c >= 9 && c <= 13) || (c >= 28 && c <= 31);
  return in_ranges(tables::k_space, tables::k_space_size, c);
}
bool is_lower(char32_t c) {
  if (c < 128) return c >= 'a' && c <= 'z';
  return in_ranges(tables::k_lower, tables::k_lower_size, c);
}
bool is_upper(char32_t c) {
  if (c < 128) return c >= 'A' && c <= 'Z';
  return in_ranges(tables::k_upper, tables::k_upper_size, c);
}
bool is_cased(char32_t c) {
  if (c < 128) return (c | 32) >= 'a' && (c | 32) <= 'z';
  return in_ranges(tables::k_cased, tables::k_cased_size, c);
}
bool is_printable(char32_t c) {
  if (c < 128) return c >= 32 && c < 127;
  return in_ranges(tables::k_printable, tables::k_printable_size, c);
}
bool is_xid_start(char32_t c) {
  if (c < 128) return c == '_' || ((c | 32) >= 'a' && (c | 32) <= 'z');
  return in_ranges(tables::k_xid_start, tables::k_xid_start_size, c);
}
bool is_xid_continue(char32_t c) {
  if (c < 128) return c == '_' || ((c | 32) >= 'a' && (c | 32) <= 'z') || (c >= '0' && c <= '9');
  return in_ranges(tables::k_xid_continue, tables::k_xid_continue_size, c);
}
int decimal_value(char32_t c) {
  if (c < 128) return (c >= '0' && c <= '9') ? static_cast<int>(c - '0') : -1;
  const tables::Decimal* b = tables::k_decimal_value;
  const tables::Decimal* e = b + tables::k_decimal_value_size;
  const tables::Decimal* it = std::lower_bound(b, e, c, [](const tables::Decimal& x, char32_t v) { return x.cp < v; });
  return (it != e && it->cp == c) ? it->value : -1;
}

std::string str_upper(std::string_view utf8) {
  std::u32string s = utf8_decode(utf8), out;
  out.reserve(s.size());
  for (char32_t c : s) append_map(out, tables::k_map_upper, tables::k_map_upper_size, c);
  return utf8_encode(out);
}

std::string str_lower(std::string_view utf8) {
  std::u32string s = utf8_decode(utf8), out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) append_lower(out, s, i);
  return utf8_encode(out);
}

std::string str_casefold(std::string_view utf8) {
  std::u32string s = utf8_decode(utf8), out;
  out.reserve(s.size());
  for (char32_t c : s) append_map(out, tables::k_map_casefold, tables::k_map_casefold_size, c);
  return utf8_encode(out);
}

std::string str_swapcase(std::string_view utf8) {
  std::u32string s = utf8_decode(utf8), out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    char32_t c = s[i];
    if (is_upper(c)) append_lower(out, s, i);
    else if (is_lower(c)) append_map(out, tables::k_map_upper, tables::k_map_upper_size, c);
    else out += c;
  }
  return utf8_encode(out);
}

std::string str_capitalize(std::string_view utf8) {
  std::u32string s = utf8_decode(utf8), out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i == 0) append_map(out, tables::k_map_title, tables::k_map_title_size, s[0]);
    else append_lower(out, s, i);
  }
  return utf8_encode(out);
}

std::string str_title(std::string_view utf8) {
  std::u32string s = utf8_decode(utf8), out;
  out.reserve(s.size());
  bool previous_is_cased = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char32_t c = s[i];
    if (previous_is_cased) append_lower(out, s, i);
    else append_map(out, tables::k_map_title, tables::k_map_title_size, c);
    previous_is_cased = is_cased(c);
  }
  return utf8_encode(out);
}

bool str_isidentifier(std::string_view utf8) {
  std::u32string s = utf8_decode(utf8);
  if (s.empty() || !is_xid_start(s[0])) return false;
  return std::all_of(s.begin() + 1, s.end(), is_xid_continue);
}
bool str_isalpha(std::string_view u) { return all_of_nonempty(u, is_alpha); }
bool str_isdigit(std::string_view u) { return all_of_nonempty(u, is_digit); }
bool str_isdecimal(std::string_view u) { return all_of_nonempty(u, is_decimal); }
bool str_isnumeric(std::string_view u) { return all_of_nonempty(u, is_numeric); }
bool str_isalnum(std::string_view u) { return all_of_nonempty(u, is_alnum); }
bool str_isspace(std::string_view u) { return all_of_nonempty(u, is_space); }
bool str_isascii(std::string_view u) {
  return std::none_of(u.begin(), u.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
}

bool str_islower(std::string_view utf8) {
  bool cased = false;
  for (char32_t c : utf8_decode(utf8)) {
    if (is_upper(c) || is_title(c)) return false;
    if (!cased && is_lower(c)) cased = true;
  }
  return cased;
}

bool str_isupper(std::string_view utf8) {
  bool cased = false;
  for (char32_t c : utf8_decode(utf8)) {
    if (is_lower(c) || is_title(c)) return false;
    if (!cased && is_upper(c)) cased = true;
  }
  return cased;
}

bool str_istitle(std::string_view utf8) {
  bool cased = false, previous_is_cased = false;
  for (char32_t c : utf8_decode(utf8)) {
    if (is_upper(c) || is_title(c)) {
      if (previous_is_cased) return false;
      previous_is_cased = cased = true;
    } else if (is_lower(c)) {
      if (!previous_is_cased) return false;
      previous_is_cased = cased = true;
    } else {
      previous_is_cased = false;
    }
  }
  return cased;
}

}  // namespace pitfall::sim::pylib
