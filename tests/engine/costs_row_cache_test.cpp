// Host-speed caches of the simulator core give the answers of what they
// cache: the built-in cost rows kept by key (builtin_row_cache.h) are the
// table's own rows, per table, and the CALL instruction's argument buffer
// (arg_buffer.h) holds and drops its values like the vector it replaces.
#include <catch2/catch.hpp>

#include <string>

#include "sim/costs/cost_table.h"
#include "sim/objects/object.h"
#include "sim/vm/arg_buffer.h"
#include "sim/vm/builtin_row_cache.h"

using pitfall::sim::ArgBuffer;
using pitfall::sim::BuiltinRowCache;
using pitfall::sim::IntObj;
using pitfall::sim::Ref;
using pitfall::sim::costs::CostTable;
using pitfall::sim::costs::SizeCost;

namespace {

CostTable parsed(const std::string& json) {
  std::string err;
  auto t = CostTable::parse(json, err);
  INFO(err);
  REQUIRE(t);
  return *t;
}

void same_row(const SizeCost& a, const SizeCost& b) {
  CHECK(a.base_ns == b.base_ns);
  CHECK(a.per_item_ns == b.per_item_ns);
  CHECK(a.per_nlogn_ns == b.per_nlogn_ns);
  CHECK(a.releases_gil == b.releases_gil);
}

}  // namespace

TEST_CASE("cached built-in rows are the table's rows, fall-backs included", "[costs]") {
  std::string err;
  auto t = CostTable::load("3.11", false, false, err);
  REQUIRE(t);
  BuiltinRowCache cache;
  static const char* const keys[] = {
      "builtin.sorted", "builtin.sorted:presorted", "builtin.sorted:no_such_variant",
      "builtin.list.__mul__", "builtin.no_such_function",
      "builtin.a_key_longer_than_the_cache_keeps_in_its_text_buffer_at_all"};
  for (int pass = 0; pass < 2; ++pass)  // a miss, then a hit
    for (const char* k : keys) {
      INFO(k << " pass " << pass);
      same_row(cache.row(*t, k), t->builtin(k));
    }
  // the same text at another address
  const std::string copy = "builtin.sorted";
  same_row(cache.row(*t, copy.c_str()), t->builtin("builtin.sorted"));
  CHECK(CostTable::size_cost_ns(cache.row(*t, "builtin.sorted"), 1000) == t->builtin_ns("builtin.sorted", 1000));
}

TEST_CASE("cached built-in rows belong to their table, even at a reused address", "[costs]") {
  const char* key = "builtin.len";
  CostTable a = parsed(R"({"version": "3.11", "builtins": {"builtin.len": {"base_ns": 11}}})");
  CostTable b = parsed(R"({"version": "3.11", "builtins": {"builtin.len": {"base_ns": 22}}})");
  REQUIRE(a.serial() != b.serial());
  BuiltinRowCache cache;
  CHECK(cache.row(a, key).base_ns == 11);
  CHECK(cache.row(b, key).base_ns == 22);
  CHECK(cache.row(a, key).base_ns == 11);
  // another table parsed into the same object: its own rows, not the cached ones
  a = parsed(R"({"version": "3.11", "builtins": {"builtin.len": {"base_ns": 33}}})");
  CHECK(cache.row(a, key).base_ns == 33);
  // a copy has the same rows
  const CostTable c = a;
  CHECK(cache.row(c, key).base_ns == 33);
}

TEST_CASE("the call argument buffer holds self and the arguments, inline or not", "[costs]") {
  for (int n : {0, 3, 7, 8, 12}) {
    INFO("n = " << n);
    Ref self = pitfall::sim::make<IntObj>(nullptr, -1);
    std::vector<Ref> args;
    for (int i = 0; i < n; ++i) args.push_back(pitfall::sim::make<IntObj>(nullptr, i));
    {
      ArgBuffer buf;
      CHECK(buf.empty());
      Ref* p = buf.fill(self, args.data(), n);
      REQUIRE(p == buf.data());
      CHECK(!buf.empty());
      CHECK(p[0].get() == self.get());
      CHECK(self->rc == 2);
      for (int i = 0; i < n; ++i) {
        CHECK(p[i + 1].get() == args[std::size_t(i)].get());
        CHECK(args[std::size_t(i)]->rc == 2);
      }
      buf.clear();
      CHECK(buf.empty());
      CHECK(self->rc == 1);
      buf.fill(self, args.data(), n);  // dropped at the end of the scope
    }
    CHECK(self->rc == 1);
    for (auto& a : args) CHECK(a->rc == 1);
  }
}
