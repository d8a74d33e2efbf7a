// A region's bank holidays over all its known years, computed once from its rules table and kept
// for fast look-up: a bit a day answers "is D a bank holiday" in O(1), a sorted list gives names
// in O(log n) and a year's holidays as a slice.
#pragma once

#include <span>
#include <vector>

#include "calendar/region_rules.hpp"
#include "qaf/calendar.hpp"

namespace qaf::detail {

/// The holidays of one year from the rules alone, with substitute days and the proclaimed
/// changes applied, in date order. Throws std::logic_error when the changes do not fit the rules
/// (a change replacing a day that is not a holiday, or two holidays on one day): a broken table.
std::vector<holiday> build_year(const region_rules& rules, int year);

class holiday_table {
 public:
  explicit holiday_table(const region_rules& rules);

  /// Throws std::out_of_range naming the region and its known years unless `year` is one of them.
  void check_year(int year) const;
  /// The holiday on `d`, or nullptr. Throws std::out_of_range outside the known years.
  const holiday* find(date d) const;
  /// True when `d` is a bank holiday. Throws std::out_of_range outside the known years.
  bool is_holiday(date d) const;
  /// The holidays of `year`, in date order. Throws std::out_of_range outside the known years.
  std::span<const holiday> of_year(int year) const;

 private:
  const region_rules* rules_;
  date first_day_;
  std::vector<holiday> holidays_;         // every known year, in date order
  std::vector<std::size_t> year_begins_;  // index in holidays_ of each year's first, and the end
  std::vector<bool> is_holiday_;          // one bit a day from first_day_
};

/// The table of `r`, built on first use (thread-safe) and kept for the program's life.
const holiday_table& holiday_table_of(const region& r);

}  // namespace qaf::detail
