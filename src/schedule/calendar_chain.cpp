#include "schedule/calendar_chain.hpp"

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include "qaf/calendar.hpp"

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
      // Covered months from the month before `first` to the month of `last`.
      date month = add_months(first_of_month(first.year(), first.month()), -1);
      while (!(last < month)) {
        const int y = month.year();
        const int m = month.month();
        const date due_month = add_months(month, 1);
        if ((c.month_mask & (1u << m)) != 0) {
          calendar_item item;
          const roll how =
              c.roll == roll_rule::next_working_day ? roll::next_working_day : roll::none;
          item.due = day_of_month_deadline(due_month.year(), due_month.month(), c.day_of_month, how,
                                           pack.calendar);
          item.start = month;
          item.end = date::from_ymd(y, m, days_in_month(y, m));
          item.published = how == roll::none;
          if (!(last < item.due)) items.push_back(std::move(item));
        }
        month = due_month;
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

bool owed(const schedule_context& ctx, const occurrence& o) {
  if (!ctx.in_force(o)) return false;
  if (!ctx.monitoring_start) return true;
  const date decisive = o.period_end ? *o.period_end : o.due;
  return !(decisive < *ctx.monitoring_start);
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

void run_calendar_rule(schedule_context& ctx, const schedule_rule& rule) {
  if (!rule.activity) return;
  const activity_index activity = *rule.activity;
  date first = ctx.pack.info.effective_from;
  if (ctx.monitoring_start && first < *ctx.monitoring_start) first = *ctx.monitoring_start;
  const std::vector<calendar_item> items = items_of(ctx.pack, rule.cadence, first, ctx.options.to);

  // The window in which a completion satisfies the next owed occurrence starts after `anchor`
  // (on it when `inclusive`).
  std::optional<date> anchor;
  bool inclusive = false;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const calendar_item& item = items[i];
    occurrence o = ctx.make(activity, item.due, rule.meta, occurrence_origin::schedule);
    o.period_start = item.start;
    o.period_end = item.end;
    o.period_name = item.name;
    if (!owed(ctx, o)) {
      anchor = item.due;
      inclusive = false;
      continue;
    }
    if (!anchor) {
      if (item.start) {
        anchor = item.start;
        inclusive = true;
      } else if (i + 1 < items.size()) {
        anchor = add_days(item.due, -days_between(item.due, items[i + 1].due));
      } else {
        anchor = date::min();
      }
    }
    const std::optional<date> done = ctx.history.first_after(activity, *anchor, inclusive);
    add_warnings(ctx, item, o);
    ctx.emit(std::move(o), done);
    anchor = done ? *done : item.due;
    inclusive = false;
  }
}

}  // namespace qaf::detail
