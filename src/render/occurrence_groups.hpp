// Occurrences grouped by activity, in the order each activity first appears: the text and HTML
// reports both summarise a provider's upcoming work as one line a group ("QMC-5, 12 from ...").
#pragma once
#include <algorithm>
#include <vector>

#include "qaf/schedule.hpp"

namespace qaf::detail {

inline std::vector<std::vector<const occurrence*>> group_by_activity(
    const std::vector<const occurrence*>& list) {
  std::vector<std::vector<const occurrence*>> groups;
  for (const occurrence* o : list) {
    auto group = std::find_if(groups.begin(), groups.end(),
                              [&](const auto& g) { return g.front()->activity == o->activity; });
    if (group == groups.end()) {
      groups.push_back({o});
    } else {
      group->push_back(o);
    }
  }
  return groups;
}

}  // namespace qaf::detail
