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

// Why the fields name no supported date, or an empty string when they do.
std::string why_not_a_date(int year, int month, int day) {
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

std::optional<date> date::try_parse(std::string_view text, std::string* why) noexcept {
  std::string reason;
  auto parsed = parse_date(text, reason);
  if (!parsed && why != nullptr) *why = std::move(reason);
  return parsed;
}

int date::year() const noexcept { return detail::to_boost(*this).year(); }
int date::month() const noexcept { return detail::to_boost(*this).month(); }
int date::day() const noexcept { return detail::to_boost(*this).day(); }

qaf::weekday date::weekday() const noexcept {
  // Boost counts from Sunday = 0; qaf from Monday = 0, as ISO 8601 does.
  const int sunday_based = detail::to_boost(*this).day_of_week().as_number();
  return static_cast<qaf::weekday>((sunday_based + 6) % 7);
}

bool date::is_weekend() const noexcept {
  const qaf::weekday w = weekday();
  return w == weekday::saturday || w == weekday::sunday;
}

std::string date::to_string() const {
  const auto ymd = detail::to_boost(*this).year_month_day();
  return format_ymd(ymd.year, ymd.month, ymd.day);
}

std::ostream& operator<<(std::ostream& out, date d) { return out << d.to_string(); }

date add_months(date d, int months) noexcept {
  const auto ymd = detail::to_boost(d).year_month_day();
  const long long index = static_cast<long long>(ymd.year) * 12 + (ymd.month - 1) + months;
  // Any index below 1400 * 12 clamps to min(), so truncating division does no harm.
  const long long year = index / 12;
  if (year < first_year) return date::min();
  if (year > last_year) return date::max();
  const int month = static_cast<int>(index % 12) + 1;
  const int day = std::min<int>(ymd.day, days_in_month(static_cast<int>(year), month));
  return detail::from_checked_ymd(static_cast<int>(year), month, day);
}

int months_between(date from, date to) noexcept {
  const auto f = detail::to_boost(from).year_month_day();
  const auto t = detail::to_boost(to).year_month_day();
  // add_months(from, n) is in to's month for this n: one step fewer when its day overshoots.
  const int n = (t.year - f.year) * 12 + (t.month - f.month);
  return add_months(from, n) <= to ? n : n - 1;
}

int days_in_month(int year, int month) noexcept {
  return detail::unchecked_calendar::end_of_month_day(year, month);
}

bool is_leap_year(int year) noexcept { return detail::unchecked_calendar::is_leap_year(year); }

}  // namespace qaf
