// UTF-8 decoding/encoding and the PEP 393 kind / sys.getsizeof of a str.
#include <algorithm>

#include "sim/pylib/unicode.h"

namespace pitfall::sim::pylib {

std::u32string utf8_decode(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  std::size_t i = 0;
  const std::size_t n = s.size();
  while (i < n) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out.push_back(c);
      ++i;
      continue;
    }
    int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
    if (len == 0 || c > 0xF4 || i + len > n) {
      out.push_back(0xFFFD);
      ++i;
      continue;
    }
    char32_t cp = c & (0x7F >> len);
    bool ok = true;
    for (int k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) {
        ok = false;
        break;
      }
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (!ok || (len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF))) {
      out.push_back(0xFFFD);
      ++i;
      continue;
    }
    out.push_back(cp);
    i += len;
  }
  return out;
}

void utf8_append(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::string utf8_encode(std::u32string_view cps) {
  std::string out;
  out.reserve(cps.size());
  for (char32_t c : cps) utf8_append(out, c);
  return out;
}

StrKind str_kind(std::u32string_view cps) {
  char32_t m = 0;
  for (char32_t c : cps) m = std::max(m, c);
  return StrKind{m < 0x100 ? 1 : m < 0x10000 ? 2 : 4, m < 0x80};
}

StrKind str_kind_utf8(std::string_view utf8) {
  bool ascii = std::none_of(utf8.begin(), utf8.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
  if (ascii) return StrKind{1, true};
  return str_kind(utf8_decode(utf8));
}

std::size_t str_getsizeof(std::size_t length, StrKind kind, int minor) {
  const std::size_t ascii_header = minor >= 12 ? 40 : 48;
  const std::size_t compact_header = minor >= 12 ? 56 : 72;
  if (kind.ascii) return ascii_header + length + 1;
  return compact_header + (length + 1) * static_cast<std::size_t>(kind.bytes_per_char);
}

std::size_t str_getsizeof_utf8(std::string_view utf8, int minor) {
  std::u32string cps = utf8_decode(utf8);
  return str_getsizeof(cps.size(), str_kind(cps), minor);
}

}  // namespace pitfall::sim::pylib
