#include "sim/modules/buffer_arg.h"

#include "sim/modules/bytearray_type.h"

namespace pitfall::sim {

bool buffer_bytes(const Obj* o, std::string& out);  // array_module.cpp: an array's raw bytes

bool buffer_data(const Obj* o, std::string& out) {
  if (o->tag == Tag::Bytes) { out = static_cast<const BytesObj*>(o)->s; return true; }
  if (is_bytearray(o)) { out = bytearray_data(o); return true; }
  return buffer_bytes(o, out);
}

bool buffer_arg(VM& vm, const Ref& v, std::string& out) {
  if (buffer_data(v.get(), out)) return true;
  vm.raise(vm.rt.TypeError, "a bytes-like object is required, not '" + vm.type_name(v) + "'");
  return false;
}

}  // namespace pitfall::sim
