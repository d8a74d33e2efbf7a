#include "schedule/due_date.hpp"

#include <cstdint>
#include <limits>
#include <string>

namespace qaf::detail {

date add_step(date from, const step& s) {
  if (s.months != 0) return add_months(from, s.months);
  if (s.weeks != 0) return add_weeks(from, s.weeks);
  return add_days(from, s.days);
}

date add_steps(date from, const step& s, int k) {
  // In 64 bits, so that a chain run past the last supported date fails in add_months/add_days
  // with date_error instead of overflowing int.
  const std::int64_t steps = k;
  if (s.months != 0) {
    const std::int64_t months = s.months * steps;
    if (months > std::numeric_limits<int>::max() || months < std::numeric_limits<int>::min()) {
      throw date_error(from.to_string() + " plus " + std::to_string(months) +
                       " months is beyond the supported dates");
    }
    return add_months(from, static_cast<int>(months));
  }
  if (s.weeks != 0) return add_weeks(from, s.weeks * steps);
  return add_days(from, s.days * steps);
}

date apply_due(const due_rule& rule, date from, const working_calendar& calendar) {
  switch (rule.type) {
    case due_type::same_working_day:
      return calendar.same_working_day(from);
    case due_type::working_days:
      return calendar.add_working_days(from, rule.count);
    case due_type::hours:
      return add_days(from, rule.count / 24);
    case due_type::days:
      return add_days(from, rule.count);
    case due_type::weeks:
      return add_weeks(from, rule.count);
    case due_type::months:
      return add_months(from, rule.count);
  }
  return from;
}

date apply_due_before(const due_rule& rule, date to, const working_calendar& calendar) {
  switch (rule.type) {
    case due_type::same_working_day:
      return to;
    case due_type::working_days:
      return calendar.add_working_days(to, -rule.count);
    case due_type::hours:
      return add_days(to, -(rule.count / 24));
    case due_type::days:
      return add_days(to, -rule.count);
    case due_type::weeks:
      return add_weeks(to, -rule.count);
    case due_type::months:
      return add_months(to, -rule.count);
  }
  return to;
}

}  // namespace qaf::detail
