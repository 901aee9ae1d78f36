// `pitfall lint PATH... [--json|--sarif] [--select IDS] [--ignore IDS]`
// `pitfall lint --explain RULE`: the rule's doc (What it does / Why is this bad? / ...)
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <sstream>

#include "cli/cli.h"
#include "report/json.h"
#include "rules/lint.h"
#include "rules/rule.h"
#include "syntax/source.h"

namespace pitfall::cli {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> split_ids(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  std::string item;
  while (std::getline(ss, item, ','))
    if (!item.empty()) out.push_back(item);
  return out;
}

// Expands folders into their *.py files (sorted); reports paths that do not exist.
bool expand(const std::string& path, std::vector<std::string>& files) {
  std::error_code ec;
  fs::file_status st = fs::status(path, ec);
  if (ec || !fs::exists(st)) {
    usage_error(path + ": no such file or directory");
    return false;
  }
  if (!fs::is_directory(st)) {
    files.push_back(path);
    return true;
  }
  std::vector<std::string> found;
  for (fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec), end;
       !ec && it != end; it.increment(ec))
    if (it->is_regular_file(ec) && it->path().extension() == ".py") found.push_back(it->path().string());
  if (ec) {
    usage_error(path + ": cannot list folder (" + ec.message() + ")");
    return false;
  }
  std::sort(found.begin(), found.end());
  files.insert(files.end(), found.begin(), found.end());
  return true;
}

void print_text(const report::Finding& f, const syntax::Source& src) {
  std::cout << f.file << ":" << f.line << ":" << f.col << ": ";
  if (!f.ruff.empty()) std::cout << f.ruff << " ";
  std::cout << "[" << f.rule << "] " << f.message << "\n";
  std::string_view text = src.line_text(f.line);
  std::string num = std::to_string(f.line);
  std::string pad(num.size(), ' ');
  std::cout << pad << " |\n" << num << " | " << text << "\n" << pad << " | ";
  // Caret line: code points before the column, then one caret per code point spanned.
  int width = f.end_line == f.line ? std::max(1, f.end_col - f.col) : 1;
  int cp = 1;
  for (std::size_t i = 0; i < text.size() && cp < f.col; ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    std::cout << (text[i] == '\t' ? '\t' : ' ');
    ++cp;
  }
  std::cout << std::string(static_cast<std::size_t>(width), '^') << "\n";
  if (f.has_fix) std::cout << pad << " = help: " << f.fix.title << "\n";
  std::cout << "\n";
}

nlohmann::json sarif(const std::vector<report::Finding>& all) {
  using nlohmann::json;
  json rules = json::array();
  for (const auto& r : rules::all_rules()) {
    json rule = {{"id", r.info.id},
                 {"name", r.info.id},
                 {"fullDescription", {{"text", r.info.doc}}},
                 {"help", {{"text", r.info.doc}, {"markdown", r.info.doc}}},
                 {"defaultConfiguration", {{"level", std::string(r.info.severity) == "info" ? "note" : r.info.severity}}}};
    if (*r.info.ruff) rule["properties"] = {{"ruff", r.info.ruff}};
    rules.push_back(rule);
  }
  json results = json::array();
  auto region = [](int l, int c, int el, int ec) {
    return json{{"startLine", l}, {"startColumn", c}, {"endLine", el}, {"endColumn", ec}};
  };
  for (const auto& f : all) {
    json location;
    location["physicalLocation"]["artifactLocation"]["uri"] = f.file;
    location["physicalLocation"]["region"] = region(f.line, f.col, f.end_line, f.end_col);
    json res;
    res["ruleId"] = f.rule;
    res["level"] = f.severity == "info" ? "note" : f.severity;
    res["message"]["text"] = f.message;
    res["locations"] = json::array({location});
    if (f.has_fix) {
      json reps = json::array();
      for (const auto& e : f.fix.edits) {
        json rep;
        rep["deletedRegion"] = region(e.line, e.col, e.end_line, e.end_col);
        rep["insertedContent"]["text"] = e.text;
        reps.push_back(rep);
      }
      json change;
      change["artifactLocation"]["uri"] = f.file;
      change["replacements"] = reps;
      json fix;
      fix["description"]["text"] = f.fix.title;
      fix["artifactChanges"] = json::array({change});
      res["fixes"] = json::array({fix});
    }
    results.push_back(res);
  }
  json run;
  run["tool"]["driver"]["name"] = "pitfall-lab";
  run["tool"]["driver"]["rules"] = rules;
  run["results"] = results;
  json doc;
  doc["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  doc["version"] = "2.1.0";
  doc["runs"] = json::array({run});
  return doc;
}

}  // namespace

int lint_main(const std::vector<std::string>& args) {
  enum { kText, kJson, kSarif } format = kText;
  rules::LintOptions options;
  std::vector<std::string> paths;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--explain") {
      if (i + 1 >= args.size()) return usage_error("--explain needs a rule id or Ruff code");
      const rules::Rule* rule = rules::find_rule(args[i + 1]);
      if (!rule) return usage_error("--explain: unknown rule `" + args[i + 1] + "`");
      std::cout << rule->info.doc << "\nid: " << rule->info.id << ", severity: " << rule->info.severity
                << ", family: " << rule->info.family;
      if (*rule->info.ruff) std::cout << ", Ruff: " << rule->info.ruff;
      std::cout << "\n";
      return kOk;
    }
    if (a == "--json") format = kJson;
    else if (a == "--sarif") format = kSarif;
    else if (a == "--select" || a == "--ignore") {
      if (i + 1 >= args.size()) return usage_error(a + " needs a comma-separated list of rule ids");
      auto ids = split_ids(args[++i]);
      for (const auto& id : ids)
        if (id != "ALL" && !rules::find_rule(id)) return usage_error(a + ": unknown rule `" + id + "`");
      (a == "--select" ? options.select : options.ignore) = ids;
    } else if (a.starts_with("--")) {
      return usage_error("lint: unknown option `" + a + "`");
    } else {
      paths.push_back(a);
    }
  }
  if (paths.empty()) return usage_error("lint: no PATH given (usage: pitfall lint PATH... [--json|--sarif])");

  bool input_error = false;
  std::vector<std::string> files;
  for (const auto& p : paths)
    if (!expand(p, files)) input_error = true;

  std::vector<report::Finding> all;
  for (const auto& file : files) {
    std::string why;
    auto text = read_file(file, why);
    if (!text) {
      usage_error(why);
      input_error = true;
      continue;
    }
    std::size_t bad = 0;
    if (!syntax::valid_utf8(*text, &bad)) {
      syntax::Source partial(file, text->substr(0, bad));
      auto pos = partial.position(static_cast<std::uint32_t>(bad));
      usage_error(file + ":" + std::to_string(pos.line) + ":" + std::to_string(pos.col) +
                  ": not valid UTF-8 (byte offset " + std::to_string(bad) + ")");
      input_error = true;
      continue;
    }
    syntax::Tree tree(syntax::Source(file, *text));
    auto found = rules::lint(tree, options);
    if (format == kText)
      for (const auto& f : found) print_text(f, tree.source());
    all.insert(all.end(), found.begin(), found.end());
  }
  if (format == kJson) std::cout << report::to_json(all).dump(2) << "\n";
  else if (format == kSarif) std::cout << sarif(all).dump(2) << "\n";
  else if (all.empty() && !input_error) std::cout << "All checks passed (" << files.size() << " file" << (files.size() == 1 ? "" : "s") << ").\n";
  else if (!all.empty()) std::cout << "Found " << all.size() << " finding" << (all.size() == 1 ? "" : "s") << ".\n";
  if (input_error) return kUsage;
  return all.empty() ? kOk : kFindings;
}

}  // namespace pitfall::cli
