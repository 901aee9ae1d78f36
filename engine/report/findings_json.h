// Findings as JSON text, written straight into a string: the same document as
// `to_json(findings).dump()` (report/json.h; same keys, same values, invalid
// UTF-8 replaced by U+FFFD as `error_handler_t::replace` does) without building
// an `nlohmann::json` object per finding first, which costs about 10 µs per
// finding in WebAssembly. The web app hands the page its findings this way on
// every `state()` call. Keys come in nlohmann's (sorted) order.
#pragma once
#include <string>
#include <vector>

#include "report/finding.h"

namespace pitfall::report {

// Appends `s` as a JSON string literal (quotes included).
void append_json_string(std::string& out, const std::string& s);
// Appends one finding as a JSON object.
void append_json(std::string& out, const Finding& f);
// The findings as a JSON array.
std::string findings_json(const std::vector<Finding>& fs);

}  // namespace pitfall::report
