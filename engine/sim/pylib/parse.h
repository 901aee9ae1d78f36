// Text to number the way Python's int() and float() constructors read it:
// surrounding whitespace, underscores between digits, base prefixes,
// "inf"/"nan" spellings, and CPython's exact error messages.
//
// Notes about the model: follows Objects/longobject.c (PyLong_FromString,
// including the 3.11 int max str digits limit for non power-of-two bases)
// and Objects/floatobject.c / Python/pystrtod.c (float_from_string,
// _Py_string_to_number_with_underscores, _Py_parse_inf_or_nan). Decimal to
// binary uses std::from_chars, correctly rounded like dtoa.c. Whitespace is
// ASCII plus the Unicode spaces str.strip() removes; non-ASCII decimal digits
// (e.g. Arabic-Indic) are accepted as CPython does.
#pragma once
#include <string_view>

#include "sim/pylib/bigint.h"
#include "sim/pylib/result.h"

namespace pitfall::sim::pylib {

// int(text, base) for str input (UTF-8). base 0 means "infer from prefix"
// (then "010" is an error); base must be 0 or 2..36, else ValueError
// "int() base must be >= 2 and <= 36, or 0". Bad text gives ValueError
// "invalid literal for int() with base 10: 'x'" (the repr of the original
// text, truncated to 200 chars as CPython does). Texts over max_digits
// digits (base not a power of two) give ValueError "Exceeds the limit (4300
// digits) for integer string conversion: value has 5000 digits; use
// sys.set_int_max_str_digits() to increase the limit". Values beyond
// kMaxBits give MemoryError "integer too large for the simulator".
Result<BigInt> parse_int(std::string_view utf8, int base = 10,
                         std::int64_t max_digits = kDefaultMaxStrDigits);

// float(text). ValueError "could not convert string to float: 'x'".
Result<double> parse_float(std::string_view utf8);

}  // namespace pitfall::sim::pylib
