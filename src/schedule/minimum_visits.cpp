#include "schedule/minimum_visits.hpp"

#include <algorithm>
#include <span>
#include <vector>

namespace qaf::detail {
namespace {

// The fewest dates of `dues` (sorted) in any 12 months [s, s + 12 months - 1 day] inside
// [from, to]. The count only drops just after a date, so the candidate starts are `from` and the
// day after each date, plus the last start that still fits.
int fewest_in_any_year(const std::vector<date>& dues, date from, date to) {
  const auto count = [&](date start) {
    const date end = add_days(add_months(start, 12), -1);
    return static_cast<int>(std::upper_bound(dues.begin(), dues.end(), end) -
                            std::lower_bound(dues.begin(), dues.end(), start));
  };
  const auto fits = [&](date start) { return !(to < add_days(add_months(start, 12), -1)); };
  int fewest = count(from);
  for (const date d : dues) {
    const date start = add_days(d, 1);
    if (fits(start)) fewest = std::min(fewest, count(start));
  }
  const date last_start = add_months(add_days(to, 1), -12);
  if (from < last_start && fits(last_start)) fewest = std::min(fewest, count(last_start));
  return fewest;
}

// The first day of the run of days, up to as_of, on which `when` has held without a break
// (date::min() when it has held since before any dated change): the days a rule with `when`
// counts over. Only called when it holds on as_of; after as_of the facts of as_of hold.
date holding_since(schedule_context& ctx, const when_clause& when) {
  if (!when.compiled) return date::min();
  const std::span<const timeline_segment> segments = ctx.timeline.segments();
  std::size_t i = ctx.timeline.index_at(ctx.options.as_of);
  while (i > 0 && ctx.timeline.in(when, segments[i - 1], nullptr) == truth::yes) --i;
  return segments[i].from;
}

}  // namespace

void check_minimum_visits(schedule_context& ctx) {
  const schedule_options& w = ctx.options;
  const pack_info& info = ctx.pack.info;
  // Only the part of a period in force is counted (DOMAIN.md section 2).
  const auto clip_from = [&](date d) { return d < info.effective_from ? info.effective_from : d; };
  const auto clip_to = [&](date d) {
    return info.effective_to && *info.effective_to < d ? *info.effective_to : d;
  };
  const date effective_from_clipped = clip_from(w.from);
  const date to = clip_to(w.to);
  const date year_ago = add_days(add_months(w.as_of, -12), 1);
  const date history_from_in_force = clip_from(year_ago);
  const date history_to = clip_to(w.as_of);
  const auto days_in_year = days_between(year_ago, w.as_of) + 1;
  for (const minimum_visits_rule& rule : ctx.pack.minimum_visits) {
    if (ctx.applies(rule.when) != truth::yes) continue;
    // A rule with `when` counts only the days its condition holds: both periods are clipped to
    // the run of days it has held up to as_of, as they are to the effective period.
    const date since = holding_since(ctx, rule.when);
    const auto clip = [&](date d) { return d < since ? since : d; };
    const date from = clip(effective_from_clipped);
    const date history_from = clip(history_from_in_force);
    const bool full_year = !(to < add_days(add_months(from, 12), -1));
    const bool part_year =
        from != w.from || to != w.to || history_from != year_ago || history_to != w.as_of;
    const auto days_in_force =
        history_to < history_from ? 0 : days_between(history_from, history_to) + 1;
    // A visit counts on the day it happened when done, else on its due date.
    std::vector<date> dues;
    for (const occurrence& o : ctx.result.occurrences) {
      const date on = o.done_on.value_or(o.due);
      if (!o.on_site || on < from || to < on) continue;
      for (const activity_index a : rule.activities) {
        if (ctx.pack.activities[a].code == o.activity) {
          dues.push_back(on);
          break;
        }
      }
    }
    std::sort(dues.begin(), dues.end());
    minimum_visits_check check;
    check.rule = rule.meta.id;
    check.source = rule.meta.source;
    check.required = rule.visits;
    check.full_year = full_year;
    check.part_year = part_year;
    if (!(to < from)) {
      check.scheduled_fewest =
          full_year ? fewest_in_any_year(dues, from, to) : static_cast<int>(dues.size());
    }
    check.scheduled_shortfall = full_year ? std::max(0, rule.visits - check.scheduled_fewest) : 0;
    if (!(history_to < history_from)) {
      for (const activity_index a : rule.activities) {
        check.done_last_12_months += ctx.history.count_between(a, history_from, history_to);
      }
    }
    // Rounded up: a part year in force still owes the visits its share of the year holds.
    check.required_in_force = static_cast<int>(
        (static_cast<std::int64_t>(rule.visits) * days_in_force + days_in_year - 1) / days_in_year);
    check.shortfall = std::max(0, check.required_in_force - check.done_last_12_months);
    ctx.result.minimum_visits.push_back(std::move(check));
  }
}

}  // namespace qaf::detail
