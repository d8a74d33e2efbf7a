#include "portfolio/record_check.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <map>
#include <unordered_map>
#include <vector>

#include "facts/bound_record.hpp"
#include "facts/message_text.hpp"
#include "facts/spelling.hpp"

namespace qaf::detail {
namespace {

constexpr std::string_view event_type_names[] = {"regulator_rating_changed", "facts_changed",
                                                 "registered_manager_changed", "concern_raised",
                                                 "return_missed"};

void check_history(const pack_data& pack, const provider& record, const record_locator& locate,
                   diagnostics_sink& sink) {
  for (std::size_t i = 0; i < record.history.size(); ++i) {
    const activity_record& item = record.history[i];
    const std::string at = "/history/" + std::to_string(i);
    // The codes are listed only to suggest one: copying them for every record was half the cost
    // of checking its history (callgrind).
    const auto named = std::find_if(pack.activities.begin(), pack.activities.end(),
                                    [&](const activity& a) { return a.code == item.activity; });
    if (named == pack.activities.end()) {
      std::vector<std::string> codes;
      for (const activity& a : pack.activities) codes.push_back(a.code);
      sink.error("qaf.portfolio.unknown_activity", locate(at + "/activity"),
                 "'" + item.activity + "' is not an activity of pack " + pack.info.id +
                     did_you_mean(closest_match(item.activity, codes)));
    } else if (item.outcome) {
      // An outcome is one of the closed set the pack declares for the activity.
      const std::vector<std::string>& outcomes = named->outcomes;
      if (outcomes.empty()) {
        sink.error("qaf.portfolio.outcome", locate(at + "/outcome"),
                   "activity " + item.activity + " of pack " + pack.info.id +
                       " records no outcome; leave 'outcome' out");
      } else if (std::find(outcomes.begin(), outcomes.end(), *item.outcome) == outcomes.end()) {
        sink.error("qaf.portfolio.outcome", locate(at + "/outcome"),
                   single_quoted(excerpt(*item.outcome)) + " is not an outcome of " +
                       item.activity + "; expected one of " + join_list(outcomes) +
                       did_you_mean(closest_match(*item.outcome, outcomes)));
      }
    }
    // The period a record names is the obligation it fulfils: half a period names none.
    if (item.period_start.has_value() != item.period_end.has_value()) {
      sink.error("qaf.portfolio.missing", locate(at + "/period"),
                 "a period has both a start and an end: YYYY-MM-DD/YYYY-MM-DD");
    } else if (item.period_start && *item.period_end < *item.period_start) {
      sink.error("qaf.portfolio.period", locate(at + "/period"),
                 "the period ends (" + item.period_end->to_string() + ") before it starts (" +
                     item.period_start->to_string() + ")");
    }
  }
}

// The facts of a facts_changed event are checked exactly as a record's facts are, with the
// record's id (a change of facts.id is an error there as here); bind_record reports at
// "/facts/<name>", which is moved under the event's member.
void check_event_facts(const pack_data& pack, const provider& record,
                       const std::map<std::string, fact_value, std::less<>>& facts,
                       const std::string& at, const record_locator& locate,
                       diagnostics_sink& sink) {
  provider changed;
  changed.id = record.id;
  changed.facts = facts;
  std::vector<diagnostic> found;
  bind_record(pack.table, changed, found);
  constexpr std::string_view facts_prefix = "/facts";
  for (diagnostic& d : found) {
    std::string_view relative = d.pointer;
    if (relative.starts_with(facts_prefix)) relative.remove_prefix(facts_prefix.size());
    sink.error(std::move(d.code), locate(at + std::string(relative)), std::move(d.message));
  }
}

void check_rating_detail(const event& e, std::string_view member, const std::string& at,
                         const record_locator& locate, diagnostics_sink& sink) {
  static const std::vector<std::string> ratings = {"outstanding", "good", "requires_improvement",
                                                   "inadequate", "not_rated"};
  const auto value = e.details.find(member);
  if (value == e.details.end()) return;
  if (std::find(ratings.begin(), ratings.end(), value->second) == ratings.end()) {
    sink.error("qaf.fact.enum", locate(at + '/' + std::string(member)),
               "'" + value->second +
                   "' is not a regulator rating; expected one of outstanding, "
                   "good, requires_improvement, inadequate, not_rated" +
                   did_you_mean(closest_match(value->second, ratings)));
  }
}

void check_events(const pack_data& pack, const provider& record, const record_locator& locate,
                  diagnostics_sink& sink) {
  const std::vector<std::string> types(std::begin(event_type_names), std::end(event_type_names));
  for (std::size_t i = 0; i < record.events.size(); ++i) {
    const event& e = record.events[i];
    const std::string at = "/events/" + std::to_string(i);
    if (std::find(types.begin(), types.end(), e.type) == types.end()) {
      sink.error("qaf.portfolio.event_type", locate(at + "/type"),
                 "'" + e.type +
                     "' is not an event type; expected one of regulator_rating_changed, "
                     "facts_changed, registered_manager_changed, concern_raised, return_missed" +
                     did_you_mean(closest_match(e.type, types)));
      continue;
    }
    if (e.type == "facts_changed") {
      if (e.details.contains("from")) {
        sink.error("qaf.portfolio.type", locate(at + "/from"),
                   "a facts_changed event gives the facts before it as an object in 'from'");
      }
      if (e.facts.empty()) {
        sink.error("qaf.portfolio.missing", locate(at),
                   "a facts_changed event gives the facts in force from its date in 'facts'");
      }
      check_event_facts(pack, record, e.facts, at + "/facts", locate, sink);
      check_event_facts(pack, record, e.facts_before, at + "/from", locate, sink);
      continue;
    }
    // Only a facts_changed event carries facts; elsewhere they would be silently ignored.
    if (!e.facts.empty()) {
      sink.error("qaf.portfolio.unknown_member", locate(at + "/facts"),
                 "only a facts_changed event carries 'facts'");
    }
    if (!e.facts_before.empty()) {
      sink.error("qaf.portfolio.type", locate(at + "/from"),
                 "only a facts_changed event gives earlier facts as an object in 'from'");
    }
    if (e.type != "regulator_rating_changed") continue;
    if (!e.details.contains("to")) {
      sink.error("qaf.portfolio.missing", locate(at),
                 "a regulator_rating_changed event says the new rating in 'to'");
    }
    check_rating_detail(e, "to", at, locate, sink);
    check_rating_detail(e, "from", at, locate, sink);
  }
}

// Each KPI value has its KPI's measure's shape: a count is a number >= 0, a percentage
// {numerator, denominator}, evidence true/false (the KPI issue; docs/kpis.md).
void check_return_values(const pack_data& pack, const data_return& r, const std::string& at,
                         const record_locator& locate, diagnostics_sink& sink) {
  for (const auto& [id, value] : r.values) {
    const std::string& kpi_id =
        id;  // a structured binding cannot be captured before C++20's P1091 in clang 14
    const auto k = std::find_if(pack.kpis.begin(), pack.kpis.end(),
                                [&](const kpi& candidate) { return candidate.meta.id == kpi_id; });
    if (k == pack.kpis.end()) continue;  // reported as unknown_kpi
    const std::string where = locate(at + "/values/" + escape_pointer_token(id));
    switch (k->measure) {
      case kpi_measure::count:
        if (!std::holds_alternative<double>(value)) {
          sink.error("qaf.portfolio.type", where, "'" + id + "' is a count: a number");
        } else if (const double n = std::get<double>(value); n < 0 || n != std::floor(n)) {
          sink.error(
              "qaf.portfolio.value", where,
              "'" + id + "' is a count: a whole number, never negative; found " + number_text(n));
        }
        break;
      case kpi_measure::percentage:
        if (!std::holds_alternative<ratio>(value)) {
          sink.error("qaf.portfolio.type", where,
                     "'" + id + "' is a percentage: {\"numerator\", \"denominator\"}");
        } else if (const ratio& parts = std::get<ratio>(value);
                   parts.numerator < 0 || parts.denominator < 0) {
          sink.error("qaf.portfolio.value", where, "a percentage's parts are never negative");
        } else if (parts.numerator > parts.denominator) {
          // More met the measure than there were: above 100%, a typing error in the return.
          sink.error("qaf.portfolio.value", where,
                     "'" + id + "' is a percentage: its numerator (" +
                         number_text(parts.numerator) + ") cannot exceed its denominator (" +
                         number_text(parts.denominator) + ")");
        }
        break;
      case kpi_measure::evidence:
        if (!std::holds_alternative<bool>(value)) {
          sink.error("qaf.portfolio.type", where, "'" + id + "' is evidence: true or false");
        }
        break;
    }
  }
}

// A KPI explained (or found inaccurate) twice in one return says nothing more the second time; it
// is a copying mistake, as a repeated member is.
void check_listed_once(const std::vector<std::string>& ids, const std::string& at,
                       const record_locator& locate, diagnostics_sink& sink) {
  std::unordered_map<std::string_view, std::size_t> first;
  for (std::size_t k = 0; k < ids.size(); ++k) {
    const auto [earlier, inserted] = first.emplace(ids[k], k);
    if (!inserted) {
      sink.error("qaf.portfolio.value", locate(at + '/' + std::to_string(k)),
                 "'" + ids[k] + "' is already listed at " + std::to_string(earlier->second));
    }
  }
}

void check_returns(const pack_data& pack, const provider& record, const record_locator& locate,
                   diagnostics_sink& sink) {
  std::vector<std::string> kpi_ids;
  for (const kpi& k : pack.kpis) kpi_ids.push_back(k.meta.id);
  // The periods seen so far that overlap nothing, by start: being disjoint, the only one a new
  // period can overlap is the last that starts on or before its end. A search, not a comparison
  // with every earlier return, so that a record with many returns is checked in n log n.
  std::map<date, std::size_t> disjoint;
  for (std::size_t i = 0; i < record.returns.size(); ++i) {
    const data_return& r = record.returns[i];
    const std::string at = "/returns/" + std::to_string(i);
    if (r.end < r.start) {
      sink.error("qaf.portfolio.period", locate(at + "/period"),
                 "the period ends (" + r.end.to_string() + ") before it starts (" +
                     r.start.to_string() + ")");
      continue;
    }
    const auto before = disjoint.upper_bound(r.end);
    const data_return* earlier = nullptr;
    if (before != disjoint.begin()) earlier = &record.returns[std::prev(before)->second];
    if (earlier != nullptr && r.start <= earlier->end) {
      const std::size_t j = std::prev(before)->second;
      sink.error(
          "qaf.portfolio.period_overlap", locate(at + "/period"),
          "the period " + r.start.to_string() + "/" + r.end.to_string() +
              (r.start == earlier->start && r.end == earlier->end ? " repeats" : " overlaps") +
              " the period of return " + std::to_string(j) + " (" + earlier->start.to_string() +
              "/" + earlier->end.to_string() + ")");
    } else {
      disjoint.emplace(r.start, i);
    }
    if (kpi_ids.empty()) continue;  // a pack without KPIs does not judge return values
    for (const auto& [id, value] : r.values) {
      if (std::find(kpi_ids.begin(), kpi_ids.end(), id) == kpi_ids.end()) {
        sink.error("qaf.portfolio.unknown_kpi", locate(at + "/values/" + escape_pointer_token(id)),
                   "'" + id + "' is not a KPI of pack " + pack.info.id +
                       did_you_mean(closest_match(id, kpi_ids)));
      }
    }
    check_listed_once(r.explained, at + "/explained", locate, sink);
    check_listed_once(r.inaccurate, at + "/inaccurate", locate, sink);
    for (std::size_t k = 0; k < r.explained.size(); ++k) {
      if (std::find(kpi_ids.begin(), kpi_ids.end(), r.explained[k]) == kpi_ids.end()) {
        sink.error("qaf.portfolio.unknown_kpi", locate(at + "/explained/" + std::to_string(k)),
                   "'" + r.explained[k] + "' is not a KPI of pack " + pack.info.id +
                       did_you_mean(closest_match(r.explained[k], kpi_ids)));
      }
    }
    for (std::size_t k = 0; k < r.inaccurate.size(); ++k) {
      if (std::find(kpi_ids.begin(), kpi_ids.end(), r.inaccurate[k]) == kpi_ids.end()) {
        sink.error("qaf.portfolio.unknown_kpi", locate(at + "/inaccurate/" + std::to_string(k)),
                   "'" + r.inaccurate[k] + "' is not a KPI of pack " + pack.info.id +
                       did_you_mean(closest_match(r.inaccurate[k], kpi_ids)));
      }
    }
    check_return_values(pack, r, at, locate, sink);
  }
}

std::string level_name(const level_value& level) {
  return std::holds_alternative<std::int64_t>(level) ? std::to_string(std::get<std::int64_t>(level))
                                                     : "'" + std::get<std::string>(level) + "'";
}

std::string comma_list(const std::vector<std::string>& items) {
  std::string text;
  for (const std::string& item : items) {
    if (!text.empty()) text += ", ";
    text += item;
  }
  return text;
}

// An override or past rating must name a scheme of the pack and one of its levels.
void check_scheme_level(const pack_data& pack, const std::string& scheme_id,
                        const level_value& level, const std::string& at,
                        const record_locator& locate, diagnostics_sink& sink) {
  const auto named = std::find_if(pack.schemes.begin(), pack.schemes.end(),
                                  [&](const scheme& s) { return s.id == scheme_id; });
  if (named == pack.schemes.end()) {
    std::vector<std::string> ids;
    for (const scheme& s : pack.schemes) ids.push_back(s.id);
    sink.error("qaf.portfolio.unknown_scheme", locate(at + "/scheme"),
               "'" + scheme_id + "' is not a classification scheme of pack " + pack.info.id +
                   (ids.empty() ? std::string("; it has none") : "; it has " + comma_list(ids)) +
                   did_you_mean(closest_match(scheme_id, ids)));
    return;
  }
  std::vector<std::string> levels;
  for (const qaf::detail::level& l : named->levels) {
    if (l.value == level) return;
    levels.push_back(level_name(l.value));
  }
  sink.error("qaf.portfolio.unknown_level", locate(at + "/level"),
             level_name(level) + " is not a level of scheme '" + scheme_id + "'; its levels are " +
                 comma_list(levels));
}

void check_ratings(const pack_data& pack, const provider& record, const record_locator& locate,
                   diagnostics_sink& sink) {
  for (std::size_t i = 0; i < record.overrides.size(); ++i) {
    const rating_override& o = record.overrides[i];
    const std::string at = "/overrides/" + std::to_string(i);
    check_scheme_level(pack, o.scheme, o.level, at, locate, sink);
    // An override is a judgement kept beside the suggestion: it says why and who.
    if (o.reason.empty()) {
      sink.error("qaf.portfolio.value", locate(at + "/reason"),
                 "an override says why the suggestion was overridden; 'reason' is empty");
    }
    if (o.officer.empty()) {
      sink.error("qaf.portfolio.value", locate(at + "/officer"),
                 "an override names the officer who decided; 'officer' is empty");
    }
  }
  for (std::size_t i = 0; i < record.ratings.size(); ++i) {
    check_scheme_level(pack, record.ratings[i].scheme, record.ratings[i].level,
                       "/ratings/" + std::to_string(i), locate, sink);
  }
}

}  // namespace

std::span<const std::string_view> event_types() noexcept { return event_type_names; }

void check_record(const pack_data& pack, const provider& record, const record_locator& locate,
                  diagnostics_sink& sink) {
  bound_record bound;
  check_record(pack, record, locate, sink, bound);
}

void check_record(const pack_data& pack, const provider& record, const record_locator& locate,
                  diagnostics_sink& sink, bound_record& bound) {
  if (record.id.empty()) {
    sink.error("qaf.portfolio.missing", locate(""), "every provider record has a non-empty 'id'");
  }
  std::vector<diagnostic> found;
  bind_record(pack.table, record, bound, found);
  for (diagnostic& d : found)
    sink.error(std::move(d.code), locate(d.pointer), std::move(d.message));
  check_record_parts(pack, record, locate, sink);
}

void check_record_parts(const pack_data& pack, const provider& record, const record_locator& locate,
                        diagnostics_sink& sink) {
  check_history(pack, record, locate, sink);
  check_events(pack, record, locate, sink);
  check_returns(pack, record, locate, sink);
  check_ratings(pack, record, locate, sink);
}

void check_unique_id(const provider& record, const std::string& where,
                     std::unordered_map<std::string, std::string>& seen, diagnostics_sink& sink) {
  if (record.id.empty()) return;
  const auto [it, inserted] = seen.emplace(record.id, where);
  if (!inserted) {
    sink.error("qaf.portfolio.duplicate_id", where,
               "provider id '" + record.id + "' is already used at " + it->second);
  }
}

}  // namespace qaf::detail
