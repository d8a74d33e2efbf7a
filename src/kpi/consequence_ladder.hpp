// The consequence ladder of DOMAIN.md section 5 (Devon, "Consequences if data is inaccurate or
// targets are not achieved"), applied to one KPI's results in period order:
//
//   a target not met without an explanation        -> kpi_consequences.not_met (review_meeting)
//   not met again, unexplained, after a review       -> not_met_after_review (default_notice)
//   met                                              -> none, and the ladder starts again
//   explained, no_data, not_applicable, no_baseline  -> none; the ladder holds where it is
//
// "Again" is the next period in which the KPI is decided without explanation: a period the
// provider explained, or one with no data, neither resolves the issue nor escalates it
// (docs/kpis.md, "Consequences").
#pragma once

#include <span>

#include "pack/pack_data.hpp"
#include "qaf/kpi.hpp"

namespace qaf::detail {

/// Sets `consequence` on each result; `results` are one KPI's, in period order. A period that ends
/// before the pack's effective_from draws no consequence and does not climb the ladder (DOMAIN.md
/// section 5); its note says so ("outside_effective_period: ...").
void apply_consequence_ladder(const kpi_consequences& rules, const pack_info& info,
                              std::span<kpi_result> results);

}  // namespace qaf::detail
