// multiprocessing model: Pool.map's default chunksize against CPython 3.11
// (tests/sched/pool_chunksize-3.11.json, from tests/sched/pool_chunksize.py),
// start methods, parallel speed-up bounded by cores, per-chunk IPC overhead.
#include <catch2/catch.hpp>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sim/costs/cost_table.h"
#include "sim/sched/processes.h"

using namespace pitfall::sim::sched;

namespace {
constexpr Nanos ms = 1'000'000;
}

TEST_CASE("sched processes: default Pool.map chunksize equals CPython's") {
  std::ifstream f(std::string(PITFALL_SOURCE_DIR) + "/tests/sched/pool_chunksize-3.11.json");
  auto j = nlohmann::json::parse(f, nullptr, false);
  REQUIRE(!j.is_discarded());
  REQUIRE(j.at("rows").size() >= 20);
  for (const auto& r : j.at("rows")) {
    INFO(r.dump());
    CHECK(default_chunksize(r.at("items").get<std::int64_t>(), r.at("workers").get<int>()) == r.at("chunksize").get<int>());
  }
  CHECK(default_chunksize(0, 4) == 0);
}

TEST_CASE("sched processes: the cost table picks the start method and its costs") {
  std::string err;
  auto t311 = pitfall::sim::costs::CostTable::load("3.11", false, false, err);
  REQUIRE(t311);
  ProcConfig c = ProcConfig::from(*t311, 4);
  CHECK(c.method == StartMethod::Fork);
  CHECK(c.start_fork == Nanos(t311->param("process.start_ns.fork", 0)));
  CHECK(c.start_spawn > 10 * c.start_fork);
  auto t314 = pitfall::sim::costs::CostTable::load("3.14", false, false, err);
  if (t314) CHECK(ProcConfig::from(*t314, 4).method == StartMethod::Forkserver);  // 3.14 default on Linux
}

TEST_CASE("sched processes: start+join of a no-op child costs the start method's time") {
  ProcConfig cfg;
  auto start_join = [&](StartMethod m, int n) {
    cfg.method = m;
    Processes p(cfg);
    Nanos t = 0;
    for (int i = 0; i < n; ++i) t = p.join_time(p.start_process(t, 0));
    return t;
  };
  CHECK(start_join(StartMethod::Fork, 1) == cfg.start_fork);
  CHECK(start_join(StartMethod::Spawn, 1) == cfg.start_spawn);
  // forkserver: the first start launches the server; later ones are cheaper.
  CHECK(start_join(StartMethod::Forkserver, 1) == cfg.forkserver_first + cfg.start_forkserver);
  CHECK(start_join(StartMethod::Forkserver, 3) == cfg.forkserver_first + 3 * cfg.start_forkserver);
}

TEST_CASE("sched processes: CPU-bound Pool.map runs in parallel up to the number of cores") {
  std::vector<PoolItem> items(8, PoolItem{100 * ms, 5, 5});
  auto wall = [&](int workers, int cores) {
    ProcConfig cfg;
    cfg.cores = cores;
    Processes p(cfg);
    PoolRun r = p.pool_map(0, workers, items, 1);
    CHECK(r.chunks == 8);
    CHECK(p.lanes().size() == std::size_t(workers));
    double cpu = 0;
    for (const auto& l : p.lanes()) cpu += l.cpu_s;
    CHECK(cpu == Approx(0.800).epsilon(0.001));
    return to_seconds(r.end - r.ready);
  };
  CHECK(wall(4, 4) == Approx(0.200).epsilon(0.02));
  CHECK(wall(8, 8) == Approx(0.100).epsilon(0.05));
  CHECK(wall(8, 2) == Approx(0.400).epsilon(0.02));
  CHECK(wall(1, 4) == Approx(0.800).epsilon(0.02));
}

TEST_CASE("sched processes: chunksize=1 pays the IPC cost per item, the default amortises it") {
  std::vector<PoolItem> items(20000, PoolItem{50, 5, 5});
  ProcConfig cfg;
  Processes a(cfg), b(cfg);
  PoolRun def = a.pool_map(0, 2, items);
  PoolRun one = b.pool_map(0, 2, items, 1);
  CHECK(def.chunksize == 2500);
  CHECK(def.chunks == 8);
  CHECK(one.chunks == 20000);
  double us_def = to_seconds(def.end - def.ready) * 1e6 / 20000, us_one = to_seconds(one.end - one.ready) * 1e6 / 20000;
  // chunksize=1: the parent's serial send + receive per chunk sets the pace (its
  // per-chunk CPU, measured by tools/bench/pool_ipc.py; facts 7.2 gives 31.9 us/item
  // of wall time on a machine with slower wake-ups), plus pickling 10 bytes.
  double parent_us = (double(cfg.chunk_ipc_ns) + 5 * cfg.dumps_ns_per_byte + 5 * cfg.loads_ns_per_byte) / 1e3;
  CHECK(us_one == Approx(parent_us).epsilon(0.1));
  CHECK(cfg.worker_task_ns < 2 * cfg.chunk_ipc_ns);  // two workers keep up with the parent
  CHECK(us_def < 1.0);
  CHECK(us_one / us_def > 30);
}

TEST_CASE("sched processes: big arguments are pickled one after the other in the parent") {
  // 4 items of 10 MB each, 4 workers: sending is serial in the parent's task handler.
  std::vector<PoolItem> items(4, PoolItem{10 * ms, 10'000'000, 5});
  ProcConfig cfg;
  Processes p(cfg);
  PoolRun r = p.pool_map(0, 4, items);
  double dumps = 10e6 * cfg.dumps_ns_per_byte * 1e-9, loads = 10e6 * cfg.loads_ns_per_byte * 1e-9;
  // The last chunk leaves the parent after 4 dumps, then is loaded and computed.
  CHECK(to_seconds(r.end - r.ready) >= 4 * dumps + loads + 0.010 - 0.03);
  CHECK(to_seconds(r.parent_busy) >= 4 * dumps);
}

TEST_CASE("sched processes: a fork start costs more as the parent's resident memory grows") {
  std::string err;
  auto t311 = pitfall::sim::costs::CostTable::load("3.11", false, false, err);
  REQUIRE(t311);
  ProcConfig cfg = ProcConfig::from(*t311, 4);
  // measured slope (tools/bench/fork_cost.py): between 10 and 40 us per MB
  CHECK(cfg.fork_ns_per_mb > 10'000);
  CHECK(cfg.fork_ns_per_mb < 40'000);
  auto pool_start_cost = [&](StartMethod m, std::int64_t rss) {
    ProcConfig c = cfg;
    c.method = m;
    Processes p(c);
    p.set_parent_rss(rss);
    Nanos parent = 0;
    p.pool_start(0, parent, 2);
    return parent;
  };
  const std::int64_t mb = 1'000'000;
  // two workers forked one after the other: each pays the page-table copy of 256 MB
  Nanos small = pool_start_cost(StartMethod::Fork, 0), big = pool_start_cost(StartMethod::Fork, 256 * mb);
  CHECK(small == 2 * cfg.start_fork);
  CHECK(big - small == 2 * Nanos(cfg.fork_ns_per_mb * 256));
  // spawn and forkserver children do not copy the program's memory
  CHECK(pool_start_cost(StartMethod::Spawn, 256 * mb) == pool_start_cost(StartMethod::Spawn, 0));
  CHECK(pool_start_cost(StartMethod::Forkserver, 256 * mb) == pool_start_cost(StartMethod::Forkserver, 0));
}
