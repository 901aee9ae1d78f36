// `o.append(x)` and a bound `append(x)` on a list run in place in the CALL
// instruction (sim/vm/list_append_call.h): a host speed change only. The
// whole report (clock, counts, memory samples, traced bytes per line, gc
// counts) must be the one the general built-in call gives, for the calls the
// route takes and the ones it leaves to the general path (subclasses, an
// override, look-alikes, wrong arguments, the type's own function), a list
// growing until the memory limit, and threads appending to one list.
#include <catch2/catch.hpp>

#include <string>

#include "report/json.h"
#include "sim/vm/list_append_call.h"
#include "test_support.h"

namespace {
std::string report_json(const std::string& name, const std::string& src, const std::string& python, bool in_place,
                        std::uint64_t memory_limit = 1ull << 30) {
  pitfall::sim::g_list_append_in_place = in_place ? pitfall::sim::list_append : nullptr;
  pitfall::sim::Options o;
  o.python = python;
  o.memory_limit = memory_limit;
  const auto r = pitfall::test::simulate(name, src, o);
  pitfall::sim::g_list_append_in_place = pitfall::sim::list_append;
  return pitfall::report::to_json(r).dump();
}

const char* kThreads = R"(import threading
out = []
def work(k):
    add = out.append
    for i in range(20000):
        if i % 2:
            add(i * k)
        else:
            out.append(i)
ts = [threading.Thread(target=work, args=(k,)) for k in range(3)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(len(out))
)";

const char* kMemoryError = R"(big = []
chunk = "x" * 1000
while True:
    big.append(chunk * 2)
)";
}  // namespace

TEST_CASE("list.append run in place gives the general call's report", "[vm][memory]") {
  const std::string calls = pitfall::test::slurp(std::filesystem::path(PITFALL_SOURCE_DIR) / "tests/sim/containers/list_append_calls.py");
  REQUIRE(!calls.empty());
  for (const std::string version : {"3.11", "3.13"}) {
    INFO(version);
    for (const auto& [name, src] : {std::pair<std::string, std::string>{"list_append_calls.py", calls}, {"threads.py", kThreads}}) {
      INFO(name);
      const std::string general = report_json(name, src, version, false);
      CHECK(general.find("\"status\":\"ok\"") != std::string::npos);
      CHECK(report_json(name, src, version, true) == general);
    }
    const std::string general = report_json("memory_error.py", kMemoryError, version, false, 64ull << 20);
    CHECK(general.find("\"exception\":\"MemoryError\"") != std::string::npos);
    CHECK(report_json("memory_error.py", kMemoryError, version, true, 64ull << 20) == general);
  }
}
