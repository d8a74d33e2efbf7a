#include "schedule/calendar_chain.hpp"

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include "qaf/calendar.hpp"
#include "schedule/due_date.hpp"

namespace qaf::detail {
namespace {

struct calendar_item {
  date due;
  std::optional<date> start;
  std::optional<date> end;
  std::string name;
  const deadline* entry = nullptr;  // from a deadline table
  bool published = false;           // a date the pack states rather than one qaf rolled
};

date first_of_month(int year, int month) { return date::from_ymd(year, month, 1); }

// Every calendar date of the cadence due no later than `last`, from about `first` on, in order.
std::vector<calendar_item> items_of(const pack_data& pack, const cadence& c, date first,
                                    date last) {
  std::vector<calendar_item> items;
  switch (c.type) {
    case cadence_type::monthly_by_day: {
      // Covered months from the month before `first` to the month of `last`. The months are
      // counted as numbers and their first days by adding their lengths: a provider's ledger
      // holds a period a month since monitoring_start, and date arithmetic for each was a third
      // of making them.
      date month = add_months(first_of_month(first.year(), first.month()), -1);
      int y = month.year();
      int m = month.month();
      const int last_y = last.year();
      const int last_m = last.month();
      const int max_y = date::max().year();
      const roll how = c.roll == roll_rule::next_working_day ? roll::next_working_day : roll::none;
      while (y < last_y || (y == last_y && m <= last_m)) {
        const int due_y = m == 12 ? y + 1 : y;
        const int due_m = m == 12 ? 1 : m + 1;
        // Past the last supported month: add_months says so (date_error), as it always has.
        if (due_y > max_y) static_cast<void>(add_months(month, 1));
        const int length = days_in_month(y, m);
        if ((c.month_mask & (1u << m)) != 0) {
          calendar_item item;
          item.due = day_of_month_deadline(due_y, due_m, c.day_of_month, how, pack.calendar);
          item.start = month;
          item.end = add_days(month, length - 1);
          item.published = how == roll::none;
          if (!(last < item.due)) items.push_back(std::move(item));
        }
        month = add_days(month, length);
        y = due_y;
        m = due_m;
      }
      break;
    }
    case cadence_type::termly: {
      const date earliest = add_days(add_months(first, -12), -std::abs(c.offset_days));
      for (const school_term& term :
           pack.terms.ending_in(earliest, add_days(last, std::abs(c.offset_days)))) {
        calendar_item item;
        item.due = add_days(term.end, c.offset_days);
        item.start = term.start;
        item.end = term.end;
        item.name = term.name;
        item.published = true;
        if (!(last < item.due)) items.push_back(std::move(item));
      }
      break;
    }
    case cadence_type::quarterly:
      if (!c.table) {
        financial_quarter quarter = financial_quarter::containing(add_months(first, -12));
        for (;;) {
          calendar_item item;
          item.due = add_days(quarter.end(), c.offset_days);
          if (last < item.due) break;
          item.start = quarter.start();
          item.end = quarter.end();
          item.name = quarter.to_string();
          item.published = true;
          items.push_back(std::move(item));
          quarter = quarter.next();
        }
        break;
      }
      [[fallthrough]];
    case cadence_type::calendar:
      if (c.table && *c.table < pack.deadline_tables.size()) {
        for (const deadline& d : pack.deadline_tables[*c.table].deadlines) {
          if (last < d.due) break;
          calendar_item item;
          item.due = d.due;
          item.start = d.start;
          item.end = d.end;
          item.name = d.period;
          item.entry = &d;
          item.published = true;
          items.push_back(std::move(item));
        }
      }
      break;
    default:
      break;
  }
  return items;
}

// Owed under the provider's contract: when monitoring_start is known, the period ends (else the
// date falls due) on or after it. Whether the pack is in force is emit's question.
bool owed(const schedule_context& ctx, const calendar_item& item) {
  if (!ctx.monitoring_start) return true;
  const date decisive = item.end ? *item.end : item.due;
  return !(decisive < *ctx.monitoring_start);
}

// Whether the record already holds a return_missed event for this item: one dated from the start
// of its period (else its due date) to 30 days after its due date. The ledger then adds none.
bool reported_missed(const provider& record, const calendar_item& item) {
  const date first = item.start.value_or(item.due);
  const date last = add_days(item.due, 30);
  return std::any_of(record.events.begin(), record.events.end(), [&](const event& e) {
    return e.type == "return_missed" && !(e.on < first) && !(last < e.on);
  });
}

// Whether a record that names what it fulfils names this period or due date.
bool names(const activity_record& record, const calendar_item& item) {
  if (record.due) return *record.due == item.due;
  if (record.period_start && item.start != record.period_start) return false;
  if (record.period_end && item.end != record.period_end) return false;
  return record.period_start || record.period_end;
}

void add_warnings(const schedule_context& ctx, const calendar_item& item, occurrence& o) {
  const region& where = ctx.pack.calendar.holiday_region();
  if (item.published && item.due.year() >= where.first_year() &&
      item.due.year() <= where.last_year()) {
    if (std::optional<std::string> holiday = ctx.pack.calendar.holiday_name(item.due)) {
      o.warnings.push_back({"non_working_day", item.due.to_string() + " is not a working day (" +
                                                   *holiday + "); the date is kept as published"});
    }
  }
  if (item.entry != nullptr && item.entry->interpretation && !item.entry->published.empty()) {
    o.warnings.push_back({"corrected_date", "the source prints '" + item.entry->published + "'; " +
                                                (item.entry->note.empty() ? "the pack corrected it"
                                                                          : item.entry->note)});
  }
}

}  // namespace

void run_calendar_rule(schedule_context& ctx, const schedule_rule& rule,
                       const rule_applicability& where) {
  if (!rule.activity) return;
  const activity_index activity = *rule.activity;
  std::vector<calendar_item> items;
  if (rule.cadence.type == cadence_type::every) {
    // Consecutive periods of one step from monitoring_start, each due when it ends.
    if (!ctx.monitoring_start) {
      ctx.report_unknown("monitoring_start");
      return;
    }
    for (int k = 0;; ++k) {
      calendar_item item;
      item.start = add_steps(*ctx.monitoring_start, rule.cadence.interval, k);
      item.due = add_steps(*ctx.monitoring_start, rule.cadence.interval, k + 1);
      if (ctx.horizon < item.due || !(*item.start < item.due)) break;
      item.end = add_days(item.due, -1);
      items.push_back(std::move(item));
    }
  } else {
    const date first = ctx.monitoring_start.value_or(ctx.pack.info.effective_from);
    items = items_of(ctx.pack, rule.cadence, first, ctx.horizon);
  }
  std::erase_if(items, [&](const calendar_item& item) {
    return !owed(ctx, item) || !where.on(ctx.timeline, item.end ? *item.end : item.due);
  });

  // Matching: records that name a period or due date first, then the others in date order, each
  // the earliest outstanding period that has ended on or before the record's date (for a date
  // without a period, the previous due date ends it).
  std::vector<std::optional<date>> done(items.size());
  std::vector<const activity_record*> done_by(items.size(), nullptr);  // for the outcome it gives
  const std::span<completion* const> records = ctx.completions.of(activity);
  for (completion* c : records) {
    if (c->used || !c->named()) continue;
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (!done[i] && names(*c->record, items[i])) {
        done[i] = c->on;
        done_by[i] = c->record;
        c->used = true;
        break;
      }
    }
  }
  std::size_t open = 0;
  for (completion* c : records) {
    if (c->used || c->named()) continue;
    while (open < items.size() && done[open]) ++open;
    if (open == items.size()) break;
    const calendar_item& item = items[open];
    const date ended = item.end ? *item.end : (open > 0 ? items[open - 1].due : date::min());
    if (c->on < ended) continue;  // a return cannot be for a period not yet over
    done[open] = c->on;
    done_by[open] = c->record;
    c->used = true;
  }

  // A KPI return (section 5) fulfils the period of the activity the pack links to its KPIs: the
  // period it overlaps and reaches the end of. It says nothing of when it was sent, so the period
  // shows done on its due date with a kpi_return warning saying so; a dated history record of the
  // activity, which says when, has matched first.
  std::vector<bool> by_kpi_return(items.size(), false);
  if (ctx.pack.consequences.return_activity == activity) {
    for (const data_return& r : ctx.record.returns) {
      if (ctx.options.as_of < r.end) continue;
      for (std::size_t i = 0; i < items.size(); ++i) {
        const calendar_item& item = items[i];
        if (done[i] || !item.start || !item.end) continue;
        if (r.end < *item.start || *item.end < r.start || r.end < *item.end) continue;
        done[i] = item.due;
        by_kpi_return[i] = true;
        break;
      }
    }
  }
  for (std::size_t i = 0; i < items.size(); ++i) {
    const calendar_item& item = items[i];
    occurrence o = ctx.make_unnamed(activity, item.due, occurrence_origin::schedule);
    o.period_start = item.start;
    o.period_end = item.end;
    if (!done[i] && item.due < ctx.options.as_of && ctx.in_force(o) &&
        !reported_missed(ctx.record, item)) {
      ctx.missed_returns.push_back({"return_missed",
                                    add_days(item.due, 1),
                                    {{"activity", ctx.pack.activities[activity].code}}});
    }
    // Most periods lie outside the window: their names, outcomes and warnings are written only
    // for the entries the result keeps.
    const date unrolled = o.due;
    if (!ctx.settle(o, done[i], item.entry != nullptr)) continue;
    o.period_name = item.name;
    if (done_by[i] != nullptr) o.outcome = done_by[i]->outcome;
    add_warnings(ctx, item, o);
    if (by_kpi_return[i]) {
      o.warnings.push_back(
          {"kpi_return", "fulfilled by the KPI return for " + item.start->to_string() + "/" +
                             item.end->to_string() + ", which does not say when it was sent"});
    }
    ctx.keep(std::move(o), unrolled, &rule.meta);
  }
}

}  // namespace qaf::detail
