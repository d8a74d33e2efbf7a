// Financial years ("2020/21", 1 April to 31 March) and their quarters.
#include <string>

#include "calendar/gregorian.hpp"
#include "calendar/quoted.hpp"
#include "qaf/date.hpp"

namespace qaf {
namespace {

// The first and last start years whose whole financial year is a supported date.
constexpr int first_start_year = 1400;
constexpr int last_start_year = 9998;

// "2020/21" for the year starting in 2020.
std::string year_name(int start_year) {
  return std::to_string(start_year) + "/" + std::to_string((start_year + 1) % 100 + 100).substr(1);
}

std::string out_of_range_message(int start_year) {
  return "the financial year starting in " + std::to_string(start_year) +
         " is outside the supported range " + year_name(first_start_year) + " to " +
         year_name(last_start_year);
}

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

std::optional<financial_year> parse_year(std::string_view text, std::string& why) {
  const std::string shown = detail::quoted(text);
  bool shaped = text.size() == 7 && text[4] == '/';
  for (std::size_t i = 0; shaped && i < text.size(); ++i) shaped = i == 4 || is_digit(text[i]);
  if (!shaped) {
    why = shown + " is not a financial year: expected YYYY/YY, as in 2020/21";
    return std::nullopt;
  }
  const int start = std::stoi(std::string(text.substr(0, 4)));
  const int end_digits = std::stoi(std::string(text.substr(5, 2)));
  if (start < first_start_year || start > last_start_year) {
    why = shown + " is not a financial year: " + out_of_range_message(start);
    return std::nullopt;
  }
  if (end_digits != (start + 1) % 100) {
    why = shown + " is not a financial year: the one starting in " + std::to_string(start) +
          " is " + year_name(start);
    return std::nullopt;
  }
  return financial_year(start);
}

}  // namespace

financial_year::financial_year(int start_year) : start_year_(start_year) {
  if (start_year < first_start_year || start_year > last_start_year) {
    throw date_error(out_of_range_message(start_year));
  }
}

financial_year financial_year::parse(std::string_view text) {
  std::string why;
  if (auto parsed = parse_year(text, why)) return *parsed;
  throw date_error(why);
}

std::optional<financial_year> financial_year::try_parse(std::string_view text, std::string* why) {
  std::string reason;
  auto parsed = parse_year(text, reason);
  if (!parsed && why != nullptr) *why = std::move(reason);
  return parsed;
}

financial_year financial_year::containing(date d) {
  return financial_year(d.month() >= 4 ? d.year() : d.year() - 1);
}

date financial_year::start() const noexcept { return detail::from_checked_ymd(start_year_, 4, 1); }

date financial_year::end() const noexcept {
  return detail::from_checked_ymd(start_year_ + 1, 3, 31);
}

std::string financial_year::to_string() const { return year_name(start_year_); }

financial_quarter::financial_quarter(financial_year year, int number)
    : year_(year), number_(number) {
  if (number < 1 || number > 4) {
    throw date_error("there is no quarter " + std::to_string(number) +
                     " of a financial year: quarters are numbered 1-4");
  }
}

financial_quarter financial_quarter::containing(date d) {
  // April-June is Q1, so count months from April.
  const int months_from_april = (d.month() + 8) % 12;
  return financial_quarter(financial_year::containing(d), months_from_april / 3 + 1);
}

date financial_quarter::start() const noexcept {
  return add_months(year_.start(), 3 * (number_ - 1));
}

date financial_quarter::end() const noexcept {
  return add_days(add_months(year_.start(), 3 * number_), -1);
}

financial_quarter financial_quarter::next() const {
  if (number_ < 4) return financial_quarter(year_, number_ + 1);
  return financial_quarter(financial_year(year_.start_year() + 1), 1);
}

std::string financial_quarter::to_string() const {
  return year_.to_string() + " Q" + std::to_string(number_);
}

}  // namespace qaf
