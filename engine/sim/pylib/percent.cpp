// printf-style `str % args` (see percent.h for the model notes).
#include "sim/pylib/percent.h"

#include <cmath>
#include <cstdio>

#include "sim/pylib/float_digits.h"
#include "sim/pylib/format.h"
#include "sim/pylib/unicode.h"

namespace pitfall::sim::pylib {

namespace {

enum Flags { F_LJUST = 1, F_SIGN = 2, F_BLANK = 4, F_ALT = 8, F_ZERO = 16 };

struct Arg {
  char32_t ch = 0;
  int flags = 0;
  std::int64_t width = -1;
  std::int64_t prec = -1;
  bool sign = false;
};

Error type_error(std::string m) { return make_error(ErrorKind::TypeError, std::move(m)); }
Error value_error(std::string m) { return make_error(ErrorKind::ValueError, std::move(m)); }

// bytes mode: each byte is one character (code point 0-255) while formatting
std::u32string latin1_decode(std::string_view b) {
  std::u32string s;
  s.reserve(b.size());
  for (unsigned char c : b) s.push_back(c);
  return s;
}
std::string latin1_as_utf8(std::string_view b) { return utf8_encode(latin1_decode(b)); }
std::string utf8_as_latin1(std::string_view u) {
  std::string b;
  for (char32_t c : utf8_decode(u)) b.push_back(static_cast<char>(c & 0xff));
  return b;
}

class Formatter {
 public:
  Formatter(std::string_view fmt, const PercentArgs& args)
      : bytes_(args.bytes_mode()), fmt_(bytes_ ? latin1_decode(fmt) : utf8_decode(fmt)), args_(args) {
    dict_ = args.is_mapping();
    if (args.is_tuple()) {
      arglen_ = static_cast<std::int64_t>(args.count());
      argidx_ = 0;
    } else {
      current_ = args.at(0);
    }
  }

  Result<std::string> run() {
    std::string out;
    std::size_t pos = 0;
    while (pos < fmt_.size()) {
      if (fmt_[pos] != '%') {
        utf8_append(out, fmt_[pos++]);
        continue;
      }
      ++pos;
      if (pos < fmt_.size() && fmt_[pos] == '%') {
        out += '%';
        ++pos;
        continue;
      }
      auto r = one(pos, out);
      if (!r) return r.error();
    }
    if (argidx_ < arglen_ && !dict_) return type_error(bytes_ ? "not all arguments converted during bytes formatting" : "not all arguments converted during string formatting");
    return bytes_ ? utf8_as_latin1(out) : out;
  }

 private:
  Result<PercentArgs::Handle> next_arg() {
    if (argidx_ < arglen_) {
      const std::int64_t i = argidx_++;
      if (arglen_ < 0) return current_;
      return args_.at(static_cast<std::size_t>(i));
    }
    return type_error("not enough arguments for format string");
  }

  // Parse one conversion starting after '%'; append its text to out.
  Result<bool> one(std::size_t& pos, std::string& out) {
    Arg a;
    const std::size_t n = fmt_.size();
    auto at_end = [&] { return pos >= n; };
    if (!at_end() && fmt_[pos] == '(') {
      if (!dict_) return type_error("format requires a mapping");
      ++pos;
      const std::size_t keystart = pos;
      int pcount = 1;
      while (pcount > 0 && pos < n) {
        if (fmt_[pos] == ')') --pcount;
        else if (fmt_[pos] == '(') ++pcount;
        ++pos;
      }
      if (pcount > 0) return value_error("incomplete format key");
      std::string key = utf8_encode(std::u32string_view(fmt_).substr(keystart, pos - 1 - keystart));
      if (bytes_) key = utf8_as_latin1(key);
      auto h = args_.lookup(key);
      if (!h) return h.error();
      current_ = *h;
      arglen_ = -1;
      argidx_ = -2;
    }
    // Flags.
    for (; !at_end(); ++pos) {
      char32_t c = fmt_[pos];
      if (c == '-') a.flags |= F_LJUST;
      else if (c == '+') a.flags |= F_SIGN;
      else if (c == ' ') a.flags |= F_BLANK;
      else if (c == '#') a.flags |= F_ALT;
      else if (c == '0') a.flags |= F_ZERO;
      else break;
    }
    if (at_end()) return value_error("incomplete format");
    // Width.
    if (fmt_[pos] == '*') {
      auto h = next_arg();
      if (!h) return h.error();
      auto w = star_value(*h);
      if (!w) return w.error();
      a.width = *w;
      if (a.width < 0) {
        a.flags |= F_LJUST;
        a.width = -a.width;
      }
      ++pos;
    } else if (fmt_[pos] >= '0' && fmt_[pos] <= '9') {
      a.width = 0;
      while (!at_end() && fmt_[pos] >= '0' && fmt_[pos] <= '9') {
        const int d = static_cast<int>(fmt_[pos] - '0');
        if (a.width > (INT64_MAX - d) / 10) return value_error("width too big");
        a.width = a.width * 10 + d;
        ++pos;
      }
    }
    // Precision.
    if (!at_end() && fmt_[pos] == '.') {
      a.prec = 0;
      ++pos;
      if (!at_end() && fmt_[pos] == '*') {
        auto h = next_arg();
        if (!h) return h.error();
        auto p = star_value(*h);
        if (!p) return p.error();
        a.prec = *p < 0 ? 0 : *p;
        ++pos;
      } else {
        while (!at_end() && fmt_[pos] >= '0' && fmt_[pos] <= '9') {
          const int d = static_cast<int>(fmt_[pos] - '0');
          if (a.prec > (2147483647 - d) / 10) return value_error("precision too big");
          a.prec = a.prec * 10 + d;
          ++pos;
        }
      }
    }
    if (!at_end() && (fmt_[pos] == 'h' || fmt_[pos] == 'l' || fmt_[pos] == 'L')) ++pos;
    if (at_end()) return value_error("incomplete format");
    if (a.width > kMaxFormatWidth || a.prec > kMaxFormatWidth)
      return make_error(ErrorKind::MemoryError, "format result too large for the simulator");
    a.ch = fmt_[pos++];
    const std::size_t index = pos - 1;

    auto h = next_arg();
    if (!h) return h.error();
    auto s = format_arg(a, *h, index);
    if (!s) return s.error();
    output(a, *s, out);
    if (dict_ && argidx_ < arglen_) return type_error("not all arguments converted during string formatting");
    return true;
  }

  Result<std::int64_t> star_value(PercentArgs::Handle h) {
    auto num = args_.number(h);
    if (!num || num->kind != PercentNumber::Kind::Int) return type_error("* wants int");
    auto v = num->int_value.to_int64();
    if (!v) return make_error(ErrorKind::OverflowError, "Python int too large to convert to C ssize_t");
    return *v;
  }

  Result<std::string> format_arg(Arg& a, PercentArgs::Handle h, std::size_t index) {
    if (bytes_) {
      if (a.ch == 's' || a.ch == 'b') {
        auto b = args_.bytes(h);
        if (!b) return b.error();
        return latin1_as_utf8(*b);
      }
      if (a.ch == 'r' || a.ch == 'a') return args_.ascii(h);
      if (a.ch == 'c') {
        auto num = args_.number(h);
        if (!num) return num.error();
        if (num->kind == PercentNumber::Kind::Int) {
          auto v = num->int_value.to_int64();
          if (!v || *v < 0 || *v > 255) return make_error(ErrorKind::OverflowError, "%c arg not in range(256)");
          return latin1_as_utf8(std::string(1, static_cast<char>(*v)));
        }
        auto b = num->kind == PercentNumber::Kind::Other ? args_.bytes(h) : Result<std::string>(std::string());
        if (!b || b->size() != 1) return type_error("%c requires an integer in range(256) or a single byte");
        return latin1_as_utf8(*b);
      }
    }
    switch (a.ch) {
      case 's': return args_.str(h);
      case 'r': return args_.repr(h);
      case 'a': return args_.ascii(h);
      case 'i': case 'd': case 'u': case 'o': case 'x': case 'X': {
        auto num = args_.number(h);
        if (!num) return num.error();
        BigInt v;
        const bool index_only = a.ch == 'o' || a.ch == 'x' || a.ch == 'X';
        if (num->kind == PercentNumber::Kind::Int) {
          v = num->int_value;
        } else if (num->kind == PercentNumber::Kind::Float && !index_only) {
          auto r = BigInt::from_double(num->float_value);
          if (!r) return r.error();
          v = *r;
        } else {
          std::string what = index_only ? "an integer" : "a real number";
          return type_error(std::string("%") + static_cast<char>(a.ch) + " format: " + what + " is required, not " +
                            args_.type_name(h));
        }
        a.sign = true;
        return format_long(v, a);
      }
      case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': {
        auto num = args_.number(h);
        if (!num) return num.error();
        double x = 0;
        if (num->kind == PercentNumber::Kind::Float) x = num->float_value;
        else if (num->kind == PercentNumber::Kind::Int) {
          auto d = num->int_value.to_double();
          if (!d) return d.error();
          x = *d;
        } else {
          return type_error("must be real number, not " + args_.type_name(h));
        }
        a.sign = true;
        detail::DtoaFlags flags;
        flags.alt = (a.flags & F_ALT) != 0;
        return detail::double_to_string(x, static_cast<char>(a.ch), a.prec < 0 ? 6 : static_cast<int>(a.prec), flags);
      }
      case 'c': {
        auto num = args_.number(h);
        if (!num) return num.error();
        char32_t ch = 0;
        if (num->kind == PercentNumber::Kind::Str) {
          std::u32string s = utf8_decode(num->str_value);
          if (s.size() != 1) return type_error("%c requires int or char");
          ch = s[0];
        } else if (num->kind == PercentNumber::Kind::Int) {
          auto v = num->int_value.to_int64();
          if (!v || *v < 0 || *v > 0x10ffff) return make_error(ErrorKind::OverflowError, "%c arg not in range(0x110000)");
          ch = static_cast<char32_t>(*v);
        } else {
          return type_error("%c requires int or char");
        }
        std::string s;
        utf8_append(s, ch);
        return s;
      }
      default: {
        char buf[96];
        const char shown = (a.ch >= 31 && a.ch <= 126) ? static_cast<char>(a.ch) : '?';
        std::snprintf(buf, sizeof buf, "unsupported format character '%c' (0x%x) at index %zu", shown,
                      static_cast<unsigned>(a.ch), index);
        return value_error(buf);
      }
    }
  }

  // _PyUnicode_FormatLong.
  static std::string format_long(const BigInt& v, const Arg& a) {
    std::string digits;
    std::string prefix;
    if (a.ch == 'o') {
      digits = v.to_base_digits(8);
      prefix = "0o";
    } else if (a.ch == 'x' || a.ch == 'X') {
      digits = v.to_base_digits(16);
      prefix = "0x";
    } else {
      digits = v.abs().to_decimal_unlimited();
    }
    if (!(a.flags & F_ALT)) prefix.clear();
    if (a.prec > static_cast<std::int64_t>(digits.size()))
      digits.insert(0, static_cast<std::size_t>(a.prec) - digits.size(), '0');
    std::string s = (v.is_negative() ? "-" : "") + prefix + digits;
    if (a.ch == 'X')
      for (char& c : s)
        if (c >= 'a' && c <= 'x') c = static_cast<char>(c - 'a' + 'A');
    return s;
  }

  // unicode_format_arg_output.
  void output(Arg& a, const std::string& str_utf8, std::string& out) {
    const std::u32string str = utf8_decode(str_utf8);
    std::int64_t len = static_cast<std::int64_t>(str.size());
    if ((a.width == -1 || a.width <= len) && (a.prec == -1 || a.prec >= len) && !(a.flags & (F_SIGN | F_BLANK))) {
      out += str_utf8;
      return;
    }
    if ((a.ch == 's' || a.ch == 'r' || a.ch == 'a') && a.prec >= 0 && len > a.prec) len = a.prec;
    std::size_t pindex = 0;
    char32_t signchar = 0;
    const char32_t fill = (a.sign && (a.flags & F_ZERO)) ? '0' : ' ';
    if (a.sign) {
      char32_t ch = str.empty() ? 0 : str[0];
      if (ch == '-' || ch == '+') {
        signchar = ch;
        --len;
        ++pindex;
      } else if (a.flags & F_SIGN) {
        signchar = '+';
      } else if (a.flags & F_BLANK) {
        signchar = ' ';
      } else {
        a.sign = false;
      }
    }
    if (a.width < len) a.width = len;
    if (signchar) {
      if (fill != ' ') utf8_append(out, signchar);
      if (a.width > len) --a.width;
    }
    const bool alt_prefix = (a.flags & F_ALT) && (a.ch == 'x' || a.ch == 'X' || a.ch == 'o');
    if (alt_prefix) {
      if (fill != ' ') {
        utf8_append(out, str[pindex]);
        utf8_append(out, str[pindex + 1]);
        pindex += 2;
      }
      a.width -= 2;
      if (a.width < 0) a.width = 0;
      len -= 2;
    }
    if (a.width > len && !(a.flags & F_LJUST)) {
      for (std::int64_t i = 0; i < a.width - len; ++i) utf8_append(out, fill);
      a.width = len;
    }
    if (fill == ' ') {
      if (signchar) utf8_append(out, signchar);
      if (alt_prefix) {
        utf8_append(out, str[pindex]);
        utf8_append(out, str[pindex + 1]);
        pindex += 2;
      }
    }
    for (std::int64_t i = 0; i < len; ++i) utf8_append(out, str[pindex + static_cast<std::size_t>(i)]);
    if (a.width > len) out.append(static_cast<std::size_t>(a.width - len), ' ');
  }

  bool bytes_ = false;
  std::u32string fmt_;
  const PercentArgs& args_;
  bool dict_ = false;
  std::int64_t arglen_ = -1;
  std::int64_t argidx_ = -2;
  PercentArgs::Handle current_ = 0;
};

}  // namespace

Result<std::string> percent_format(std::string_view fmt, const PercentArgs& args) {
  Formatter f(fmt, args);
  return f.run();
}

}  // namespace pitfall::sim::pylib
