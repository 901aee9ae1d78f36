// Digits of doubles, correctly rounded, via the C library's exact printf
// (glibc and musl both print exact decimal expansions) and strtod for the
// shortest round-trip search; and format_float_short's layout rules.
#include "sim/pylib/float_digits.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <vector>

namespace pitfall::sim::pylib::detail {

namespace {

// "%.{p}e" of |x| split into digits and decpt (p+1 significant digits).
Digits sci_digits(double x, int p) {
  char small[64];
  std::vector<char> large;
  char* buf = small;
  std::size_t size = sizeof small;
  if (p > 40) {
    large.resize(static_cast<std::size_t>(p) + 32);
    buf = large.data();
    size = large.size();
  }
  std::snprintf(buf, size, "%.*e", p, std::fabs(x));
  Digits d;
  const char* s = buf;
  for (; *s && *s != 'e'; ++s)
    if (*s >= '0' && *s <= '9') d.digits.push_back(*s);
  int exp = *s == 'e' ? std::atoi(s + 1) : 0;
  d.decpt = exp + 1;
  while (!d.digits.empty() && d.digits.back() == '0') d.digits.pop_back();
  if (d.digits.empty()) d.decpt = 0;
  return d;
}

double parse_digits(const std::string& digits, int decpt) {
  std::string s = "0." + digits + "e" + std::to_string(decpt);
  return std::strtod(s.c_str(), nullptr);
}

// Add `delta` (+1 or -1) to the last digit of a p-digit string, keeping p
// digits (the decimal point moves when a carry or borrow changes the length).
Digits step(const Digits& d, std::size_t p, int delta) {
  Digits r = d;
  r.digits.resize(p, '0');
  std::size_t i = p;
  if (delta > 0) {
    while (i > 0 && r.digits[i - 1] == '9') r.digits[--i] = '0';
    if (i == 0) {
      r.digits = "1" + std::string(p - 1, '0');
      ++r.decpt;
    } else {
      ++r.digits[i - 1];
    }
  } else {
    while (i > 0 && r.digits[i - 1] == '0') r.digits[--i] = '9';
    if (i == 0) return d;
    --r.digits[i - 1];
    if (r.digits[0] == '0') {
      r.digits = r.digits.substr(1) + "9";
      --r.decpt;
    }
  }
  while (r.digits.size() > 1 && r.digits.back() == '0') r.digits.pop_back();
  return r;
}

// The p-significant-digit decimal that reads back as x, preferring the
// nearest one (dtoa mode 0's choice), if any.
std::optional<Digits> round_trip_digits(double x, int p) {
  Digits d = sci_digits(x, p - 1);
  if (parse_digits(d.digits, d.decpt) == x) return d;
  for (int delta : {1, -1}) {
    Digits n = step(d, static_cast<std::size_t>(p), delta);
    if (parse_digits(n.digits, n.decpt) == x) return n;
  }
  return std::nullopt;
}

}  // namespace

Digits dtoa(double x, int mode, int ndigits) {
  x = std::fabs(x);
  if (x == 0.0) return Digits{"0", 1};
  if (mode == 0) {
    // Shortest round-trip digits. 15 significant digits: at most one such
    // decimal lies in a double's rounding interval, so if the nearest one
    // reads back, it (without trailing zeros) is the shortest. Otherwise
    // 16 digits (the nearest or a neighbour), else 17.
    // (Subnormals have wider intervals: binary search on the digit count,
    // as a p-digit decimal inside the interval implies a (p+1)-digit one.)
    if (x < 2.2250738585072014e-308) {
      int lo = 1, hi = 17;
      while (lo < hi) {
        const int mid = (lo + hi) / 2;
        if (round_trip_digits(x, mid)) hi = mid;
        else lo = mid + 1;
      }
      if (auto d = round_trip_digits(x, lo)) return *d;
      return sci_digits(x, 16);
    }
    Digits d15 = sci_digits(x, 14);
    if (parse_digits(d15.digits, d15.decpt) == x) return d15;
    if (auto d = round_trip_digits(x, 16)) return *d;
    return sci_digits(x, 16);
  }
  if (mode == 2) return sci_digits(x, (ndigits < 1 ? 1 : ndigits) - 1);
  // mode 3: fixed with ndigits after the point.
  std::vector<char> buf(static_cast<std::size_t>(330 + (ndigits > 0 ? ndigits : 0)));
  std::snprintf(buf.data(), buf.size(), "%.*f", ndigits, x);
  Digits d;
  const char* s = buf.data();
  int int_digits = 0;
  bool seen_point = false;
  for (; *s; ++s) {
    if (*s == '.') {
      seen_point = true;
      continue;
    }
    d.digits.push_back(*s);
    if (!seen_point) ++int_digits;
  }
  // Strip leading zeros (adjusting decpt) and trailing zeros.
  std::size_t lead = 0;
  while (lead < d.digits.size() && d.digits[lead] == '0') ++lead;
  d.decpt = int_digits - static_cast<int>(lead);
  d.digits.erase(0, lead);
  while (!d.digits.empty() && d.digits.back() == '0') d.digits.pop_back();
  if (d.digits.empty()) d.decpt = -ndigits;
  return d;
}

std::string double_to_string(double x, char format_code, int precision, DtoaFlags flags) {
  bool upper = false;
  int mode = 0;
  switch (format_code) {
    case 'E': upper = true; format_code = 'e'; [[fallthrough]];
    case 'e': mode = 2; ++precision; break;
    case 'F': upper = true; format_code = 'f'; [[fallthrough]];
    case 'f': mode = 3; break;
    case 'G': upper = true; format_code = 'g'; [[fallthrough]];
    case 'g': mode = 2; if (precision == 0) precision = 1; break;
    default: format_code = 'r'; mode = 0; precision = 0; break;
  }
  std::string out;
  const bool negative = std::signbit(x);
  if (std::isnan(x) || std::isinf(x)) {
    if (negative && !std::isnan(x)) out += '-';
    else if (flags.sign) out += '+';
    out += std::isnan(x) ? (upper ? "NAN" : "nan") : (upper ? "INF" : "inf");
    return out;
  }
  Digits d = dtoa(x, mode, precision);
  bool sign = negative;
  if (flags.no_neg_0 && sign && (d.digits.empty() || d.digits == "0")) sign = false;
  if (sign) out += '-';
  else if (flags.sign) out += '+';

  const std::string& digits = d.digits;
  int decpt = d.decpt;
  const int digits_len = static_cast<int>(digits.size());
  int vdigits_end = digits_len;
  bool use_exp = false;
  switch (format_code) {
    case 'e': use_exp = true; vdigits_end = precision; break;
    case 'f': vdigits_end = decpt + precision; break;
    case 'g':
      if (decpt <= -4 || decpt > (flags.add_dot_0 ? precision - 1 : precision)) use_exp = true;
      if (flags.alt) vdigits_end = precision;
      break;
    default:
      if (decpt <= -4 || decpt > 16) use_exp = true;
      break;
  }
  int exp = 0;
  if (use_exp) {
    exp = decpt - 1;
    decpt = 1;
  }
  const int vdigits_start = decpt <= 0 ? decpt - 1 : 0;
  if (!use_exp && flags.add_dot_0) vdigits_end = vdigits_end > decpt ? vdigits_end : decpt + 1;
  else vdigits_end = vdigits_end > decpt ? vdigits_end : decpt;

  if (decpt <= 0) {
    out.append(static_cast<std::size_t>(decpt - vdigits_start), '0');
    out += '.';
    out.append(static_cast<std::size_t>(-decpt), '0');
  } else {
    out.append(static_cast<std::size_t>(-vdigits_start), '0');
  }
  if (0 < decpt && decpt <= digits_len) {
    out.append(digits, 0, static_cast<std::size_t>(decpt));
    out += '.';
    out.append(digits, static_cast<std::size_t>(decpt), std::string::npos);
  } else {
    out += digits;
  }
  if (digits_len < decpt) {
    out.append(static_cast<std::size_t>(decpt - digits_len), '0');
    out += '.';
    out.append(static_cast<std::size_t>(vdigits_end - decpt), '0');
  } else if (vdigits_end > digits_len) {
    out.append(static_cast<std::size_t>(vdigits_end - digits_len), '0');
  }
  if (out.back() == '.' && !flags.alt) out.pop_back();
  if (use_exp) {
    out += upper ? 'E' : 'e';
    char buf[16];
    std::snprintf(buf, sizeof buf, "%+.02d", exp);
    out += buf;
  }
  return out;
}

}  // namespace pitfall::sim::pylib::detail
