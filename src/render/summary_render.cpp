#include "render/summary_render.hpp"

#include "render/result_document.hpp"
#include "render/safe_text.hpp"

namespace qaf::detail {
namespace {

nlohmann::ordered_json officer_json(const std::string& officer) {
  if (officer.empty()) return nullptr;
  return officer;
}

std::string officer_text(const std::string& officer) {
  return officer.empty() ? std::string(no_officer) : escaped_text(officer);
}

}  // namespace

std::string level_with_label(const level_value& level, const std::string& label) {
  if (label.empty()) return level_text(level);
  if (std::holds_alternative<std::int64_t>(level)) return level_text(level) + " " + label;
  return label;
}

nlohmann::ordered_json shortfall_json(const visit_shortfall& v) {
  return {
      {"provider", v.provider},   {"name", v.name},          {"officer", officer_json(v.officer)},
      {"rule", v.rule},           {"done", v.done},          {"required", v.required},
      {"shortfall", v.shortfall}, {"part_year", v.part_year}};
}

nlohmann::ordered_json summary_json(const portfolio_summary& summary) {
  return summary_json(summary, {});
}

nlohmann::ordered_json summary_json(const portfolio_summary& summary, std::string_view marker) {
  nlohmann::ordered_json out;
  out["providers"] = summary.providers;
  out["schemes"] = nlohmann::ordered_json::array();
  for (const scheme_summary& s : summary.schemes) {
    nlohmann::ordered_json scheme;
    scheme["scheme"] = s.scheme;
    scheme["title"] = s.title;
    scheme["levels"] = nlohmann::ordered_json::array();
    for (const level_count& l : s.levels)
      scheme["levels"].push_back(
          {{"level", level_json(l.level)}, {"label", l.label}, {"providers", l.providers}});
    scheme["provisional"] = s.provisional;
    scheme["not_assessed"] = s.not_assessed;
    scheme["overridden"] = s.overridden;
    out["schemes"].push_back(std::move(scheme));
  }
  out["overdue"] = summary.overdue;
  out["overdue_by_officer"] = nlohmann::ordered_json::array();
  for (const named_count& o : summary.overdue_by_officer)
    out["overdue_by_officer"].push_back({{"officer", officer_json(o.name)}, {"overdue", o.count}});
  out["overdue_by_activity"] = nlohmann::ordered_json::array();
  for (const named_count& a : summary.overdue_by_activity)
    out["overdue_by_activity"].push_back(
        {{"activity", a.name}, {"title", a.title}, {"overdue", a.count}});
  if (!marker.empty()) {
    out["minimum_visit_shortfalls"] = marker;
  } else {
    out["minimum_visit_shortfalls"] = nlohmann::ordered_json::array();
    for (const visit_shortfall& v : summary.shortfalls)
      out["minimum_visit_shortfalls"].push_back(shortfall_json(v));
  }
  nlohmann::ordered_json visits;
  visits["months"] = summary.months;
  visits["by_officer"] = nlohmann::ordered_json::array();
  for (const officer_visits& o : summary.visits_by_officer) {
    visits["by_officer"].push_back({{"officer", officer_json(o.officer)},
                                    {"visits", o.visits},
                                    {"overdue_before", o.overdue_before}});
  }
  visits["total"] = summary.visits_total;
  out["visits_by_month"] = std::move(visits);
  return out;
}

void write_summary_text(std::ostream& out, const portfolio_summary& summary) {
  out << "\n  Portfolio summary: " << summary.providers << " providers, " << summary.overdue
      << " overdue\n";
  for (const scheme_summary& s : summary.schemes) {
    out << "    " << escaped_text(s.title) << " (" << escaped_text(s.scheme) << "):\n";
    for (const level_count& l : s.levels)
      out << "      " << escaped_text(level_with_label(l.level, l.label)) << ": " << l.providers
          << '\n';
    out << "      of which provisional: " << s.provisional << '\n';
    out << "      of which overridden by an officer: " << s.overridden << '\n';
    out << "      not assessed: " << s.not_assessed << '\n';
  }
  out << "    overdue by officer:";
  if (summary.overdue_by_officer.empty()) out << " none";
  out << '\n';
  for (const named_count& o : summary.overdue_by_officer)
    out << "      " << officer_text(o.name) << ": " << o.count << '\n';
  out << "    overdue by activity:";
  if (summary.overdue_by_activity.empty()) out << " none";
  out << '\n';
  for (const named_count& a : summary.overdue_by_activity)
    out << "      " << escaped_text(a.name) << " " << escaped_text(a.title) << ": " << a.count
        << '\n';
  out << "    short of minimum on-site visits: " << summary.shortfalls.size() << '\n';
  for (const visit_shortfall& v : summary.shortfalls) {
    out << "      " << escaped_text(v.name.empty() ? v.provider : v.name + " (" + v.provider + ")")
        << ": " << v.done << " of " << v.required << " in the last 12 months"
        << (v.part_year ? " (the part in force)" : "") << ", officer " << officer_text(v.officer)
        << " (" << escaped_text(v.rule) << ")\n";
  }
  out << "    on-site visits due by month:\n";
  for (std::size_t m = 0; m < summary.months.size(); ++m) {
    out << "      " << summary.months[m] << ": " << summary.visits_total[m];
    bool first = true;
    for (const officer_visits& o : summary.visits_by_officer) {
      if (o.visits[m] == 0) continue;
      out << (first ? " (" : ", ") << officer_text(o.officer) << " " << o.visits[m];
      first = false;
    }
    out << (first ? "" : ")") << '\n';
  }
  int before = 0;
  for (const officer_visits& o : summary.visits_by_officer) before += o.overdue_before;
  out << "      overdue from before: " << before;
  bool first = true;
  for (const officer_visits& o : summary.visits_by_officer) {
    if (o.overdue_before == 0) continue;
    out << (first ? " (" : ", ") << officer_text(o.officer) << " " << o.overdue_before;
    first = false;
  }
  out << (first ? "" : ")") << '\n';
}

}  // namespace qaf::detail
