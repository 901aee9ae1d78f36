#include "report/findings_json.h"

#include <cstdint>

namespace pitfall::report {

namespace {

// Length of the well-formed UTF-8 sequence at s[i], or 0 if it is not one
// (overlong forms, surrogates and code points above U+10FFFF are not).
std::size_t utf8_length(const std::string& s, std::size_t i) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  const std::size_t n = s.size() - i;
  const auto cont = [&](std::size_t k) { return (b(i + k) & 0xC0) == 0x80; };
  if (c >= 0xC2 && c <= 0xDF) return n >= 2 && cont(1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (n < 3 || !cont(1) || !cont(2)) return 0;
    if (c == 0xE0 && b(i + 1) < 0xA0) return 0;  // overlong
    if (c == 0xED && b(i + 1) >= 0xA0) return 0;  // surrogate
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (n < 4 || !cont(1) || !cont(2) || !cont(3)) return 0;
    if (c == 0xF0 && b(i + 1) < 0x90) return 0;  // overlong
    if (c == 0xF4 && b(i + 1) >= 0x90) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;
}

// Bytes skipped for one U+FFFD: the longest prefix of a well-formed sequence
// (at least one byte), as nlohmann's replacing serializer does.
std::size_t invalid_length(const std::string& s, std::size_t i) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  std::size_t want = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 1;
  std::size_t k = 1;
  while (k < want && i + k < s.size()) {
    const unsigned char d = static_cast<unsigned char>(s[i + k]);
    unsigned char lo = 0x80, hi = 0xBF;
    if (k == 1) {
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    }
    if (d < lo || d > hi) break;
    ++k;
  }
  return k;
}

void append_int(std::string& out, int v) { out += std::to_string(v); }

}  // namespace

void append_json_string(std::string& out, const std::string& s) {
  static const char kHex[] = "0123456789abcdef";
  out += '"';
  std::size_t i = 0;
  while (i < s.size()) {
    // A run of plain ASCII goes in as one append.
    std::size_t j = i;
    while (j < s.size()) {
      const unsigned char c = static_cast<unsigned char>(s[j]);
      if (c < 0x20 || c == '"' || c == '\\' || c >= 0x80) break;
      ++j;
    }
    out.append(s, i, j - i);
    i = j;
    if (i == s.size()) break;
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      const std::size_t n = utf8_length(s, i);
      if (n) {
        out.append(s, i, n);
        i += n;
      } else {
        out += "\xEF\xBF\xBD";
        i += invalid_length(s, i);
      }
      continue;
    }
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 0xF];
    }
    ++i;
  }
  out += '"';
}

void append_json(std::string& out, const Finding& f) {
  // nlohmann's objects are std::maps: keys in sorted order.
  out += "{\"col\":";
  append_int(out, f.col);
  out += ",\"end_col\":";
  append_int(out, f.end_col);
  out += ",\"end_line\":";
  append_int(out, f.end_line);
  if (!f.evidence.empty()) {
    out += ",\"evidence\":";
    append_json_string(out, f.evidence);
  }
  out += ",\"file\":";
  append_json_string(out, f.file);
  out += ",\"fix\":";
  if (f.has_fix) {
    out += "{\"edits\":[";
    for (std::size_t k = 0; k < f.fix.edits.size(); ++k) {
      const TextEdit& e = f.fix.edits[k];
      if (k) out += ',';
      out += "{\"col\":";
      append_int(out, e.col);
      out += ",\"end_col\":";
      append_int(out, e.end_col);
      out += ",\"end_line\":";
      append_int(out, e.end_line);
      out += ",\"line\":";
      append_int(out, e.line);
      out += ",\"text\":";
      append_json_string(out, e.text);
      out += '}';
    }
    out += "],\"title\":";
    append_json_string(out, f.fix.title);
    out += '}';
  } else {
    out += "null";
  }
  out += ",\"line\":";
  append_int(out, f.line);
  out += ",\"message\":";
  append_json_string(out, f.message);
  out += ",\"ruff\":";
  if (f.ruff.empty()) out += "null";
  else append_json_string(out, f.ruff);
  out += ",\"rule\":";
  append_json_string(out, f.rule);
  out += ",\"severity\":";
  append_json_string(out, f.severity);
  out += '}';
}

std::string findings_json(const std::vector<Finding>& fs) {
  std::string out;
  out.reserve(64 + fs.size() * 320);
  out += '[';
  for (std::size_t k = 0; k < fs.size(); ++k) {
    if (k) out += ',';
    append_json(out, fs[k]);
  }
  out += ']';
  return out;
}

}  // namespace pitfall::report
