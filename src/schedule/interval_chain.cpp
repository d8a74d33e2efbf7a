#include "schedule/interval_chain.hpp"

#include <algorithm>
#include <span>

#include "schedule/due_date.hpp"

namespace qaf::detail {
namespace {

activity_index next_activity(const chain_spec& spec, activity_index current) {
  if (spec.activities.size() != 2) return current;
  return current == spec.activities[0] ? spec.activities[1] : spec.activities[0];
}

// The first unclaimed bring-forward of one of the chain's activities whose event happened before
// the occurrence falls due, unless its activity was done after the previous anchor but before
// the event (the event then concerns a later occurrence).
bring_forward* find_bring_forward(schedule_context& ctx, const chain_spec& spec, date anchor,
                                  date due) {
  bring_forward* chosen = nullptr;
  for (bring_forward& bf : ctx.bring_forwards) {
    if (bf.claimed || !(bf.event_on < due)) continue;
    if (std::find(spec.activities.begin(), spec.activities.end(), bf.activity) ==
        spec.activities.end())
      continue;
    if (chosen == nullptr || bf.event_on < chosen->event_on) chosen = &bf;
  }
  if (chosen == nullptr) return nullptr;
  const std::optional<date> before = ctx.history.first_after(chosen->activity, anchor, false);
  if (before && *before < chosen->event_on) return nullptr;
  return chosen;
}

}  // namespace

void run_chain(schedule_context& ctx, const chain_spec& spec, chain_start start) {
  date anchor = start.anchor;
  bool inclusive = start.inclusive;
  activity_index activity = start.activity;
  date base = start.base;
  int k = start.k;
  const date effective_from = ctx.pack.info.effective_from;
  const auto due_at = [&](int steps) {
    return steps == 0 || !spec.interval ? base : add_steps(base, *spec.interval, steps);
  };
  date due = due_at(k);
  // A chain cannot have more occurrences than days in the supported range; the guard only
  // protects against a step that makes no progress.
  for (int guard = 0; guard < 1'000'000; ++guard) {
    const rule_meta* meta = spec.meta;
    occurrence_origin origin = spec.origin;
    std::vector<occurrence_warning> warnings;
    if (guard == 0) warnings = spec.warnings;
    date window_start = anchor;
    bool window_inclusive = inclusive;
    activity_index wanted = activity;
    std::span<const activity_index> takes = spec.activities;
    if (spec.brings_forward) {
      if (bring_forward* bf = find_bring_forward(ctx, spec, anchor, due)) {
        if (bf->deadline < due) {
          // The obligation takes the place of the chain's next occurrence: its activity, due by
          // the deadline, done by a record on or after the event.
          bf->claimed = true;
          warnings.push_back({"brought_forward",
                              "brought forward by trigger " + bf->trigger->id +
                                  " after the event of " + bf->event_on.to_string() + "; rule " +
                                  spec.meta->id + " had " + ctx.pack.activities[activity].code +
                                  " due on " + due.to_string()});
          meta = bf->trigger;
          origin = occurrence_origin::trigger;
          wanted = bf->activity;
          takes = std::span<const activity_index>(&bf->activity, 1);
          due = bf->deadline;
          window_start = bf->event_on;
          window_inclusive = true;
        } else if (bf->activity == activity) {
          bf->claimed = true;  // the scheduled occurrence already falls due by the deadline
        }
      }
    }
    if (ctx.horizon < due || ctx.after_effective_period(due)) break;
    if (guard > 0 && spec.last_due && *spec.last_due < due) break;  // the first always stands
    completion* match = ctx.completions.naming_due(takes, due);
    if (match == nullptr) match = ctx.completions.next(takes, window_start, window_inclusive);
    std::optional<date> done;
    std::optional<std::string> outcome;
    bool preceded = true;
    if (match != nullptr) {
      match->used = true;
      done = match->on;
      wanted = match->activity;
      outcome = match->record->outcome;
      if (match->counted_as) {
        warnings.push_back({"counts_as", "fulfilled by the " + match->record->activity + " of " +
                                             match->on.to_string() +
                                             ", a follow-up the pack counts as " +
                                             ctx.pack.activities[match->activity].code});
        // The follow-up's own occurrence owes what falls due before the visit, if anything does.
        for (std::size_t a = 0; a < ctx.pack.preceded.size(); ++a) {
          if (ctx.pack.preceded[a] && ctx.pack.activities[a].code == match->record->activity) {
            preceded = false;
          }
        }
      }
    }
    const date fell_due = due;
    if (spec.redate_before_effective && due < effective_from &&
        (!done || !(*done < effective_from))) {
      warnings.push_back({"before_effective_period", "fell due on " + due.to_string() +
                                                         ", before the pack came into force on " +
                                                         effective_from.to_string() +
                                                         "; due on its first day instead"});
      due = effective_from;
    }
    occurrence o = ctx.make(wanted, due, *meta, origin);
    o.warnings = std::move(warnings);
    o.outcome = std::move(outcome);
    ctx.emit(std::move(o), done, false, nullptr, preceded);
    if (!spec.interval) break;
    if (done || fell_due < ctx.options.as_of) {
      // Done, or overdue and going on as if done on as_of: the next is one step after.
      anchor = done ? *done : ctx.options.as_of;
      base = anchor;
      k = 1;
    } else if (fell_due != due_at(k)) {
      // Brought forward and still ahead: the chain goes on one step after it.
      anchor = fell_due;
      base = fell_due;
      k = 1;
    } else {
      // Still ahead: the next is one more step from the same anchor.
      anchor = fell_due;
      ++k;
    }
    inclusive = false;
    activity = next_activity(spec, wanted);
    const date next_due = due_at(k);
    if (!(fell_due < next_due)) break;  // clamped at the end of the supported range
    due = next_due;
  }
}

void run_interval_rule(schedule_context& ctx, const schedule_rule& rule,
                       const rule_applicability& where) {
  chain_spec spec;
  spec.meta = &rule.meta;
  spec.origin = occurrence_origin::schedule;
  if (rule.cadence.type == cadence_type::alternate) {
    spec.activities = rule.cadence.alternates;
  } else if (rule.activity) {
    spec.activities = {*rule.activity};
  }
  if (spec.activities.empty()) return;
  if (!rule.cadence.once) spec.interval = rule.cadence.interval;
  spec.brings_forward = true;
  spec.redate_before_effective = true;
  const bool held = rule.while_condition.compiled.has_value();
  const auto first_step = [&](date from) {
    return rule.cadence.first_due ? add_step(from, *rule.cadence.first_due)
                                  : add_step(from, rule.cadence.interval);
  };

  for (const condition_span& run : where.holds) {
    spec.last_due = run.to == date::max() ? std::nullopt : std::optional<date>(run.to);
    const bool from_start =
        run.from == date::min() || (ctx.monitoring_start && !(*ctx.monitoring_start < run.from));
    chain_start start;
    if (held) {
      // A state that held before the provider was monitored, or before the framework, counts from
      // the later of the two.
      date from = run.from;
      if (ctx.monitoring_start && from < *ctx.monitoring_start) from = *ctx.monitoring_start;
      if (from < ctx.pack.info.effective_from) from = ctx.pack.info.effective_from;
      if (spec.last_due && *spec.last_due < first_step(from)) continue;
      start = {from, true, spec.activities.front(), first_step(from), 0};
    } else if (!from_start) {
      start = {run.from, true, spec.activities.front(), first_step(run.from), 0};
    } else if (ctx.monitoring_start) {
      start.anchor = *ctx.monitoring_start;
      start.activity = spec.activities.front();
      if (rule.cadence.first_due) {
        start.base = add_step(*ctx.monitoring_start, *rule.cadence.first_due);
        start.k = 0;
      } else {
        start.base = *ctx.monitoring_start;
        start.k = 1;
      }
    } else {
      ctx.report_unknown("monitoring_start");
      // The obligation the earliest record fulfilled cannot be placed; the chain after it can.
      completion* first = ctx.completions.next(spec.activities, date::min(), true);
      if (first == nullptr) continue;
      first->used = true;
      start.anchor = first->on;
      start.activity = next_activity(spec, first->activity);
      start.base = first->on;
      start.k = 1;
    }
    run_chain(ctx, spec, start);
  }
}

}  // namespace qaf::detail
