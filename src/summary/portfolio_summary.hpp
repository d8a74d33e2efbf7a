// The portfolio summary of `qaf assess`: what a commissioning manager reads first. Providers by
// level per scheme, provisional and not-assessed counts, overdue work by officer and by activity,
// minimum-visit shortfalls, and on-site visits due per month per officer over the window.
//
// One model, three views (JSON `summary`, the text report, the HTML report), so they cannot
// disagree. It is built by an accumulator fed one provider at a time; accumulators fed disjoint
// chunks of a portfolio merge into the one a single pass would have built, provided they are
// merged in input order (the order of the shortfall list is the order providers were added).
//
//   summary_builder all(rules, window);
//   for (const provider_assessment& a : assessments) all.add(a);
//   const portfolio_summary summary = std::move(all).finish();
#pragma once

#include <deque>
#include <map>
#include <string>
#include <vector>

#include "qaf/pack.hpp"
#include "qaf/schedule.hpp"
#include "summary/provider_assessment.hpp"

namespace qaf::detail {

struct level_count {
  level_value level;
  std::string label;
  int providers = 0;  // providers at this level (the officer's override where there is one)
};

/// One classification scheme across the portfolio. Every provider the scheme rated is counted
/// once: at its level when decided or provisional (provisional ones also in `provisional`), or in
/// `not_assessed`, which has no level.
struct scheme_summary {
  std::string scheme;  // "pqr"
  std::string title;
  std::vector<level_count> levels;  // every level of the scheme, least severe first
  int provisional = 0;
  int not_assessed = 0;
  int overridden = 0;  // of those with a level, how many carry an officer's override
};

/// A count keyed by a name: an officer ("" for records with no officer) or an activity code.
struct named_count {
  std::string name;
  std::string title;  // the activity's title; empty for officers
  int count = 0;
};

/// A provider short of the minimum on-site visits in the 12 months before as-of.
struct visit_shortfall {
  std::string provider;
  std::string name;
  std::string officer;
  std::string rule;
  int done = 0;
  int required = 0;
  int shortfall = 0;
  bool part_year = false;  // the pack is in force for part of the year only; counts are that part
};

/// On-site visits due in each month of the window for one officer ("" for no officer); the
/// months are those of portfolio_summary::months.
struct officer_visits {
  std::string officer;
  std::vector<int> visits;
  int overdue_before = 0;  // on-site visits overdue from before the window
};

struct portfolio_summary {
  int providers = 0;
  std::vector<scheme_summary> schemes;           // in the pack's order
  int overdue = 0;                               // overdue obligations of every kind
  std::vector<named_count> overdue_by_officer;   // by officer name; "" (no officer) last
  std::vector<named_count> overdue_by_activity;  // in the pack's activity order
  // In input order; a deque, as it grows with the portfolio and a vector grown by doubling held
  // the old and the new storage at once (a third of `qaf assess`'s memory beyond its input).
  std::deque<visit_shortfall> shortfalls;
  std::vector<std::string> months;                // "2026-12", every month the window touches
  std::vector<officer_visits> visits_by_officer;  // by officer name; "" (no officer) last
  std::vector<int> visits_total;                  // per month, every officer together
};

class summary_builder {
 public:
  summary_builder(const pack& rules, const schedule_options& window);

  /// Counts one provider's assessment.
  void add(const provider_assessment& assessment);

  /// Adds what `later` counted; `later` was fed providers that come after this one's.
  void merge(const summary_builder& later);

  portfolio_summary finish() const&;
  /// As above, moving the shortfalls out rather than copying them: they grow with the portfolio.
  portfolio_summary finish() &&;

 private:
  const pack* rules_;
  schedule_options window_;
  std::vector<std::string> months_;
  portfolio_summary counts_;                       // schemes, overdue total, shortfalls
  std::map<std::string, int> overdue_by_officer_;  // officer -> overdue
  std::map<std::string, int> overdue_by_activity_;
  std::map<std::string, officer_visits> visits_;  // officer -> visits per month
};

/// "2026-12" for a year and month.
std::string month_text(int year, int month);

}  // namespace qaf::detail
