// Loader and look-ups of the cost tables (cost_table.h). JSON is parsed with
// nlohmann_json in its non-throwing mode; every value is type-checked, so a
// damaged table degrades to defaults instead of failing.
#include "sim/costs/cost_table.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <nlohmann/json.hpp>

#include "base/embedded.h"
#include "sim/costs/default_costs.h"

namespace pitfall::sim::costs {

namespace {

using nlohmann::json;

bool valid_build(std::string_view version, bool free_threaded, bool jit, std::string& error) {
  static constexpr std::string_view kVersions[] = {"3.10", "3.11", "3.12", "3.13", "3.14"};
  if (std::find(std::begin(kVersions), std::end(kVersions), version) == std::end(kVersions)) {
    error = "no cost table for Python " + std::string(version) + " (3.10 to 3.14 are modelled)";
    return false;
  }
  if (free_threaded && (version == "3.10" || version == "3.11" || version == "3.12")) {
    error = "free-threaded builds exist from Python 3.13";
    return false;
  }
  if (jit && (version == "3.10" || version == "3.11" || version == "3.12")) {
    error = "the experimental JIT exists from Python 3.13";
    return false;
  }
  if (jit && free_threaded) {
    error = "the JIT is not available in free-threaded builds";
    return false;
  }
  return true;
}

// Finite, non-negative number or nothing.
std::optional<double> number(const json& j) {
  if (!j.is_number()) return std::nullopt;
  double v = j.get<double>();
  if (!std::isfinite(v) || v < 0) return std::nullopt;
  return v;
}

std::string_view parent_key(std::string_view key) {
  auto dot = key.rfind('.');
  return dot == std::string_view::npos ? std::string_view{} : key.substr(0, dot);
}

}  // namespace

std::string CostTable::file_name(std::string_view version, bool free_threaded, bool jit) {
  std::string f = "engine/sim/costs/cpython-" + std::string(version);
  if (free_threaded) f += "t";
  if (jit) f += "-jit";
  return f + ".json";
}

CostTable CostTable::defaults(std::string_view version, bool free_threaded, bool jit) {
  CostTable t;
  t.version_ = std::string(version);
  t.free_threaded_ = free_threaded;
  t.jit_ = jit;
  double s = default_scale(version, free_threaded, jit);
  if (s <= 0) s = 1.0;
  for (const DefaultOp* o = kDefaultOps; o->key; ++o) t.ops_[o->key] = o->ns * s;
  if (version == "3.10") t.ops_["SETUP_EXCEPT"] = 2.0;
  for (const DefaultBuiltin* b = kDefaultBuiltins; b->key; ++b)
    t.builtins_[b->key] = SizeCost{b->base_ns * s, b->per_item_ns * s, b->per_nlogn_ns * s,
                                   b->releases_gil};
  for (const DefaultOp* p = kDefaultParams; p->key; ++p) t.params_[p->key] = p->ns;
  bool v313plus = version == "3.13" || version == "3.14";
  t.params_["gc.threshold0"] = v313plus ? 2000 : 700;
  t.params_["gc.threshold1"] = 10;
  t.params_["gc.threshold2"] = 10;
  t.ref_loop_ns_ = 0;
  return t;
}

std::optional<CostTable> CostTable::parse(std::string_view text, std::string& error) {
  json j = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    error = "cost table is not a JSON object";
    return std::nullopt;
  }
  auto str = [&](const char* k) -> std::string {
    auto it = j.find(k);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string{};
  };
  auto flag = [&](const char* k) {
    auto it = j.find(k);
    return it != j.end() && it->is_boolean() && it->get<bool>();
  };
  std::string version = str("version");
  bool ft = flag("free_threaded"), jit = flag("jit");
  if (!valid_build(version, ft, jit, error)) return std::nullopt;
  CostTable t = defaults(version, ft, jit);
  if (auto it = j.find("ops"); it != j.end() && it->is_object())
    for (auto& item : it->items())
      if (auto n = number(item.value())) t.ops_[item.key()] = *n;
  if (auto it = j.find("builtins"); it != j.end() && it->is_object())
    for (auto& item : it->items()) {
      const json& v = item.value();
      if (!v.is_object()) continue;
      SizeCost c;
      auto get = [&](const char* f, double& out) {
        if (auto f_it = v.find(f); f_it != v.end())
          if (auto n = number(*f_it)) out = *n;
      };
      get("base_ns", c.base_ns);
      get("per_item_ns", c.per_item_ns);
      get("per_nlogn_ns", c.per_nlogn_ns);
      if (auto g = v.find("releases_gil"); g != v.end() && g->is_boolean())
        c.releases_gil = g->get<bool>();
      t.builtins_[item.key()] = c;
    }
  if (auto it = j.find("params"); it != j.end() && it->is_object())
    for (auto& item : it->items())
      if (auto n = number(item.value())) t.params_[item.key()] = *n;
  if (auto m = j.find("machine"); m != j.end() && m->is_object())
    if (auto r = m->find("ref_loop_ns_per_iter"); r != m->end())
      if (auto n = number(*r)) t.ref_loop_ns_ = *n;
  error.clear();
  t.serial_ = next_serial();  // its rows are no longer the defaults'
  return t;
}

std::optional<CostTable> CostTable::load(std::string_view version, bool free_threaded, bool jit,
                                         std::string& error) {
  if (!valid_build(version, free_threaded, jit, error)) return std::nullopt;
  std::string name = file_name(version, free_threaded, jit);
  auto text = embedded_file(name);
  if (!text) {
    error = "no embedded " + name + ": using compiled-in default costs";
    return defaults(version, free_threaded, jit);
  }
  std::string parse_error;
  auto t = parse(*text, parse_error);
  if (!t || t->version_ != version || t->free_threaded_ != free_threaded || t->jit_ != jit) {
    error = name + " is unusable (" + (t ? "it describes another build" : parse_error) +
            "): using compiled-in default costs";
    return defaults(version, free_threaded, jit);
  }
  error.clear();
  return t;
}

double CostTable::op_ns(std::string_view key) const {
  for (std::string_view k = key; !k.empty(); k = parent_key(k))
    if (auto it = ops_.find(k); it != ops_.end()) return it->second;
  if (auto it = ops_.find(std::string_view("default")); it != ops_.end()) return it->second;
  return 0;
}

SizeCost CostTable::builtin(std::string_view key) const {
  // "builtin.sorted:presorted" -> "builtin.sorted" -> "builtin.default"
  if (auto it = builtins_.find(key); it != builtins_.end()) return it->second;
  if (auto colon = key.find(':'); colon != std::string_view::npos)
    if (auto it = builtins_.find(key.substr(0, colon)); it != builtins_.end()) return it->second;
  if (auto it = builtins_.find(std::string_view("builtin.default")); it != builtins_.end())
    return it->second;
  return {};
}

double CostTable::builtin_ns(std::string_view key, double n) const { return size_cost_ns(builtin(key), n); }

double CostTable::size_cost_ns(const SizeCost& c, double n) {
  if (!std::isfinite(n) || n < 0) n = 0;
  return c.base_ns + c.per_item_ns * n + c.per_nlogn_ns * n * std::log2(std::max(n, 2.0));
}

std::uint64_t CostTable::next_serial() {
  static std::atomic<std::uint64_t> n{0};
  return ++n;
}

double CostTable::param(std::string_view key, double fallback) const {
  auto it = params_.find(key);
  return it != params_.end() ? it->second : fallback;
}

}  // namespace pitfall::sim::costs
