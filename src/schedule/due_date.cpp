#include "schedule/due_date.hpp"

namespace qaf::detail {

date add_step(date from, const step& s) {
  if (s.months != 0) return add_months(from, s.months);
  if (s.weeks != 0) return add_weeks(from, s.weeks);
  return add_days(from, s.days);
}

date add_steps(date from, const step& s, int k) noexcept {
  if (s.months != 0) return add_months(from, s.months * k);
  if (s.weeks != 0) return add_weeks(from, s.weeks * k);
  return add_days(from, s.days * k);
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

}  // namespace qaf::detail
