// Renders KPI results (`qaf kpi`, and the KPI part of `qaf assess`) as JSON and CSV.
//
// JSON, INTERFACE.md: {"pack", "as_of", "kpis": [{"provider", "kpi", "period", "status",
// "value", "target", "consequence", ...}]}; `value` is the value as the return gave it (a count,
// {"numerator", "denominator"}, true/false, or null), `target` the target as the pack states it,
// and `measured` the number the target compared (the percentage; a contract year to date).
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <span>

#include "qaf/date.hpp"
#include "qaf/kpi.hpp"
#include "qaf/pack.hpp"

namespace qaf::detail {

/// One result as a JSON object (the members listed in docs/kpis.md, "Results"). Compact (the
/// default) leaves the KPI's source and target text to the document's `rules` entry for the
/// KPI; `explain` writes them inline (`source`, `target_text`).
nlohmann::ordered_json kpi_result_json(const kpi_result& result, bool explain = false);

/// A header row (unless `header` is false: a later chunk of the same table), then one row a
/// result.
void write_kpi_csv(std::ostream& out, std::span<const kpi_result> results, bool header = true);

}  // namespace qaf::detail
