// A region's bank holidays as data: the rules that give each year's ordinary holidays, and the
// changes proclaimed for particular years. Every region is one region_rules table (see
// england_and_wales.cpp); nothing in the calendar code knows any region by name.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "qaf/calendar.hpp"
#include "qaf/date.hpp"

namespace qaf::detail {

/// How an ordinary holiday's date is found in a given year.
enum class rule_kind : std::uint8_t {
  fixed,              // month/day
  first_weekday,      // the first `on` of `month`
  last_weekday,       // the last `on` of `month`
  days_after_easter,  // Easter Sunday + `offset` days (Good Friday is -2)
};

/// One ordinary holiday, held every year.
struct holiday_rule {
  std::string_view name;
  rule_kind kind;
  int month = 0;
  int day = 0;
  weekday on = weekday::monday;
  int offset = 0;
  /// When the date falls at a weekend, the holiday moves to the first following weekday that is
  /// not already a holiday, named "<name> (substitute day)". Weekend holidays are substituted in
  /// rule order after every weekday holiday is placed, so that Christmas on a Sunday gives Boxing
  /// Day on Monday 26 and the Christmas substitute on Tuesday 27.
  bool substitute_at_weekend = false;
};

constexpr holiday_rule fixed(std::string_view name, int month, int day, bool substitute) {
  return {.name = name,
          .kind = rule_kind::fixed,
          .month = month,
          .day = day,
          .substitute_at_weekend = substitute};
}
constexpr holiday_rule first_weekday(std::string_view name, weekday on, int month) {
  return {.name = name, .kind = rule_kind::first_weekday, .month = month, .on = on};
}
constexpr holiday_rule last_weekday(std::string_view name, weekday on, int month) {
  return {.name = name, .kind = rule_kind::last_weekday, .month = month, .on = on};
}
constexpr holiday_rule days_after_easter(std::string_view name, int offset) {
  return {.name = name, .kind = rule_kind::days_after_easter, .offset = offset};
}

/// A calendar date written in a table, checked when the table is built.
struct table_date {
  int year;
  int month;
  int day;
};

/// A change proclaimed for one year. With `replaces` set, the ordinary holiday on that date is
/// moved to `day`; without it, `day` is an extra holiday.
struct proclaimed_change {
  std::optional<table_date> replaces;
  table_date day;
  std::string_view name;
};

struct region_rules {
  std::string_view id;
  std::string_view title;
  int first_year;
  int last_year;
  std::span<const holiday_rule> rules;
  std::span<const proclaimed_change> changes;
};

/// The tables, one a file.
const region_rules& england_and_wales_rules() noexcept;

/// Every region's table, in the order their ids are listed in messages.
std::span<const region_rules* const> all_region_rules() noexcept;

/// Gives the calendar code the rules behind a region value.
struct region_access {
  static const region_rules& rules_of(const region& r) noexcept { return *r.rules_; }
  static region make(const region_rules& rules) noexcept { return region(&rules); }
};

}  // namespace qaf::detail
