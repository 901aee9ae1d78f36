// printf-style string formatting, `fmt % args`, for str.
//
// Notes about the model: follows CPython 3.11's Objects/unicodeobject.c
// (PyUnicode_Format, unicode_format_arg_parse / _format / _output): mapping
// keys %(name)s, flags - + space # 0, width and precision (numbers or '*'),
// length modifiers h l L (ignored), conversions s r a d i u o x X e E f F g
// G c %. The VM owns the objects: it describes the right-hand operand
// through PercentArgs, and supplies str()/repr()/ascii() and numeric views of
// each argument by callback, so any object can be formatted. Error messages
// are CPython's ("not enough arguments for format string", "not all
// arguments converted during string formatting", "incomplete format",
// "unsupported format character 'y' (0x79) at index 3", "format requires a
// mapping", "* wants int", "%d format: a real number is required, not str",
// "must be real number, not str", "%c requires int or char",
// "%c arg not in range(0x110000)").
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "sim/pylib/bigint.h"
#include "sim/pylib/result.h"

namespace pitfall::sim::pylib {

// Numeric view of one argument for %d %i %u %o %x %X %c and '*'.
struct PercentNumber {
  enum class Kind { Int, Float, Str, Other };
  Kind kind = Kind::Other;
  BigInt int_value;          // Kind::Int (bool and objects with __index__/__int__ too)
  double float_value = 0.0;  // Kind::Float (objects with __float__ too)
  std::string str_value;     // Kind::Str: the text (UTF-8), used by %c
};

// How the VM presents `args` in `fmt % args`. An argument is named by an
// opaque handle the VM chooses (an index into a tuple, a pointer value...).
class PercentArgs {
 public:
  using Handle = std::uintptr_t;
  virtual ~PercentArgs() = default;

  // True when args is a tuple: its items are the positional arguments.
  // Otherwise args itself is the one argument, at(0).
  virtual bool is_tuple() const = 0;
  virtual std::size_t count() const = 0;           // tuple length (1 if not a tuple)
  virtual Handle at(std::size_t i) const = 0;
  // CPython's test: PyMapping_Check(args) && !tuple && !str, i.e. any object
  // with __getitem__ (a list too: "abc" % [] is "abc"). %(key)s looks keys
  // up, and unused arguments are then not an error.
  virtual bool is_mapping() const = 0;
  // args[key] for %(key)... Error: KeyError with message repr(key).
  virtual Result<Handle> lookup(std::string_view key) const = 0;

  virtual Result<std::string> str(Handle h) const = 0;    // str(x), UTF-8
  virtual Result<std::string> repr(Handle h) const = 0;   // repr(x)
  virtual Result<std::string> ascii(Handle h) const = 0;  // ascii(x)
  // Type name for error messages ("str", "list"...).
  virtual std::string type_name(Handle h) const = 0;
  // Numeric view; the VM calls __index__/__int__/__float__ as CPython would.
  virtual Result<PercentNumber> number(Handle h) const = 0;

  // bytes % args (Objects/bytesobject.c _PyBytes_FormatEx): the format and
  // the result are bytes, %s/%b take a bytes-like object (or __bytes__), %r/%a
  // are ascii(), %c an int in range(256) or one byte, and %(key) keys are bytes.
  virtual bool bytes_mode() const { return false; }
  // The bytes of x for %s/%b, or CPython's TypeError for an object without them.
  virtual Result<std::string> bytes(Handle h) const { return make_error(ErrorKind::TypeError, "not bytes"); }
};

// fmt % args for a str format (UTF-8 in and out).
Result<std::string> percent_format(std::string_view fmt, const PercentArgs& args);

}  // namespace pitfall::sim::pylib
