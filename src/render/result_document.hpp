// What every JSON result document shares (INTERFACE.md): "pack": {"id", "version"} and "as_of",
// and the small conversions the renderers of schedules, ratings and KPIs all need.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "qaf/date.hpp"
#include "qaf/pack.hpp"
#include "qaf/portfolio.hpp"

namespace qaf::detail {

/// {"pack": {"id", "version"}, "as_of": "YYYY-MM-DD"}; renderers add their own members.
nlohmann::ordered_json result_document(const pack& rules, date as_of);

/// `document` as qaf prints it, indented by 2 and ending in a newline. Malformed UTF-8 in a string
/// becomes U+FFFD instead of making nlohmann throw: the readers reject it, this is the belt.
std::string json_text(const nlohmann::ordered_json& document);

/// {"document", "section"[, "quote"]}.
nlohmann::ordered_json source_json(const source_ref& source);

/// 3 or "high".
nlohmann::ordered_json level_json(const level_value& level);

/// A level as CSV or text shows it: "3", "high".
std::string level_text(const level_value& level);

/// "2024-04-01/2024-06-30": a period as an ISO 8601 interval.
std::string period_text(date start, date end);

}  // namespace qaf::detail
