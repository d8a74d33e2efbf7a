#include "schedule/interval_chain.hpp"

#include <algorithm>

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

std::string day_text(date d) { return d.to_string(); }

}  // namespace

void run_chain(schedule_context& ctx, const chain_spec& spec, chain_start start) {
  date anchor = start.anchor;
  bool inclusive = start.inclusive;
  activity_index activity = start.activity;
  date due = start.first_due;
  const date effective_from = ctx.pack.info.effective_from;
  // A chain cannot have more occurrences than days in the supported range; the guard only
  // protects against a step that makes no progress.
  for (int guard = 0; guard < 1'000'000; ++guard) {
    const rule_meta* meta = spec.meta;
    occurrence_origin origin = spec.origin;
    std::vector<occurrence_warning> warnings;
    date window_start = anchor;
    bool window_inclusive = inclusive;
    if (spec.brings_forward) {
      if (bring_forward* bf = find_bring_forward(ctx, spec, anchor, due)) {
        if (bf->deadline < due) {
          // The obligation takes the place of the chain's next occurrence: its activity, due by
          // the deadline, done by a completion on or after the event.
          bf->claimed = true;
          warnings.push_back(
              {"brought_forward", "brought forward by trigger " + bf->trigger->id +
                                      " after the event of " + day_text(bf->event_on) + "; rule " +
                                      spec.meta->id + " had " + ctx.pack.activities[activity].code +
                                      " due on " + day_text(due)});
          meta = bf->trigger;
          origin = occurrence_origin::trigger;
          activity = bf->activity;
          due = bf->deadline;
          window_start = bf->event_on;
          window_inclusive = true;
        } else if (bf->activity == activity) {
          bf->claimed = true;  // the scheduled occurrence already falls due by the deadline
        }
      }
    }
    if (ctx.options.to < due || ctx.after_effective_period(due)) break;
    if (guard > 0 && spec.last_due && *spec.last_due < due) break;  // the first always stands
    const std::optional<date> done =
        ctx.history.first_after(activity, window_start, window_inclusive);
    if (spec.redate_before_effective && !done && due < effective_from) {
      warnings.push_back({"before_effective_period",
                          "fell due on " + day_text(due) + ", before the pack came into force on " +
                              day_text(effective_from) + "; due on its first day instead"});
      due = effective_from;
    }
    occurrence o = ctx.make(activity, due, *meta, origin);
    o.warnings = std::move(warnings);
    ctx.emit(std::move(o), done);
    if (!spec.interval) break;
    const date next_anchor = done ? *done : (due < ctx.options.as_of ? ctx.options.as_of : due);
    const date next_due = add_step(next_anchor, *spec.interval);
    if (!(next_anchor < next_due)) break;  // clamped at the end of the supported range
    anchor = next_anchor;
    inclusive = false;
    activity = next_activity(spec, activity);
    due = next_due;
  }
}

void run_interval_rule(schedule_context& ctx, const schedule_rule& rule) {
  chain_spec spec;
  spec.meta = &rule.meta;
  spec.origin = occurrence_origin::schedule;
  if (rule.cadence.type == cadence_type::alternate) {
    spec.activities = rule.cadence.alternates;
  } else if (rule.activity) {
    spec.activities = {*rule.activity};
  }
  if (spec.activities.empty()) return;
  spec.interval = rule.cadence.interval;
  spec.brings_forward = true;
  spec.redate_before_effective = true;

  // The anchor: the last completion (of either activity, for alternate) before the window whose
  // next occurrence also fell due before the window. Each completion anchors the occurrence after
  // it, so the chain from there is the chain from monitoring_start; anchoring on an earlier
  // completion than the very last keeps an occurrence due in the window but done early, before
  // it, in the list, so a schedule over [a, c] is the union of those over [a, b] and [b, c].
  struct completion {
    date on;
    activity_index activity;
  };
  std::vector<completion> before;
  for (const activity_index a : spec.activities) {
    for (const date d : ctx.history.of(a)) {
      if (d < ctx.options.from) before.push_back({d, a});
    }
  }
  std::sort(before.begin(), before.end(), [&](const completion& x, const completion& y) {
    if (x.on != y.on) return x.on < y.on;
    return x.activity == spec.activities.front() && y.activity != spec.activities.front();
  });
  chain_start start;
  bool anchored = false;
  // Latest first. (An index loop: clang 14 cannot compile std::views::reverse over libstdc++ 12.)
  for (std::size_t i = before.size(); i-- > 0;) {
    const auto& done = before[i];
    const date next = add_step(done.on, rule.cadence.interval);
    if (next < ctx.options.from) {
      start.anchor = done.on;
      start.activity = next_activity(spec, done.activity);
      start.first_due = next;
      anchored = true;
      break;
    }
  }
  if (!anchored && !before.empty() && (spec.activities.size() == 2 || !ctx.monitoring_start)) {
    // Alternation follows what was done: from the earliest completion, the other activity next
    // (monitoring_start would put A first even where B was done first).
    start.anchor = before.front().on;
    start.activity = next_activity(spec, before.front().activity);
    start.first_due = add_step(before.front().on, rule.cadence.interval);
    anchored = true;
    if (!ctx.monitoring_start) ctx.report_unknown("monitoring_start");
  }
  if (!anchored && ctx.monitoring_start) {
    start.anchor = *ctx.monitoring_start;
    start.activity = spec.activities.front();
    start.first_due =
        add_step(*ctx.monitoring_start, rule.cadence.first_due.value_or(rule.cadence.interval));
  } else if (!anchored) {
    ctx.report_unknown("monitoring_start");
    // The occurrence the earliest completion satisfied cannot be placed; the chain after it can.
    std::optional<completion> first;
    for (const activity_index a : spec.activities) {
      const std::span<const date> dates = ctx.history.of(a);
      if (!dates.empty() && (!first || dates.front() < first->on))
        first = completion{dates.front(), a};
    }
    if (!first) return;
    start.anchor = first->on;
    start.activity = next_activity(spec, first->activity);
    start.first_due = add_step(first->on, rule.cadence.interval);
  }
  if (!(start.anchor < start.first_due)) return;
  run_chain(ctx, spec, start);
}

}  // namespace qaf::detail
