// The random module core against CPython 3.11: the same seed gives the same
// numbers for every method, in sequence (tests/pylib/random-3.11.json).
#include <catch2/catch.hpp>

#include "pylib_data.h"
#include "sim/pylib/random.h"

using namespace pitfall::sim::pylib;
using pylib_test::bits_of;

namespace {
std::string as_str(const nlohmann::json& j) { return j.is_string() ? j.get<std::string>() : j.dump(); }
std::string num(std::int64_t v) { return std::to_string(v); }
std::string list(const std::vector<std::size_t>& v) { return nlohmann::json(v).dump(); }
std::string fbits(double d) { return std::to_string(bits_of(d)); }
}  // namespace

TEST_CASE("pylib random: sequences equal CPython's for several seeds", "[pylib][random]") {
  int calls = 0;
  const auto data_runs = pylib_test::load("random-3.11.json");
  for (const auto& run : data_runs["runs"]) {
    Random r;
    r.seed(pylib_test::big(run["seed"]));
    INFO("seed " << run["seed"].get<std::string>());
    for (const auto& c : run["calls"]) {
      const std::string name = c[0];
      const auto& a = c[1];
      const std::string want = pylib_test::expected(c[2], as_str);
      INFO(name << " " << a.dump());
      std::string got;
      if (name == "random") got = "ok:" + fbits(r.random());
      else if (name == "getrandbits")
        got = pylib_test::show(r.getrandbits(a[0]), [](const BigInt& b) { return b.to_decimal_unlimited(); });
      else if (name == "randrange1") got = pylib_test::show(r.randrange(a[0].get<std::int64_t>()), num);
      else if (name == "randrange")
        got = pylib_test::show(r.randrange(a[0].get<std::int64_t>(), a[1].get<std::int64_t>(), a[2].get<std::int64_t>()), num);
      else if (name == "randint") got = pylib_test::show(r.randint(a[0], a[1]), num);
      else if (name == "choice")
        got = pylib_test::show(r.choice_index(a[0]), [](std::size_t i) { return std::to_string(i); });
      else if (name == "shuffle") got = "ok:" + list(r.shuffle_permutation(a[0]));
      else if (name == "sample") got = pylib_test::show(r.sample_indices(a[0], a[1]), list);
      else if (name == "uniform") got = "ok:" + fbits(r.uniform(a[0], a[1]));
      else if (name == "gauss") got = "ok:" + fbits(r.gauss(a[0], a[1]));
      else if (name == "normalvariate") got = "ok:" + fbits(r.normalvariate(a[0], a[1]));
      else if (name == "expovariate") got = "ok:" + fbits(r.expovariate(a[0]));
      else if (name == "choices") got = "ok:" + list(r.choices_indices(a[0], a[1]));
      else if (name == "choices_cum")
        got = pylib_test::show(r.choices_indices_weighted(a[0].get<std::vector<double>>(), a[1]), list);
      CHECK(got == want);
      ++calls;
    }
  }
  CHECK(calls > 200);
}
