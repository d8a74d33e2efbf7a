// `qaf assess --format html`: one self-contained page for a commissioning manager — inline CSS
// and inline SVG, no scripts, nothing fetched. The portfolio summary first (the same model as
// the JSON `summary` and the text report), a chart of on-site visits due per month per officer
// and one of providers by level, then one section per provider: its ratings and why, what is
// overdue, due and next, its KPI standing and consequences, and its warnings.
//
// Every string from a pack or portfolio goes through html_escaped. The page prints on A4 (an
// @page rule; sections and tables are not split where it can be avoided), shows every level as
// text as well as colour, and uses only the colour pairs of html_palette.hpp.
#pragma once

#include <ostream>
#include <span>

#include "qaf/pack.hpp"
#include "qaf/schedule.hpp"
#include "summary/portfolio_summary.hpp"
#include "summary/provider_assessment.hpp"

namespace qaf::detail {

/// Each provider's section is <section class="provider" data-provider="ID">; the charts are
/// <svg id="visits-chart"> and <svg id="levels-SCHEME">; the summary tables carry ids
/// "summary-levels-SCHEME", "summary-overdue-officer", "summary-overdue-activity",
/// "summary-shortfalls" and "summary-visits", for tests and for anyone styling the page.
void write_assessment_html(std::ostream& out, const pack& rules, const schedule_options& window,
                           const portfolio_summary& summary,
                           std::span<const provider_assessment> assessments);

}  // namespace qaf::detail
