// One provider's assessment in one flat JSON object: the row Python's Engine.assess_frame gives a
// provider (docs/python.md). Counting here, in the library, means the binding converts one small
// object a provider instead of every occurrence, and every surface that shows such a row counts
// the same way.
//
//   {"provider": "home-17",
//    "pqr_level": 3, "pqr_label": "...", "pqr_status": "decided", "pqr_summary": "...",
//    "overdue": 1, "due": 0, "upcoming": 24, "done": 2, "on_site_visits": 12,
//    "next_due": "2026-11-30", "next_activity": "QMC-1", "kpi_met": 4, "kpi_not_met": 1}
#pragma once

#include <nlohmann/json.hpp>

#include "summary/provider_assessment.hpp"

namespace qaf::detail {

/// Members, in this order: `provider`; for each rating, in the pack's scheme order,
/// `<scheme>_level`, `_label`, `_status` and `_summary`, as rating_json writes them; the number
/// of occurrences of each status, every status always present (`overdue`, `due`, `upcoming`,
/// `done`); `on_site_visits`, the occurrences on site whatever their status; `next_due` and
/// `next_activity`, the earliest occurrence not done, an overdue one included (of those due the
/// same day, the first in the schedule), null when there is none; `kpi_<status>`, the number of
/// KPI periods of each status the provider has, in the order first met (a status it has none of
/// is left out: a table of these rows reads a missing count as 0).
nlohmann::ordered_json provider_overview_json(const provider_assessment& assessment);

}  // namespace qaf::detail
