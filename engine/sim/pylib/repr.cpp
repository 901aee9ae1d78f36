// repr() and ascii() of a str, as Objects/unicodeobject.c's unicode_repr.
#include <cstdio>

#include "sim/pylib/format.h"
#include "sim/pylib/unicode.h"

namespace pitfall::sim::pylib {

namespace {

std::string quote(std::string_view utf8, bool ascii_only) {
  const std::u32string s = utf8_decode(utf8);
  bool has_single = false, has_double = false;
  for (char32_t c : s) {
    has_single |= c == '\'';
    has_double |= c == '"';
  }
  const char q = (has_single && !has_double) ? '"' : '\'';
  std::string out;
  out.reserve(utf8.size() + 2);
  out += q;
  char buf[16];
  for (char32_t c : s) {
    if (c == static_cast<char32_t>(q) || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c < ' ' || c == 0x7f) {
      std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(c));
      out += buf;
    } else if (c < 0x7f) {
      out += static_cast<char>(c);
    } else if (!ascii_only && is_printable(c)) {
      utf8_append(out, c);
    } else {
      if (c <= 0xff) std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(c));
      else if (c <= 0xffff) std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
      else std::snprintf(buf, sizeof buf, "\\U%08x", static_cast<unsigned>(c));
      out += buf;
    }
  }
  out += q;
  return out;
}

}  // namespace

std::string str_repr(std::string_view utf8) { return quote(utf8, false); }
std::string str_ascii(std::string_view utf8) { return quote(utf8, true); }

}  // namespace pitfall::sim::pylib
