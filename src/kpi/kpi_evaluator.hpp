// KPI evaluation (DOMAIN.md section 5) over one bound provider record.
#pragma once

#include <span>
#include <vector>

#include "facts/bound_record.hpp"
#include "pack/pack_data.hpp"
#include "qaf/kpi.hpp"
#include "qaf/portfolio.hpp"

namespace qaf::detail {

/// One result per KPI and return period (yearly KPIs: per contract year), ordered by period then
/// by the pack's KPI order, with the consequence ladder applied across periods.
std::vector<kpi_result> evaluate_provider_kpis(const pack_data& pack, const provider& record,
                                               const bound_record& facts);

/// A return period the ledger says was owed and never came (DOMAIN.md section 5).
struct missed_period {
  date start;
  date end;
  date due;
};

/// As of a date: returns whose period ends after `as_of` have not come yet and are left out; each
/// of `missed` (the pack's KPI return activity overdue at as_of) that no return covers is a period
/// of its own, every KPI no_data with the consequence return_missed; a yearly KPI is decided once
/// its contract year has ended and the return after it is overdue, and every contract year to
/// as_of has its row.
std::vector<kpi_result> evaluate_provider_kpis(const pack_data& pack, const provider& record,
                                               const bound_record& facts, date as_of,
                                               std::span<const missed_period> missed);

}  // namespace qaf::detail
