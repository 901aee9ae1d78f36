// Built-in exception classes beyond the runtime's core set (objects/runtime.cpp),
// with CPython's hierarchy (Objects/exceptions.c): the warning categories
// that `warnings` filters on, the OSError subclasses that os and open() raise,
// the UnicodeError subclasses the codecs raise, EOFError and BufferError, and the IOError / EnvironmentError aliases.
// A name the builtins already hold is left alone.
#include "sim/vm/vm.h"

namespace pitfall::sim {

void init_more_exceptions(VM& vm) {
  auto& rt = vm.rt;
  DictObj* b = vm.builtins.as<DictObj>();
  auto have = [&](const char* name) -> ClassObj* {
    Ref r = vm.dict_get_str(b, rt.intern(name).as<StrObj>());
    return r && r->tag == Tag::Class ? r.as<ClassObj>() : nullptr;
  };
  auto add = [&](const char* name, const char* base) {
    ClassObj* parent = have(base);
    if (have(name) || !parent) return;
    vm.dict_set(b, rt.intern(name), Ref(rt.new_exception(name, parent)));
  };
  for (const char* w : {"PendingDeprecationWarning", "SyntaxWarning", "RuntimeWarning", "FutureWarning", "ImportWarning",
                        "UnicodeWarning", "BytesWarning", "ResourceWarning", "EncodingWarning"})
    add(w, "Warning");
  for (const char* e : {"BlockingIOError", "ChildProcessError", "ConnectionError", "FileExistsError", "InterruptedError",
                        "IsADirectoryError", "NotADirectoryError", "PermissionError", "ProcessLookupError"})
    add(e, "OSError");
  for (const char* e : {"BrokenPipeError", "ConnectionAbortedError", "ConnectionRefusedError", "ConnectionResetError"})
    add(e, "ConnectionError");
  for (const char* e : {"UnicodeEncodeError", "UnicodeDecodeError", "UnicodeTranslateError"})
    add(e, "UnicodeError");
  add("EOFError", "Exception");
  add("BufferError", "Exception");
  for (const char* alias : {"IOError", "EnvironmentError"})
    if (!have(alias) && have("OSError")) vm.dict_set(b, rt.intern(alias), Ref(rt.OSError));
}

}  // namespace pitfall::sim
