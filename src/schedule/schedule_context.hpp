// What the parts of the scheduler share while they work on one provider: the pack, the record,
// the window, the history, the obligations that bring a scheduled occurrence forward, and the
// result being built. Internal to src/schedule.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "expr/truth.hpp"
#include "facts/bound_record.hpp"
#include "facts/fact_set.hpp"
#include "pack/pack_data.hpp"
#include "qaf/portfolio.hpp"
#include "qaf/schedule.hpp"
#include "schedule/activity_history.hpp"
#include "schedule/completion_pool.hpp"
#include "schedule/fact_timeline.hpp"

namespace qaf::detail {

/// "2024-02-01 to 2025-01-31", or "2024-02-01 to (no end)": a pack's effective period in words.
std::string effective_period_text(const pack_info& info);

/// The result-level outside_effective_period warning when the window [from, to] (if any) or
/// as_of reaches outside the pack's effective period. It depends on nothing but the pack and the
/// dates, so a streamed document can say it before its first result.
std::optional<occurrence_warning> outside_effective_period(const pack_info& info,
                                                           std::optional<date> from,
                                                           std::optional<date> to, date as_of);

/// A trigger obligation with brings_forward: the next scheduled occurrence of `activity` after
/// `event_on` falls due no later than `deadline`.
struct bring_forward {
  activity_index activity = 0;
  date event_on;
  date deadline;
  const rule_meta* trigger = nullptr;
  bool claimed = false;  // a schedule chain has applied it
};

/// Where a schedule rule applies: its `when` and `while` decided on each segment of the timeline,
/// and the maximal runs of days on which both hold.
struct rule_applicability {
  std::vector<truth> by_segment;
  std::vector<condition_span> holds;

  /// Whether the rule applies on `d`.
  bool on(const fact_timeline& timeline, date d) const noexcept {
    return by_segment[timeline.index_at(d)] == truth::yes;
  }
};

class schedule_context {
 public:
  schedule_context(const pack_data& pack, const provider& record, const bound_record& facts,
                   const schedule_options& options);

  const pack_data& pack;
  const provider& record;
  const bound_record& facts;
  const schedule_options& options;
  /// The facts in force on each date, with the schemes' levels (DOMAIN.md section 2).
  const fact_timeline timeline;
  const activity_history history;
  /// The history records obligations draw on, each at most once.
  completion_pool completions;
  const std::optional<date> monitoring_start;
  /// The ledger runs to here: the later of the window's end and as_of, plus the pack's longest
  /// offset before an activity (so that an entry due just after the window still owes what falls
  /// due before it, inside). Nothing upstream of emit reads the window itself, so every entry is
  /// the same whatever window is asked for.
  const date horizon;
  std::vector<bring_forward> bring_forwards;
  /// A return_missed event for every return of the ledger overdue at as_of, dated the day after
  /// it fell due, with details {"activity": code}: triggers read them beside the record's events.
  std::vector<event> missed_returns;
  /// The in-force entries of the ledger (any origin, any status, window or not) of activities a
  /// "before" rule precedes: (activity, due).
  std::vector<std::pair<activity_index, date>> preceded_entries;

  /// The condition's truth for this provider on as_of; an absent condition is true. When the
  /// answer is unknown, the facts that kept it undecided are reported in the result.
  truth applies(const when_clause& when);
  /// The condition's truth on `d` (the facts in force then); unknown facts reported as above.
  truth applies_on(const when_clause& when, date d);
  /// Where a schedule rule applies over the provider's life. Facts whose absence keeps it
  /// undecided on a segment that reaches monitoring_start or later are reported.
  rule_applicability applicability(const schedule_rule& rule);
  /// Reports a fact whose absence kept a rule from being applied (e.g. "monitoring_start").
  void report_unknown(const std::string& fact);

  /// An occurrence of `activity` due on `due`, citing `meta`, with no status yet.
  occurrence make(activity_index activity, date due, const rule_meta& meta,
                  occurrence_origin origin) const;
  /// As make, without the rule's id, source and interpretation: emit names the rule only for an
  /// occurrence the result keeps (most of a long ledger lies outside the window, and copying the
  /// source's text for each was a tenth of a provider-year of schedule).
  occurrence make_unnamed(activity_index activity, date due, occurrence_origin origin) const;
  /// Sets the occurrence's rule, source and interpretation from `meta`.
  static void name_rule(occurrence& o, const rule_meta& meta);
  /// Warns when `due` is not a working day (a weekend or holiday of the pack's calendar), unless
  /// the occurrence already carries that warning.
  void warn_non_working_day(occurrence& o) const;
  /// done when `done_on` is given, else overdue / due / upcoming by due date and as_of.
  occurrence_status status_of(date due, std::optional<date> done_on) const noexcept;
  /// Whether the pack is in force for this occurrence: a return that covers a period is owed when
  /// the period ends within [effective_from, effective_to]; anything else when it falls due within.
  bool in_force(const occurrence& o) const noexcept;
  /// Whether a date is after the pack's effective_to.
  bool after_effective_period(date d) const noexcept;
  /// Sets the status (and lateness) of a ledger entry and adds it to the result when the window
  /// selects it: in force, and due in [from, to] or overdue and due earlier. Under the pack's
  /// roll policy a due date that is not a working day first moves to the next working day (with
  /// a `rolled` warning), unless it is `published` in a deadline table.
  /// `unnamed`: the rule of an occurrence from make_unnamed, named when the result keeps it.
  /// `preceded` false: a routine obligation done by a follow-up's visit that counts as it, where
  /// that visit already owes what falls due before it (one visit, one self-assessment).
  void emit(occurrence o, std::optional<date> done_on, bool published = false,
            const rule_meta* unnamed = nullptr, bool preceded = true);
  /// emit in two halves, for a caller with text of its own to add (warnings, outcomes) only to
  /// an entry the result keeps: most of a provider's ledger lies outside the window. settle rolls
  /// the due date, sets the status and lateness, records the entry for "before" rules, and says
  /// whether the result keeps it; keep, given the due date before rolling, adds emit's warnings,
  /// names the rule (when `unnamed`) and adds it to the result.
  bool settle(occurrence& o, std::optional<date> done_on, bool published = false,
              bool preceded = true);
  void keep(occurrence o, date unrolled, const rule_meta* unnamed = nullptr);

  /// Adds a result-level unmatched_history warning for each history record up to as_of that
  /// fulfilled no obligation although its activity is owed in this ledger (called by finish):
  /// a record that matches nothing is named, never silently dropped. Records of an activity that
  /// only follow-ups owe are not checked.
  void warn_unmatched_history();
  /// Adds the result-level outside_effective_period warning when the window or as_of reaches
  /// outside the pack's effective period (called by finish).
  void warn_outside_effective_period();
  /// Sorts and returns the result; the context is spent.
  schedule_result finish();

  schedule_result result;

 private:
  fact_set unknown_;
  fact_set scratch_;
  fact_set unknown_scratch_;
  // By activity: the ledger has an obligation of it that is not a follow-up's.
  mutable std::vector<bool> owed_routine_;
  std::vector<std::string> unknown_names_;
};

}  // namespace qaf::detail
