// The two charts of the HTML report as inline SVG, drawn from the portfolio summary: on-site
// visits due per month stacked by officer, and providers by level for one scheme. Each chart is
// an <svg role="img"> with a <title> and <desc> saying what it shows; the report puts a table of
// the same numbers beside it, so nothing depends on telling colours apart.
#pragma once

#include <string>

#include "summary/portfolio_summary.hpp"

namespace qaf::detail {

/// A stacked bar a month, a segment an officer (in summary.visits_by_officer order, coloured by
/// series_colours), the month's total above each bar; counts written on segments tall enough.
std::string visits_chart_svg(const portfolio_summary& summary);

/// One horizontal bar a level (least severe first) and one for not assessed, each labelled with
/// its level and label in text and its count.
std::string levels_chart_svg(const scheme_summary& scheme);

}  // namespace qaf::detail
