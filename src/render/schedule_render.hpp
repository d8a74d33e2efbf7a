// Renders schedules (`qaf schedule`, and the schedule part of `qaf assess`) as JSON, CSV and
// iCalendar. docs/scheduling.md shows each.
//
// JSON, INTERFACE.md: {"pack", "as_of", "from", "to", "occurrences": [{"provider", "activity",
// "kind", "due", "status", "rule", "source", "on_site", "origin", "done_on", "late", "days_late",
// "period", "period_name", "interpretation", "warnings"}], "minimum_visits": [...],
// "unknown_facts": [...], "warnings": [{"code", "message"}], "workload": {...}}. Occurrences of the
// whole portfolio are in one list, provider by provider in portfolio order and each provider's by
// due date, then activity: the order in which they stream.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <span>
#include <string>

#include "qaf/pack.hpp"
#include "qaf/schedule.hpp"
#include "schedule/workload.hpp"

namespace qaf::detail {

/// One occurrence as a JSON object; optional members are present and null when there is nothing.
nlohmann::ordered_json occurrence_json(const occurrence& o);
/// Appends occurrence_json(o) as compact JSON (as result_stream's append_compact writes it)
/// without building the document: the streamed writers' form, a few dozen times a provider.
void append_occurrence_json(std::string& out, const occurrence& o);

/// One provider's minimum-visit check as a JSON object, as the schedule document's
/// `minimum_visits` lists it; the Python module converts the same object, so both say the same.
nlohmann::ordered_json minimum_visits_json(const std::string& provider,
                                           const minimum_visits_check& c);
/// Appends minimum_visits_json(provider, c) as compact JSON without building the document.
void append_minimum_visits_json(std::string& out, const std::string& provider,
                                const minimum_visits_check& c);

/// The result-level warnings of every schedule (outside_effective_period, ...), each once.
std::vector<occurrence_warning> result_warnings(std::span<const provider_schedule> schedules);
nlohmann::ordered_json result_warnings_json(std::span<const provider_schedule> schedules);

/// {"months": [{"month", "visits", "outstanding"}], "overdue_before_window", "by_officer"}.
nlohmann::ordered_json workload_json(const workload& load);

/// A header row (unless `header` is false: a later chunk of the same table), then one row an
/// occurrence (by due date, then provider, then activity; streamed a provider at a time); warnings
/// joined by " | ". Result-level warnings have no row: the command writes them on stderr.
void write_schedule_csv(std::ostream& out, std::span<const provider_schedule> schedules,
                        bool header = true);

/// RFC 5545: one all-day VEVENT an occurrence. UID is derived from pack, provider, rule, activity
/// and due date, so re-importing an updated schedule updates events rather than duplicating
/// them; result-level warnings go in the calendar's X-WR-CALDESC; DTSTAMP is as_of at midnight UTC
/// so that the same inputs give the same bytes. Lines end in CRLF and are folded at 75 octets; text
/// is escaped per RFC 5545 section 3.3.11.
void write_schedule_ics(std::ostream& out, const pack& rules, const schedule_options& window,
                        std::span<const provider_schedule> schedules);

/// Every occurrence of every schedule, by due date, then provider, then activity: the order of a
/// calendar (ics) and of the text report, which are built whole. The streamed formats (json,
/// jsonl, csv) keep portfolio order instead, each provider's occurrences by due date.
std::vector<const occurrence*> ordered_occurrences(std::span<const provider_schedule> schedules);

}  // namespace qaf::detail
