// Everything `qaf assess` works out for one provider: its schedule over the window, its ratings
// and its KPI results. The text and HTML reports and the portfolio summary read it; the summary
// is fed one of these at a time, so providers can be assessed in chunks and in parallel.
#pragma once

#include <vector>

#include "qaf/kpi.hpp"
#include "qaf/rating.hpp"
#include "schedule/workload.hpp"

namespace qaf::detail {

struct provider_assessment {
  provider_schedule schedule;
  std::vector<rating> ratings;
  std::vector<kpi_result> kpis;
};

}  // namespace qaf::detail
