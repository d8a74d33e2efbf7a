// The outcomes a provider's history records (`{"activity": "AUDIT", "date": ..., "outcome":
// "poor"}`), as conditions read them with outcome('AUDIT'): the outcome of the activity's latest
// completion on or before a date. The scheduler's timeline fills them per segment, the classifier
// as of the date it rates.
#pragma once

#include "facts/bound_record.hpp"
#include "pack/pack_data.hpp"
#include "qaf/date.hpp"
#include "qaf/portfolio.hpp"

namespace qaf::detail {

/// Sets each outcome slot of `facts` to the outcome of its activity's latest completion on or
/// before `on` (the last listed of one day); unknown when there is none or it records no outcome,
/// so that a missing outcome never reads as a good one.
void fill_outcomes(const pack_data& pack, const provider& record, date on, bound_record& facts);

}  // namespace qaf::detail
