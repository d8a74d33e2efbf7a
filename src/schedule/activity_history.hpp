// A provider's history as the scheduler reads it: for each activity of the pack, the dates it was
// done, ascending, up to as_of (what happens after as_of is not known yet).
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "pack/pack_data.hpp"
#include "qaf/date.hpp"
#include "qaf/portfolio.hpp"

namespace qaf::detail {

class activity_history {
 public:
  activity_history(const pack_data& pack, const provider& record, date as_of);

  std::span<const date> of(activity_index activity) const noexcept;
  /// The first completion after `after` (on or after it when `inclusive`).
  std::optional<date> first_after(activity_index activity, date after,
                                  bool inclusive) const noexcept;
  /// The last completion strictly before `before`.
  std::optional<date> last_before(activity_index activity, date before) const noexcept;
  /// Completions in [first, last].
  int count_between(activity_index activity, date first, date last) const noexcept;

 private:
  std::vector<std::vector<date>> dates_;
};

}  // namespace qaf::detail
