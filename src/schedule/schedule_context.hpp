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

namespace qaf::detail {

/// A trigger obligation with brings_forward: the next scheduled occurrence of `activity` after
/// `event_on` falls due no later than `deadline`.
struct bring_forward {
  activity_index activity = 0;
  date event_on;
  date deadline;
  const rule_meta* trigger = nullptr;
  bool claimed = false;  // a schedule chain has applied it
};

class schedule_context {
 public:
  schedule_context(const pack_data& pack, const provider& record, const bound_record& facts,
                   const schedule_options& options);

  const pack_data& pack;
  const provider& record;
  const bound_record& facts;
  const schedule_options& options;
  const activity_history history;
  const std::optional<date> monitoring_start;
  std::vector<bring_forward> bring_forwards;

  /// The condition's truth for this provider on as_of; an absent condition is true. When the
  /// answer is unknown, the facts that kept it undecided are reported in the result.
  truth applies(const when_clause& when);
  /// Reports a fact whose absence kept a rule from being applied (e.g. "monitoring_start").
  void report_unknown(const std::string& fact);

  /// An occurrence of `activity` due on `due`, citing `meta`, with no status yet.
  occurrence make(activity_index activity, date due, const rule_meta& meta,
                  occurrence_origin origin) const;
  /// done when `done_on` is given, else overdue / due / upcoming by due date and as_of.
  occurrence_status status_of(date due, std::optional<date> done_on) const noexcept;
  /// Whether the pack is in force for this occurrence: a return that covers a period is owed when
  /// the period ends within [effective_from, effective_to]; anything else when it falls due within.
  bool in_force(const occurrence& o) const noexcept;
  /// Whether a date is after the pack's effective_to.
  bool after_effective_period(date d) const noexcept;
  /// Sets the status and adds the occurrence when it belongs in the result: in force, and due in
  /// [from, to] or overdue and due earlier.
  void emit(occurrence o, std::optional<date> done_on);

  /// Sorts and returns the result; the context is spent.
  schedule_result finish();

  schedule_result result;

 private:
  fact_set unknown_;
  fact_set scratch_;
  std::vector<std::string> unknown_names_;
};

}  // namespace qaf::detail
