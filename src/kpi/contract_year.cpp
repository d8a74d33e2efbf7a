#include "kpi/contract_year.hpp"

namespace qaf::detail {

contract_year contract_year_at(date monitoring_start, int index) {
  return {index, add_months(monitoring_start, 12 * index),
          add_days(add_months(monitoring_start, 12 * (index + 1)), -1)};
}

contract_year contract_year_containing(date monitoring_start, date day) {
  const int months = months_between(monitoring_start, day);
  // Floor division: a day before monitoring_start is in year -1, not year 0.
  int index = months >= 0 ? months / 12 : -((-months + 11) / 12);
  while (add_months(monitoring_start, 12 * index) > day) --index;
  while (add_months(monitoring_start, 12 * (index + 1)) <= day) ++index;
  return contract_year_at(monitoring_start, index);
}

}  // namespace qaf::detail
