// A readable summary of `qaf assess` for a person at a terminal: per provider, how it is rated and
// why, what is overdue, what is due in the next 30 days and what comes next, and its KPI standing;
// then the portfolio's visit workload by month.
#pragma once

#include <ostream>
#include <span>
#include <vector>

#include "qaf/kpi.hpp"
#include "qaf/pack.hpp"
#include "qaf/rating.hpp"
#include "schedule/workload.hpp"

namespace qaf::detail {

/// Everything assessed for one provider.
struct provider_assessment {
  provider_schedule schedule;
  std::vector<rating> ratings;
  std::vector<kpi_result> kpis;
};

void write_assessment_text(std::ostream& out, const pack& rules, const schedule_options& window,
                           std::span<const provider_assessment> assessments);

}  // namespace qaf::detail
