// Joins a simulation report to static findings: each finding whose pitfall
// shows up in the report's timelines gets one sentence of evidence (how long
// the event loop stalled at that line, how much of the time threads waited for
// the GIL, how much that line allocated). Findings the report says nothing
// about are left unchanged.
#pragma once
#include <string>
#include <vector>

#include "report/finding.h"
#include "report/report.h"

namespace pitfall::rules {

void attach_evidence(std::vector<report::Finding>& findings, const report::Report& report);

// Fills report.findings: the file's lint findings, each with the report's
// evidence when it has some (what `pitfall sim --json` shows).
void join_findings(report::Report& report, const std::string& file, const std::string& text);

}  // namespace pitfall::rules
