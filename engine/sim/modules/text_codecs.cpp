// str.encode / bytes.decode with the codecs the simulator models: UTF-8 (its
// str's own form), ASCII and Latin-1 (Objects/unicodeobject.c
// unicode_encode_ucs1, ascii_decode, _PyUnicode_DecodeLatin1), with the error
// handlers strict, ignore, replace, backslashreplace and (encoding)
// xmlcharrefreplace, and CPython's UnicodeEncodeError / UnicodeDecodeError
// messages ("'ascii' codec can't encode characters in position 0-1: ordinal
// not in range(128)": a run of unencodable characters is one error). Codec
// names are normalised as encodings.normalize_encoding and its aliases do.
#include <cctype>
#include <cstdio>
#include <string>

#include "sim/pylib/unicode.h"
#include "sim/vm/vm.h"

namespace pitfall::sim {

namespace {

enum class Codec { Utf8, Ascii, Latin1, Other, Unknown };

Codec codec_of(std::string name) {
  std::string n;
  for (char c : name) n += (c == '_' || c == ' ') ? '-' : char(std::tolower(static_cast<unsigned char>(c)));
  for (const char* k : {"utf-8", "utf8", "u8", "utf", "cp65001"})
    if (n == k) return Codec::Utf8;
  for (const char* k : {"ascii", "us-ascii", "646", "us"})
    if (n == k) return Codec::Ascii;
  for (const char* k : {"latin-1", "latin1", "latin", "l1", "iso-8859-1", "iso8859-1", "8859", "cp819", "iso-ir-100", "csisolatin1"})
    if (n == k) return Codec::Latin1;
  for (const char* k : {"utf-16", "utf-32", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "cp1252", "utf-8-sig", "cp437", "iso-8859-15", "idna",
                        "punycode", "raw-unicode-escape", "unicode-escape", "utf-7", "mbcs", "big5", "shift-jis", "euc-jp", "gb2312", "koi8-r"})
    if (n == k) return Codec::Other;
  return Codec::Unknown;
}

const char* codec_name(Codec c) { return c == Codec::Ascii ? "ascii" : c == Codec::Latin1 ? "latin-1" : "utf-8"; }

// repr() of one character inside the message: '\xe9', '\u2603', '\U0001f600'
std::string char_repr(char32_t c) {
  char buf[16];
  if (c < 0x100) std::snprintf(buf, sizeof buf, "'\\x%02x'", unsigned(c));
  else if (c < 0x10000) std::snprintf(buf, sizeof buf, "'\\u%04x'", unsigned(c));
  else std::snprintf(buf, sizeof buf, "'\\U%08x'", unsigned(c));
  return buf;
}

// A UnicodeEncodeError / UnicodeDecodeError with its attributes (encoding, object, start, end, reason).
Ref raise_unicode(VM& vm, const char* type, const std::string& msg, Codec c, Ref object, std::size_t start, std::size_t end, const char* reason) {
  Ref t = vm.dict_get_str(vm.builtins.as<DictObj>(), vm.rt.intern(type).as<StrObj>());
  ClassObj* cls = t && t->tag == Tag::Class ? t.as<ClassObj>() : vm.rt.UnicodeError;
  Ref e = vm.new_exception(cls, msg);
  if (!e) return nullptr;
  struct { const char* n; Ref v; } attrs[] = {{"encoding", vm.rt.make_str(codec_name(c))}, {"object", std::move(object)},
                                              {"start", vm.rt.make_int(std::int64_t(start))}, {"end", vm.rt.make_int(std::int64_t(end))},
                                              {"reason", vm.rt.make_str(reason)}};
  for (auto& a : attrs)
    if (!vm.setattr(e, vm.rt.intern(a.n).as<StrObj>(), a.v)) return nullptr;
  return vm.raise_obj(e);
}

bool string_arg(VM& vm, const Ref& v, const char* fn, const char* what, std::string& out) {
  if (!v) return true;
  if (v->tag != Tag::Str) {
    vm.raise(vm.rt.TypeError, std::string(fn) + "() argument '" + what + "' must be str, not " + vm.type_name(v));
    return false;
  }
  out = v.as<StrObj>()->s;
  return true;
}

Ref bad_handler(VM& vm, const std::string& errors) { return vm.raise(vm.rt.LookupError, "unknown error handler name '" + errors + "'"); }

Ref encode_ucs1(VM& vm, const Ref& self, Codec c, const std::string& errors) {
  const std::u32string s = pylib::utf8_decode(self.as<StrObj>()->s);
  const char32_t limit = c == Codec::Ascii ? 0x80 : 0x100;
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] < limit) {
      out += char(s[i++]);
      continue;
    }
    std::size_t j = i;
    while (j < s.size() && s[j] >= limit) ++j;  // the run of unencodable characters
    if (errors == "strict") {
      const std::string where = j - i == 1 ? "character " + char_repr(s[i]) + " in position " + std::to_string(i)
                                           : "characters in position " + std::to_string(i) + "-" + std::to_string(j - 1);
      return raise_unicode(vm, "UnicodeEncodeError", std::string("'") + codec_name(c) + "' codec can't encode " + where + ": ordinal not in range(" + (c == Codec::Ascii ? "128" : "256") + ")",
                           c, self, i, j, c == Codec::Ascii ? "ordinal not in range(128)" : "ordinal not in range(256)");
    }
    for (std::size_t k = i; k < j; ++k) {
      char buf[16];
      if (errors == "ignore") continue;
      if (errors == "replace") out += '?';
      else if (errors == "xmlcharrefreplace") out += "&#" + std::to_string(unsigned(s[k])) + ";";
      else if (errors == "backslashreplace") {
        if (s[k] < 0x100) std::snprintf(buf, sizeof buf, "\\x%02x", unsigned(s[k]));
        else if (s[k] < 0x10000) std::snprintf(buf, sizeof buf, "\\u%04x", unsigned(s[k]));
        else std::snprintf(buf, sizeof buf, "\\U%08x", unsigned(s[k]));
        out += buf;
      } else return bad_handler(vm, errors);
    }
    i = j;
  }
  return make<BytesObj>(vm.rt.bytes_t, std::move(out));
}

Ref decode_ucs1(VM& vm, const Ref& self, Codec c, const std::string& errors) {
  const std::string& b = self.as<BytesObj>()->s;
  std::string out;
  out.reserve(b.size());
  for (std::size_t i = 0; i < b.size(); ++i) {
    const unsigned char ch = static_cast<unsigned char>(b[i]);
    if (c == Codec::Latin1 || ch < 0x80) {
      pylib::utf8_append(out, ch);
      continue;
    }
    if (errors == "strict") {
      char buf[8];
      std::snprintf(buf, sizeof buf, "0x%02x", unsigned(ch));
      return raise_unicode(vm, "UnicodeDecodeError", std::string("'ascii' codec can't decode byte ") + buf + " in position " + std::to_string(i) + ": ordinal not in range(128)",
                           c, self, i, i + 1, "ordinal not in range(128)");
    }
    if (errors == "ignore") continue;
    if (errors == "replace") pylib::utf8_append(out, 0xfffd);
    else if (errors == "backslashreplace") {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", unsigned(ch));
      out += buf;
    } else return bad_handler(vm, errors);
  }
  return vm.rt.make_str(std::move(out));
}

// The length of the well-formed UTF-8 sequence at b[i], or 0 with `end` / `reason`
// describing the error as Objects/stringlib/codecs.h utf8_decode does: a byte
// that cannot start a sequence, a byte that cannot continue it (E0/ED/F0/F4
// narrow their second byte), or the data ending inside a sequence.
std::size_t utf8_sequence(const std::string& b, std::size_t i, std::size_t& end, const char*& reason) {
  const auto c = static_cast<unsigned char>(b[i]);
  if (c < 0x80) return 1;
  const std::size_t len = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
  if (len == 0) { end = i + 1; reason = "invalid start byte"; return 0; }
  for (std::size_t k = 1; k < len; ++k) {
    if (i + k >= b.size()) { end = b.size(); reason = "unexpected end of data"; return 0; }
    const auto cc = static_cast<unsigned char>(b[i + k]);
    unsigned lo = 0x80, hi = 0xBF;
    if (k == 1) {
      if (c == 0xE0) lo = 0xA0;
      else if (c == 0xED) hi = 0x9F;
      else if (c == 0xF0) lo = 0x90;
      else if (c == 0xF4) hi = 0x8F;
    }
    if (cc < lo || cc > hi) { end = i + k; reason = "invalid continuation byte"; return 0; }
  }
  return len;
}

Ref decode_utf8(VM& vm, const Ref& self, const std::string& errors) {
  const std::string& b = self.as<BytesObj>()->s;
  std::string out;
  out.reserve(b.size());
  std::size_t i = 0;
  while (i < b.size()) {
    std::size_t end = i;
    const char* reason = "";
    const std::size_t len = utf8_sequence(b, i, end, reason);
    if (len) {
      out.append(b, i, len);
      i += len;
      continue;
    }
    if (errors == "strict") {
      char buf[8];
      std::snprintf(buf, sizeof buf, "0x%02x", unsigned(static_cast<unsigned char>(b[i])));
      std::string msg = end - i == 1 ? std::string("'utf-8' codec can't decode byte ") + buf + " in position " + std::to_string(i)
                                     : "'utf-8' codec can't decode bytes in position " + std::to_string(i) + "-" + std::to_string(end - 1);
      return raise_unicode(vm, "UnicodeDecodeError", msg + ": " + reason, Codec::Utf8, self, i, end, reason);
    }
    if (errors == "replace") pylib::utf8_append(out, 0xfffd);
    else if (errors == "backslashreplace") {
      for (std::size_t k = i; k < end; ++k) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\x%02x", unsigned(static_cast<unsigned char>(b[k])));
        out += buf;
      }
    } else if (errors != "ignore") return bad_handler(vm, errors);
    i = end;
  }
  return vm.rt.make_str(std::move(out));
}

// The encoding and errors arguments of str.encode / bytes.decode (`fn`),
// and the codec: false with an exception set for an unknown or unmodelled one.
bool codec_args(VM& vm, Args& a, const char* fn, Codec& c, std::string& errors) {
  std::string enc = "utf-8";
  errors = "strict";
  if (!string_arg(vm, a.n > 1 ? a.v[1] : a.kw("encoding"), fn, "encoding", enc)) return false;
  if (!string_arg(vm, a.n > 2 ? a.v[2] : a.kw("errors"), fn, "errors", errors)) return false;
  c = codec_of(enc);
  if (c == Codec::Unknown) vm.raise(vm.rt.LookupError, "unknown encoding: " + enc);
  if (c == Codec::Other) vm.not_modelled(std::string(fn == std::string("encode") ? "str" : "bytes") + "." + fn + " with encoding '" + enc + "'");
  return c != Codec::Unknown && c != Codec::Other;
}

}  // namespace

// str.encode(encoding='utf-8', errors='strict')
Ref str_encode_codec(VM& vm, Args& a) {
  if (a.n < 1 || a.v[0]->tag != Tag::Str) return vm.raise(vm.rt.TypeError, "descriptor 'encode' requires a 'str' object");
  Codec c;
  std::string errors;
  if (!codec_args(vm, a, "encode", c, errors)) return nullptr;
  if (c == Codec::Utf8) return make<BytesObj>(vm.rt.bytes_t, a.v[0].as<StrObj>()->s);  // the VM's str holds UTF-8
  return encode_ucs1(vm, a.v[0], c, errors);
}

// bytes.decode(encoding='utf-8', errors='strict')
Ref bytes_decode_codec(VM& vm, Args& a) {
  if (a.n < 1 || a.v[0]->tag != Tag::Bytes) return vm.raise(vm.rt.TypeError, "descriptor 'decode' requires a 'bytes' object");
  Codec c;
  std::string errors;
  if (!codec_args(vm, a, "decode", c, errors)) return nullptr;
  if (c == Codec::Utf8) return decode_utf8(vm, a.v[0], errors);
  return decode_ucs1(vm, a.v[0], c, errors);
}

}  // namespace pitfall::sim
