// Data files compiled into the engine (see cmake/embed.cmake): cost tables,
// lessons, rule queries and the grammar's highlight query.
#pragma once
#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace pitfall {

struct EmbeddedFile {
  const char* path;  // relative to the repository, e.g. "engine/sim/costs/cpython-3.11.json"
  const char* data;  // NUL-terminated
  std::size_t size;
};

// The file at `path`, or nothing.
std::optional<std::string_view> embedded_file(std::string_view path);
// Every embedded file whose path starts with `prefix`, in path order.
std::vector<EmbeddedFile> embedded_files(std::string_view prefix);

}  // namespace pitfall
