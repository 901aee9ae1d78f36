// Unicode facts str methods need: case mapping, character classes and the
// PEP 393 storage kind that sizes a str.
//
// Notes about the model: character classes and full case mappings for every
// code point come from tables generated (tools/gen-pylib-unicode) by running
// CPython 3.11's own str methods (Unicode 14.0), so they match
// Objects/unicodectype.c exactly. String operations follow
// Objects/unicodeobject.c: lower() turns a capital sigma into final sigma at
// the end of a word (handle_capital_sigma); title()/istitle() track whether
// the previous character was cased; capitalize() titlecases the first
// character (3.8+). "Case-ignorable" (for the sigma rule) is approximated by
// the categories Mn Me Cf Lm Sk plus the word-break MidLetter characters.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace pitfall::sim::pylib {

// Decode UTF-8 (invalid bytes become U+FFFD) / encode code points.
std::u32string utf8_decode(std::string_view utf8);
std::string utf8_encode(std::u32string_view cps);
void utf8_append(std::string& out, char32_t cp);

// PEP 393 kind: 1 (ASCII or Latin-1), 2 (UCS-2), 4 (UCS-4), from the largest
// code point; `ascii` is true when all code points are < 128.
struct StrKind {
  int bytes_per_char = 1;
  bool ascii = true;
};
StrKind str_kind(std::u32string_view cps);
StrKind str_kind_utf8(std::string_view utf8);
// sys.getsizeof(str) for a str of `length` code points of that kind:
// ASCII 48 + n + 1 on 3.10/3.11 and 40 + n + 1 on 3.12+; otherwise
// 72 (3.10/3.11) or 56 (3.12+) + (n + 1) * bytes_per_char. (A cached UTF-8
// copy, which CPython sometimes keeps, is not counted.)
std::size_t str_getsizeof(std::size_t length, StrKind kind, int minor = 11);
std::size_t str_getsizeof_utf8(std::string_view utf8, int minor = 11);

// Per-character predicates (str.isX is "all chars satisfy X and len > 0").
bool is_alpha(char32_t c);
bool is_decimal(char32_t c);   // str.isdecimal (Nd)
bool is_digit(char32_t c);     // str.isdigit (Nd + superscripts etc.)
bool is_numeric(char32_t c);   // str.isnumeric
bool is_alnum(char32_t c);
bool is_space(char32_t c);     // str.isspace / split() whitespace
bool is_lower(char32_t c);     // cased lowercase
bool is_upper(char32_t c);     // cased uppercase
bool is_cased(char32_t c);
bool is_printable(char32_t c); // repr() escapes the others
bool is_xid_start(char32_t c);
bool is_xid_continue(char32_t c);
// Decimal value of a digit character (0..9) or -1.
int decimal_value(char32_t c);

// Whole-string operations on UTF-8.
std::string str_upper(std::string_view utf8);
std::string str_lower(std::string_view utf8);
std::string str_casefold(std::string_view utf8);
std::string str_swapcase(std::string_view utf8);
std::string str_capitalize(std::string_view utf8);
std::string str_title(std::string_view utf8);
bool str_isidentifier(std::string_view utf8);
bool str_isalpha(std::string_view utf8);
bool str_isdigit(std::string_view utf8);
bool str_isdecimal(std::string_view utf8);
bool str_isnumeric(std::string_view utf8);
bool str_isalnum(std::string_view utf8);
bool str_isspace(std::string_view utf8);
bool str_islower(std::string_view utf8);
bool str_isupper(std::string_view utf8);
bool str_istitle(std::string_view utf8);
bool str_isascii(std::string_view utf8);

}  // namespace pitfall::sim::pylib
