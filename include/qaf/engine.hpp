// The engine: one pack, many providers. Binds each provider record to the pack's facts once and
// answers the three questions — what is due (schedule), how worried to be (rate), are targets met
// (evaluate_kpis).
//
//   const qaf::engine engine(qaf::load_pack_or_throw("bolton-children-2024"));
//   qaf::portfolio_result read = qaf::read_portfolio(engine.rules(), "portfolio.json");
//   for (const qaf::provider& p : read.portfolio->providers) {
//     auto ratings = engine.rate(p, qaf::date::parse("2025-06-30"));
//   }
//
// An engine is immutable: every const member may be called from many threads at once.
#pragma once

#include <vector>

#include "qaf/date.hpp"
#include "qaf/kpi.hpp"
#include "qaf/pack.hpp"
#include "qaf/portfolio.hpp"
#include "qaf/rating.hpp"
#include "qaf/schedule.hpp"

namespace qaf {

/// How engine::rate works. Explaining records every reason's condition test by test
/// (qaf/explanation.hpp); it costs a little more, so it is asked for.
struct rate_options {
  bool explain = false;
};

class engine {
 public:
  explicit engine(qaf::pack rules) noexcept;

  const qaf::pack& rules() const noexcept { return pack_; }

  /// Occurrences due in [from, to] plus every overdue one due earlier, with minimum-visit checks.
  /// Throws input_error when the record does not fit the pack.
  schedule_result schedule(const provider& record, const schedule_options& options) const;

  /// Every classification scheme of the pack for this provider as of a date.
  std::vector<rating> rate(const provider& record, date as_of) const;
  /// As rate(record, as_of), with `options.explain` filling each reason's and undecided rule's
  /// `explanation`.
  std::vector<rating> rate(const provider& record, date as_of, const rate_options& options) const;

  /// KPI status per KPI and return period, with consequences, over every return the record holds.
  std::vector<kpi_result> evaluate_kpis(const provider& record) const;

  /// KPI status as of a date (DOMAIN.md section 5): returns for periods not yet over are left
  /// out; each period the ledger owed a return for (the pack's kpi_consequences.return_activity)
  /// and none came is no_data with the consequence return_missed; a yearly KPI is decided once its
  /// contract year has ended and the return after it is overdue. Throws input_error as schedule.
  std::vector<kpi_result> evaluate_kpis(const provider& record, date as_of) const;

 private:
  qaf::pack pack_;
};

}  // namespace qaf
