// Everything `qaf assess` works out for one provider: its schedule over the window, its ratings
// and its KPI results. The text and HTML reports and the portfolio summary read it; the summary
// is fed one of these at a time, so providers can be assessed in chunks and in parallel.
#pragma once

#include <vector>

#include "qaf/kpi.hpp"
#include "qaf/rating.hpp"
#include "rating/scheme_rating.hpp"
#include "schedule/workload.hpp"

namespace qaf::detail {

struct provider_assessment {
  provider_schedule schedule;
  std::vector<rating> ratings;
  std::vector<kpi_result> kpis;
  /// The ratings by index instead of `ratings`, when the evaluation kept them so (`qaf rate`'s
  /// compact json and jsonl, rating/scheme_rating.hpp): a range of `rated->ratings`, which the
  /// batch and the provider record rated must outlive. Only the json and jsonl writers read it.
  const rating_batch* rated = nullptr;
  index_range rated_range = {};
};

}  // namespace qaf::detail
