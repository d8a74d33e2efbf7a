// Calendar dates: the date value, month arithmetic, financial years and school terms.
//
// A qaf::date is a proleptic Gregorian calendar date with no time zone, held as a count of days so
// that comparison and day arithmetic are a single integer operation. It cannot hold an invalid
// date: parsing "2023-02-29" or "2021-09-31" fails, it never normalises. Working days, bank
// holidays and regions are in qaf/calendar.hpp.
//
//   qaf::date d = qaf::date::parse("2024-01-31");
//   qaf::add_months(d, 1).to_string();                        // "2024-02-29": clamps the day
//   qaf::financial_quarter::containing(d).to_string();        // "2023/24 Q4"
//   qaf::term_calendar{}.containing(d)->name;                 // "Spring 2024"
//
// Supported range: 1400-01-01 to 9999-12-31, the range of the Boost.Date_Time calendar behind
// this type (the Gregorian calendar itself only dates from 1582). Everything that builds a date
// checks the range, arithmetic included: add_days, add_months and from_days throw date_error for
// a result outside it rather than clamping, so a loop stepping through dates always ends and a
// date is never silently wrong. Every date value is therefore in range, and reading its fields
// cannot fail.
#pragma once

#include <compare>
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace qaf {

/// Thrown by the throwing date constructors and parsers; the message says what was wrong.
class date_error : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

enum class weekday : std::uint8_t {
  monday,
  tuesday,
  wednesday,
  thursday,
  friday,
  saturday,
  sunday
};

/// A calendar date. Regular, trivially copyable, 4 bytes; the default value is 1970-01-01.
class date {
 public:
  constexpr date() noexcept = default;

  /// The date with these fields; throws date_error when they name no date (2023-02-29) or the
  /// year is outside 1400-9999.
  static date from_ymd(int year, int month, int day);
  /// Parses ISO 8601 `YYYY-MM-DD` exactly: four-digit year 1400-9999, two-digit month and day,
  /// nothing before or after. Throws date_error with the reason on anything else, for example
  /// "2023-02-29 is not a date: 2023 is not a leap year, February has 28 days".
  static date parse(std::string_view text);
  /// As parse, but reports failure as std::nullopt and, when `why` is given, the reason.
  static std::optional<date> try_parse(std::string_view text, std::string* why = nullptr);
  /// The first and last supported dates, 1400-01-01 and 9999-12-31.
  static constexpr date min() noexcept { return date(-208188); }
  static constexpr date max() noexcept { return date(2932896); }
  /// The date `days` after 1970-01-01 (negative for earlier dates); throws date_error outside
  /// min()-max().
  static constexpr date from_days(std::int64_t days) {
    if (days < min().days_ || days > max().days_) throw_out_of_range(days);
    return date(static_cast<std::int32_t>(days));
  }

  constexpr std::int32_t days_since_epoch() const noexcept { return days_; }
  int year() const noexcept;
  int month() const noexcept;  // 1-12
  int day() const noexcept;    // 1-31
  qaf::weekday weekday() const noexcept;
  /// Saturday or Sunday.
  bool is_weekend() const noexcept;

  /// `YYYY-MM-DD`.
  std::string to_string() const;

  // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy 14 misreads a defaulted <=>.
  constexpr auto operator<=>(const date&) const noexcept = default;

 private:
  constexpr explicit date(std::int32_t days) noexcept : days_(days) {}
  [[noreturn]] static void throw_out_of_range(std::int64_t days);
  std::int32_t days_ = 0;
};

std::ostream& operator<<(std::ostream& out, date d);

/// Whole days from `from` to `to` (negative when `to` is earlier).
constexpr std::int32_t days_between(date from, date to) noexcept {
  return to.days_since_epoch() - from.days_since_epoch();
}
/// `d` moved by `days`; throws date_error when the result is outside date::min()-date::max().
constexpr date add_days(date d, std::int64_t days) {
  return date::from_days(std::int64_t{d.days_since_epoch()} + days);
}
/// `d` moved by 7 * `weeks` days; throws date_error as add_days.
constexpr date add_weeks(date d, std::int64_t weeks) { return add_days(d, 7 * weeks); }
/// Adds calendar months, clamping the day to the end of the target month and never snapping:
/// 2024-01-31 + 1 = 2024-02-29; 2023-02-28 + 1 = 2023-03-28; 2024-02-29 + 12 = 2025-02-28.
/// Throws date_error when the result is outside the supported range (9999-12-31 + 1 month).
date add_months(date d, int months);
/// Whole calendar months from `from` to `to`, counted the way add_months steps: the largest n with
/// add_months(from, n) <= to (negative when `to` is earlier).
int months_between(date from, date to) noexcept;
/// 28-31; `month` must be 1-12.
int days_in_month(int year, int month) noexcept;
bool is_leap_year(int year) noexcept;

/// A UK financial year, 1 April to 31 March, written "2020/21" (the year 2020/21 starts
/// 1 April 2020). Start years run 1400-9998 so that the whole year is a supported date.
class financial_year {
 public:
  /// The year starting 1 April `start_year`; throws date_error outside 1400-9998.
  explicit financial_year(int start_year);
  /// Parses "YYYY/YY" where YY is the last two digits of YYYY + 1 ("1999/00" is fine);
  /// throws date_error on anything else ("2020/22", "2020-21", "2020/2021").
  static financial_year parse(std::string_view text);
  static std::optional<financial_year> try_parse(std::string_view text, std::string* why = nullptr);
  /// The financial year that contains `d`; throws date_error before 1 April 1400.
  static financial_year containing(date d);

  int start_year() const noexcept { return start_year_; }
  date start() const noexcept;  // 1 April start_year
  date end() const noexcept;    // 31 March start_year + 1
  /// "2020/21".
  std::string to_string() const;

  auto operator<=>(const financial_year&) const noexcept = default;

 private:
  int start_year_;
};

/// One quarter of a financial year: Q1 Apr-Jun, Q2 Jul-Sep, Q3 Oct-Dec, Q4 Jan-Mar.
class financial_quarter {
 public:
  /// Quarter `number` (1-4) of `year`; throws date_error for any other number.
  financial_quarter(financial_year year, int number);
  /// The quarter that contains `d`; throws date_error before 1 April 1400.
  static financial_quarter containing(date d);

  financial_year year() const noexcept { return year_; }
  int number() const noexcept { return number_; }
  date start() const noexcept;
  date end() const noexcept;
  /// The quarter after this one (Q4 2020/21 is followed by Q1 2021/22).
  financial_quarter next() const;
  /// "2020/21 Q1".
  std::string to_string() const;

  auto operator<=>(const financial_quarter&) const noexcept = default;

 private:
  financial_year year_;
  int number_;
};

/// A school term: a name and the inclusive dates it runs.
struct school_term {
  std::string name;
  date start;
  date end;

  bool operator==(const school_term&) const = default;
};

/// The school terms, three a year. Default-constructed, it holds the default terms of every year:
/// Autumn 1 Sep-31 Dec, Spring 1 Jan-31 Mar and Summer 1 Apr-31 Jul, named with the calendar
/// year they fall in ("Autumn 2024", "Spring 2025"). Built from a list, it holds exactly the terms
/// a pack supplies and nothing else. Immutable; copies share their data, so it is cheap to pass
/// around and safe to share between threads.
class term_calendar {
 public:
  term_calendar() = default;
  /// Exactly these terms, in any order. Throws date_error when a term ends before it starts or two
  /// terms overlap.
  explicit term_calendar(std::vector<school_term> terms);

  /// True for the default calendar.
  bool is_default() const noexcept { return terms_ == nullptr; }
  /// The supplied terms in date order; empty for the default calendar.
  std::span<const school_term> terms() const noexcept;
  /// The term that contains `d`, or std::nullopt in a holiday between terms (August, by default).
  std::optional<school_term> containing(date d) const;
  /// The terms whose end falls in [from, to], in date order.
  std::vector<school_term> ending_in(date from, date to) const;

 private:
  std::shared_ptr<const std::vector<school_term>> terms_;
};

}  // namespace qaf
