// The history records a ledger matches to its obligations (DOMAIN.md section 2, "Matching what was
// done to what was owed"): every record up to as_of, each usable once. Rules draw from one pool per
// provider, so one record never fulfils two obligations, whichever rules owe them.
#pragma once

#include <deque>
#include <optional>
#include <span>
#include <vector>

#include "pack/pack_data.hpp"
#include "qaf/date.hpp"
#include "qaf/portfolio.hpp"

namespace qaf::detail {

struct completion {
  date on;
  activity_index activity = 0;
  const activity_record* record = nullptr;  // names the due date or period it fulfils, if any
  bool used = false;
  /// A follow-up's completion that the pack counts as `activity` too (`counts_as`): the one
  /// exception to "one record, one obligation", which the pack states and the result shows.
  bool counted_as = false;

  /// Whether the record names what it fulfils; such a record fulfils only that.
  bool named() const noexcept {
    return !counted_as && (record->due || record->period_start || record->period_end);
  }
};

class completion_pool {
 public:
  completion_pool(const pack_data& pack, const provider& record, date as_of);

  /// The earliest unused, unnamed completion of one of `activities` after `after` (on it when
  /// `inclusive`), in date order; ties go to the activity listed first.
  completion* next(std::span<const activity_index> activities, date after, bool inclusive);
  /// The unused completion of one of `activities` that names `due` as its due date.
  completion* naming_due(std::span<const activity_index> activities, date due);
  /// Makes a completion (a follow-up's, already used) available once more, as a completion of
  /// `activity`: a follow-up that the pack says counts as the routine activity.
  void count_as(const completion& done, activity_index activity);
  /// Every completion, by date.
  std::span<const completion> all() const noexcept { return all_; }
  /// Every completion of `activity`, by date.
  std::span<completion* const> of(activity_index activity) const noexcept;

 private:
  std::vector<completion> all_;
  std::deque<completion> counted_;  // count_as copies; a deque, so pointers to them stay valid
  std::vector<std::vector<completion*>> by_activity_;
  std::size_t named_due_ = 0;  // records that name a due date
};

}  // namespace qaf::detail
