#include <algorithm>
#include <cstdlib>

#include "calendar/holiday_table.hpp"
#include "qaf/calendar.hpp"

namespace qaf {

std::vector<holiday> bank_holidays(int year, const region& where) {
  const auto days = detail::holiday_table_of(where).of_year(year);
  return {days.begin(), days.end()};
}

working_calendar::working_calendar(region where, std::vector<date> closure_days) : region_(where) {
  if (closure_days.empty()) return;
  std::sort(closure_days.begin(), closure_days.end());
  closure_days.erase(std::unique(closure_days.begin(), closure_days.end()), closure_days.end());
  closure_days_ = std::make_shared<const std::vector<date>>(std::move(closure_days));
}

std::span<const date> working_calendar::closure_days() const noexcept {
  if (closure_days_ == nullptr) return {};
  return *closure_days_;
}

bool working_calendar::is_working_day(date d) const {
  // The holiday look-up comes first so that a weekend outside the known years throws too.
  if (detail::holiday_table_of(region_).is_holiday(d)) return false;
  if (d.is_weekend()) return false;
  const auto closed = closure_days();
  return !std::binary_search(closed.begin(), closed.end(), d);
}

std::optional<std::string> working_calendar::holiday_name(date d) const {
  if (const holiday* h = detail::holiday_table_of(region_).find(d)) return h->name;
  const auto closed = closure_days();
  if (std::binary_search(closed.begin(), closed.end(), d)) return "closure day";
  return std::nullopt;
}

date working_calendar::add_working_days(date d, int n) const {
  // D itself must be in the known years too, so that 9999-12-31 + 1 is "no bank holidays known
  // in 9999" rather than a step past the last date (issue 11: it ended the program).
  static_cast<void>(is_working_day(d));
  const int step = n < 0 ? -1 : 1;
  // Counted as long long: -n overflows for the most negative int.
  for (long long remaining = std::llabs(static_cast<long long>(n)); remaining > 0;) {
    d = add_days(d, step);
    if (is_working_day(d)) --remaining;
  }
  return d;
}

date working_calendar::next_working_day_on_or_after(date d) const {
  while (!is_working_day(d)) d = add_days(d, 1);
  return d;
}

date add_working_days(date d, int n, const region& where) {
  return working_calendar(where).add_working_days(d, n);
}

date day_of_month_deadline(int year, int month, int n, roll how, const working_calendar& calendar) {
  if (month < 1 || month > 12) {
    throw date_error("there is no month " + std::to_string(month) + ": months are numbered 1-12");
  }
  if (n < 1 || n > 31) {
    throw date_error("\"by the Nth of the month\" needs N in 1-31, not " + std::to_string(n));
  }
  const date due = date::from_ymd(year, month, std::min(n, days_in_month(year, month)));
  return how == roll::next_working_day ? calendar.next_working_day_on_or_after(due) : due;
}

}  // namespace qaf
