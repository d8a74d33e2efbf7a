// The portfolio summary (summary/portfolio_summary.hpp) as JSON and as text. The HTML report
// (html_report.hpp) draws the same model. docs/assess.md shows each.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <string_view>

#include "summary/portfolio_summary.hpp"

namespace qaf::detail {

/// {"providers", "schemes": [{"scheme", "title", "levels": [{"level", "label", "providers"}],
/// "provisional", "not_assessed", "overridden"}], "overdue", "overdue_by_officer": [{"officer",
/// "overdue"}], "overdue_by_activity": [{"activity", "title", "overdue"}],
/// "minimum_visit_shortfalls":
/// [{"provider", "name", "officer", "rule", "done", "required", "shortfall", "part_year"}],
/// "visits_by_month": {"months", "by_officer": [{"officer", "visits", "overdue_before"}],
/// "total"}}. A record with no officer is counted under officer null.
nlohmann::ordered_json summary_json(const portfolio_summary& summary);
/// As above, with the string `marker` standing for the list of shortfalls, which a writer then
/// writes one shortfall_json at a time (result_stream::trailer with a spliced_list): the list
/// grows with the portfolio, and building it whole was most of `qaf assess`'s memory beyond its
/// input.
nlohmann::ordered_json summary_json(const portfolio_summary& summary, std::string_view marker);
/// One entry of the summary's minimum_visit_shortfalls.
nlohmann::ordered_json shortfall_json(const visit_shortfall& shortfall);

/// The summary as the text report opens: one count a line, so that a person can read it down
/// and a script can read it back.
void write_summary_text(std::ostream& out, const portfolio_summary& summary);

/// A level with its label as the summary shows it: "3 Moderate concern" for a numbered level, the
/// label alone for a named one ("High risk", never "high High risk").
std::string level_with_label(const level_value& level, const std::string& label);

/// How a report names the officer "" (records with no `officer` fact).
inline constexpr const char* no_officer = "(no officer)";

}  // namespace qaf::detail
