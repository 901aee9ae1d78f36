#include "sim/vm/name_suggestions.h"

#include <algorithm>
#include <climits>

namespace pitfall::sim {

Ref dir_of(VM& vm, const Ref& o);  // modules/builtin_dir.cpp

namespace {

bool g_displaying = false;  // format_exception_displayed is running

constexpr std::size_t kMaxCandidates = 750, kMaxStringSize = 40, kMoveCost = 2, kCaseCost = 1;

std::size_t substitution_cost(char a, char b) {
  if ((a & 31) != (b & 31)) return kMoveCost;
  if (a == b) return 0;
  if (a >= 'A' && a <= 'Z') a = char(a + ('a' - 'A'));
  if (b >= 'A' && b <= 'Z') b = char(b + ('a' - 'A'));
  return a == b ? kCaseCost : kMoveCost;
}

// levenshtein_distance of suggestions.c, on the UTF-8 bytes
std::size_t levenshtein(std::string_view a, std::string_view b, std::size_t max_cost) {
  while (!a.empty() && !b.empty() && a.front() == b.front()) { a.remove_prefix(1); b.remove_prefix(1); }
  while (!a.empty() && !b.empty() && a.back() == b.back()) { a.remove_suffix(1); b.remove_suffix(1); }
  if (a.empty() || b.empty()) return (a.size() + b.size()) * kMoveCost;
  if (a.size() > kMaxStringSize || b.size() > kMaxStringSize) return max_cost + 1;
  if (b.size() < a.size()) std::swap(a, b);
  if ((b.size() - a.size()) * kMoveCost > max_cost) return max_cost + 1;
  std::size_t buffer[kMaxStringSize];
  for (std::size_t i = 0; i < a.size(); ++i) buffer[i] = (i + 1) * kMoveCost;
  std::size_t result = 0;
  for (std::size_t bi = 0; bi < b.size(); ++bi) {
    const char code = b[bi];
    std::size_t distance = result = bi * kMoveCost;
    std::size_t minimum = SIZE_MAX;
    for (std::size_t ai = 0; ai < a.size(); ++ai) {
      const std::size_t substitute = distance + substitution_cost(code, a[ai]);
      distance = buffer[ai];
      const std::size_t insert_delete = std::min(result, distance) + kMoveCost;
      result = std::min(insert_delete, substitute);
      buffer[ai] = result;
      minimum = std::min(minimum, result);
    }
    if (minimum > max_cost) return max_cost + 1;
  }
  return result;
}

std::vector<std::string> dict_keys(const Ref& d) {
  std::vector<std::string> out;
  if (!d || d->tag != Tag::Dict) return out;
  for (const DictEntry& e : d.as<DictObj>()->entries)
    if (e.key && e.key->tag == Tag::Str) out.push_back(e.key.as<StrObj>()->s);
  return out;
}

// The text between the first pair of single quotes after `prefix`, or "".
std::string quoted_after(const std::string& msg, const std::string& prefix) {
  if (msg.rfind(prefix, 0) != 0) return "";
  const std::size_t b = prefix.size(), e = msg.find('\'', b);
  return e == std::string::npos ? "" : msg.substr(b, e - b);
}

}  // namespace

std::string closest_name(const std::vector<std::string>& candidates, const std::string& wrong) {
  if (candidates.size() >= kMaxCandidates) return "";
  std::size_t best = SIZE_MAX;
  const std::string* suggestion = nullptr;
  for (const std::string& item : candidates) {
    if (item == wrong) continue;
    std::size_t max_distance = (wrong.size() + item.size() + 3) * kMoveCost / 6;
    if (best != SIZE_MAX) max_distance = std::min(max_distance, best - 1);
    const std::size_t d = levenshtein(wrong, item, max_distance);
    if (d > max_distance) continue;
    if (!suggestion || d < best) {
      suggestion = &item;
      best = d;
    }
  }
  return suggestion ? *suggestion : "";
}

Ref raise_attribute_error(VM& vm, const Ref& obj, StrObj* name, const std::string& msg) {
  Ref e = vm.new_exception(vm.rt.AttributeError, msg);
  if (!e) return nullptr;
  if (e->tag == Tag::Exception) e.as<ExceptionObj>()->value = vm.rt.make_tuple({obj, Ref(name)});
  vm.raise_obj(std::move(e));
  return nullptr;
}

Ref attribute_error_field(VM& vm, ExceptionObj* e, const std::string& field) {
  if (field != "name" && field != "obj") return nullptr;
  if (e->value && e->value->tag == Tag::Tuple && e->value.as<TupleObj>()->items.size() == 2)
    return e->value.as<TupleObj>()->items[field == "obj" ? 0 : 1];
  return vm.rt.None;
}

std::string format_exception_displayed(VM& vm, const Ref& e) {
  const bool outer = g_displaying;
  g_displaying = true;
  std::string out = vm.format_exception(e);
  g_displaying = outer;
  return out;
}

std::string name_suggestion(VM& vm, const Ref& e) {
  if (!g_displaying || !e || e->tag != Tag::Exception) return "";
  auto* eo = e.as<ExceptionObj>();
  std::string found;
  Ref saved = std::move(vm.exc);
  if (e->cls == vm.rt.AttributeError) {  // the exact types only (_Py_Offer_Suggestions)
    Ref obj = attribute_error_field(vm, eo, "obj"), name = attribute_error_field(vm, eo, "name");
    if (obj && name && name->tag == Tag::Str && obj.get() != vm.rt.None.get()) {
      Ref d = dir_of(vm, obj);
      std::vector<std::string> names;
      if (d && d->tag == Tag::List)
        for (const Ref& x : d.as<ListObj>()->items)
          if (x->tag == Tag::Str) names.push_back(x.as<StrObj>()->s);
      found = closest_name(names, name.as<StrObj>()->s);
    }
  } else if (e->cls == vm.rt.NameError && !eo->trace.empty()) {
    std::string msg;
    if (eo->args && eo->args->tag == Tag::Tuple && eo->args.as<TupleObj>()->items.size() == 1 && eo->args.as<TupleObj>()->items[0]->tag == Tag::Str)
      msg = eo->args.as<TupleObj>()->items[0].as<StrObj>()->s;
    const std::string wrong = quoted_after(msg, "name '");
    const CodeObj* co = eo->trace.front().code.as<CodeObj>();  // innermost first
    if (!wrong.empty() && co) {
      found = closest_name(co->varnames, wrong);
      if (found.empty() && co->filename == vm.filename && vm.main_module && vm.main_module->tag == Tag::Module)
        found = closest_name(dict_keys(vm.main_module.as<ModuleObj>()->dict), wrong);
      if (found.empty()) {
        std::vector<std::string> b = dict_keys(vm.builtins);
        b.erase(std::remove_if(b.begin(), b.end(), [](const std::string& k) { return k.rfind("__pitfall", 0) == 0; }), b.end());
        found = closest_name(b, wrong);
      }
    }
  }
  vm.exc = std::move(saved);
  return found.empty() ? "" : ". Did you mean: '" + found + "'?";
}

}  // namespace pitfall::sim
