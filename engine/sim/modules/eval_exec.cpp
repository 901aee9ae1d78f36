// The built-ins that run source text: eval(), exec(), compile(), and the
// namespaces they default to: globals(), locals() (Python/bltinmodule.c).
// Notes about the model:
// - Source strings are compiled by the simulator's own compiler under the
//   file name "<string>" (compile(): the given name), so their code runs, costs
//   and fails exactly like the program's own code; tracebacks name the
//   "<string>" frame without quoting source, as CPython does.
// - exec/eval without namespaces use the caller's globals and locals; in a
//   function, locals() is a snapshot dict (PyFrame_FastToLocals), so exec()
//   cannot rebind the function's variables, as in CPython.
// - A globals dict without "__builtins__" gets it, as CPython inserts it.
#include "sim/compiler/compiler.h"
#include "sim/vm/vm.h"

namespace pitfall::sim {

namespace {

Frame* caller(VM& vm) { return vm.current_frame(); }

// locals() of a frame: its namespace dict, or a snapshot of its fast locals and cells
Ref frame_locals(VM& vm, Frame* f) {
  if (f->locals) return f->locals;
  if (!f->func) return f->globals;  // module code
  Ref d = vm.rt.make_dict();
  CodeObj* co = f->code;
  size_t nv = co->varnames.size();
  for (size_t i = 0; i < nv; ++i)
    if (f->slots[i]) vm.dict_set(d.as<DictObj>(), vm.rt.intern(co->varnames[i]), f->slots[i]);
  size_t ncell = co->cellvars.size() + co->freevars.size();
  for (size_t k = 0; k < ncell; ++k) {
    const Ref& cell = f->slots[nv + k];
    if (!cell || cell->tag != Tag::Cell || !cell.as<CellObj>()->v) continue;
    const std::string& nm = k < co->cellvars.size() ? co->cellvars[k] : co->freevars[k - co->cellvars.size()];
    vm.dict_set(d.as<DictObj>(), vm.rt.intern(nm), cell.as<CellObj>()->v);
  }
  return d;
}

Ref b_globals(VM& vm, Args&) {
  Frame* f = caller(vm);
  return f ? f->globals : vm.raise(vm.rt.RuntimeError, "globals(): no current frame");
}

Ref b_locals(VM& vm, Args&) {
  Frame* f = caller(vm);
  return f ? frame_locals(vm, f) : vm.raise(vm.rt.RuntimeError, "locals(): no current frame");
}

// SyntaxError(msg, (filename, lineno, offset, text, end_lineno, end_offset)) with its attributes
Ref raise_syntax_error(VM& vm, const CompileResult& cr, const std::string& filename, const std::string& source) {
  auto& rt = vm.rt;
  ClassObj* type = rt.SyntaxError;
  if (cr.error_type == "IndentationError" || cr.error_type == "TabError") {
    Ref t = vm.dict_get_str(vm.builtins.as<DictObj>(), rt.intern(cr.error_type).as<StrObj>());
    if (t && t->tag == Tag::Class) type = t.as<ClassObj>();
  }
  if (cr.error_type != "SyntaxError" && type == rt.SyntaxError && cr.error_type != "IndentationError")
    return vm.not_modelled(cr.error + " (in code passed to exec/eval)");
  std::string text;
  {
    int ln = 1;
    size_t pos = 0;
    while (ln < cr.line && pos != std::string::npos) {
      pos = source.find('\n', pos);
      if (pos != std::string::npos) ++pos;
      ++ln;
    }
    if (pos != std::string::npos && pos <= source.size()) {
      size_t e = source.find('\n', pos);
      text = source.substr(pos, e == std::string::npos ? std::string::npos : e - pos + 1);
    }
  }
  Ref e = vm.new_exception(type, cr.error);
  auto* eo = e.as<ExceptionObj>();
  Ref line = rt.make_int(cr.line ? cr.line : 1), off = rt.make_int(cr.col ? cr.col : 1);
  Ref loc = rt.make_tuple({rt.make_str(filename), line, off, rt.make_str(text), rt.make_int(cr.end_line ? cr.end_line : cr.line),
                           rt.make_int(cr.end_col ? cr.end_col : cr.col)});
  eo->args = rt.make_tuple({rt.make_str(cr.error), loc});
  if (!eo->dict) eo->dict = rt.make_dict();
  DictObj* d = eo->dict.as<DictObj>();
  vm.dict_set(d, rt.intern("msg"), rt.make_str(cr.error));
  vm.dict_set(d, rt.intern("filename"), rt.make_str(filename));
  vm.dict_set(d, rt.intern("lineno"), line);
  vm.dict_set(d, rt.intern("offset"), off);
  vm.dict_set(d, rt.intern("text"), rt.make_str(text));
  return vm.raise_obj(e);
}

bool source_text(VM& vm, const Ref& src, const char* fn, std::string& out) {
  if (src->tag == Tag::Str) { out = src.as<StrObj>()->s; return true; }
  if (src->tag == Tag::Bytes) { out = src.as<BytesObj>()->s; return true; }
  vm.raise(vm.rt.TypeError, std::string(fn) + "() arg 1 must be a string, bytes or code object");
  return false;
}

// code from a string: no per-line statistics (its lines are not the program's)
Ref as_string_code(const CompileResult& cr) {
  std::vector<CodeObj*> todo{cr.code.as<CodeObj>()};
  while (!todo.empty()) {
    CodeObj* co = todo.back();
    todo.pop_back();
    co->library = true;
    for (auto& k : co->consts)
      if (k && k->tag == Tag::Code) todo.push_back(k.as<CodeObj>());
  }
  return cr.code;
}

// the code to run: a code object, or the source compiled as "<string>"
Ref code_of(VM& vm, const Ref& src, bool eval_mode, const char* fn) {
  if (src->tag == Tag::Code) return src;
  std::string text;
  if (!source_text(vm, src, fn, text)) return nullptr;
  if (eval_mode) {  // eval() strips leading spaces and tabs (builtin_eval_impl)
    size_t i = text.find_first_not_of(" \t");
    text = i == std::string::npos ? "" : text.substr(i);
  }
  CompileResult cr = eval_mode ? compile_eval(vm.rt, "<string>", text) : compile_module(vm.rt, "<string>", text);
  if (!cr.code) return raise_syntax_error(vm, cr, "<string>", text);
  vm.err += format_warnings(cr, "<string>", text);
  return as_string_code(cr);
}

Ref run_code(VM& vm, Args& a, bool eval_mode) {
  const char* fn = eval_mode ? "eval" : "exec";
  if (a.n < 1) return vm.raise(vm.rt.TypeError, std::string(fn) + " expected at least 1 argument, got 0");
  if (a.n > 3) return vm.raise(vm.rt.TypeError, std::string(fn) + " expected at most 3 arguments, got " + std::to_string(a.n));
  Ref globals = a.n > 1 ? a.v[1] : a.kw("globals");
  Ref locals = a.n > 2 ? a.v[2] : a.kw("locals");
  if (globals && globals.get() == vm.rt.None.get()) globals.reset();
  if (locals && locals.get() == vm.rt.None.get()) locals.reset();
  if (globals && globals->tag != Tag::Dict)
    return vm.raise(vm.rt.TypeError, std::string(fn) + "() globals must be a dict, not " + vm.type_name(globals));
  Frame* f = caller(vm);
  if (!globals) {
    if (!f) return vm.raise(vm.rt.RuntimeError, std::string(fn) + "(): no current frame");
    globals = f->globals;
    if (!locals) locals = frame_locals(vm, f);
  }
  if (!locals) locals = globals;
  Ref bkey = vm.rt.intern("__builtins__");
  if (!vm.dict_get_str(globals.as<DictObj>(), bkey.as<StrObj>())) vm.dict_set(globals.as<DictObj>(), bkey, vm.builtins);
  Ref code = code_of(vm, a.v[0], eval_mode, fn);
  if (!code) return nullptr;
  if (vm.frames.size() >= size_t(vm.recursion_limit) || vm.nested > 150)
    return vm.raise(vm.rt.RecursionError, "maximum recursion depth exceeded");
  Frame* nf = vm.new_frame(nullptr, code.as<CodeObj>(), globals, locals.get() == globals.get() ? Ref() : locals);
  size_t base = vm.frames.size();
  vm.frames.push_back(nf);
  Ref result;
  if (vm.eval(base, result) == Stop::Exception) return nullptr;
  return eval_mode ? result : vm.rt.None;
}

Ref b_eval(VM& vm, Args& a) { return run_code(vm, a, true); }
Ref b_exec(VM& vm, Args& a) { return run_code(vm, a, false); }

// compile(source, filename, mode): a code object for exec() / eval()
Ref b_compile(VM& vm, Args& a) {
  Ref src = a.n > 0 ? a.v[0] : a.kw("source");
  Ref file = a.n > 1 ? a.v[1] : a.kw("filename");
  Ref mode = a.n > 2 ? a.v[2] : a.kw("mode");
  if (!src || !file || !mode) return vm.raise(vm.rt.TypeError, "compile() missing required argument 'source', 'filename' or 'mode'");
  if (mode->tag != Tag::Str || file->tag != Tag::Str) return vm.raise(vm.rt.TypeError, "compile() arg 2 and 3 must be str");
  const std::string& m = mode.as<StrObj>()->s;
  if (m != "exec" && m != "eval" && m != "single")
    return vm.raise(vm.rt.ValueError, "compile() mode must be 'exec', 'eval' or 'single'");
  std::string text;
  if (!source_text(vm, src, "compile", text)) return nullptr;
  const std::string& name = file.as<StrObj>()->s;
  if (m == "eval") {
    size_t i = text.find_first_not_of(" \t");
    text = i == std::string::npos ? "" : text.substr(i);
  }
  CompileResult cr = m == "eval" ? compile_eval(vm.rt, name, text) : compile_module(vm.rt, name, text);
  if (!cr.code) return raise_syntax_error(vm, cr, name, text);
  // the warning's source line is what linecache reads from a file of that
  // name: the program's own file, or none
  vm.err += format_warnings(cr, name, name == vm.filename ? vm.source : std::string());
  return as_string_code(cr);
}

}  // namespace

void init_eval_exec(VM& vm) {
  for (auto [name, fn] : {std::pair<const char*, BuiltinFn>{"eval", b_eval}, {"exec", b_exec}, {"compile", b_compile},
                          {"globals", b_globals}, {"locals", b_locals}})
    vm.dict_set(vm.builtins.as<DictObj>(), vm.rt.intern(name), vm.make_builtin(name, fn));
  // the builtins namespace is module `builtins`: eval("__name__", {}) finds its name there
  vm.dict_set(vm.builtins.as<DictObj>(), vm.rt.intern("__name__"), vm.rt.make_str("builtins"));
}

}  // namespace pitfall::sim
