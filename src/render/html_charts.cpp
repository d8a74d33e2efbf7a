#include "render/html_charts.hpp"

#include <algorithm>
#include <array>
#include <sstream>

#include "render/html_palette.hpp"
#include "render/result_document.hpp"
#include "render/safe_text.hpp"
#include "render/summary_render.hpp"

namespace qaf::detail {
namespace {

constexpr std::array<const char*, 12> month_names = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// A round step for the value axis: 1, 2, 5, 10, 20, 50... giving at most five gridlines.
int axis_step(int largest) {
  int step = 1;
  for (int scale = 1;; scale *= 10) {
    for (const int f : {1, 2, 5}) {
      step = f * scale;
      if (largest <= step * 5) return step;
    }
  }
}

}  // namespace

std::string visits_chart_svg(const portfolio_summary& summary) {
  const std::size_t months = summary.months.size();
  constexpr int width = 760;
  constexpr int height = 300;
  constexpr int left = 44;
  constexpr int right = 10;
  constexpr int top = 22;
  constexpr int bottom = 44;
  const int plot_width = width - left - right;
  const int plot_height = height - top - bottom;
  const int largest = summary.visits_total.empty() ? 0
                                                   : *std::max_element(summary.visits_total.begin(),
                                                                       summary.visits_total.end());
  const int step = axis_step(std::max(largest, 1));
  const int ceiling = step * ((std::max(largest, 1) + step - 1) / step);
  const auto y_of = [&](double value) {
    return top + plot_height - value * plot_height / static_cast<double>(ceiling);
  };

  if (months == 0) return "<p>The window has no months.</p>\n";
  std::ostringstream svg;
  svg.setf(std::ios::fixed);
  svg.precision(1);
  svg << "<svg class=\"chart\" id=\"visits-chart\" role=\"img\" aria-labelledby=\"visits-title "
         "visits-desc\" viewBox=\"0 0 "
      << width << ' ' << height << "\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\">\n"
      << "<title id=\"visits-title\">On-site visits due per month, by officer</title>\n"
      << "<desc id=\"visits-desc\">Stacked bars, one a month from " << summary.months.front()
      << " to " << summary.months.back()
      << "; each officer's visits are one segment; the table below gives every number.</desc>\n";
  for (int v = 0; v <= ceiling; v += step) {
    svg << "<line class=\"grid\" x1=\"" << left << "\" x2=\"" << width - right << "\" y1=\""
        << y_of(v) << "\" y2=\"" << y_of(v) << "\"/>"
        << "<text class=\"axis\" x=\"" << left - 6 << "\" y=\"" << y_of(v) + 4
        << "\" text-anchor=\"end\">" << v << "</text>\n";
  }
  const double slot = plot_width / static_cast<double>(std::max<std::size_t>(months, 1));
  const double bar = slot * 0.66;
  const auto colours = series_colours();
  for (std::size_t m = 0; m < months; ++m) {
    const double x = left + slot * static_cast<double>(m) + (slot - bar) / 2;
    double stacked = 0;
    for (std::size_t o = 0; o < summary.visits_by_officer.size(); ++o) {
      const officer_visits& officer = summary.visits_by_officer[o];
      const int n = officer.visits[m];
      if (n == 0) continue;
      const double y1 = y_of(stacked + n);
      const double h = y_of(stacked) - y1;
      const std::string who = officer.officer.empty() ? no_officer : officer.officer;
      svg << "<rect class=\"segment\" x=\"" << x << "\" y=\"" << y1 << "\" width=\"" << bar
          << "\" height=\"" << h << "\" fill=\"" << colours[o % colours.size()] << "\"><title>"
          << html_escaped(who) << ", " << summary.months[m] << ": " << n << "</title></rect>";
      if (h >= 14) {
        svg << "<text class=\"on-bar\" x=\"" << x + bar / 2 << "\" y=\"" << y1 + h / 2 + 4
            << "\" text-anchor=\"middle\">" << n << "</text>";
      }
      svg << '\n';
      stacked += n;
    }
    svg << "<text class=\"total\" x=\"" << x + bar / 2 << "\" y=\"" << y_of(stacked) - 5
        << "\" text-anchor=\"middle\">" << summary.visits_total[m] << "</text>\n";
    const std::string& month = summary.months[m];  // "2026-12"
    const int number = std::stoi(month.substr(5, 2));
    svg << "<text class=\"axis\" x=\"" << x + bar / 2 << "\" y=\"" << height - bottom + 16
        << "\" text-anchor=\"middle\">" << month_names[static_cast<std::size_t>(number - 1)]
        << "</text>";
    if (m == 0 || number == 1) {
      svg << "<text class=\"axis\" x=\"" << x + bar / 2 << "\" y=\"" << height - bottom + 32
          << "\" text-anchor=\"middle\">" << month.substr(0, 4) << "</text>";
    }
    svg << '\n';
  }
  svg << "<line class=\"baseline\" x1=\"" << left << "\" x2=\"" << width - right << "\" y1=\""
      << y_of(0) << "\" y2=\"" << y_of(0) << "\"/>\n</svg>\n";
  return svg.str();
}

std::string levels_chart_svg(const scheme_summary& scheme) {
  constexpr int width = 760;
  constexpr int row = 28;
  constexpr int label_width = 250;
  constexpr int count_width = 50;
  const int rows = static_cast<int>(scheme.levels.size()) + 1;
  const int height = rows * row + 8;
  int largest = scheme.not_assessed;
  for (const level_count& l : scheme.levels) largest = std::max(largest, l.providers);
  const double unit =
      (width - label_width - count_width) / static_cast<double>(std::max(largest, 1));
  const std::string id = "levels-" + html_escaped(scheme.scheme);

  std::ostringstream svg;
  svg.setf(std::ios::fixed);
  svg.precision(1);
  svg << "<svg class=\"chart levels-chart\" id=\"" << id << "\" role=\"img\" aria-labelledby=\""
      << id << "-title\" viewBox=\"0 0 " << width << ' ' << height
      << "\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\">\n"
      << "<title id=\"" << id << "-title\">Providers by level: " << html_escaped(scheme.title)
      << "</title>\n";
  const auto draw = [&](int index, const std::string& label, int count, std::string_view fill) {
    const int y = 4 + index * row;
    svg << "<text class=\"label\" x=\"0\" y=\"" << y + 18 << "\">" << label << "</text>"
        << "<rect x=\"" << label_width << "\" y=\"" << y + 4 << "\" width=\""
        << (count == 0 ? 0.0 : std::max(unit * count, 2.0)) << "\" height=\"" << row - 8
        << "\" fill=\"" << fill << "\"/>"
        << "<text class=\"count\" x=\"" << label_width + unit * count + 6 << "\" y=\"" << y + 18
        << "\">" << count << "</text>\n";
  };
  for (std::size_t i = 0; i < scheme.levels.size(); ++i) {
    const level_count& l = scheme.levels[i];
    draw(static_cast<int>(i), html_escaped(level_with_label(l.level, l.label)), l.providers,
         tone_of(i, scheme.levels.size()).bar);
  }
  draw(static_cast<int>(scheme.levels.size()), "not assessed", scheme.not_assessed,
       not_assessed_tone.bar);
  svg << "</svg>\n";
  return svg.str();
}

}  // namespace qaf::detail
