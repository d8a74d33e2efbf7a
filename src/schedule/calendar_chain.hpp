// Calendar cadences (DOMAIN.md section 2): `monthly_by_day`, `termly`, `quarterly` and `calendar`.
// Their due dates are fixed by the calendar, not by when the activity was last done, and each
// period's missed return is overdue in its own right.
//
// Due dates:
//   monthly_by_day  one return a month for the previous month, due on day N of the month after
//                   it (clamped to the month's last day, then rolled to the next working day when
//                   the rule says so); `months` names the months whose return is owed (the flu
//                   returns for October to February are due 6 November to 6 March).
//   termly          one a term (the pack's calendar.terms, else the default terms), due on the
//                   term's last day plus offset_days; the period is the term.
//   quarterly       one a financial quarter, due on the quarter's last day plus offset_days (the
//                   period is the quarter), or on the dates of the deadline table the rule names.
//   calendar        the dates of the deadline table, with the periods the table gives.
// A date kept as published that is not a working day carries a non_working_day warning naming the
// holiday; a date the pack corrected from the source carries a corrected_date warning.
//
// Which are owed: those in force (see schedule_context::in_force) and, when monitoring_start is
// known, those whose period ends (else which fall due) on or after it. An occurrence is done when
// the history holds the activity after the previous owed occurrence's anchor (its completion,
// else its due date; for the first, the previous period's due date) and on or before as_of.
#pragma once

#include "schedule/schedule_context.hpp"

namespace qaf::detail {

/// `where` says on which dates the rule applies: a period is owed when the rule applies on the
/// day it ends (else on its due date), with the facts in force then.
void run_calendar_rule(schedule_context& ctx, const schedule_rule& rule,
                       const rule_applicability& where);

}  // namespace qaf::detail
