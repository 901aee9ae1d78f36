// The format-spec mini-language for float, int and str, and float repr
// (see format.h for the model notes).
#include "sim/pylib/format.h"

#include <cmath>

#include "sim/pylib/float_digits.h"
#include "sim/pylib/unicode.h"

namespace pitfall::sim::pylib {

namespace {

constexpr std::int64_t kSsizeMax = INT64_MAX;

bool is_align(char32_t c) { return c == '<' || c == '>' || c == '=' || c == '^'; }
bool is_sign(char32_t c) { return c == ' ' || c == '+' || c == '-'; }

Error value_error(std::string msg) { return make_error(ErrorKind::ValueError, std::move(msg)); }

std::string char_or_hex(char32_t c) {
  if (c > 32 && c < 128) return std::string(1, static_cast<char>(c));
  char buf[24];
  std::snprintf(buf, sizeof buf, "\\x%x", static_cast<unsigned>(c));
  return buf;
}

Error unknown_code(char32_t type, std::string_view type_name) {
  return value_error("Unknown format code '" + char_or_hex(type) + "' for object of type '" +
                     std::string(type_name) + "'");
}

// get_integer: digits (Unicode decimals accepted) -> value; -1 on overflow.
int get_integer(const std::u32string& s, std::size_t& pos, std::int64_t& out) {
  std::int64_t acc = 0;
  int consumed = 0;
  while (pos < s.size()) {
    int d = decimal_value(s[pos]);
    if (d < 0) break;
    if (acc > (kSsizeMax - d) / 10) return -1;
    acc = acc * 10 + d;
    ++pos;
    ++consumed;
  }
  out = acc;
  return consumed;
}

struct Locale {
  std::string decimal_point = ".";
  std::string thousands_sep;
  int group = 0;  // 0: no grouping, else group size (repeating)
};

// _PyUnicode_InsertThousandsGrouping: digits with separators, zero-padded
// on the left up to min_width characters.
std::string group_digits(std::string_view digits, std::int64_t min_width, const Locale& loc) {
  std::string out;  // built reversed
  std::int64_t remaining = static_cast<std::int64_t>(digits.size());
  std::int64_t pos = remaining;  // end of the unconsumed digits
  const std::int64_t sep_len = static_cast<std::int64_t>(loc.thousands_sep.size());
  bool use_sep = false;
  auto emit = [&](std::int64_t n_zeros, std::int64_t n_chars) {
    if (use_sep)
      for (auto it = loc.thousands_sep.rbegin(); it != loc.thousands_sep.rend(); ++it) out.push_back(*it);
    for (std::int64_t i = 0; i < n_chars; ++i) out.push_back(digits[static_cast<std::size_t>(--pos)]);
    out.append(static_cast<std::size_t>(n_zeros), '0');
  };
  bool broken = false;
  if (loc.group > 0) {
    for (;;) {
      std::int64_t l = loc.group;
      l = std::min(l, std::max(std::max(remaining, min_width), std::int64_t{1}));
      std::int64_t n_zeros = std::max(std::int64_t{0}, l - remaining);
      std::int64_t n_chars = std::max(std::int64_t{0}, std::min(remaining, l));
      emit(n_zeros, n_chars);
      use_sep = true;
      remaining -= n_chars;
      min_width -= l;
      if (remaining <= 0 && min_width <= 0) {
        broken = true;
        break;
      }
      min_width -= sep_len;
    }
  }
  if (!broken) {
    std::int64_t l = std::max(std::max(remaining, min_width), std::int64_t{1});
    std::int64_t n_zeros = std::max(std::int64_t{0}, l - remaining);
    std::int64_t n_chars = std::max(std::int64_t{0}, std::min(remaining, l));
    emit(n_zeros, n_chars);
  }
  return std::string(out.rbegin(), out.rend());
}

void append_fill(std::string& out, const std::string& fill_utf8, std::int64_t n) {
  for (std::int64_t i = 0; i < n; ++i) out += fill_utf8;
}

// calc_number_widths + fill_number. `digits` are the integer digits,
// `remainder` what follows the decimal point (or everything when there are
// no digits, e.g. "inf" or a 'c' character).
std::string layout_number(char sign_char, std::string_view prefix, std::string_view digits, bool has_decimal,
                          std::string_view remainder, std::size_t remainder_cps, const FormatSpec& f,
                          const Locale& loc, bool to_upper) {
  char sign = 0;
  if (f.sign == '+') sign = sign_char == '-' ? '-' : '+';
  else if (f.sign == ' ') sign = sign_char == '-' ? '-' : ' ';
  else if (sign_char == '-') sign = '-';
  const std::int64_t n_sign = sign ? 1 : 0;
  const std::int64_t n_decimal = has_decimal ? static_cast<std::int64_t>(loc.decimal_point.size()) : 0;
  const std::int64_t non_digit =
      n_sign + static_cast<std::int64_t>(prefix.size()) + n_decimal + static_cast<std::int64_t>(remainder_cps);
  const bool zero_fill = f.fill == U"0" && f.align == '=';
  const std::int64_t min_width = zero_fill ? f.width - non_digit : 0;
  std::string grouped = digits.empty() ? std::string() : group_digits(digits, min_width, loc);
  if (to_upper)
    for (char& c : grouped) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const std::int64_t n_padding = f.width - (non_digit + static_cast<std::int64_t>(grouped.size()));
  std::int64_t lpad = 0, spad = 0, rpad = 0;
  if (n_padding > 0) {
    switch (f.align) {
      case '<': rpad = n_padding; break;
      case '^': lpad = n_padding / 2; rpad = n_padding - lpad; break;
      case '=': spad = n_padding; break;
      default: lpad = n_padding; break;
    }
  }
  const std::string fill = utf8_encode(f.fill);
  std::string out;
  append_fill(out, fill, lpad);
  if (sign) out += sign;
  if (!prefix.empty()) {
    std::string p(prefix);
    if (to_upper)
      for (char& c : p) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    out += p;
  }
  append_fill(out, fill, spad);
  out += grouped;
  if (has_decimal) out += loc.decimal_point;
  out += remainder;
  append_fill(out, fill, rpad);
  return out;
}

Locale locale_for(const FormatSpec& f, bool current_locale) {
  Locale loc;
  if (current_locale) return loc;  // C locale: '.', no grouping
  if (f.grouping == ',') {
    loc.thousands_sep = ",";
    loc.group = 3;
  } else if (f.grouping == '_') {
    loc.thousands_sep = "_";
    const bool four = f.type == 'b' || f.type == 'o' || f.type == 'x' || f.type == 'X';
    loc.group = four ? 4 : 3;
  }
  return loc;
}

Result<std::string> format_float_internal(double val, const FormatSpec& f) {
  if (f.precision > 2147483647) return value_error("precision too big");
  int precision = static_cast<int>(f.precision);
  char type = f.type;
  detail::DtoaFlags flags;
  flags.alt = f.alternate;
  flags.no_neg_0 = f.z;
  int default_precision = 6;
  if (type == 0) {
    flags.add_dot_0 = true;
    type = 'r';
    default_precision = 0;
  }
  if (type == 'n') type = 'g';
  bool add_pct = false;
  if (type == '%') {
    type = 'f';
    val *= 100;
    add_pct = true;
  }
  if (precision < 0) precision = default_precision;
  else if (type == 'r') type = 'g';
  std::string buf = detail::double_to_string(val, type, precision, flags);
  if (add_pct) buf += '%';
  char sign_char = 0;
  std::size_t index = 0;
  if (!buf.empty() && buf[0] == '-') {
    sign_char = '-';
    index = 1;
  }
  std::size_t pos = index;
  while (pos < buf.size() && buf[pos] >= '0' && buf[pos] <= '9') ++pos;
  std::string_view digits(buf.data() + index, pos - index);
  const bool has_decimal = pos < buf.size() && buf[pos] == '.';
  std::string_view rest(buf.data() + pos + (has_decimal ? 1 : 0), buf.size() - pos - (has_decimal ? 1 : 0));
  return layout_number(sign_char, "", digits, has_decimal, rest, rest.size(), f, locale_for(f, f.type == 'n'),
                       false);
}

Result<std::string> format_long_internal(const BigInt& x, const FormatSpec& f) {
  if (f.precision != -1) return value_error("Precision not allowed in integer format specifier");
  if (f.z) return value_error("Negative zero coercion (z) not allowed in integer format specifier");
  if (f.type == 'c') {
    if (f.sign) return value_error("Sign not allowed with integer format specifier 'c'");
    if (f.alternate) return value_error("Alternate form (#) not allowed with integer format specifier 'c'");
    auto v = x.to_int64();
    if (!v) return make_error(ErrorKind::OverflowError, "Python int too large to convert to C long");
    if (*v < 0 || *v > 0x10ffff) return make_error(ErrorKind::OverflowError, "%c arg not in range(0x110000)");
    std::string ch;
    utf8_append(ch, static_cast<char32_t>(*v));
    return layout_number(0, "", "", false, ch, 1, f, locale_for(f, false), false);
  }
  int base = 10;
  std::string prefix;
  switch (f.type) {
    case 'b': base = 2; prefix = "0b"; break;
    case 'o': base = 8; prefix = "0o"; break;
    case 'x': case 'X': base = 16; prefix = "0x"; break;
    default: break;
  }
  std::string digits;
  if (base == 10) {
    auto d = x.abs().to_decimal();
    if (!d) return d.error();
    digits = std::move(*d);
  } else {
    digits = x.to_base_digits(base);
  }
  if (!f.alternate) prefix.clear();
  return layout_number(x.is_negative() ? '-' : 0, prefix, digits, false, "", 0, f, locale_for(f, f.type == 'n'),
                       f.type == 'X');
}

Result<std::string> format_string_internal(std::string_view s, const FormatSpec& f) {
  if (f.sign) {
    if (f.sign == ' ') return value_error("Space not allowed in string format specifier");
    return value_error("Sign not allowed in string format specifier");
  }
  if (f.z) return value_error("Negative zero coercion (z) not allowed in string format specifier");
  if (f.alternate) return value_error("Alternate form (#) not allowed in string format specifier");
  if (f.align == '=') return value_error("'=' alignment not allowed in string format specifier");
  std::int64_t len = static_cast<std::int64_t>(utf8_length(s));
  if ((f.width == -1 || f.width <= len) && (f.precision == -1 || f.precision >= len)) return std::string(s);
  std::string_view body = s;
  if (f.precision >= 0 && len >= f.precision) {
    // Cut after `precision` code points.
    std::size_t i = 0;
    std::int64_t n = 0;
    while (i < s.size() && n < f.precision) {
      ++i;
      while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
      ++n;
    }
    body = s.substr(0, i);
    len = f.precision;
  }
  const std::int64_t total = (f.width >= 0 && f.width > len) ? f.width : len;
  std::int64_t lpad = 0;
  if (f.align == '>') lpad = total - len;
  else if (f.align == '^') lpad = (total - len) / 2;
  const std::int64_t rpad = total - len - lpad;
  const std::string fill = utf8_encode(f.fill);
  std::string out;
  append_fill(out, fill, lpad);
  out += body;
  append_fill(out, fill, rpad);
  return out;
}

Result<FormatSpec> parse_spec(std::string_view spec, std::string_view type_name, char default_type,
                              char default_align) {
  const std::u32string s = utf8_decode(spec);
  const std::size_t end = s.size();
  std::size_t pos = 0;
  FormatSpec f;
  f.align = default_align;
  f.type = default_type;
  bool align_specified = false, fill_specified = false;
  if (end - pos >= 2 && is_align(s[pos + 1])) {
    f.align = static_cast<char>(s[pos + 1]);
    f.fill = std::u32string(1, s[pos]);
    fill_specified = align_specified = true;
    pos += 2;
  } else if (end - pos >= 1 && is_align(s[pos])) {
    f.align = static_cast<char>(s[pos]);
    align_specified = true;
    ++pos;
  }
  if (end - pos >= 1 && is_sign(s[pos])) f.sign = static_cast<char>(s[pos++]);
  if (end - pos >= 1 && s[pos] == 'z') {
    f.z = true;
    ++pos;
  }
  if (end - pos >= 1 && s[pos] == '#') {
    f.alternate = true;
    ++pos;
  }
  if (!fill_specified && end - pos >= 1 && s[pos] == '0') {
    f.fill = U"0";
    f.zero_pad = true;
    if (!align_specified && default_align == '>') f.align = '=';
    ++pos;
  }
  const Error too_many = value_error("Too many decimal digits in format string");
  int consumed = get_integer(s, pos, f.width);
  if (consumed < 0) return too_many;
  if (consumed == 0) f.width = -1;
  if (end - pos && s[pos] == ',') {
    f.grouping = ',';
    ++pos;
  }
  if (end - pos && s[pos] == '_') {
    if (f.grouping) return value_error("Cannot specify both ',' and '_'.");
    f.grouping = '_';
    ++pos;
  }
  if (end - pos && s[pos] == ',' && f.grouping == '_') return value_error("Cannot specify both ',' and '_'.");
  if (end - pos && s[pos] == '.') {
    ++pos;
    consumed = get_integer(s, pos, f.precision);
    if (consumed < 0) return too_many;
    if (consumed == 0) return value_error("Format specifier missing precision");
  } else {
    f.precision = -1;
  }
  if (f.width > kMaxFormatWidth || f.precision > kMaxFormatWidth)
    return make_error(ErrorKind::MemoryError, "format result too large for the simulator");
  if (end - pos > 1)
    return value_error("Invalid format specifier '" + std::string(spec) + "' for object of type '" +
                       std::string(type_name) + "'");
  char32_t type = f.type;
  if (end - pos == 1) type = s[pos];
  if (type > 127) {
    // Stored as 0x7f marker; only used for the error messages below.
    if (f.grouping) return value_error(std::string("Cannot specify '") + f.grouping + "' with '" + char_or_hex(type) + "'.");
    return unknown_code(type, type_name);
  }
  f.type = static_cast<char>(type);
  if (f.grouping) {
    switch (f.type) {
      case 'd': case 'e': case 'f': case 'g': case 'E': case 'G': case '%': case 'F': case 0: break;
      case 'b': case 'o': case 'x': case 'X':
        if (f.grouping == '_') break;
        [[fallthrough]];
      default:
        return value_error(std::string("Cannot specify '") + f.grouping + "' with '" + char_or_hex(type) + "'.");
    }
  }
  return f;
}

}  // namespace

std::size_t utf8_length(std::string_view s) {
  std::size_t n = 0;
  for (char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

std::string float_repr(double x) {
  detail::DtoaFlags flags;
  flags.add_dot_0 = true;
  return detail::double_to_string(x, 'r', 0, flags);
}

std::string float_to_string(double x, char type, int precision, bool alternate) {
  detail::DtoaFlags flags;
  flags.alt = alternate;
  return detail::double_to_string(x, type, precision, flags);
}

Result<FormatSpec> parse_format_spec(std::string_view spec, std::string_view type_name) {
  char def_type = type_name == "int" || type_name == "bool" ? 'd' : type_name == "str" ? 's' : 0;
  char def_align = type_name == "str" ? '<' : '>';
  return parse_spec(spec, type_name, def_type, def_align);
}

Result<std::string> format_float(double x, const FormatSpec& f) {
  switch (f.type) {
    case 0: case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case 'n': case '%':
      return format_float_internal(x, f);
    default:
      return unknown_code(static_cast<unsigned char>(f.type), "float");
  }
}

Result<std::string> format_float(double x, std::string_view spec) {
  if (spec.empty()) return float_repr(x);
  auto f = parse_spec(spec, "float", 0, '>');
  if (!f) return f.error();
  return format_float(x, *f);
}

Result<std::string> format_int(const BigInt& x, const FormatSpec& f) {
  switch (f.type) {
    case 'b': case 'c': case 'd': case 'o': case 'x': case 'X': case 'n':
      return format_long_internal(x, f);
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case '%': {
      auto d = x.to_double();
      if (!d) return d.error();
      return format_float_internal(*d, f);
    }
    default:
      return unknown_code(static_cast<unsigned char>(f.type), "int");
  }
}

Result<std::string> format_int(const BigInt& x, std::string_view spec) {
  if (spec.empty()) return x.to_decimal();
  auto f = parse_spec(spec, "int", 'd', '>');
  if (!f) return f.error();
  return format_int(x, *f);
}

Result<std::string> format_int(std::int64_t x, std::string_view spec) {
  if (spec.empty()) return std::to_string(x);
  return format_int(BigInt(x), spec);
}

Result<std::string> format_str(std::string_view s, const FormatSpec& f) {
  if (f.type != 's') return unknown_code(static_cast<unsigned char>(f.type), "str");
  return format_string_internal(s, f);
}

Result<std::string> format_str(std::string_view s, std::string_view spec) {
  if (spec.empty()) return std::string(s);
  auto f = parse_spec(spec, "str", 's', '<');
  if (!f) return f.error();
  return format_str(s, *f);
}

}  // namespace pitfall::sim::pylib
