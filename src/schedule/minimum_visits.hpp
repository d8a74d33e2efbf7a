// Minimum on-site visits per 12 months (DOMAIN.md section 2), checked two ways: the fewest on-site
// occurrences of the rule's activities the schedule holds in any 12 months of [from, to] (a done
// occurrence counted on the day it was done, else on its due date), and the
// completions in the history in the 12 months up to as_of, with the shortfall of each.
#pragma once

#include "schedule/schedule_context.hpp"

namespace qaf::detail {

/// Checks every minimum_visits rule whose condition holds on as_of, against the occurrences the
/// context has emitted so far (every origin: schedule, trigger, follow-up). A rule with `when`
/// counts only the days since its condition last came to hold (the timeline's facts, levels and
/// outcomes): the window and the 12 months before as_of are clipped to them as to the effective
/// period, with part_year and required_in_force saying so.
void check_minimum_visits(schedule_context& ctx);

}  // namespace qaf::detail
