#include "summary/portfolio_summary.hpp"

#include <algorithm>

#include "pack/pack_data.hpp"

namespace qaf::detail {
namespace {

// Sorted by name, with the records that have no officer last: the named desks are what a manager
// reads down, the unassigned remainder is one line at the foot.
template <typename T>
std::vector<T> by_officer(const std::map<std::string, T>& counts) {
  std::vector<T> list;
  for (const auto& [name, value] : counts)
    if (!name.empty()) list.push_back(value);
  const auto none = counts.find("");
  if (none != counts.end()) list.push_back(none->second);
  return list;
}

}  // namespace

std::string month_text(int year, int month) {
  std::string text = std::to_string(year) + "-";
  if (month < 10) text += '0';
  return text + std::to_string(month);
}

summary_builder::summary_builder(const pack& rules, const schedule_options& window)
    : rules_(&rules), window_(window) {
  for (const scheme& s : rules.data().schemes) {
    scheme_summary counted{s.id, s.title, {}, 0, 0, 0};
    for (const level& l : s.levels) counted.levels.push_back({l.value, l.label, 0});
    counts_.schemes.push_back(std::move(counted));
  }
  if (!(window.to < window.from)) {
    int y = window.from.year();
    int m = window.from.month();
    while (y < window.to.year() || (y == window.to.year() && m <= window.to.month())) {
      months_.push_back(month_text(y, m));
      if (++m > 12) m = 1, ++y;
    }
  }
}

void summary_builder::add(const provider_assessment& assessment) {
  ++counts_.providers;
  for (const rating& r : assessment.ratings) {
    const auto scheme = std::find_if(counts_.schemes.begin(), counts_.schemes.end(),
                                     [&](const scheme_summary& s) { return s.scheme == r.scheme; });
    if (scheme == counts_.schemes.end()) continue;
    if (r.status == rating_status::not_assessed) {
      ++scheme->not_assessed;
      continue;
    }
    if (r.status == rating_status::provisional) ++scheme->provisional;
    // The agreed level is what the council acts on: the officer's override where there is one.
    const level_value& shown = r.officer_override ? r.officer_override->level : r.level;
    if (r.officer_override) ++scheme->overridden;
    for (level_count& l : scheme->levels) {
      if (l.level == shown) {
        ++l.providers;
        break;
      }
    }
  }

  const provider_schedule& s = assessment.schedule;
  auto visits = visits_.find(s.officer);
  if (visits == visits_.end()) {
    visits = visits_.emplace(s.officer, officer_visits{s.officer, {}, 0}).first;
    visits->second.visits.assign(months_.size(), 0);
  }
  for (const occurrence& o : s.result.occurrences) {
    if (o.status == occurrence_status::overdue) {
      ++counts_.overdue;
      ++overdue_by_officer_[s.officer];
      ++overdue_by_activity_[o.activity];
    }
    if (!o.on_site) continue;
    if (o.due < window_.from) {
      if (o.status == occurrence_status::overdue) ++visits->second.overdue_before;
      continue;
    }
    if (window_.to < o.due || months_.empty()) continue;
    const int offset =
        (o.due.year() - window_.from.year()) * 12 + (o.due.month() - window_.from.month());
    if (offset >= 0 && static_cast<std::size_t>(offset) < months_.size())
      ++visits->second.visits[static_cast<std::size_t>(offset)];
  }
  for (const minimum_visits_check& m : s.result.minimum_visits) {
    if (m.shortfall <= 0) continue;
    counts_.shortfalls.push_back({s.provider, s.name, s.officer, m.rule, m.done_last_12_months,
                                  m.required_in_force, m.shortfall, m.part_year});
  }
}

void summary_builder::merge(const summary_builder& later) {
  counts_.providers += later.counts_.providers;
  counts_.overdue += later.counts_.overdue;
  for (std::size_t i = 0; i < counts_.schemes.size() && i < later.counts_.schemes.size(); ++i) {
    scheme_summary& mine = counts_.schemes[i];
    const scheme_summary& theirs = later.counts_.schemes[i];
    mine.provisional += theirs.provisional;
    mine.not_assessed += theirs.not_assessed;
    mine.overridden += theirs.overridden;
    for (std::size_t l = 0; l < mine.levels.size() && l < theirs.levels.size(); ++l)
      mine.levels[l].providers += theirs.levels[l].providers;
  }
  counts_.shortfalls.insert(counts_.shortfalls.end(), later.counts_.shortfalls.begin(),
                            later.counts_.shortfalls.end());
  for (const auto& [name, n] : later.overdue_by_officer_) overdue_by_officer_[name] += n;
  for (const auto& [code, n] : later.overdue_by_activity_) overdue_by_activity_[code] += n;
  for (const auto& [name, theirs] : later.visits_) {
    auto [mine, added] = visits_.try_emplace(name, theirs);
    if (added) continue;
    mine->second.overdue_before += theirs.overdue_before;
    for (std::size_t m = 0; m < mine->second.visits.size() && m < theirs.visits.size(); ++m)
      mine->second.visits[m] += theirs.visits[m];
  }
}

portfolio_summary summary_builder::finish() const& { return summary_builder(*this).finish(); }

portfolio_summary summary_builder::finish() && {
  portfolio_summary summary = std::move(counts_);
  summary.months = months_;
  std::map<std::string, named_count> officers;
  for (const auto& [name, n] : overdue_by_officer_) officers[name] = {name, "", n};
  summary.overdue_by_officer = by_officer(officers);
  for (const activity& a : rules_->activities()) {
    const auto found = overdue_by_activity_.find(a.code);
    if (found != overdue_by_activity_.end())
      summary.overdue_by_activity.push_back({a.code, a.title, found->second});
  }
  summary.visits_by_officer = by_officer(visits_);
  summary.visits_total.assign(months_.size(), 0);
  for (const officer_visits& o : summary.visits_by_officer)
    for (std::size_t m = 0; m < o.visits.size(); ++m) summary.visits_total[m] += o.visits[m];
  return summary;
}

}  // namespace qaf::detail
