// Frame and traceback objects (frame_objects.cpp): what `exc.__traceback__`
// holds, and what keeps the locals of the frames it went through alive.
#pragma once
#include <cstdint>

#include "sim/vm/vm.h"

namespace pitfall::sim {

constexpr int kFrameObjKind = 0x46524d45;      // NativeObj kinds
constexpr int kTracebackObjKind = 0x54524342;

// A frame object (Objects/frameobject.c). While its frame runs it reads the
// frame (`live`); when the frame ends it takes the frame's locals (a = code,
// b = f_back, c = globals, v = locals + cells, i = last line, j = lasti).
struct FrameObjectObj : NativeObj {
  Frame* live = nullptr;
  explicit FrameObjectObj(ClassObj* c) : NativeObj(c, kFrameObjKind) {}
};
// A traceback object (Python/traceback.c): a = tb_frame, b = tb_next,
// i = tb_lineno, j = tb_lasti.

// The frame's frame object, made on first need (_PyFrame_GetFrameObject).
Ref frame_object(VM& vm, Frame* f);
// The frame ends: its frame object (if any) takes its locals and, when
// `caller` is given, links f_back to the caller's frame object (take_ownership).
void frame_object_detach(VM* vm, Frame* f, Frame* caller);
// PyTraceBack_Here: the exception passes through `f` (at instruction `ip`).
void traceback_here(VM& vm, ExceptionObj* e, Frame* f, int ip);
// e.__traceback__ / e.__traceback__ = tb (None or a traceback).
Ref exception_traceback(VM& vm, ExceptionObj* e);
bool set_exception_traceback(VM& vm, ExceptionObj* e, const Ref& tb);

bool is_frame_or_traceback(const Obj* o);
// sys.getsizeof / traced bytes of a frame or traceback object; 0 for others.
std::int64_t frame_objects_size(const Obj* o, int minor);
// gc traverse / clear of frame and traceback objects (frame_tp_clear, tb_clear).
template <class Visit>
void frame_objects_traverse(const Obj* o, Visit&& v) {
  const auto* n = static_cast<const NativeObj*>(o);
  v(n->a); v(n->b); v(n->c);
  for (const Ref& x : n->v) v(x);
}
void frame_objects_clear(Obj* o);

// co_name, co_qualname, co_filename, co_firstlineno, co_varnames, co_argcount
// of a code object; null for other names.
Ref code_attribute(VM& vm, CodeObj* co, const std::string& name);
// sys.exc_info(), sys._getframe([depth])
Ref sys_getframe(VM& vm, Args& a);
// _pitfall_warnings.source_line(filename, lineno): the program's source line,
// stripped ('' for other files), as linecache gives traceback.FrameSummary.line.
Ref source_line_of(VM& vm, Args& a);
Ref sys_exc_info(VM& vm, Args& a);

}  // namespace pitfall::sim
