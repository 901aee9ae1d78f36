// Names of the Python exception classes pylib reports.
#include "sim/pylib/result.h"

namespace pitfall::sim::pylib {

const char* error_kind_name(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::ValueError: return "ValueError";
    case ErrorKind::TypeError: return "TypeError";
    case ErrorKind::OverflowError: return "OverflowError";
    case ErrorKind::ZeroDivisionError: return "ZeroDivisionError";
    case ErrorKind::KeyError: return "KeyError";
    case ErrorKind::IndexError: return "IndexError";
    case ErrorKind::MemoryError: return "MemoryError";
    case ErrorKind::NeedsFloat: return "NeedsFloat";
  }
  return "Exception";
}

}  // namespace pitfall::sim::pylib
