// Contract years (DOMAIN.md section 5): they start on the anniversaries of `monitoring_start`,
// each counted from monitoring_start itself so that month-end clamping never drifts. A contract
// that starts on 29 February 2020 has years starting 2021-02-28, 2022-02-28, 2023-02-28 and
// 2024-02-29.
#pragma once

#include "qaf/date.hpp"

namespace qaf::detail {

struct contract_year {
  int index = 0;  // 0 is the year that starts on monitoring_start; earlier years are negative
  date start;
  date end;  // the day before the next year starts
};

/// Contract year `index` of a contract monitored from `monitoring_start`.
contract_year contract_year_at(date monitoring_start, int index);

/// The contract year that holds `day`. Both throw date_error when a year would end past 9999.
contract_year contract_year_containing(date monitoring_start, date day);

}  // namespace qaf::detail
