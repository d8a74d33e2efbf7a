#include "qaf/date.hpp"

#include <algorithm>
#include <array>
#include <ostream>

#include "calendar/gregorian.hpp"
#include "calendar/quoted.hpp"

namespace qaf {
namespace {

constexpr int first_year = 1400;
constexpr int last_year = 9999;

constexpr std::array<std::string_view, 12> month_names = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

// The min() and max() constants in the header are literals so that they can be constexpr; this
// keeps them honest.
static_assert(detail::epoch_day_number == detail::unchecked_calendar::day_number({1970, 1, 1}));
static_assert(date::min().days_since_epoch() ==
              detail::unchecked_calendar::day_number({first_year, 1, 1}) -
                  detail::epoch_day_number);
static_assert(date::max().days_since_epoch() ==
              detail::unchecked_calendar::day_number({last_year, 12, 31}) -
                  detail::epoch_day_number);

// `value` in decimal with at least `width` digits: padded(7, 2) is "07", padded(-7, 2) is "-07".
std::string padded(long long value, int width) {
  std::string digits = std::to_string(value < 0 ? -value : value);
  if (std::ssize(digits) < width)
    digits.insert(0, static_cast<std::size_t>(width) - digits.size(), '0');
  return value < 0 ? "-" + digits : digits;
}

std::string format_ymd(int year, int month, int day) {
  return padded(year, 4) + '-' + padded(month, 2) + '-' + padded(day, 2);
}

bool is_supported_date(int year, int month, int day) noexcept {
  return year >= first_year && year <= last_year && month >= 1 && month <= 12 && day >= 1 &&
         day <= days_in_month(year, month);
}

// Why the fields name no supported date, or an empty string when they do. A good date builds no
// text: the scheduler makes dates by the million (callgrind showed the message's text building
// as a sixth of a provider-year of schedule).
std::string why_not_a_date(int year, int month, int day) {
  if (is_supported_date(year, month, day)) return {};
  const std::string prefix = format_ymd(year, month, day) + " is not a date: ";
  if (year < first_year || year > last_year) {
    return prefix + "year " + std::to_string(year) + " is outside the supported range " +
           std::to_string(first_year) + "-" + std::to_string(last_year);
  }
  if (month < 1 || month > 12) return prefix + "there is no month " + padded(month, 2);
  if (day < 1) return prefix + "there is no day " + padded(day, 2);
  const int length = days_in_month(year, month);
  if (day <= length) return {};
  const std::string month_name(month_names[static_cast<std::size_t>(month - 1)]);
  if (month == 2 && !is_leap_year(year)) {
    return prefix + std::to_string(year) + " is not a leap year, February has 28 days";
  }
  if (month == 2) return prefix + "February " + std::to_string(year) + " has 29 days";
  return prefix + month_name + " has " + std::to_string(length) + " days";
}

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

int digits_value(std::string_view digits) noexcept {
  int value = 0;
  for (const char c : digits) value = value * 10 + (c - '0');
  return value;
}

// The fields of `text` if it has the exact shape YYYY-MM-DD, whatever their values.
std::optional<std::array<int, 3>> split_iso(std::string_view text) noexcept {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  for (const std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!is_digit(text[i])) return std::nullopt;
  }
  return std::array{digits_value(text.substr(0, 4)), digits_value(text.substr(5, 2)),
                    digits_value(text.substr(8, 2))};
}

std::optional<date> parse_date(std::string_view text, std::string& why) {
  const auto fields = split_iso(text);
  if (!fields) {
    why = text.empty() ? std::string("an empty text is not a date: expected YYYY-MM-DD")
                       : detail::quoted(text) + " is not a date: expected YYYY-MM-DD";
    return std::nullopt;
  }
  const auto [year, month, day] = *fields;
  why = why_not_a_date(year, month, day);
  if (!why.empty()) return std::nullopt;
  return detail::from_checked_ymd(year, month, day);
}

}  // namespace

date date::from_ymd(int year, int month, int day) {
  std::string why = why_not_a_date(year, month, day);
  if (!why.empty()) throw date_error(why);
  return detail::from_checked_ymd(year, month, day);
}

date date::parse(std::string_view text) {
  std::string why;
  if (const auto parsed = parse_date(text, why)) return *parsed;
  throw date_error(why);
}

std::optional<date> date::try_parse(std::string_view text, std::string* why) {
  std::string reason;
  auto parsed = parse_date(text, reason);
  if (!parsed && why != nullptr) *why = std::move(reason);
  return parsed;
}

void date::throw_out_of_range(std::int64_t days) {
  // Named by how far it is from the nearest end: the fields of such a day cannot be read.
  const bool after = days > max().days_;
  const std::int64_t beyond = after ? days - max().days_ : min().days_ - days;
  throw date_error(std::to_string(beyond) + (beyond == 1 ? " day " : " days ") +
                   (after ? "after " : "before ") + (after ? max() : min()).to_string() +
                   " is outside the supported dates " + min().to_string() + " to " +
                   max().to_string());
}

namespace {

// The fields of a date by Boost's rules on plain ints: no range check, so nothing to throw.
detail::unchecked_calendar::ymd_type fields_of(date d) noexcept {
  return detail::unchecked_calendar::from_day_number(detail::epoch_day_number +
                                                     d.days_since_epoch());
}

}  // namespace

int date::year() const noexcept { return fields_of(*this).year; }
int date::month() const noexcept { return fields_of(*this).month; }
int date::day() const noexcept { return fields_of(*this).day; }

qaf::weekday date::weekday() const noexcept {
  // 1970-01-01 was a Thursday (3 when Monday is 0, as ISO 8601 counts); floor modulo for the
  // days before it.
  const int offset = static_cast<int>((days_ % 7 + 7 + 3) % 7);
  return static_cast<qaf::weekday>(offset);
}

bool date::is_weekend() const noexcept {
  const qaf::weekday w = weekday();
  return w == weekday::saturday || w == weekday::sunday;
}

std::string date::to_string() const {
  // A supported date always has a four-digit year, so its digits go straight into place: the
  // writers format dates a few dozen times a provider, and format_ymd's pieces of text were a
  // tenth of writing an occurrence.
  const auto ymd = fields_of(*this);
  const int year = ymd.year;
  const int month = ymd.month;
  const int day = ymd.day;
  const std::array<char, 10> text = {static_cast<char>('0' + year / 1000),
                                     static_cast<char>('0' + year / 100 % 10),
                                     static_cast<char>('0' + year / 10 % 10),
                                     static_cast<char>('0' + year % 10),
                                     '-',
                                     static_cast<char>('0' + month / 10),
                                     static_cast<char>('0' + month % 10),
                                     '-',
                                     static_cast<char>('0' + day / 10),
                                     static_cast<char>('0' + day % 10)};
  return std::string(text.data(), text.size());
}

std::ostream& operator<<(std::ostream& out, date d) { return out << d.to_string(); }

date add_months(date d, int months) {
  const auto ymd = fields_of(d);
  const long long index = static_cast<long long>(ymd.year) * 12 + (ymd.month - 1) + months;
  // Every index below 1400 * 12 is out of range, so truncating division does no harm.
  const long long year = index / 12;
  if (index < 0 || year < first_year || year > last_year) {
    throw date_error(d.to_string() + (months < 0 ? " - " : " + ") +
                     std::to_string(months < 0 ? -static_cast<long long>(months) : months) +
                     " months is outside the supported dates " + date::min().to_string() + " to " +
                     date::max().to_string());
  }
  const int month = static_cast<int>(index % 12) + 1;
  const int day = std::min<int>(ymd.day, days_in_month(static_cast<int>(year), month));
  return detail::from_checked_ymd(static_cast<int>(year), month, day);
}

int months_between(date from, date to) noexcept {
  const auto f = fields_of(from);
  const auto t = fields_of(to);
  // add_months(from, n) lands in to's month, on from's day clamped to that month's length; it is
  // after `to` exactly when that day is, and then the count is one step fewer. Worked out here
  // rather than by calling add_months so that nothing can throw.
  const int n = (t.year - f.year) * 12 + (t.month - f.month);
  const int landed = std::min<int>(f.day, days_in_month(t.year, t.month));
  return landed <= t.day ? n : n - 1;
}

int days_in_month(int year, int month) noexcept {
  return detail::unchecked_calendar::end_of_month_day(year, month);
}

bool is_leap_year(int year) noexcept { return detail::unchecked_calendar::is_leap_year(year); }

}  // namespace qaf
