#include "render/provider_overview.hpp"

#include <array>
#include <string>
#include <utility>
#include <vector>

#include "render/rating_render.hpp"
#include "render/result_document.hpp"

namespace qaf::detail {
namespace {

using json = nlohmann::ordered_json;

// The order the counts are written in: what needs doing first.
constexpr std::array occurrence_statuses = {occurrence_status::overdue, occurrence_status::due,
                                            occurrence_status::upcoming, occurrence_status::done};

std::size_t status_slot(occurrence_status status) {
  for (std::size_t i = 0; i < occurrence_statuses.size(); ++i) {
    if (occurrence_statuses[i] == status) return i;
  }
  return occurrence_statuses.size() - 1;  // every enumerator is listed above
}

}  // namespace

json provider_overview_json(const provider_assessment& assessment) {
  json out;
  out["provider"] = assessment.schedule.provider;
  for (const rating& r : assessment.ratings) {
    const bool assessed = r.status != rating_status::not_assessed;
    out[r.scheme + "_level"] = assessed ? level_json(r.level) : json(nullptr);
    out[r.scheme + "_label"] = assessed ? json(r.label) : json(nullptr);
    out[r.scheme + "_status"] = std::string(to_string(r.status));
    out[r.scheme + "_summary"] = rating_summary(r);
  }

  std::array<int, occurrence_statuses.size()> counts{};
  int on_site = 0;
  const occurrence* next = nullptr;
  for (const occurrence& o : assessment.schedule.result.occurrences) {
    ++counts[status_slot(o.status)];
    if (o.on_site) ++on_site;
    if (o.status != occurrence_status::done && (next == nullptr || o.due < next->due)) next = &o;
  }
  for (std::size_t i = 0; i < occurrence_statuses.size(); ++i) {
    out[std::string(to_string(occurrence_statuses[i]))] = counts[i];
  }
  out["on_site_visits"] = on_site;
  out["next_due"] = next != nullptr ? json(next->due.to_string()) : json(nullptr);
  out["next_activity"] = next != nullptr ? json(next->activity) : json(nullptr);

  std::vector<std::pair<kpi_status, int>> kpis;
  for (const kpi_result& k : assessment.kpis) {
    auto same = kpis.begin();
    while (same != kpis.end() && same->first != k.status) ++same;
    if (same == kpis.end()) {
      kpis.emplace_back(k.status, 1);
    } else {
      ++same->second;
    }
  }
  for (const auto& [status, count] : kpis) out["kpi_" + std::string(to_string(status))] = count;
  return out;
}

}  // namespace qaf::detail
