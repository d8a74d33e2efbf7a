// The UK working-day calendar: regions, their bank holidays, and working-day arithmetic.
//
// A working day is Monday to Friday and not a bank holiday of the region and not one of the
// calendar's own closure days. Bank holidays are built in, from each region's rules and the
// exceptions proclaimed so far, for the region's known years (England and Wales: 1995-2100);
// asking about a date outside them throws std::out_of_range rather than guessing.
//
//   const qaf::working_calendar calendar;                  // England and Wales, no closure days
//   calendar.add_working_days(qaf::date::parse("2024-12-24"), 1);   // 2024-12-27
//   calendar.same_working_day(qaf::date::parse("2024-03-29"));      // 2024-04-02 (after Easter)
//   calendar.holiday_name(qaf::date::parse("2024-03-29"));          // "Good Friday"
//   for (const qaf::holiday& h : qaf::bank_holidays(2024)) std::cout << h.day << ' ' << h.name;
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "qaf/date.hpp"

namespace qaf {

namespace detail {
struct region_rules;
struct region_access;
}  // namespace detail

/// A part of the UK with its own bank holidays. Each region is a table of rules and proclaimed
/// exceptions inside the library, so adding Scotland or Northern Ireland is adding a table.
/// Only England and Wales so far. A small value: copy it freely.
class region {
 public:
  /// England and Wales, the default everywhere a region is optional.
  region() noexcept;
  static region england_and_wales() noexcept;
  /// The region with this id ("england_and_wales"); throws std::invalid_argument naming the
  /// known ids otherwise.
  static region parse(std::string_view id);
  static std::optional<region> try_parse(std::string_view id, std::string* why = nullptr);

  /// The id used in packs and on the command line: "england_and_wales".
  std::string_view id() const noexcept;
  /// The name for people: "England and Wales".
  std::string_view title() const noexcept;
  /// The years whose bank holidays are known, inclusive: 1995 and 2100 for England and Wales.
  int first_year() const noexcept;
  int last_year() const noexcept;

  bool operator==(const region&) const noexcept = default;

 private:
  friend struct detail::region_access;
  explicit region(const detail::region_rules* rules) noexcept : rules_(rules) {}
  const detail::region_rules* rules_;
};

/// A bank holiday: its date and its name as gov.uk writes it ("Spring bank holiday",
/// "Christmas Day (substitute day)").
struct holiday {
  date day;
  std::string name;

  bool operator==(const holiday&) const = default;
};

/// The bank holidays of `year` in `where`, in date order. Throws std::out_of_range outside the
/// region's known years.
std::vector<holiday> bank_holidays(int year, const region& where = region());

/// Working days of one region, less a set of extra closure days (a council's or a pack's own).
/// Immutable; copies share their closure days, so it is cheap to pass by value and safe to share
/// between threads. Every query throws std::out_of_range for a date outside the region's known
/// years, weekends included, so that no answer silently ignores a bank holiday.
class working_calendar {
 public:
  /// England and Wales with no closure days.
  working_calendar() = default;
  explicit working_calendar(region where, std::vector<date> closure_days = {});

  const region& holiday_region() const noexcept { return region_; }
  /// The closure days, sorted, without duplicates.
  std::span<const date> closure_days() const noexcept;

  /// Monday to Friday, not a bank holiday, not a closure day.
  bool is_working_day(date d) const;
  /// Why `d` is a holiday: the bank holiday's name, "closure day" for one of this calendar's
  /// closure days, std::nullopt on any other day (a weekend has no name).
  std::optional<std::string> holiday_name(date d) const;

  /// "Within N working days of D": the N-th working day after D; D itself never counts, whether
  /// or not it is a working day, so add_working_days(Saturday, 1) is the next working day.
  /// A negative n counts back: the |n|-th working day before D. n == 0 gives D unchanged.
  date add_working_days(date d, int n) const;
  /// "The same working day as D": D if it is a working day, else the next working day.
  date same_working_day(date d) const { return next_working_day_on_or_after(d); }
  /// The first working day on or after D.
  date next_working_day_on_or_after(date d) const;

 private:
  qaf::region region_;
  std::shared_ptr<const std::vector<date>> closure_days_;
};

/// add_working_days on the working calendar of `where` with no closure days.
date add_working_days(date d, int n, const region& where = region());

/// "Within 24 hours of D": D + 1 calendar day, whatever day that is.
constexpr date within_24_hours(date d) { return add_days(d, 1); }

/// What a day-of-month deadline does when it falls on a day that is not a working day.
enum class roll : std::uint8_t {
  none,              // keep the date as it is
  next_working_day,  // move it to the next working day
};

/// "By the Nth of each month": day `n` of `month` in `year`. An n beyond the month's length is
/// clamped to its last day, so "by the 31st" in February is the 28th or 29th and in April the
/// 30th. With roll::next_working_day the deadline moves to the next working day of `calendar`.
/// Throws date_error for n outside 1-31 or a month outside 1-12.
date day_of_month_deadline(int year, int month, int n, roll how = roll::none,
                           const working_calendar& calendar = working_calendar());

}  // namespace qaf
