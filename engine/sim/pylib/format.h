// Python's text forms of numbers and strings: repr() of float, and the
// format-spec mini-language of format()/str.format()/f-strings for float,
// int and str.
//
// Notes about the model: follows CPython 3.11's Python/formatter_unicode.c
// (parse_internal_render_format_spec, format_long_internal,
// format_float_internal, format_string_internal) and Python/pystrtod.c
// (PyOS_double_to_string with repr's 'r' mode: shortest round-trip digits,
// exponent form when the decimal exponent is < -4 or >= 16). Digits come from
// std::to_chars, which is correctly rounded like CPython's dtoa.c. The 'n'
// type uses the C locale (no grouping, '.' point), as CPython does unless
// the program calls locale.setlocale. Left out: complex and Decimal.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sim/pylib/bigint.h"
#include "sim/pylib/result.h"

namespace pitfall::sim::pylib {

// repr(x) == str(x) for a float: "1.0", "0.1", "1e+16", "1e-05", "inf",
// "-inf", "nan", "-0.0", "1.7976931348623157e+308".
std::string float_repr(double x);

// Widths and precisions beyond this give MemoryError "format result too
// large for the simulator" (CPython would try to build the string).
inline constexpr std::int64_t kMaxFormatWidth = 10'000'000;

// A parsed format spec: [[fill]align][sign][z][#][0][width][grouping][.precision][type]
struct FormatSpec {
  std::u32string fill = U" ";  // one code point
  char align = 0;               // '<' '>' '^' '=' or 0 (default for the type)
  char sign = 0;                // '+' '-' ' ' or 0
  bool z = false;               // 'z': negative zero becomes positive (3.11+)
  bool alternate = false;       // '#'
  bool zero_pad = false;        // '0' given before width
  std::int64_t width = -1;      // -1: none
  char grouping = 0;            // ',' '_' or 0
  std::int64_t precision = -1;  // -1: none
  char type = 0;                // presentation type or 0
};

// Parse a spec as CPython does. Errors are CPython's ValueErrors, e.g.
// "Invalid format specifier 'abc' for object of type 'int'", "Format
// specifier missing precision", "Too many decimal digits in format string",
// "Cannot specify both ',' and '_'.", "Cannot specify ',' with 's'.".
// `type_name` ("int", "float", "str") only feeds error messages.
Result<FormatSpec> parse_format_spec(std::string_view spec, std::string_view type_name);

// format(x, spec) for float. Types e E f F g G n % and none (which is like
// 'g' but keeps repr's digits/".0"). ValueError "Unknown format code 'x' for
// object of type 'float'", "Alternate form (#) not allowed..." etc.
Result<std::string> format_float(double x, std::string_view spec);
// format(x, spec) for int (and bool with a non-empty spec). Types b c d n o x
// X and none; e E f F g G % convert to float first (OverflowError "int too
// large to convert to float"). ValueError "Sign not allowed with integer
// format specifier 'c'", "Precision not allowed in integer format specifier",
// OverflowError "%c arg not in range(0x110000)".
Result<std::string> format_int(const BigInt& x, std::string_view spec);
Result<std::string> format_int(std::int64_t x, std::string_view spec);
// format(s, spec) for str (UTF-8 in and out; width counts code points).
// Types s and none. ValueError "Sign not allowed in string format specifier",
// "'=' alignment not allowed in string format specifier".
Result<std::string> format_str(std::string_view utf8, std::string_view spec);

// Versions taking a parsed spec (the VM may cache parses of constant specs).
Result<std::string> format_float(double x, const FormatSpec& spec);
Result<std::string> format_int(const BigInt& x, const FormatSpec& spec);
Result<std::string> format_str(std::string_view utf8, const FormatSpec& spec);

// PyOS_double_to_string: x in style 'f', 'e', 'g' (or 'F' 'E' 'G') with
// `precision`, correctly rounded, no padding; `alternate` is '#'.
std::string float_to_string(double x, char type, int precision, bool alternate = false);

// repr() of a str given as UTF-8, as CPython prints it (quote choice,
// escapes \n \t \xNN \uNNNN \UNNNNNNNN for non-printable characters).
// Printability follows unicode.h's is_printable.
std::string str_repr(std::string_view utf8);
// ascii() of a str: like str_repr with every non-ASCII character escaped.
std::string str_ascii(std::string_view utf8);

// Number of code points in valid UTF-8 text.
std::size_t utf8_length(std::string_view utf8);

}  // namespace pitfall::sim::pylib
