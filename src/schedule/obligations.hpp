// Obligations that dated things create (DOMAIN.md section 2): triggers turn the provider's events
// into occurrences with deadlines, and follow-ups give each completed activity its own deadline
// (the QMC-1 form within ten working days of the meeting).
#pragma once

#include "schedule/schedule_context.hpp"

namespace qaf::detail {

/// For every event on or before as_of (and within the pack's effective period) that a trigger
/// matches — the event's type, each `match` field among the listed values, the trigger's `when`
/// true for the provider — creates the trigger's obligations: an occurrence due by the deadline
/// form after the event, done when the history holds the activity on or after the event day.
/// A `repeat` adds one more every interval after the previous one's completion (or due date) while
/// its `while` condition holds as of as_of, and never past the next event of the same type (which
/// ends or restarts the state). A `brings_forward` obligation is queued on the context for the
/// schedule chains of its activity.
void collect_triggers(schedule_context& ctx);

/// Emits every bring-forward obligation no applicable schedule rule claimed, as an occurrence of
/// its own, so that the obligation is never lost.
void emit_unclaimed_bring_forwards(schedule_context& ctx);

/// One occurrence per completed `after` activity in the history (where the follow-up's `when`
/// holds on its day, with the facts in force then), due by the deadline form after it, done by the
/// record that names its due date, else the first unused record of the follow-up activity on or
/// after it (after it, when the follow-up is of the activity it follows). Records are drawn from
/// the provider's one pool, so a follow-up's completion fulfils no routine obligation, unless the
/// follow-up `counts_as` an activity: then the record is offered to that activity's chains too.
/// Runs before the cyclic rules, so that they see what follow-ups have claimed.
void run_follow_ups(schedule_context& ctx);

/// A schedule rule with a "before" cadence: for each due date of an entry of the activity it
/// precedes (ctx.preceded_entries: any origin, any status; a routine entry done by a follow-up's
/// visit that counts as it and is itself preceded is left out, so one visit owes once) on which
/// the rule applies, one obligation of the rule's activity due the offset before it (the
/// self-assessment 10 working days before the audit), with a `before` warning naming that entry.
/// Done by the record naming its due date, else the first unused record after the previous such
/// due date. Runs after every other rule has made its entries.
void run_before_rule(schedule_context& ctx, const schedule_rule& rule,
                     const rule_applicability& where);

}  // namespace qaf::detail
