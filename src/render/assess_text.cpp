#include "render/assess_text.hpp"

#include <algorithm>
#include <map>

#include "render/explanation_render.hpp"
#include "render/occurrence_groups.hpp"
#include "render/rating_render.hpp"
#include "render/result_document.hpp"
#include "render/safe_text.hpp"
#include "render/schedule_render.hpp"
#include "render/summary_render.hpp"

namespace qaf::detail {
namespace {

// Every piece of text from a pack or portfolio goes through this: a newline in a name must not
// forge a line of the report, nor ESC drive the terminal (issue 11).
std::string shown(std::string_view text) { return escaped_text(text); }

// Occurrences of one activity under one heading, as a person reads them: "QMC-5 (return): 19,
// 2024-04-30 to 2026-10-31" rather than nineteen lines.
void write_occurrences(std::ostream& out, const char* heading,
                       const std::vector<const occurrence*>& list) {
  if (list.empty()) return;
  out << "    " << heading << ":\n";
  const std::vector<std::vector<const occurrence*>> by_activity = group_by_activity(list);
  for (const auto& group : by_activity) {
    const occurrence& first = *group.front();
    out << "      " << first.due << "  " << shown(first.activity) << " (" << to_string(first.kind)
        << ")";
    if (group.size() > 1) out << " and " << group.size() - 1 << " more to " << group.back()->due;
    out << "  " << shown(first.rule);
    if (first.origin != occurrence_origin::schedule) out << " [" << to_string(first.origin) << "]";
    if (first.late) out << "  done " << first.days_late << " days late";
    for (const occurrence_warning& w : first.warnings) out << "  ! " << shown(w.message);
    out << '\n';
  }
}

// "because (3) ..." for the reasons that decided the level, "also (1) ..." for the other rules
// that fired, "not so (2): ..." for a condition of the least severe level that failed.
void write_reasons(std::ostream& out, const char* heading, const std::vector<rating_reason>& list) {
  for (const rating_reason& why : list) {
    out << "      " << heading << " (" << shown(level_text(why.level)) << ") "
        << (why.kind == reason_kind::requirement_failed ? "not so: " : "") << shown(why.text)
        << "  [" << shown(why.source.section) << "]\n";
    write_explanation_text(out, why.explanation, 8);
  }
}

// Rules that unknown facts kept undecided, told only with --explain: with their conditions, test
// by test, so that an officer sees which fact to find out.
void write_undecided(std::ostream& out, const std::vector<undecided_rule>& list) {
  for (const undecided_rule& u : list) {
    if (u.explanation.empty()) continue;
    out << "      undecided (" << shown(level_text(u.level)) << ") " << shown(u.text) << '\n';
    write_explanation_text(out, u.explanation, 8);
  }
}

void write_rating(std::ostream& out, const rating& r) {
  out << "    " << shown(r.scheme) << ": " << shown(rating_summary(r));
  if (r.officer_override) {
    out << "  (officer " << shown(r.officer_override->officer) << " set "
        << shown(level_text(r.officer_override->level)) << " on " << r.officer_override->on << ": "
        << shown(r.officer_override->reason) << ")";
  }
  if (r.trend == rating_trend::escalated || r.trend == rating_trend::de_escalated) {
    out << "  [" << to_string(r.trend) << "]";
  }
  if (r.review_due) out << "  [review due]";
  out << '\n';
  write_reasons(out, "because", r.reasons);
  write_reasons(out, "also", r.also_fired);
  write_undecided(out, r.undecided);
  if (!r.unknown_facts.empty()) {
    out << "      unknown: ";
    for (std::size_t i = 0; i < r.unknown_facts.size(); ++i) {
      if (i == 4) {
        out << ", and " << r.unknown_facts.size() - 4 << " more";
        break;
      }
      out << (i == 0 ? "" : ", ") << shown(r.unknown_facts[i]);
    }
    out << '\n';
  }
  for (const rating_intervention& i : r.interventions) {
    out << "      then: " << shown(i.text) << "  [" << shown(i.source.section) << "]\n";
  }
}

void write_kpis(std::ostream& out, const std::vector<kpi_result>& kpis) {
  if (kpis.empty()) return;
  const auto latest = std::max_element(
      kpis.begin(), kpis.end(),
      [](const kpi_result& a, const kpi_result& b) { return a.period_end < b.period_end; });
  std::map<kpi_status, int> counts;
  std::vector<const kpi_result*> consequences;
  for (const kpi_result& k : kpis) {
    if (k.period_end != latest->period_end) continue;
    ++counts[k.status];
    if (k.consequence != kpi_consequence::none) consequences.push_back(&k);
  }
  out << "    KPIs, " << period_text(latest->period_start, latest->period_end) << ":";
  for (const auto& [status, n] : counts) out << ' ' << n << ' ' << to_string(status) << ';';
  out << '\n';
  for (const kpi_result* k : consequences) {
    out << "      " << shown(k->kpi) << ": " << to_string(k->status) << " (target "
        << shown(k->target) << ") -> " << to_string(k->consequence) << '\n';
  }
}

}  // namespace

void write_assessment_text(std::ostream& out, const pack& rules, const schedule_options& window,
                           const portfolio_summary& summary,
                           std::span<const provider_assessment> assessments) {
  out << shown(rules.info().title) << " (" << shown(rules.info().id) << " "
      << shown(rules.info().version) << "), as of " << window.as_of << "; schedule " << window.from
      << " to " << window.to << "\n";
  {
    std::vector<provider_schedule> all;
    for (const provider_assessment& a : assessments) all.push_back(a.schedule);
    for (const occurrence_warning& w : result_warnings(all))
      out << "  ! " << shown(w.message) << '\n';
  }
  write_summary_text(out, summary);
  for (const provider_assessment& a : assessments) {
    const provider_schedule& s = a.schedule;
    out << "\n  " << shown(s.name.empty() ? s.provider : s.name + " (" + s.provider + ")");
    if (!s.officer.empty()) out << " - officer " << shown(s.officer);
    out << '\n';
    for (const rating& r : a.ratings) write_rating(out, r);
    std::vector<const occurrence*> overdue;
    std::vector<const occurrence*> due;
    std::vector<const occurrence*> upcoming;
    for (const occurrence& o : s.result.occurrences) {
      if (o.status == occurrence_status::overdue) overdue.push_back(&o);
      if (o.status == occurrence_status::due) due.push_back(&o);
      if (o.status == occurrence_status::upcoming) upcoming.push_back(&o);
    }
    write_occurrences(out, "overdue", overdue);
    write_occurrences(out, "due within 30 days", due);
    write_occurrences(out, "next", upcoming);
    for (const minimum_visits_check& m : s.result.minimum_visits) {
      if (m.shortfall > 0) {
        out << "    minimum visits: " << m.done_last_12_months << " of " << m.required_in_force
            << " on-site visits in the last 12 months"
            << (m.part_year ? " (the part in force)" : "") << " (" << shown(m.rule) << ")\n";
      }
    }
    if (!s.result.unknown_facts.empty()) {
      out << "    not scheduled for want of:";
      for (const std::string& f : s.result.unknown_facts) out << ' ' << shown(f);
      out << '\n';
    }
    write_kpis(out, a.kpis);
  }
}

}  // namespace qaf::detail
