#include "schedule/obligations.hpp"

#include <algorithm>
#include <string_view>
#include <vector>

#include "schedule/due_date.hpp"
#include "schedule/interval_chain.hpp"

namespace qaf::detail {
namespace {

std::string_view event_name(event_type type) {
  switch (type) {
    case event_type::regulator_rating_changed:
      return "regulator_rating_changed";
    case event_type::registered_manager_changed:
      return "registered_manager_changed";
    case event_type::concern_raised:
      return "concern_raised";
    case event_type::return_missed:
      return "return_missed";
  }
  return "";
}

bool matches(const trigger& t, const event& e) {
  if (e.type != event_name(t.event)) return false;
  for (const event_match& m : t.match) {
    const auto field = e.details.find(m.field);
    if (field == e.details.end()) return false;
    bool any = false;
    for (const std::string& v : m.values) any = any || v == field->second;
    if (!any) return false;
  }
  return true;
}

bool in_effective_period(const schedule_context& ctx, date d) {
  return !(d < ctx.pack.info.effective_from) && !ctx.after_effective_period(d);
}

// The first event of the same type after `e`, which ends a repetition that `e` started.
std::optional<date> next_event_of_type(const schedule_context& ctx, const event& e) {
  std::optional<date> next;
  for (const event& other : ctx.record.events) {
    if (&other == &e || other.type != e.type || !(e.on < other.on) || ctx.options.as_of < other.on)
      continue;
    if (!next || other.on < *next) next = other.on;
  }
  return next;
}

}  // namespace

void collect_triggers(schedule_context& ctx) {
  std::vector<const event*> events;
  for (const event& e : ctx.record.events) events.push_back(&e);
  for (const event& e : ctx.missed_returns) events.push_back(&e);
  for (const trigger& t : ctx.pack.triggers) {
    for (const event* event_of : events) {
      const event& e = *event_of;
      if (ctx.options.as_of < e.on || !in_effective_period(ctx, e.on) || !matches(t, e)) continue;
      // Decided with the facts in force on the event's day (DOMAIN.md section 2).
      if (ctx.applies_on(t.when, e.on) != truth::yes) continue;
      std::vector<date> deadlines;
      for (const obligation& ob : t.obligations) {
        date deadline = apply_due(ob.due, e.on, ctx.pack.calendar);
        std::vector<occurrence_warning> warnings;
        if (ob.follows && *ob.follows < deadlines.size() && deadline < deadlines[*ob.follows]) {
          const date before = deadlines[*ob.follows];
          warnings.push_back(
              {"follows", "due " + before.to_string() + " rather than " + deadline.to_string() +
                              ": it follows " +
                              ctx.pack.activities[t.obligations[*ob.follows].activity].code +
                              ", due then"});
          deadline = before;
        }
        deadlines.push_back(deadline);
        if (ob.brings_forward) {
          ctx.bring_forwards.push_back({ob.activity, e.on, deadline, &t.meta, false});
          continue;
        }
        chain_spec spec;
        spec.meta = &t.meta;
        spec.origin = occurrence_origin::trigger;
        spec.activities = {ob.activity};
        if (ob.repeat) {
          const truth holds = ctx.applies(ob.repeat->while_condition);
          if (holds != truth::unknown) {
            spec.interval = ob.repeat->interval;
            spec.last_due = next_event_of_type(ctx, e);
            if (holds == truth::no && (!spec.last_due || ctx.options.as_of < *spec.last_due)) {
              spec.last_due = ctx.options.as_of;
            }
          }
        }
        spec.warnings = std::move(warnings);
        run_chain(ctx, spec, {e.on, true, ob.activity, deadline, 0});
      }
    }
  }
}

void emit_unclaimed_bring_forwards(schedule_context& ctx) {
  for (const bring_forward& bf : ctx.bring_forwards) {
    if (bf.claimed) continue;
    chain_spec spec;
    spec.meta = bf.trigger;
    spec.origin = occurrence_origin::trigger;
    spec.activities = {bf.activity};
    run_chain(ctx, spec, {bf.event_on, true, bf.activity, bf.deadline, 0});
  }
}

void run_follow_ups(schedule_context& ctx) {
  for (const follow_up& f : ctx.pack.follow_ups) {
    // The days it was done come from the history, which counting a completion as another
    // activity (counts_as) leaves as it is.
    const std::span<const date> meetings = ctx.history.of(f.after);
    const std::span<const activity_index> takes(&f.activity, 1);
    for (const date meeting : meetings) {
      // Owed only where the follow-up's condition holds on the day of the activity it follows.
      if (ctx.applies_on(f.when, meeting) != truth::yes) continue;
      const date due = apply_due(f.due, meeting, ctx.pack.calendar);
      // From the pool, so that a record fulfils one obligation: a re-audit is not also the
      // routine audit. A follow-up of the activity it follows is done by a later one.
      completion* match = ctx.completions.naming_due(takes, due);
      if (match == nullptr) match = ctx.completions.next(takes, meeting, f.activity != f.after);
      std::optional<date> done_on;
      occurrence o = ctx.make(f.activity, due, f.meta, occurrence_origin::follow_up);
      if (match != nullptr) {
        match->used = true;
        done_on = match->on;
        o.outcome = match->record->outcome;
        if (f.counts_as) ctx.completions.count_as(*match, *f.counts_as);
      }
      ctx.emit(std::move(o), done_on);
    }
  }
}

void run_before_rule(schedule_context& ctx, const schedule_rule& rule,
                     const rule_applicability& where) {
  if (!rule.activity) return;
  const std::span<const activity_index> takes(&*rule.activity, 1);
  std::vector<date> preceded;
  for (const auto& [activity, due] : ctx.preceded_entries) {
    if (activity == rule.cadence.precedes) preceded.push_back(due);
  }
  std::sort(preceded.begin(), preceded.end());
  preceded.erase(std::unique(preceded.begin(), preceded.end()), preceded.end());
  date previous = date::min();
  for (const date entry : preceded) {
    const date after = previous;
    previous = entry;
    // Owed where the rule applies on the day the activity it precedes falls due.
    if (!where.on(ctx.timeline, entry)) continue;
    const date due = apply_due_before(rule.cadence.offset, entry, ctx.pack.calendar);
    // Done by a record after the previous occurrence of the activity it precedes: the
    // self-assessment returned for this audit, not for the last one.
    completion* match = ctx.completions.naming_due(takes, due);
    if (match == nullptr) match = ctx.completions.next(takes, after, false);
    std::optional<date> done_on;
    occurrence o = ctx.make(*rule.activity, due, rule.meta, occurrence_origin::schedule);
    if (match != nullptr) {
      match->used = true;
      done_on = match->on;
      o.outcome = match->record->outcome;
    }
    o.warnings.push_back(
        {"before", ctx.pack.activities[rule.cadence.precedes].code + " due " + entry.to_string()});
    ctx.emit(std::move(o), done_on);
  }
}

}  // namespace qaf::detail
