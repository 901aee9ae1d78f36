// Error and result types shared by the pylib leaf library: every fallible
// function returns a Result<T> holding either a value or the Python exception
// CPython would raise (its class and exact message text). Nothing throws.
#pragma once
#include <string>
#include <utility>
#include <variant>

namespace pitfall::sim::pylib {

// The Python exception class a failing operation raises.
enum class ErrorKind {
  ValueError,
  TypeError,
  OverflowError,
  ZeroDivisionError,
  KeyError,
  IndexError,
  MemoryError,
  // Not an exception: the operation has no exact-integer answer and the
  // caller must redo it in floating point (int ** negative int).
  NeedsFloat,
};

// Python class name for an ErrorKind ("ValueError", ...).
const char* error_kind_name(ErrorKind kind);

struct Error {
  ErrorKind kind;
  std::string message;  // CPython's exact text, e.g. "division by zero"
};

template <class T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}            // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}        // NOLINT
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<0>(v_); }
  const T& value() const { return std::get<0>(v_); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

inline Error make_error(ErrorKind kind, std::string message) {
  return Error{kind, std::move(message)};
}

}  // namespace pitfall::sim::pylib
