#include "portfolio/record_check.hpp"

#include <algorithm>
#include <vector>

#include "facts/bound_record.hpp"
#include "facts/spelling.hpp"

namespace qaf::detail {
namespace {

constexpr std::string_view event_types[] = {
    "regulator_rating_changed", "registered_manager_changed", "concern_raised", "return_missed"};

void check_history(const pack_data& pack, const provider& record, const record_locator& locate,
                   diagnostics_sink& sink) {
  std::vector<std::string> codes;
  for (const activity& a : pack.activities) codes.push_back(a.code);
  for (std::size_t i = 0; i < record.history.size(); ++i) {
    const std::string& code = record.history[i].activity;
    if (std::find(codes.begin(), codes.end(), code) == codes.end()) {
      sink.error("qaf.portfolio.unknown_activity",
                 locate("/history/" + std::to_string(i) + "/activity"),
                 "'" + code + "' is not an activity of pack " + pack.info.id +
                     did_you_mean(closest_match(code, codes)));
    }
  }
}

void check_events(const provider& record, const record_locator& locate, diagnostics_sink& sink) {
  const std::vector<std::string> types(std::begin(event_types), std::end(event_types));
  const std::vector<std::string> ratings = {"outstanding", "good", "requires_improvement",
                                            "inadequate", "not_rated"};
  for (std::size_t i = 0; i < record.events.size(); ++i) {
    const event& e = record.events[i];
    const std::string at = "/events/" + std::to_string(i);
    if (std::find(types.begin(), types.end(), e.type) == types.end()) {
      sink.error("qaf.portfolio.event_type", locate(at + "/type"),
                 "'" + e.type +
                     "' is not an event type; expected one of regulator_rating_changed, "
                     "registered_manager_changed, concern_raised, return_missed" +
                     did_you_mean(closest_match(e.type, types)));
      continue;
    }
    if (e.type != "regulator_rating_changed") continue;
    const auto to = e.details.find("to");
    if (to == e.details.end()) {
      sink.error("qaf.portfolio.missing", locate(at),
                 "a regulator_rating_changed event says the new rating in 'to'");
    } else if (std::find(ratings.begin(), ratings.end(), to->second) == ratings.end()) {
      sink.error("qaf.fact.enum", locate(at + "/to"),
                 "'" + to->second +
                     "' is not a regulator rating; expected one of outstanding, "
                     "good, requires_improvement, inadequate, not_rated" +
                     did_you_mean(closest_match(to->second, ratings)));
    }
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
        } else if (std::get<double>(value) < 0) {
          sink.error("qaf.portfolio.value", where, "'" + id + "' is a count, never negative");
        }
        break;
      case kpi_measure::percentage:
        if (!std::holds_alternative<ratio>(value)) {
          sink.error("qaf.portfolio.type", where,
                     "'" + id + "' is a percentage: {\"numerator\", \"denominator\"}");
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

void check_returns(const pack_data& pack, const provider& record, const record_locator& locate,
                   diagnostics_sink& sink) {
  std::vector<std::string> kpi_ids;
  for (const kpi& k : pack.kpis) kpi_ids.push_back(k.meta.id);
  for (std::size_t i = 0; i < record.returns.size(); ++i) {
    const data_return& r = record.returns[i];
    const std::string at = "/returns/" + std::to_string(i);
    if (r.end < r.start) {
      sink.error("qaf.portfolio.period", locate(at + "/period"),
                 "the period ends (" + r.end.to_string() + ") before it starts (" +
                     r.start.to_string() + ")");
      continue;
    }
    for (std::size_t j = 0; j < i; ++j) {
      const data_return& earlier = record.returns[j];
      if (r.start <= earlier.end && earlier.start <= r.end) {
        sink.error(
            "qaf.portfolio.period_overlap", locate(at + "/period"),
            "the period " + r.start.to_string() + "/" + r.end.to_string() +
                (r.start == earlier.start && r.end == earlier.end ? " repeats" : " overlaps") +
                " the period of return " + std::to_string(j) + " (" + earlier.start.to_string() +
                "/" + earlier.end.to_string() + ")");
        break;
      }
    }
    if (kpi_ids.empty()) continue;  // a pack without KPIs does not judge return values
    for (const auto& [id, value] : r.values) {
      if (std::find(kpi_ids.begin(), kpi_ids.end(), id) == kpi_ids.end()) {
        sink.error("qaf.portfolio.unknown_kpi", locate(at + "/values/" + escape_pointer_token(id)),
                   "'" + id + "' is not a KPI of pack " + pack.info.id +
                       did_you_mean(closest_match(id, kpi_ids)));
      }
    }
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
    check_scheme_level(pack, record.overrides[i].scheme, record.overrides[i].level,
                       "/overrides/" + std::to_string(i), locate, sink);
  }
  for (std::size_t i = 0; i < record.ratings.size(); ++i) {
    check_scheme_level(pack, record.ratings[i].scheme, record.ratings[i].level,
                       "/ratings/" + std::to_string(i), locate, sink);
  }
}

}  // namespace

void check_record(const pack_data& pack, const provider& record, const record_locator& locate,
                  diagnostics_sink& sink) {
  if (record.id.empty()) {
    sink.error("qaf.portfolio.missing", locate(""), "every provider record has a non-empty 'id'");
  }
  std::vector<diagnostic> found;
  bind_record(pack.table, record, found);
  for (diagnostic& d : found)
    sink.error(std::move(d.code), locate(d.pointer), std::move(d.message));
  check_history(pack, record, locate, sink);
  check_events(record, locate, sink);
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
