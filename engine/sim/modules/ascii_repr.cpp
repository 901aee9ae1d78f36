#include "sim/modules/ascii_repr.h"

#include <cstdio>

#include "sim/pylib/unicode.h"

namespace pitfall::sim {

Ref ascii_of(VM& vm, const Ref& o) {
  Ref r = vm.repr(o);
  if (!r) return nullptr;
  const std::string& s = r.as<StrObj>()->s;
  bool ascii = true;
  for (char c : s) if (static_cast<unsigned char>(c) >= 0x80) { ascii = false; break; }
  if (ascii) return r;
  std::string out;
  for (char32_t c : pylib::utf8_decode(s)) {
    if (c < 0x80) { out.push_back(static_cast<char>(c)); continue; }
    char buf[16];
    if (c < 0x100) std::snprintf(buf, sizeof buf, "\\x%02x", unsigned(c));
    else if (c < 0x10000) std::snprintf(buf, sizeof buf, "\\u%04x", unsigned(c));
    else std::snprintf(buf, sizeof buf, "\\U%08x", unsigned(c));
    out += buf;
  }
  return vm.rt.make_str(std::move(out));
}

}  // namespace pitfall::sim
