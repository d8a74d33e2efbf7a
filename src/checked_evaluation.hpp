// The engine's three answers for records a reader has already checked in full: the streamed
// commands check every record (facts, history, events, and the facts against their dated changes
// as of as_of) in a first pass before writing anything, so their second pass reads each record
// straight into the pack's fact slots (record_source::read_bound) and checks nothing again
// (docs/performance.md). The results are engine::schedule, rate and evaluate_kpis(record,
// as_of)'s for the same record; a record that was not checked gives unspecified results (the
// public engine, which checks, is for everyone else).
#pragma once

#include <vector>

#include "portfolio/checked_record.hpp"
#include "qaf/date.hpp"
#include "qaf/kpi.hpp"
#include "qaf/pack.hpp"
#include "qaf/portfolio.hpp"
#include "qaf/rating.hpp"
#include "qaf/schedule.hpp"
#include "rating/classifier.hpp"
#include "rating/scheme_rating.hpp"
#include "schedule/workload.hpp"

namespace qaf::detail {

schedule_result schedule_checked(const pack& rules, const checked_record& record,
                                 const schedule_options& options);
/// With rating_detail::ids, only what a compact result document writes (rating/classifier.hpp);
/// with `explain`, each reason's conditions test by test (engine::rate with rate_options).
std::vector<rating> rate_checked(const pack& rules, const checked_record& record, date as_of,
                                 rating_detail detail = rating_detail::full, bool explain = false);
/// rate_checked's ratings by index, with nothing copied (rating/scheme_rating.hpp): appended to
/// `batch`, their range of batch.ratings returned. They point into `record`, which must outlive
/// them; the compact writers write them (render/rating_render.hpp).
index_range rate_checked_into(const pack& rules, const checked_record& record, date as_of,
                              rating_batch& batch);
std::vector<kpi_result> evaluate_kpis_checked(const pack& rules, const checked_record& record,
                                              date as_of);
/// The same for a checked provider whose facts are not yet bound: each binds it once first.
schedule_result schedule_checked(const pack& rules, const provider& record,
                                 const schedule_options& options);
std::vector<rating> rate_checked(const pack& rules, const provider& record, date as_of,
                                 rating_detail detail = rating_detail::full, bool explain = false);
/// rate_checked's ratings by index, with nothing copied (rating/scheme_rating.hpp): appended to
/// `batch`, their range of batch.ratings returned. They point into `record`, which must outlive
/// them; the compact writers write them (render/rating_render.hpp).
index_range rate_checked_into(const pack& rules, const provider& record, date as_of,
                              rating_batch& batch);
std::vector<kpi_result> evaluate_kpis_checked(const pack& rules, const provider& record,
                                              date as_of);

/// describe(record, result) for a checked record: its name and officer read from its slots.
provider_schedule describe_checked(const pack& rules, const checked_record& record,
                                   schedule_result result);

}  // namespace qaf::detail
