// A portfolio's schedules side by side, and the workload they make: on-site visits per month of
// the window, for the whole portfolio and per officer (the records' `officer` fact).
#pragma once

#include <map>
#include <span>
#include <string>
#include <vector>

#include "qaf/portfolio.hpp"
#include "qaf/schedule.hpp"

namespace qaf::detail {

/// One provider's schedule with what reports need from its record.
struct provider_schedule {
  std::string provider;  // the record's id
  std::string name;      // the `name` fact, empty when the record has none
  std::string officer;   // the `officer` fact, empty when the record has none
  schedule_result result;
};

/// The record's id, name and officer beside its schedule.
provider_schedule describe(const provider& record, schedule_result result);

struct month_load {
  int year = 0;
  int month = 0;        // 1-12
  int visits = 0;       // on-site occurrences due in the month (within the window)
  int outstanding = 0;  // of those, not done
};

struct officer_load {
  std::string officer;
  std::vector<month_load> months;
  int overdue_before_window = 0;
};

struct workload {
  std::vector<month_load> months;  // every month that [from, to] touches, in order
  /// On-site occurrences overdue and due before `from`: visits owed on top of the months.
  int overdue_before_window = 0;
  std::vector<officer_load> by_officer;  // by officer name; providers with no officer left out
};

/// The workload counted one schedule at a time, so that a stream of schedules need not be held:
/// add each provider's schedule (in any order), then read the result.
class workload_tally {
 public:
  workload_tally(date from, date to);
  void add(const provider_schedule& schedule);
  workload result() const;

 private:
  date from_;
  date to_;
  workload total_;
  std::map<std::string, officer_load, std::less<>> officers_;  // by name
};

workload summarise_workload(std::span<const provider_schedule> schedules, date from, date to);

}  // namespace qaf::detail
