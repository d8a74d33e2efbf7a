#include "schedule/activity_history.hpp"

#include <algorithm>

namespace qaf::detail {

activity_history::activity_history(const pack_data& pack, const provider& record, date as_of)
    : dates_(pack.activities.size()) {
  for (const activity_record& done : record.history) {
    if (as_of < done.on) continue;
    for (std::size_t i = 0; i < pack.activities.size(); ++i) {
      if (pack.activities[i].code == done.activity) {
        dates_[i].push_back(done.on);
        break;
      }
    }
  }
  for (std::vector<date>& dates : dates_) {
    std::sort(dates.begin(), dates.end());
    dates.erase(std::unique(dates.begin(), dates.end()), dates.end());
  }
}

std::span<const date> activity_history::of(activity_index activity) const noexcept {
  if (activity >= dates_.size()) return {};
  return dates_[activity];
}

std::optional<date> activity_history::first_after(activity_index activity, date after,
                                                  bool inclusive) const noexcept {
  const std::span<const date> dates = of(activity);
  const auto it = inclusive ? std::lower_bound(dates.begin(), dates.end(), after)
                            : std::upper_bound(dates.begin(), dates.end(), after);
  if (it == dates.end()) return std::nullopt;
  return *it;
}

std::optional<date> activity_history::last_before(activity_index activity,
                                                  date before) const noexcept {
  const std::span<const date> dates = of(activity);
  const auto it = std::lower_bound(dates.begin(), dates.end(), before);
  if (it == dates.begin()) return std::nullopt;
  return *(it - 1);
}

int activity_history::count_between(activity_index activity, date first, date last) const noexcept {
  const std::span<const date> dates = of(activity);
  const auto from = std::lower_bound(dates.begin(), dates.end(), first);
  const auto to = std::upper_bound(dates.begin(), dates.end(), last);
  return to > from ? static_cast<int>(to - from) : 0;
}

}  // namespace qaf::detail
