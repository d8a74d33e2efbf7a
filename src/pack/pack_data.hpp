// The compiled form of a rule pack: everything the loader checked, resolved to indices, with
// conditions compiled against the pack's fact table. Built once by the loader, then immutable.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "expr/condition.hpp"
#include "facts/fact_table.hpp"
#include "qaf/calendar.hpp"
#include "qaf/pack.hpp"
#include "qaf/portfolio.hpp"

namespace qaf::detail {

using activity_index = std::uint32_t;

/// What every rule carries: its id, its source, and whether the pack had to interpret the source.
struct rule_meta {
  std::string id;
  source_ref source;
  bool interpretation = false;
  std::string note;
};

/// A length of time as a pack writes it: exactly one of months, weeks or days is non-zero.
struct step {
  int months = 0;
  int weeks = 0;
  int days = 0;
};

/// A rule's condition: absent means the rule applies to every provider.
struct when_clause {
  std::string text;                   // as written, for explanations
  std::optional<condition> compiled;  // none when `text` is empty
};

enum class due_type { same_working_day, working_days, hours, days, weeks, months };

struct due_rule {
  due_type type = due_type::same_working_day;
  int count = 0;  // unused for same_working_day
};

enum class cadence_type {
  every,
  alternate,
  monthly_by_day,
  termly,
  quarterly,
  calendar,
  ad_hoc,
  before
};
enum class roll_rule { none, next_working_day };

struct cadence {
  cadence_type type = cadence_type::ad_hoc;
  step interval;                  // every, alternate
  std::optional<step> first_due;  // every: after monitoring_start
  bool once = false;              // every: one obligation, one step after the rule starts to apply
  std::vector<activity_index> alternates;  // alternate: in turn, the first goes first
  int day_of_month = 0;                    // monthly_by_day
  roll_rule roll = roll_rule::none;        // monthly_by_day
  std::uint16_t month_mask = 0x1FFE;       // monthly_by_day: bit m set for month m (1-12)
  int offset_days = 0;                     // termly, quarterly
  std::optional<std::uint32_t> table;      // quarterly, calendar: index into deadline_tables
  /// before: one obligation due `offset` before each occurrence of `precedes` in the ledger (the
  /// self-assessment returned 10 working days before the audit visit).
  activity_index precedes = 0;
  due_rule offset;
};

struct schedule_rule {
  rule_meta meta;
  std::optional<activity_index> activity;  // none for alternate (its activities are in cadence)
  when_clause when;
  /// The rule applies for as long as this holds (DOMAIN.md section 2, "Conditions that hold"):
  /// its chain starts when the condition comes to hold — or when the pack came into force, if it
  /// held before — and no obligation falls due after it stops holding.
  when_clause while_condition;
  qaf::detail::cadence cadence;
};

struct deadline {
  std::string period;
  date due;
  std::optional<date> start;
  std::optional<date> end;
  std::string published;  // the source's own text where the pack corrected it
  bool interpretation = false;
  std::string note;
};

struct deadline_table {
  std::string id;
  std::string title;
  source_ref source;
  std::vector<deadline> deadlines;  // strictly increasing by due
};

struct repeat_rule {
  step interval;
  when_clause while_condition;
};

struct obligation {
  activity_index activity = 0;
  due_rule due;
  std::optional<repeat_rule> repeat;
  bool brings_forward = false;
  /// The earlier obligation of the same trigger this one follows (index into the trigger's
  /// obligations): it never falls due before that one (Coventry's decision after the visit).
  std::optional<std::size_t> follows;
};

enum class event_type {
  regulator_rating_changed,
  registered_manager_changed,
  concern_raised,
  return_missed
};

struct event_match {
  std::string field;
  std::vector<std::string> values;
};

struct trigger {
  rule_meta meta;
  event_type event = event_type::concern_raised;
  std::vector<event_match> match;
  when_clause when;
  std::vector<obligation> obligations;
};

struct follow_up {
  rule_meta meta;
  /// Which completions of `after` owe the follow-up: decided with the facts in force on the day
  /// the activity was done (an action plan only after a poor rating). Absent: every one.
  when_clause when;
  activity_index after = 0;
  activity_index activity = 0;
  due_rule due;
  /// The routine activity whose chain a completion of this follow-up also fulfils, where the
  /// pack says so (`"counts_as": "QM-1"`); absent, the completion fulfils the follow-up alone
  /// (a re-audit is not the routine audit).
  std::optional<activity_index> counts_as;
};

struct minimum_visits_rule {
  rule_meta meta;
  when_clause when;
  int visits = 0;
  std::vector<activity_index> activities;
};

struct intervention {
  std::string text;
  source_ref source;
};

/// One of the conditions a level states for itself ("requires"): Bolton's "No concerns" holds only
/// while there are "no substantiated safeguarding concerns or enquiries". When one is false, the
/// level is not earned and the suggestion is the next level, with this condition as its reason.
struct level_requirement {
  rule_meta meta;
  when_clause when;  // what must hold
  std::string text;  // the source's sentence
};

struct level {
  level_value value;
  std::string label;
  std::vector<intervention> interventions;
  std::vector<level_requirement> requirements;  // the least severe level only
};

struct scheme_rule {
  rule_meta meta;
  std::uint32_t level = 0;  // index into scheme::levels, least severe first
  when_clause when;
  std::string text;
  /// What follows from this rule itself (Coventry: the same-day visit after an Inadequate
  /// judgement), given with the rating only when the rule decides its level.
  std::vector<intervention> interventions;
};

/// The activities after which a scheme's rating is refreshed (Bolton: the PQR "as a minimum will
/// be updated each time after" a QMC-1); a rating older than the latest of them is due for review.
struct rating_refresh {
  std::vector<activity_index> after;
  source_ref source;
};

struct scheme {
  std::string id;
  std::string title;
  source_ref source;
  when_clause when;  // the providers the scheme applies to; absent: every provider
  std::vector<level> levels;
  std::vector<scheme_rule> rules;
  std::optional<rating_refresh> refresh;
};

enum class kpi_measure { count, percentage, evidence };
enum class kpi_target_type { at_least, at_most, reduction, increase, evidence };
enum class kpi_baseline { none, previous_period, previous_contract_year };
enum class kpi_frequency { period, yearly };

struct kpi {
  rule_meta meta;  // meta.id is the KPI id
  std::string title;
  kpi_measure measure = kpi_measure::count;
  kpi_target_type target = kpi_target_type::evidence;
  double target_value = 0;  // at_least, at_most
  kpi_baseline against = kpi_baseline::none;
  kpi_frequency frequency = kpi_frequency::period;
  when_clause when;
};

struct kpi_consequences {
  std::string not_met;               // e.g. "review_meeting"
  std::string not_met_after_review;  // e.g. "default_notice"
  source_ref source;
  bool interpretation = false;
  std::string note;
  /// The return activity KPI returns are sent as (Devon's DATA-RETURN): a KPI return fulfils the
  /// obligation of that activity for its period, and a period owed and not returned gives every
  /// KPI no_data with the consequence return_missed (DOMAIN.md sections 2 and 5).
  std::optional<activity_index> return_activity;
  bool present = false;
};

struct pack_data {
  std::string origin;  // bundled id or file path
  std::string json_text;
  pack_info info;
  std::vector<service_type> service_types;
  std::vector<activity> activities;
  std::vector<fact_declaration> facts;  // public view: core first, then the pack's
  fact_table table;

  working_calendar calendar;
  /// The pack's roll policy (calendar.roll): with next_working_day every due date qaf computes
  /// that is not a working day moves to the next one; a deadline table's dates stay as published.
  roll_rule roll = roll_rule::none;
  term_calendar terms;  // default-constructed: the DOMAIN.md default terms
  std::vector<deadline_table> deadline_tables;

  std::vector<schedule_rule> schedule;
  std::vector<trigger> triggers;
  std::vector<follow_up> follow_ups;
  std::vector<minimum_visits_rule> minimum_visits;
  std::vector<scheme> schemes;
  std::vector<kpi> kpis;
  kpi_consequences consequences;
  /// Whether any schedule rule, trigger or minimum-visits rule reads a level('...'): only then
  /// does the scheduler rate the provider to fill the level slots.
  bool reads_levels = false;
  /// Whether any condition reads an outcome('...'): only then does the timeline split at the
  /// completions of activities that record outcomes, and the classifier fill the outcome slots.
  bool reads_outcomes = false;
  /// By activity: some rule with a "before" cadence precedes it, so the ledger keeps its entries.
  std::vector<bool> preceded;
  bool any_preceded = false;
  /// The longest offset of a "before" rule, in calendar days at most: the ledger runs this far
  /// past the window, so that an occurrence due just after it still owes what falls due before.
  int longest_before_days = 0;

  // The versions this one replaces, newest first (info.previous, resolved and checked).
  std::vector<std::shared_ptr<const pack_data>> earlier;
};

}  // namespace qaf::detail
