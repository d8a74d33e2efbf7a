// Scheduling: what QA activity is due for a provider, when, and what is overdue.
//
//   qaf::engine engine(qaf::load_pack_or_throw("bolton-children-2024"));
//   qaf::schedule_options window{.from = qaf::date::parse("2025-01-01"),
//                                .to = qaf::date::parse("2025-12-31"),
//                                .as_of = qaf::date::parse("2025-01-01")};
//   for (const qaf::occurrence& o : engine.schedule(record, window).occurrences)
//     std::cout << o.due << ' ' << o.activity << ' ' << qaf::to_string(o.status) << '\n';
//
// The meaning of every cadence, trigger and status is DOMAIN.md section 2.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "qaf/date.hpp"
#include "qaf/pack.hpp"

namespace qaf {

/// done: the history holds a record that fulfils it (late when done after its due date); overdue:
/// due before as_of and not done; due: within 30 days from as_of; upcoming: later.
enum class occurrence_status { done, overdue, due, upcoming };
std::string_view to_string(occurrence_status status) noexcept;

/// Where an occurrence comes from.
enum class occurrence_origin { schedule, trigger, follow_up };
std::string_view to_string(occurrence_origin origin) noexcept;

/// A note attached to an occurrence, e.g. code "non_working_day" with the holiday's name.
struct occurrence_warning {
  std::string code;
  std::string message;
};

struct occurrence {
  std::string provider;
  std::string activity;  // activity code
  activity_kind kind = activity_kind::visit;
  bool on_site = false;
  date due;
  occurrence_status status = occurrence_status::upcoming;
  std::optional<date> done_on;         // the completion that satisfied it, when done
  std::optional<std::string> outcome;  // what that completion found, where it records one
  bool late = false;                   // done after its due date...
  int days_late = 0;                   // ...by this many calendar days (0 when not late)
  occurrence_origin origin = occurrence_origin::schedule;
  std::string rule;  // the id of the schedule rule, trigger or follow-up
  source_ref source;
  bool interpretation = false;       // the rule fills a gap in the source
  std::optional<date> period_start;  // the period a return covers, where the rule knows it
  std::optional<date> period_end;
  std::string period_name;  // a published table's name for the period ("2020/21 period 3")
  std::vector<occurrence_warning> warnings;
};

/// A minimum on-site visits rule, checked both ways (DOMAIN.md section 2).
struct minimum_visits_check {
  std::string rule;
  source_ref source;
  int required = 0;  // on-site visits per 12 months
  /// The fewest on-site occurrences the schedule holds in any 12 months of [from, to] in force
  /// (the whole of it when shorter than 12 months); a done occurrence counts on the day it was
  /// done.
  int scheduled_fewest = 0;
  /// On-site activities of the rule in the history, in the 12 months before as_of.
  int done_last_12_months = 0;
  int shortfall = 0;  // required_in_force - done_last_12_months, at least 0
  /// The window or the 12 months before as_of reach outside the pack's effective period: only
  /// the part in force is counted (both ways), and the history is held to required_in_force.
  bool part_year = false;
  /// `required` in proportion to the days of the 12 months before as_of that the pack is in
  /// force, rounded up; `required` when it is in force for all of them.
  int required_in_force = 0;
  /// Whether [from, to] in force spans at least 12 months, so that scheduled_fewest is a true
  /// 12-month count; scheduled_shortfall is required - scheduled_fewest (at least 0) when it does,
  /// else 0.
  bool full_year = false;
  int scheduled_shortfall = 0;
};

struct schedule_options {
  date from;
  date to;
  date as_of;
};

struct schedule_result {
  /// The provider's ledger (DOMAIN.md section 2) seen through the window: entries due in
  /// [from, to], and entries due earlier that are overdue at as_of; by due date, then provider,
  /// then activity. The ledger does not depend on the window, so the result over [a, c] is the
  /// union of those over [a, b] and [b, c].
  std::vector<occurrence> occurrences;
  std::vector<minimum_visits_check> minimum_visits;
  /// Facts whose absence kept a schedule rule's condition undecided, so that rule was not
  /// applied: missing evidence is never mistaken for "not applicable".
  std::vector<std::string> unknown_facts;
  /// Warnings about the whole result, e.g. code "outside_effective_period" when the window or
  /// as_of reaches outside the pack's effective period, so a shortened schedule says why.
  std::vector<occurrence_warning> warnings;
};

}  // namespace qaf
