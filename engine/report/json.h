// JSON for findings and reports (shapes in INTERFACES.md).
#pragma once
#include <nlohmann/json.hpp>

#include "report/finding.h"
#include "report/report.h"

namespace pitfall::report {

nlohmann::json to_json(const Finding& f);
nlohmann::json to_json(const std::vector<Finding>& fs);
nlohmann::json to_json(const Report& r);

}  // namespace pitfall::report
