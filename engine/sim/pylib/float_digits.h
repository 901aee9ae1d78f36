// Internal: decimal digits of a double as CPython's dtoa modes produce them,
// and PyOS_double_to_string's layout (Python/pystrtod.c format_float_short).
// Used by format.cpp and percent.cpp; not part of the VM-facing API.
#pragma once
#include <string>

namespace pitfall::sim::pylib::detail {

// Digits (no leading/trailing zeros; empty for a zero result) and decimal
// point position: value = 0.DIGITS * 10**decpt.
//   mode 0: shortest round-trip; mode 2: `ndigits` significant digits;
//   mode 3: `ndigits` digits after the point. Finite x only; sign ignored.
struct Digits {
  std::string digits;
  int decpt = 0;
};
Digits dtoa(double x, int mode, int ndigits);

// PyOS_double_to_string(x, format_code, precision, flags): format_code is
// one of e E f F g G r; flags as CPython's Py_DTSF_SIGN/ADD_DOT_0/ALT/NO_NEG_0.
struct DtoaFlags {
  bool sign = false;       // always add a sign
  bool add_dot_0 = false;  // "1.0" rather than "1"
  bool alt = false;        // '#'
  bool no_neg_0 = false;   // 'z'
};
std::string double_to_string(double x, char format_code, int precision, DtoaFlags flags);

}  // namespace pitfall::sim::pylib::detail
