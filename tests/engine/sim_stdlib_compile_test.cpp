// Robustness of the compiler on real code: every .py file of the installed
// CPython 3.11 standard library must compile or be refused with a located
// message (syntax the simulator does not model yet); nothing may crash or
// hang. The default test compiles a deterministic sample (every 40th file in
// path order) so that it stays within a minute under ASan; the hidden test
// "[.stdlib-all]" (run by tools/bench/stdlib_compile.py) compiles all files
// and prints the counts and the most frequent refusals. Skips cleanly when
// no CPython 3.11 is installed.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "sim/compiler/compiler.h"
#include "sim/objects/runtime.h"

namespace fs = std::filesystem;

namespace {

fs::path stdlib_dir() {
  if (const char* env = std::getenv("PITFALL_STDLIB_DIR")) return env;
  fs::path root = "/root/.pyenv/versions";
  std::error_code ec;
  if (!fs::exists(root, ec)) return {};
  std::vector<fs::path> found;
  for (auto& e : fs::directory_iterator(root, ec))
    if (e.path().filename().string().rfind("3.11.", 0) == 0 && fs::exists(e.path() / "lib/python3.11/os.py")) found.push_back(e.path() / "lib/python3.11");
  std::sort(found.begin(), found.end());
  return found.empty() ? fs::path() : found.back();
}

struct Tally {
  int compiled = 0, refused = 0;
  std::map<std::string, int> reasons;
};

Tally compile_files(const fs::path& lib, std::size_t every) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(lib, fs::directory_options::skip_permission_denied, ec);
       it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    if (it->path().extension() == ".py") files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  Tally t;
  pitfall::sim::ObjHeap heap;
  pitfall::sim::g_obj_heap = &heap;
  {
    pitfall::sim::Runtime rt;
    for (std::size_t i = 0; i < files.size(); i += every) {
      std::ifstream in(files[i], std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      auto r = pitfall::sim::compile_module(rt, files[i].filename().string(), ss.str());
      if (r.code) {
        ++t.compiled;
      } else {
        ++t.refused;
        INFO(files[i].string() << ": " << r.error);
        CHECK(!r.error.empty());  // refused with a message...
        CHECK(r.line >= 1);       // ...located in the file
        ++t.reasons[r.error_type + ": " + r.error.substr(0, 70)];
      }
    }
  }
  pitfall::sim::g_obj_heap = nullptr;
  return t;
}

void print(const Tally& t) {
  std::printf("stdlib compile: %d compiled, %d refused with a located message\n", t.compiled, t.refused);
  std::vector<std::pair<int, std::string>> v;
  for (auto& [k, n] : t.reasons) v.push_back({n, k});
  std::sort(v.rbegin(), v.rend());
  for (std::size_t i = 0; i < v.size() && i < 12; ++i) std::printf("  %5d  %s\n", v[i].first, v[i].second.c_str());
}

}  // namespace

TEST_CASE("the compiler handles a sample of the CPython 3.11 standard library", "[sim][stdlib]") {
  fs::path lib = stdlib_dir();
  if (lib.empty()) {
    WARN("no CPython 3.11 standard library found (set PITFALL_STDLIB_DIR); skipping");
    return;
  }
  Tally t = compile_files(lib, 40);
  print(t);
  REQUIRE(t.compiled + t.refused > 100);
  CHECK(t.compiled > t.refused);
}

TEST_CASE("the compiler handles every file of the CPython 3.11 standard library", "[.stdlib-all]") {
  fs::path lib = stdlib_dir();
  if (lib.empty()) {
    WARN("no CPython 3.11 standard library found (set PITFALL_STDLIB_DIR); skipping");
    return;
  }
  Tally t = compile_files(lib, 1);
  print(t);
  CHECK(t.compiled > t.refused);
}
