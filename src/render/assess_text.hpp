// A readable summary of `qaf assess` for a person at a terminal: per provider, how it is rated and
// why, what is overdue, what is due in the next 30 days and what comes next, and its KPI standing.
// The portfolio summary comes first, as in the JSON and HTML views.
#pragma once

#include <ostream>
#include <span>
#include <vector>

#include "qaf/kpi.hpp"
#include "qaf/pack.hpp"
#include "qaf/rating.hpp"
#include "schedule/workload.hpp"
#include "summary/portfolio_summary.hpp"
#include "summary/provider_assessment.hpp"

namespace qaf::detail {

/// The header, the portfolio summary (write_summary_text), then one block a provider.
void write_assessment_text(std::ostream& out, const pack& rules, const schedule_options& window,
                           const portfolio_summary& summary,
                           std::span<const provider_assessment> assessments);

}  // namespace qaf::detail
