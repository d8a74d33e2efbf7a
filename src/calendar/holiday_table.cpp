#include "calendar/holiday_table.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "calendar/easter.hpp"
#include "calendar/gregorian.hpp"

namespace qaf::detail {
namespace {

boost::gregorian::greg_weekday to_boost(weekday w) {
  // qaf counts from Monday = 0, Boost from Sunday = 0.
  return boost::gregorian::greg_weekday(static_cast<unsigned short>((static_cast<int>(w) + 1) % 7));
}

date date_of(const holiday_rule& rule, int year) {
  const auto y = static_cast<unsigned short>(year);
  const auto m = static_cast<unsigned short>(rule.month);
  switch (rule.kind) {
    case rule_kind::fixed:
      return date::from_ymd(year, rule.month, rule.day);
    case rule_kind::first_weekday:
      return from_boost(boost::gregorian::nth_kday_of_month(
                            boost::gregorian::nth_kday_of_month::first, to_boost(rule.on), m)
                            .get_date(y));
    case rule_kind::last_weekday:
      return from_boost(boost::gregorian::last_kday_of_month(to_boost(rule.on), m).get_date(y));
    case rule_kind::days_after_easter:
      return add_days(easter_sunday(year), rule.offset);
  }
  throw std::logic_error("unknown holiday rule kind");
}

date from_table(const table_date& d) { return date::from_ymd(d.year, d.month, d.day); }

}  // namespace

std::vector<holiday> build_year(const region_rules& rules, int year) {
  std::vector<holiday> days;
  days.reserve(rules.rules.size() + 2);
  // Weekday holidays first, so that a substitute never lands on one (Christmas on a Sunday: Boxing
  // Day keeps Monday 26 and Christmas moves to Tuesday 27).
  std::vector<std::pair<const holiday_rule*, date>> to_substitute;
  for (const holiday_rule& rule : rules.rules) {
    const date d = date_of(rule, year);
    if (rule.substitute_at_weekend && d.is_weekend()) {
      to_substitute.emplace_back(&rule, d);
    } else {
      days.push_back({d, std::string(rule.name)});
    }
  }
  const auto taken = [&days](date d) {
    return std::any_of(days.begin(), days.end(), [d](const holiday& h) { return h.day == d; });
  };
  for (const auto& [rule, d] : to_substitute) {
    date substitute = add_days(d, 1);
    while (substitute.is_weekend() || taken(substitute)) substitute = add_days(substitute, 1);
    days.push_back({substitute, std::string(rule->name) + " (substitute day)"});
  }

  for (const proclaimed_change& change : rules.changes) {
    if (change.day.year != year) continue;
    const date day = from_table(change.day);
    if (!change.replaces) {
      days.push_back({day, std::string(change.name)});
      continue;
    }
    const date replaced = from_table(*change.replaces);
    const auto it = std::find_if(days.begin(), days.end(),
                                 [replaced](const holiday& h) { return h.day == replaced; });
    if (it == days.end()) {
      throw std::logic_error(std::string(rules.id) + " holiday table: the change to " +
                             day.to_string() + " replaces " + replaced.to_string() +
                             ", which is not a bank holiday");
    }
    *it = {day, std::string(change.name)};
  }

  std::sort(days.begin(), days.end(),
            [](const holiday& a, const holiday& b) { return a.day < b.day; });
  const auto twin = std::adjacent_find(
      days.begin(), days.end(), [](const holiday& a, const holiday& b) { return a.day == b.day; });
  if (twin != days.end()) {
    throw std::logic_error(std::string(rules.id) + " holiday table: two holidays on " +
                           twin->day.to_string());
  }
  return days;
}

holiday_table::holiday_table(const region_rules& rules)
    : rules_(&rules), first_day_(date::from_ymd(rules.first_year, 1, 1)) {
  const date last_day = date::from_ymd(rules.last_year, 12, 31);
  is_holiday_.assign(static_cast<std::size_t>(days_between(first_day_, last_day)) + 1, false);
  for (int y = rules.first_year; y <= rules.last_year; ++y) {
    year_begins_.push_back(holidays_.size());
    for (holiday& h : build_year(rules, y)) {
      is_holiday_[static_cast<std::size_t>(days_between(first_day_, h.day))] = true;
      holidays_.push_back(std::move(h));
    }
  }
  year_begins_.push_back(holidays_.size());
}

void holiday_table::check_year(int year) const {
  if (year < rules_->first_year || year > rules_->last_year) {
    throw std::out_of_range("no bank holidays are known for " + std::string(rules_->title) +
                            " in " + std::to_string(year) + ": the known years are " +
                            std::to_string(rules_->first_year) + "-" +
                            std::to_string(rules_->last_year));
  }
}

const holiday* holiday_table::find(date d) const {
  if (!is_holiday(d)) return nullptr;
  return &*std::lower_bound(holidays_.begin(), holidays_.end(), d,
                            [](const holiday& h, date day) { return h.day < day; });
}

bool holiday_table::is_holiday(date d) const {
  const std::int32_t offset = days_between(first_day_, d);
  if (offset < 0 || static_cast<std::size_t>(offset) >= is_holiday_.size()) {
    check_year(d.year());
    throw std::logic_error("holiday table: its days do not cover its years");
  }
  return is_holiday_[static_cast<std::size_t>(offset)];
}

std::span<const holiday> holiday_table::of_year(int year) const {
  check_year(year);
  const auto index = static_cast<std::size_t>(year - rules_->first_year);
  return std::span(holidays_).subspan(year_begins_[index],
                                      year_begins_[index + 1] - year_begins_[index]);
}

const holiday_table& holiday_table_of(const region& r) {
  // One table a region, built together on first use; a function-local static is initialised
  // exactly once even when threads race to it.
  static const std::vector<holiday_table> tables = [] {
    std::vector<holiday_table> built;
    for (const region_rules* rules : all_region_rules()) built.emplace_back(*rules);
    return built;
  }();
  const region_rules& wanted = region_access::rules_of(r);
  const auto all = all_region_rules();
  const auto it = std::find(all.begin(), all.end(), &wanted);
  return tables[static_cast<std::size_t>(it - all.begin())];
}

}  // namespace qaf::detail
