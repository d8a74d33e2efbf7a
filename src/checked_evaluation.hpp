// The engine's three answers for records a reader has already checked in full: the streamed
// commands check every record (facts, history, events, and the facts against their dated changes
// as of as_of) in a first pass before writing anything, so their second pass binds each record
// once and checks nothing again (docs/performance.md). The results are engine::schedule, rate
// and evaluate_kpis(record, as_of)'s for the same record; a record that was not checked gives
// unspecified results (the public engine, which checks, is for everyone else).
#pragma once

#include <vector>

#include "qaf/date.hpp"
#include "qaf/kpi.hpp"
#include "qaf/pack.hpp"
#include "qaf/portfolio.hpp"
#include "qaf/rating.hpp"
#include "qaf/schedule.hpp"
#include "rating/classifier.hpp"

namespace qaf::detail {

schedule_result schedule_checked(const pack& rules, const provider& record,
                                 const schedule_options& options);
/// With rating_detail::ids, only what a compact result document writes (rating/classifier.hpp);
/// with `explain`, each reason's conditions test by test (engine::rate with rate_options).
std::vector<rating> rate_checked(const pack& rules, const provider& record, date as_of,
                                 rating_detail detail = rating_detail::full, bool explain = false);
std::vector<kpi_result> evaluate_kpis_checked(const pack& rules, const provider& record,
                                              date as_of);

/// The three answers of `qaf assess` for one record.
struct checked_assessment {
  schedule_result schedule;
  std::vector<rating> ratings;
  std::vector<kpi_result> kpis;
};
/// schedule_checked(window), rate_checked(window.as_of) and evaluate_kpis_checked(window.as_of)
/// with the record bound once instead of three times (binding was a tenth of `qaf assess`).
checked_assessment assess_checked(const pack& rules, const provider& record,
                                  const schedule_options& window,
                                  rating_detail detail = rating_detail::full, bool explain = false);

}  // namespace qaf::detail
