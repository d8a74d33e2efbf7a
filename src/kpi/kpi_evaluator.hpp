// KPI evaluation (DOMAIN.md section 5) over one bound provider record.
#pragma once

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

}  // namespace qaf::detail
