// Chains of occurrences that follow each other by an interval (DOMAIN.md section 2): `every` and
// `alternate` cadences, and a trigger's obligation with its repeats.
//
// The first occurrence falls due at the chain's start; each later one one step after the previous
// one was completed, or, for one still ahead of as_of, one step after its due date. An occurrence
// is done when the history holds its activity after the previous occurrence's anchor (its
// completion, else its due date) and on or before as_of. An overdue occurrence is listed once,
// with the date it fell due, and the chain goes on as if it had been done on as_of.
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
};

struct chain_start {
  date anchor;             // the first occurrence's history window starts after this date...
  bool inclusive = false;  // ...or on it (a trigger's event day counts)
  activity_index activity = 0;
  date first_due;
};

/// Runs the chain until an occurrence would fall due after options.to (or effective_to).
void run_chain(schedule_context& ctx, const chain_spec& spec, chain_start start);

/// An `every` or `alternate` schedule rule. The chain is anchored on a completion (of either
/// activity, for alternate) before options.from: the last one whose next occurrence also fell due
/// before options.from, so that an occurrence due in the window but done before it is listed as
/// done; with none, on monitoring_start (first step first_due when the rule gives it), except
/// that an alternation with completions before the window starts from the earliest of them (the
/// one done first decides the turn); with neither, monitoring_start is reported unknown and the
/// chain is anchored on the earliest completion in the history, if any. An occurrence not done that
/// would fall due before the pack's effective_from falls due on effective_from instead (with a
/// warning naming the date it fell due before), so that a visit missed before the framework began
/// is not forgotten by it.
void run_interval_rule(schedule_context& ctx, const schedule_rule& rule);

}  // namespace qaf::detail
