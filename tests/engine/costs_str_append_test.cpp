// `s += t` in place or copied, per CPython version (sim/vm/str_append.h).
// Expectations from the installed interpreters (20,000 appends of 3 chars,
// load ~10): module level / in a function took 3.10 1.7x (STORE_NAME appends
// in place there), 3.11 400x, 3.13 430x (only STORE_FAST does); keeping a
// second reference to the string on every iteration made the function
// 39-61x slower on 3.10-3.13 (every += copies).
#include <catch2/catch.hpp>

#include <string>

#include "test_support.h"

namespace {

const char* const kProgram = R"PY(
import time
N = 20000
t0 = time.perf_counter()
text = ""
for i in range(N):
    text += "ab,"
t_module = time.perf_counter() - t0

def plain(n):
    s = ""
    for i in range(n):
        s += "ab,"
    return s

def aliased(n):
    s = ""
    for i in range(n):
        s += "ab,"
        keep = s
    return s

t0 = time.perf_counter(); plain(N); t_local = time.perf_counter() - t0
t0 = time.perf_counter(); aliased(N); t_alias = time.perf_counter() - t0
print(t_module / t_local)
print(t_alias / t_local)
)PY";

void ratios(const std::string& python, double& module_ratio, double& alias_ratio) {
  auto r = pitfall::test::simulate("concat.py", kProgram, python);
  REQUIRE(r.status == "ok");
  const auto nl = r.stdout_text.find('\n');
  module_ratio = std::stod(r.stdout_text.substr(0, nl));
  alias_ratio = std::stod(r.stdout_text.substr(nl + 1));
}

}  // namespace

TEST_CASE("str += is in place only where CPython resizes the string", "[costs][str_append]") {
  double module_ratio = 0, alias_ratio = 0;
  ratios("3.10", module_ratio, alias_ratio);
  CHECK(module_ratio < 3);   // 3.10: module level appends in place too
  CHECK(alias_ratio > 3);    // a second reference: a copy every time
  ratios("3.11", module_ratio, alias_ratio);
  CHECK(module_ratio > 5);   // 3.11+: module level copies every time
  CHECK(alias_ratio > 3);
  ratios("3.13", module_ratio, alias_ratio);
  CHECK(module_ratio > 5);
  CHECK(alias_ratio > 3);
}
