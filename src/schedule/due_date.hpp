// Date arithmetic of the pack's time forms: a cadence's step ({"months": 12}) and a deadline
// ({"working_days": 10}, {"hours": 24}, ...), as DOMAIN.md section 1 defines them.
#pragma once

#include "pack/pack_data.hpp"
#include "qaf/calendar.hpp"
#include "qaf/date.hpp"

namespace qaf::detail {

/// `from` plus one step; months clamp to the end of the month (2024-01-31 + 1 month = 2024-02-29).
/// Throws date_error past the supported dates (qaf/date.hpp), which ends any loop that steps.
date add_step(date from, const step& s);

/// `from` plus k steps, computed at once rather than by repeated addition, so that a monthly
/// chain from 31 March runs 30 April, 31 May, 30 June (DOMAIN.md section 2: anchor + k steps).
date add_steps(date from, const step& s, int k);

/// The deadline `rule` sets for something that happened on `from`: the same working day (from,
/// or the next working day), the N-th working day after, N/24 calendar days after for hours
/// (24 hours is the next calendar day), or N days, weeks or months after.
date apply_due(const due_rule& rule, date from, const working_calendar& calendar);

/// The date `rule` sets before something due on `to` (a cadence "before"): the N-th working day
/// before (`to` itself never counts), or N/24 days, N days, weeks or months before (months clamp:
/// 2025-03-31 less 1 month is 2025-02-28). same_working_day is not an offset; the loader refuses
/// it.
date apply_due_before(const due_rule& rule, date to, const working_calendar& calendar);

}  // namespace qaf::detail
