#include "render/html_report.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "pack/pack_data.hpp"
#include "render/explanation_render.hpp"
#include "render/html_charts.hpp"
#include "render/html_palette.hpp"
#include "render/occurrence_groups.hpp"
#include "render/rating_render.hpp"
#include "render/result_document.hpp"
#include "render/safe_text.hpp"
#include "render/schedule_render.hpp"
#include "render/summary_render.hpp"

namespace qaf::detail {
namespace {

std::string h(std::string_view text) { return html_escaped(text); }

std::string officer_name(const std::string& officer) {
  return officer.empty() ? std::string(no_officer) : officer;
}

std::string number_text(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.10g", value);
  return buffer;
}

std::string style_sheet() {
  std::string css = R"(
@page { size: A4; margin: 14mm 12mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; font-size: 10.5pt;
  line-height: 1.4; color: PAGE_TEXT; background: PAGE_BG; margin: 0 auto; max-width: 1000px;
  padding: 16px; }
h1 { font-size: 18pt; margin: 0 0 4px; }
h2 { font-size: 14pt; margin: 22px 0 8px; border-bottom: 2px solid PAGE_TEXT;
  break-after: avoid; page-break-after: avoid; }
h3 { font-size: 11.5pt; margin: 12px 0 4px; break-after: avoid; page-break-after: avoid; }
p.meta, .muted { color: MUTED_TEXT; }
table { border-collapse: collapse; margin: 4px 0 10px; width: 100%; }
th, td { border: 1px solid #b3b3b3; padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: HEADER_BG; color: PAGE_TEXT; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
tr { break-inside: avoid; page-break-inside: avoid; }
.grid-2 { display: grid; grid-template-columns: 1fr 1fr; gap: 0 24px; }
.figure { break-inside: avoid; page-break-inside: avoid; margin: 8px 0 16px; }
svg.chart { display: block; max-width: 760px; height: auto; }
svg .grid { stroke: #d0d0d0; stroke-width: 1; }
svg .baseline { stroke: PAGE_TEXT; stroke-width: 1; }
svg text { font-family: inherit; font-size: 12px; fill: PAGE_TEXT; }
svg text.axis { fill: MUTED_TEXT; font-size: 11px; }
svg text.on-bar { fill: PAGE_BG; font-size: 11px; font-weight: bold; }
svg text.total { font-weight: bold; }
svg rect.segment { stroke: PAGE_BG; stroke-width: 1; }
ul.legend { list-style: none; padding: 0; margin: 4px 0; display: flex; flex-wrap: wrap;
  gap: 4px 18px; }
ul.legend .swatch { display: inline-block; width: 12px; height: 12px; margin-right: 5px;
  vertical-align: -1px; border: 1px solid PAGE_TEXT; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 3px; font-weight: bold;
  border: 1px solid currentColor; }
.badge.provisional { border-style: dashed; }
.alert { color: ALERT_TEXT; font-weight: bold; }
section.provider { border-top: 1px solid #8c8c8c; padding-top: 4px; margin-top: 18px; }
section.provider h2 { border-bottom: none; margin-top: 6px; }
ul.reasons { margin: 2px 0 6px; padding-left: 20px; }
ul.reasons li { margin: 1px 0; }
ul.why { margin: 2px 0; padding-left: 18px; font-size: 90%; }
ul.why li.not_evaluated { color: MUTED_TEXT; }
.src { color: MUTED_TEXT; font-size: 9pt; }
.warnings li { color: ALERT_TEXT; }
#providers { break-before: page; page-break-before: always; }
@media print { body { max-width: none; padding: 0; font-size: 9.5pt; } }
)";
  const auto replace = [&](std::string_view name, std::string_view value) {
    for (std::size_t at = css.find(name); at != std::string::npos; at = css.find(name, at))
      css.replace(at, name.size(), value);
  };
  replace("PAGE_TEXT", page_text);
  replace("PAGE_BG", page_background);
  replace("MUTED_TEXT", muted_text);
  replace("HEADER_BG", header_background);
  replace("ALERT_TEXT", alert_text);
  for (std::size_t i = 0; i < level_tones().size(); ++i) {
    const level_tone& t = level_tones()[i];
    css += ".tone-" + std::to_string(i) + " { color: " + std::string(t.text) +
           "; background: " + std::string(t.background) + "; }\n";
  }
  css += ".tone-none { color: " + std::string(not_assessed_tone.text) +
         "; background: " + std::string(not_assessed_tone.background) + "; }\n";
  return css;
}

// The class of a rating's badge: its level's tone, or none when there is no level.
std::string tone_class(const pack& rules, const rating& r) {
  if (r.status == rating_status::not_assessed) return "tone-none";
  const level_value& shown = r.officer_override ? r.officer_override->level : r.level;
  for (const scheme& s : rules.data().schemes) {
    if (s.id != r.scheme) continue;
    for (std::size_t i = 0; i < s.levels.size(); ++i)
      if (s.levels[i].value == shown)
        return "tone-" + std::to_string(tone_index(i, s.levels.size()));
  }
  return "tone-none";
}

std::string scheme_title(const pack& rules, const std::string& id) {
  for (const scheme& s : rules.data().schemes)
    if (s.id == id) return s.title;
  return id;
}

std::string activity_title(const pack& rules, const std::string& code) {
  const activity* a = rules.find_activity(code);
  return a == nullptr ? std::string() : a->title;
}

void write_summary(std::ostream& out, const portfolio_summary& summary) {
  out << "<section id=\"summary\">\n<h2>Portfolio summary</h2>\n"
      << "<p><strong>" << summary.providers << "</strong> providers; <strong>" << summary.overdue
      << "</strong> obligations overdue; <strong>" << summary.shortfalls.size()
      << "</strong> minimum-visit shortfalls (a provider short under one rule).</p>\n";
  for (const scheme_summary& s : summary.schemes) {
    out << "<div class=\"figure\">\n<h3>Providers by level: " << h(s.title) << " (" << h(s.scheme)
        << ")</h3>\n"
        << levels_chart_svg(s) << "<table id=\"summary-levels-" << h(s.scheme)
        << "\"><thead><tr><th>Level</th><th class=\"n\">Providers</th></tr></thead><tbody>\n";
    for (std::size_t i = 0; i < s.levels.size(); ++i) {
      const level_count& l = s.levels[i];
      out << "<tr><td><span class=\"badge tone-" << tone_index(i, s.levels.size()) << "\">"
          << h(level_with_label(l.level, l.label)) << "</span></td><td class=\"n\">" << l.providers
          << "</td></tr>\n";
    }
    out << "<tr><td><span class=\"badge tone-none\">not assessed</span></td><td class=\"n\">"
        << s.not_assessed << "</td></tr>\n</tbody></table>\n"
        << "<p class=\"muted\">Of the providers with a level, <span data-count=\"provisional\">"
        << s.provisional << "</span> provisional (unknown facts could make them worse) and "
        << "<span data-count=\"overridden\">" << s.overridden
        << "</span> set by an officer's override.</p>\n</div>\n";
  }
  out << "<div class=\"grid-2\">\n<div>\n<h3>Overdue by officer</h3>\n"
      << "<table id=\"summary-overdue-officer\"><thead><tr><th>Officer</th><th "
         "class=\"n\">Overdue</th></tr></thead><tbody>\n";
  for (const named_count& o : summary.overdue_by_officer)
    out << "<tr><td>" << h(officer_name(o.name)) << "</td><td class=\"n\">" << o.count
        << "</td></tr>\n";
  if (summary.overdue_by_officer.empty())
    out << "<tr><td colspan=\"2\">Nothing is overdue.</td></tr>\n";
  out << "</tbody></table>\n</div>\n<div>\n<h3>Overdue by activity</h3>\n"
      << "<table id=\"summary-overdue-activity\"><thead><tr><th>Activity</th><th "
         "class=\"n\">Overdue</th></tr></thead><tbody>\n";
  for (const named_count& a : summary.overdue_by_activity)
    out << "<tr><td data-activity=\"" << h(a.name) << "\">" << h(a.name) << " " << h(a.title)
        << "</td><td class=\"n\">" << a.count << "</td></tr>\n";
  if (summary.overdue_by_activity.empty())
    out << "<tr><td colspan=\"2\">Nothing is overdue.</td></tr>\n";
  out << "</tbody></table>\n</div>\n</div>\n";

  out << "<h3>Short of the minimum on-site visits (12 months before the as-of date)</h3>\n"
      << "<table "
         "id=\"summary-shortfalls\"><thead><tr><th>Provider</th><th>Officer</th><th>Rule</th>"
         "<th class=\"n\">Done</th><th class=\"n\">Required</th><th class=\"n\">Short by</th>"
         "</tr></thead><tbody>\n";
  for (const visit_shortfall& v : summary.shortfalls) {
    out << "<tr><td>" << h(v.name.empty() ? v.provider : v.name + " (" + v.provider + ")")
        << "</td><td>" << h(officer_name(v.officer)) << "</td><td>" << h(v.rule)
        << "</td><td class=\"n\">" << v.done << "</td><td class=\"n\">" << v.required
        << (v.part_year ? " <span class=\"muted\">(part in force)</span>" : "")
        << "</td><td class=\"n\">" << v.shortfall << "</td></tr>\n";
  }
  if (summary.shortfalls.empty())
    out << "<tr><td colspan=\"6\">Every provider has had its minimum visits.</td></tr>\n";
  out << "</tbody></table>\n";

  out << "<div class=\"figure\">\n<h3>On-site visits due per month, by officer</h3>\n"
      << visits_chart_svg(summary) << "<ul class=\"legend\">";
  const auto colours = series_colours();
  for (std::size_t o = 0; o < summary.visits_by_officer.size(); ++o) {
    out << "<li><span class=\"swatch\" style=\"background:" << colours[o % colours.size()]
        << "\"></span>" << h(officer_name(summary.visits_by_officer[o].officer)) << "</li>";
  }
  out << "</ul>\n<p class=\"muted\">Each bar stacks the officers from the bottom up in the "
         "legend's order; the table below gives every number.</p>\n";
  int visits = 0;
  for (const int n : summary.visits_total) visits += n;
  if (visits == 0)
    out << "<p>No on-site visit falls due in the window: the pack schedules none for these "
           "providers, or only in response to events.</p>\n";
  out << "</div>\n<table id=\"summary-visits\"><thead><tr><th>Officer</th>";
  for (const std::string& m : summary.months) out << "<th class=\"n\">" << m << "</th>";
  out << "<th class=\"n\">Overdue from before</th></tr></thead><tbody>\n";
  int before = 0;
  for (const officer_visits& o : summary.visits_by_officer) {
    out << "<tr><td>" << h(officer_name(o.officer)) << "</td>";
    for (const int n : o.visits) out << "<td class=\"n\">" << n << "</td>";
    out << "<td class=\"n\">" << o.overdue_before << "</td></tr>\n";
    before += o.overdue_before;
  }
  out << "<tr><th>All officers</th>";
  for (const int n : summary.visits_total) out << "<th class=\"n\">" << n << "</th>";
  out << "<th class=\"n\">" << before << "</th></tr>\n</tbody></table>\n</section>\n";
}

void write_reason_list(std::ostream& out, const char* heading,
                       const std::vector<rating_reason>& reasons) {
  if (reasons.empty()) return;
  out << "<p><strong>" << heading << "</strong></p>\n<ul class=\"reasons\">\n";
  for (const rating_reason& why : reasons) {
    out << "<li>(" << h(level_text(why.level)) << ") "
        << (why.kind == reason_kind::requirement_failed ? "<strong>Not so:</strong> " : "")
        << h(why.text) << " <span class=\"src\">[" << h(why.source.section) << "; rule "
        << h(why.rule) << "]</span>";
    if (why.interpretation && !why.note.empty())
      out << "<br><span class=\"src\">The pack's interpretation: " << h(why.note) << "</span>";
    write_explanation_html(out, why.explanation);
    out << "</li>\n";
  }
  out << "</ul>\n";
}

void write_rating(std::ostream& out, const pack& rules, const rating& r) {
  out << "<h3>" << h(scheme_title(rules, r.scheme)) << "</h3>\n<p><span class=\"badge "
      << tone_class(rules, r) << (r.status == rating_status::provisional ? " provisional" : "")
      << "\">" << h(rating_summary(r)) << "</span>";
  if (r.officer_override) {
    out << " <strong>Officer's rating: "
        << h(level_with_label(r.officer_override->level, r.override_label)) << "</strong> ("
        << h(r.officer_override->officer) << ", " << r.officer_override->on << ": "
        << h(r.officer_override->reason) << ")";
  }
  if (r.trend == rating_trend::escalated) out << " <span class=\"alert\">escalated</span>";
  if (r.trend == rating_trend::de_escalated) out << " <span>de-escalated</span>";
  if (r.review_due) out << " <span class=\"alert\">review due</span>";
  out << "</p>\n";
  write_reason_list(out, "Because", r.reasons);
  write_reason_list(out, "Also found", r.also_fired);
  if (!r.undecided.empty()) {
    out << "<p><strong>Not decided for want of evidence</strong></p>\n<ul class=\"reasons\">\n";
    for (const undecided_rule& u : r.undecided) {
      out << "<li>(" << h(level_text(u.level)) << ") " << h(u.text)
          << " <span class=\"src\">unknown:";
      for (const std::string& f : u.unknown_facts) out << ' ' << h(f);
      out << "</span>";
      write_explanation_html(out, u.explanation);
      out << "</li>\n";
    }
    out << "</ul>\n";
  }
  if (!r.interventions.empty()) {
    out << "<p><strong>What follows</strong></p>\n<ul class=\"reasons\">\n";
    for (const rating_intervention& i : r.interventions)
      out << "<li>" << h(i.text) << " <span class=\"src\">[" << h(i.source.section)
          << "]</span></li>\n";
    out << "</ul>\n";
  }
}

// Occurrences one to a row: overdue and due work is what a manager chases.
void write_occurrence_rows(std::ostream& out, const pack& rules, const char* heading,
                           const char* status_class, const std::vector<const occurrence*>& list) {
  if (list.empty()) return;
  out << "<h3>" << heading << " (" << list.size() << ")</h3>\n<table class=\"" << status_class
      << "\"><thead><tr><th>Due</th><th>Activity</th><th>Kind</th><th>Rule</th><th>Notes</th>"
         "</tr></thead><tbody>\n";
  for (const occurrence* o : list) {
    out << "<tr><td>" << o->due << "</td><td>" << h(o->activity) << " "
        << h(activity_title(rules, o->activity)) << "</td><td>" << to_string(o->kind)
        << (o->on_site ? ", on site" : "") << "</td><td>" << h(o->rule) << "</td><td>";
    if (o->origin != occurrence_origin::schedule) out << h(to_string(o->origin)) << ". ";
    if (!o->period_name.empty()) out << h(o->period_name) << ". ";
    for (const occurrence_warning& w : o->warnings) out << h(w.message) << ". ";
    out << "</td></tr>\n";
  }
  out << "</tbody></table>\n";
}

// Upcoming work grouped by activity: "QMC-5, 12 from 2027-01-31 to 2027-12-31".
void write_next(std::ostream& out, const pack& rules, const std::vector<const occurrence*>& list) {
  if (list.empty()) return;
  const std::vector<std::vector<const occurrence*>> by_activity = group_by_activity(list);
  out << "<h3>Next, in the window (" << list.size()
      << ")</h3>\n<table class=\"next\"><thead><tr><th>Next due</th><th>Activity</th>"
         "<th class=\"n\">In the window</th><th>Last in the window</th></tr></thead><tbody>\n";
  for (const auto& group : by_activity) {
    out << "<tr><td>" << group.front()->due << "</td><td>" << h(group.front()->activity) << " "
        << h(activity_title(rules, group.front()->activity)) << "</td><td class=\"n\">"
        << group.size() << "</td><td>" << group.back()->due << "</td></tr>\n";
  }
  out << "</tbody></table>\n";
}

void write_kpis(std::ostream& out, const std::vector<kpi_result>& kpis) {
  if (kpis.empty()) return;
  const auto latest = std::max_element(
      kpis.begin(), kpis.end(),
      [](const kpi_result& a, const kpi_result& b) { return a.period_end < b.period_end; });
  out << "<h3>KPIs, " << period_text(latest->period_start, latest->period_end)
      << "</h3>\n<table class=\"kpis\"><thead><tr><th>KPI</th><th>Status</th><th "
         "class=\"n\">Value</th><th>Target</th><th>Consequence</th></tr></thead><tbody>\n";
  for (const kpi_result& k : kpis) {
    if (k.period_end != latest->period_end) continue;
    const bool bad = k.status == kpi_status::not_met;
    out << "<tr><td>" << h(k.kpi) << "</td><td" << (bad ? " class=\"alert\"" : "") << ">"
        << h(to_string(k.status)) << (k.explained ? " (explained)" : "")
        << (k.inaccurate ? " (inaccurate)" : "") << "</td><td class=\"n\">"
        << (k.value ? number_text(*k.value) : std::string("-")) << "</td><td>" << h(k.target)
        << "</td><td" << (k.consequence != kpi_consequence::none ? " class=\"alert\"" : "") << ">"
        << h(to_string(k.consequence)) << "</td></tr>\n";
  }
  out << "</tbody></table>\n";
  std::vector<const kpi_result*> earlier;
  for (const kpi_result& k : kpis)
    if (k.period_end != latest->period_end && k.consequence != kpi_consequence::none)
      earlier.push_back(&k);
  if (!earlier.empty()) {
    out << "<p><strong>Consequences in earlier periods</strong></p>\n<ul class=\"reasons\">\n";
    for (const kpi_result* k : earlier)
      out << "<li>" << period_text(k->period_start, k->period_end) << ": " << h(k->kpi) << " "
          << h(to_string(k->status)) << " &rarr; " << h(to_string(k->consequence)) << "</li>\n";
    out << "</ul>\n";
  }
}

void write_provider(std::ostream& out, const pack& rules, const provider_assessment& a,
                    std::size_t index) {
  const provider_schedule& s = a.schedule;
  out << "<section class=\"provider\" id=\"provider-" << index << "\" data-provider=\""
      << h(s.provider) << "\">\n<h2>" << h(s.name.empty() ? s.provider : s.name)
      << (s.name.empty() ? "" : " <span class=\"muted\">(" + h(s.provider) + ")</span>")
      << "</h2>\n<p class=\"meta\">Officer: " << h(officer_name(s.officer)) << "</p>\n";
  for (const rating& r : a.ratings) write_rating(out, rules, r);

  std::vector<const occurrence*> overdue;
  std::vector<const occurrence*> due;
  std::vector<const occurrence*> upcoming;
  for (const occurrence& o : s.result.occurrences) {
    if (o.status == occurrence_status::overdue) overdue.push_back(&o);
    if (o.status == occurrence_status::due) due.push_back(&o);
    if (o.status == occurrence_status::upcoming) upcoming.push_back(&o);
  }
  write_occurrence_rows(out, rules, "Overdue", "overdue", overdue);
  write_occurrence_rows(out, rules, "Due within 30 days", "due", due);
  write_next(out, rules, upcoming);
  if (overdue.empty() && due.empty() && upcoming.empty())
    out << "<p>Nothing is overdue, due or scheduled in the window.</p>\n";
  for (const minimum_visits_check& m : s.result.minimum_visits) {
    if (m.shortfall <= 0) continue;
    out << "<p class=\"alert\">Minimum on-site visits: " << m.done_last_12_months << " of "
        << m.required_in_force << " in the last 12 months"
        << (m.part_year ? " (the part in force)" : "") << " (" << h(m.rule) << ").</p>\n";
  }
  write_kpis(out, a.kpis);

  std::vector<std::string> warnings;
  std::set<std::string> seen;
  for (const occurrence& o : s.result.occurrences)
    for (const occurrence_warning& w : o.warnings)
      if (seen.insert(w.message).second) warnings.push_back(w.message);
  if (!s.result.unknown_facts.empty()) {
    std::string list;
    for (const std::string& f : s.result.unknown_facts) list += (list.empty() ? "" : ", ") + f;
    warnings.insert(warnings.begin(), "Not scheduled for want of: " + list);
  }
  if (!warnings.empty()) {
    out << "<h3>Warnings</h3>\n<ul class=\"warnings\">\n";
    for (const std::string& w : warnings) out << "<li>" << h(w) << "</li>\n";
    out << "</ul>\n";
  }
  out << "</section>\n";
}

}  // namespace

void write_assessment_html(std::ostream& out, const pack& rules, const schedule_options& window,
                           const portfolio_summary& summary,
                           std::span<const provider_assessment> assessments) {
  const pack_info& info = rules.info();
  out << "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      << "<title>" << h(info.title) << ", as of " << window.as_of << "</title>\n<style>"
      << style_sheet() << "</style>\n</head>\n<body>\n<header>\n<h1>" << h(info.title)
      << "</h1>\n<p class=\"meta\">" << h(info.council) << ". Pack " << h(info.id) << " "
      << h(info.version) << ". As of <strong>" << window.as_of << "</strong>; schedule "
      << window.from << " to " << window.to << ".</p>\n";
  std::vector<provider_schedule> schedules;
  schedules.reserve(assessments.size());
  for (const provider_assessment& a : assessments) schedules.push_back(a.schedule);
  const std::vector<occurrence_warning> warnings = result_warnings(schedules);
  if (!warnings.empty()) {
    out << "<ul class=\"warnings\">\n";
    for (const occurrence_warning& w : warnings) out << "<li>" << h(w.message) << "</li>\n";
    out << "</ul>\n";
  }
  out << "</header>\n<main>\n";
  write_summary(out, summary);
  out << "<div id=\"providers\">\n";
  for (std::size_t i = 0; i < assessments.size(); ++i)
    write_provider(out, rules, assessments[i], i + 1);
  out << "</div>\n</main>\n<footer><p class=\"muted\">Made by qaf from pack " << h(info.id) << " "
      << h(info.version) << ". Levels are shown in words; colours only repeat them.</p></footer>\n"
      << "</body>\n</html>\n";
}

}  // namespace qaf::detail
