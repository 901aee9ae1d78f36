// int() and float() of a str (see parse.h for the model notes).
#include "sim/pylib/parse.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <string>

#include "sim/pylib/format.h"
#include "sim/pylib/unicode.h"

namespace pitfall::sim::pylib {

namespace {

bool py_isspace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'; }

// _PyUnicode_TransformDecimalAndSpaceToASCII.
std::string transform_to_ascii(std::string_view utf8) {
  bool ascii = true;
  for (char c : utf8)
    if (static_cast<unsigned char>(c) >= 0x7f) {
      ascii = false;
      break;
    }
  if (ascii) return std::string(utf8);
  std::string out;
  for (char32_t c : utf8_decode(utf8)) {
    if (c < 127) {
      out += static_cast<char>(c);
    } else if (is_space(c)) {
      out += ' ';
    } else {
      int d = decimal_value(c);
      if (d < 0) {
        out += '?';
        break;
      }
      out += static_cast<char>('0' + d);
    }
  }
  return out;
}

int digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'z') return c - 'a' + 10;
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return 37;
}

// "%.200R": the repr, cut to 200 code points.
std::string repr200(std::string_view utf8) {
  std::string r = str_repr(utf8);
  if (utf8_length(r) <= 200) return r;
  std::size_t i = 0, n = 0;
  while (i < r.size() && n < 200) {
    ++i;
    while (i < r.size() && (static_cast<unsigned char>(r[i]) & 0xC0) == 0x80) ++i;
    ++n;
  }
  return r.substr(0, i);
}

}  // namespace

Result<BigInt> parse_int(std::string_view utf8, int base, std::int64_t max_digits) {
  if ((base != 0 && base < 2) || base > 36)
    return make_error(ErrorKind::ValueError, "int() base must be >= 2 and <= 36, or 0");
  const int orig_base = base;
  auto invalid = [&]() {
    return make_error(ErrorKind::ValueError,
                      "invalid literal for int() with base " + std::to_string(orig_base) + ": " + repr200(utf8));
  };
  const std::string buf = transform_to_ascii(utf8);
  if (buf.find('\0') != std::string::npos) return invalid();
  const char* str = buf.c_str();
  while (*str && py_isspace(*str)) ++str;
  bool negative = false;
  if (*str == '+') ++str;
  else if (*str == '-') {
    ++str;
    negative = true;
  }
  bool error_if_nonzero = false;
  if (base == 0) {
    if (str[0] != '0') base = 10;
    else if (str[1] == 'x' || str[1] == 'X') base = 16;
    else if (str[1] == 'o' || str[1] == 'O') base = 8;
    else if (str[1] == 'b' || str[1] == 'B') base = 2;
    else {
      error_if_nonzero = true;
      base = 10;
    }
  }
  if (str[0] == '0' && ((base == 16 && (str[1] == 'x' || str[1] == 'X')) ||
                        (base == 8 && (str[1] == 'o' || str[1] == 'O')) ||
                        (base == 2 && (str[1] == 'b' || str[1] == 'B')))) {
    str += 2;
    if (*str == '_') ++str;
  }
  if (str[0] == '_') return invalid();
  // Scan digits and single underscores.
  const char* scan = str;
  std::int64_t digits = 0;
  char prev = 0;
  while (digit_value(*scan) < base || *scan == '_') {
    if (*scan == '_') {
      if (prev == '_') return invalid();
    } else {
      ++digits;
    }
    prev = *scan++;
  }
  if (prev == '_') return invalid();
  if (digits == 0) return invalid();
  const bool pow2 = (base & (base - 1)) == 0;
  if (!pow2 && digits > 640 && max_digits > 0 && digits > max_digits)
    return make_error(ErrorKind::ValueError,
                      "Exceeds the limit (" + std::to_string(max_digits) +
                          " digits) for integer string conversion: value has " + std::to_string(digits) +
                          " digits; use sys.set_int_max_str_digits() to increase the limit");
  // Keep the engine responsive: no integer beyond kMaxBits.
  {
    int bits_per_digit = 0;
    while ((1 << bits_per_digit) < base) ++bits_per_digit;
    if (static_cast<std::uint64_t>(digits) * static_cast<std::uint64_t>(bits_per_digit - 1) > kMaxBits)
      return make_error(ErrorKind::MemoryError, "integer too large for the simulator");
  }
  // Rest must be whitespace.
  const char* rest = scan;
  while (*rest && py_isspace(*rest)) ++rest;
  if (*rest != '\0') return invalid();
  // Convert: chunks of k digits with base**k < 2**32.
  std::uint32_t chunk_mul = static_cast<std::uint32_t>(base);
  int chunk_len = 1;
  while (std::uint64_t{chunk_mul} * static_cast<std::uint64_t>(base) < (std::uint64_t{1} << 32)) {
    chunk_mul *= static_cast<std::uint32_t>(base);
    ++chunk_len;
  }
  BigInt value;
  std::uint32_t acc = 0, mul = 1;
  int in_chunk = 0;
  for (const char* p = str; p < scan; ++p) {
    if (*p == '_') continue;
    acc = acc * static_cast<std::uint32_t>(base) + static_cast<std::uint32_t>(digit_value(*p));
    mul *= static_cast<std::uint32_t>(base);
    if (++in_chunk == chunk_len) {
      value.mul_small_add(mul, acc);
      acc = 0;
      mul = 1;
      in_chunk = 0;
    }
  }
  if (in_chunk) value.mul_small_add(mul, acc);
  if (error_if_nonzero && !value.is_zero()) return invalid();
  return negative ? -value : value;
}

Result<double> parse_float(std::string_view utf8) {
  auto invalid = [&]() {
    return make_error(ErrorKind::ValueError, "could not convert string to float: " + str_repr(utf8));
  };
  std::string buf = transform_to_ascii(utf8);
  std::size_t b = 0, e = buf.size();
  while (b < e && py_isspace(buf[b])) ++b;
  while (e > b + 1 && py_isspace(buf[e - 1])) --e;
  std::string s = buf.substr(b, e - b);
  if (s.empty() || s.find('\0') != std::string::npos) return invalid();
  if (s.find('_') != std::string::npos) {
    std::string dup;
    char prev = 0;
    for (char c : s) {
      if (c == '_') {
        if (!(prev >= '0' && prev <= '9')) return invalid();
      } else {
        dup += c;
        if (prev == '_' && !(c >= '0' && c <= '9')) return invalid();
      }
      prev = c;
    }
    if (prev == '_') return invalid();
    s = dup;
  }
  // Validate: [sign] (inf | infinity | nan | digits[.digits][e[sign]digits] | .digits[...])
  std::size_t i = 0;
  bool negative = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) negative = s[i++] == '-';
  std::string lower;
  for (std::size_t k = i; k < s.size(); ++k) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(s[k])));
  if (lower == "inf" || lower == "infinity") return negative ? -HUGE_VAL : HUGE_VAL;
  if (lower == "nan") return negative ? -std::nan("") : std::nan("");
  std::size_t mant_digits = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++mant_digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++mant_digits;
  }
  if (mant_digits == 0) return invalid();
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    std::size_t exp_digits = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++exp_digits;
    if (exp_digits == 0) return invalid();
  }
  if (i != s.size()) return invalid();
  errno = 0;
  double v = std::strtod(s.c_str(), nullptr);
  return v;
}

}  // namespace pitfall::sim::pylib
