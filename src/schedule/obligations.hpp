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
/// first completion of the follow-up activity on or after it that no earlier completion of `after`
/// has claimed.
void run_follow_ups(schedule_context& ctx);

}  // namespace qaf::detail
