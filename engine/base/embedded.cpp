#include "base/embedded.h"

#include <algorithm>

namespace pitfall {
namespace embedded_data {
extern const EmbeddedFile kFiles[];
}

std::optional<std::string_view> embedded_file(std::string_view path) {
  for (const EmbeddedFile* f = embedded_data::kFiles; f->path; ++f)
    if (path == f->path) return std::string_view(f->data, f->size);
  return std::nullopt;
}

std::vector<EmbeddedFile> embedded_files(std::string_view prefix) {
  std::vector<EmbeddedFile> out;
  for (const EmbeddedFile* f = embedded_data::kFiles; f->path; ++f)
    if (std::string_view(f->path).starts_with(prefix)) out.push_back(*f);
  std::sort(out.begin(), out.end(), [](const EmbeddedFile& a, const EmbeddedFile& b) {
    return std::string_view(a.path) < std::string_view(b.path);
  });
  return out;
}

}  // namespace pitfall
