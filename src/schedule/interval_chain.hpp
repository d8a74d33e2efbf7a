// Cyclic obligations (DOMAIN.md section 2): `every` and `alternate` cadences of activities that
// are not returns, and a trigger's obligation with its repeats.
//
// The first obligation falls due at the chain's start; each next one one step after the previous
// one was done. The obligation is fulfilled by the history record that names its due date, else
// by the next unused record of the chain's activities after the previous anchor (one record, one
// obligation; done late when after the due date). One not done by as_of is overdue, listed once
// with the date it fell due, and the chain goes on as if it had been done on as_of. Dates ahead
// are anchor + k steps, never repeated addition. Nothing here reads the window: the chain runs
// from its start to the context's horizon, and emit selects.
#pragma once

#include <optional>
#include <vector>

#include "schedule/schedule_context.hpp"

namespace qaf::detail {

struct chain_spec {
  const rule_meta* meta = nullptr;
  occurrence_origin origin = occurrence_origin::schedule;
  std::vector<activity_index> activities;  // one, or two that alternate (the first goes first)
  std::optional<step> interval;            // later occurrences; none: the chain has one occurrence
  std::optional<date> last_due;            // no occurrence after the first falls due after this
  bool brings_forward = false;             // apply the context's bring_forwards (schedule rules)
  bool redate_before_effective = false;    // see run_interval_rule
  std::vector<occurrence_warning> warnings;  // carried by the first occurrence
};

struct chain_start {
  date anchor;             // the first obligation is fulfilled by a record after this date...
  bool inclusive = false;  // ...or on it (a trigger's event day counts)
  activity_index activity = 0;
  date base;  // the first obligation falls due at base + k steps
  int k = 0;
};

/// Runs the chain until an obligation would fall due after the horizon (or effective_to).
void run_chain(schedule_context& ctx, const chain_spec& spec, chain_start start);

/// An `every` or `alternate` schedule rule over a cyclic activity, from monitoring_start (first
/// step first_due when the rule gives it); with no monitoring_start, it is reported unknown and
/// the chain starts after the earliest record of its activities. An alternation takes the
/// activity not done last: a record of either fulfils the obligation, which shows the activity
/// done. An obligation that fell due before the pack's effective_from and was not done before it
/// falls due on effective_from instead (with a warning naming the date it fell due), so that a
/// visit owed from before the framework began is neither forgotten nor counted missing.
///
/// `where` says when the rule applies. A chain runs over each run of days on which it does, and
/// no obligation after the first falls due after the run ends. The run that reaches back to
/// monitoring_start (or before any dated change) chains from monitoring_start as above; a later
/// run — the rule came to apply on D — chains from D: the first obligation falls due one step (or
/// first_due) after D. A `while` rule always chains from the start of its run, or from the later
/// of monitoring_start and the pack's effective_from when its condition held before them, and owes
/// nothing in a run that ends before its first obligation falls due. `once` gives one obligation a
/// run.
void run_interval_rule(schedule_context& ctx, const schedule_rule& rule,
                       const rule_applicability& where);

}  // namespace qaf::detail
