#include "schedule/completion_pool.hpp"

#include <algorithm>

namespace qaf::detail {

completion_pool::completion_pool(const pack_data& pack, const provider& record, date as_of)
    : by_activity_(pack.activities.size()) {
  all_.reserve(record.history.size());
  for (const activity_record& done : record.history) {
    if (as_of < done.on) continue;  // what happens after as_of is not known yet
    for (std::size_t i = 0; i < pack.activities.size(); ++i) {
      if (pack.activities[i].code == done.activity) {
        all_.push_back({done.on, static_cast<activity_index>(i), &done, false});
        break;
      }
    }
  }
  // Stable, so that records of one day keep the order the history gives them.
  std::stable_sort(all_.begin(), all_.end(),
                   [](const completion& a, const completion& b) { return a.on < b.on; });
  for (completion& c : all_) {
    by_activity_[c.activity].push_back(&c);
    if (c.record->due) ++named_due_;
  }
}

completion* completion_pool::next(std::span<const activity_index> activities, date after,
                                  bool inclusive) {
  completion* best = nullptr;
  for (const activity_index a : activities) {
    // From the first record on or after `after`, so a chain's matching stays linear in the history.
    const std::span<completion* const> records = of(a);
    const auto first = std::partition_point(records.begin(), records.end(),
                                            [&](const completion* c) { return c->on < after; });
    for (auto it = first; it != records.end(); ++it) {
      completion* c = *it;
      if (!inclusive && c->on == after) continue;
      if (c->used || c->named()) continue;
      if (best == nullptr || c->on < best->on) best = c;
      break;
    }
  }
  return best;
}

completion* completion_pool::naming_due(std::span<const activity_index> activities, date due) {
  if (named_due_ == 0) return nullptr;  // the usual case: no record names a due date
  for (const activity_index a : activities) {
    for (completion* c : of(a)) {
      if (!c->used && !c->counted_as && c->record->due && *c->record->due == due) return c;
    }
  }
  return nullptr;
}

void completion_pool::count_as(const completion& done, activity_index activity) {
  if (activity >= by_activity_.size()) return;
  completion& copy = counted_.emplace_back(completion{done.on, activity, done.record, false, true});
  std::vector<completion*>& records = by_activity_[activity];
  const auto at = std::partition_point(records.begin(), records.end(),
                                       [&](const completion* c) { return !(done.on < c->on); });
  records.insert(at, &copy);
}

std::span<completion* const> completion_pool::of(activity_index activity) const noexcept {
  if (activity >= by_activity_.size()) return {};
  return by_activity_[activity];
}

}  // namespace qaf::detail
