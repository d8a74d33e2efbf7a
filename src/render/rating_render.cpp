#include "render/rating_render.hpp"

#include <string>
#include <vector>

#include "render/csv_writer.hpp"
#include "render/result_document.hpp"

namespace qaf::detail {
namespace {

using json = nlohmann::ordered_json;

json optional_level(const std::optional<level_value>& level) {
  return level ? level_json(*level) : json(nullptr);
}

json optional_date(const std::optional<date>& on) {
  return on ? json(on->to_string()) : json(nullptr);
}

std::string joined(const std::vector<std::string>& items) {
  std::string text;
  for (const std::string& item : items) text += (text.empty() ? "" : " | ") + item;
  return text;
}

json reasons_json(const std::vector<rating_reason>& list) {
  json reasons = json::array();
  for (const rating_reason& why : list) {
    json reason = {{"rule", why.rule},
                   {"kind", std::string(to_string(why.kind))},
                   {"text", why.text},
                   {"source", source_json(why.source)},
                   {"level", level_json(why.level)},
                   {"interpretation", why.interpretation}};
    if (why.interpretation) reason["note"] = why.note;
    reason["condition"] = why.condition;
    reasons.push_back(std::move(reason));
  }
  return reasons;
}

// A level as a person reads it, once: "3" for a numbered level (its label follows), the label
// for a named one ("High risk", never "high High risk").
std::string level_name(const level_value& level, const std::string& label) {
  if (std::holds_alternative<std::int64_t>(level) || label.empty()) return level_text(level);
  return label;
}

}  // namespace

std::string rating_summary(const rating& r) {
  const std::size_t unknown = r.unknown_facts.size();
  const std::string facts =
      std::to_string(unknown) + (unknown == 1 ? " fact unknown" : " facts unknown");
  const std::string reach =
      r.could_reach ? " \u2014 could reach " + level_name(*r.could_reach, r.could_reach_label) : "";
  switch (r.status) {
    case rating_status::not_assessed:
      return "not assessed" + reach + ": " + facts;
    case rating_status::provisional:
      return "provisional " + level_name(r.level, r.label) + reach + ": " + facts;
    case rating_status::decided:
      break;
  }
  if (std::holds_alternative<std::int64_t>(r.level) && !r.label.empty()) {
    return level_text(r.level) + " " + r.label;
  }
  return level_name(r.level, r.label);
}

json rating_json(const rating& r) {
  const bool assessed = r.status != rating_status::not_assessed;
  json out;
  out["provider"] = r.provider;
  out["scheme"] = r.scheme;
  out["status"] = std::string(to_string(r.status));
  out["level"] = assessed ? level_json(r.level) : json(nullptr);
  out["label"] = assessed ? json(r.label) : json(nullptr);
  out["summary"] = rating_summary(r);
  out["reasons"] = reasons_json(r.reasons);
  out["also_fired"] = reasons_json(r.also_fired);
  out["could_reach"] = optional_level(r.could_reach);
  out["unknown_facts"] = r.unknown_facts;
  json undecided = json::array();
  for (const undecided_rule& u : r.undecided) {
    undecided.push_back({{"rule", u.rule},
                         {"text", u.text},
                         {"level", level_json(u.level)},
                         {"unknown_facts", u.unknown_facts}});
  }
  out["undecided"] = std::move(undecided);
  json interventions = json::array();
  for (const rating_intervention& i : r.interventions) {
    interventions.push_back({{"text", i.text},
                             {"source", source_json(i.source)},
                             {"rule", i.rule.empty() ? json(nullptr) : json(i.rule)}});
  }
  out["interventions"] = std::move(interventions);
  if (r.officer_override) {
    const rating_override& o = *r.officer_override;
    out["override"] = {{"level", level_json(o.level)},
                       {"label", r.override_label},
                       {"reason", o.reason},
                       {"officer", o.officer},
                       {"date", o.on.to_string()}};
  } else {
    out["override"] = nullptr;
  }
  out["rated_on"] = optional_date(r.rated_on);
  out["refreshed_by"] = r.refreshed_by ? json{{"activity", r.refreshed_by->activity},
                                              {"date", r.refreshed_by->on.to_string()}}
                                       : json(nullptr);
  out["review_due"] = r.review_due;
  out["trend"] = std::string(to_string(r.trend));
  out["previous"] = r.previous ? json{{"level", level_json(r.previous->level)},
                                      {"date", r.previous->on.to_string()}}
                               : json(nullptr);
  return out;
}

json rate_document(const pack& rules, date as_of, std::span<const rating> ratings) {
  json document = result_document(rules, as_of);
  json list = json::array();
  for (const rating& r : ratings) list.push_back(rating_json(r));
  document["ratings"] = std::move(list);
  return document;
}

void write_ratings_csv(std::ostream& out, std::span<const rating> ratings) {
  csv_writer csv(out);
  // The status and what could still be reached come first: a provisional level is never read
  // without them.
  csv.row(
      {"provider",      "scheme",        "status",         "level",           "label",
       "summary",       "could_reach",   "unknown_facts",  "rules",           "reasons",
       "also_fired",    "interventions", "override_level", "override_reason", "override_officer",
       "override_date", "review_due",    "rated_on",       "trend",           "previous_level",
       "previous_date"});
  for (const rating& r : ratings) {
    const bool assessed = r.status != rating_status::not_assessed;
    std::vector<std::string> rules;
    std::vector<std::string> texts;
    for (const rating_reason& why : r.reasons) {
      rules.push_back(why.rule);
      texts.push_back(why.kind == reason_kind::requirement_failed ? "not so: " + why.text
                                                                  : why.text);
    }
    std::vector<std::string> others;
    for (const rating_reason& why : r.also_fired) others.push_back(why.rule);
    std::vector<std::string> actions;
    for (const rating_intervention& i : r.interventions) actions.push_back(i.text);
    const rating_override* o = r.officer_override ? &*r.officer_override : nullptr;
    csv.row({r.provider,
             r.scheme,
             std::string(to_string(r.status)),
             assessed ? level_text(r.level) : "",
             assessed ? r.label : "",
             rating_summary(r),
             r.could_reach ? level_text(*r.could_reach) : "",
             joined(r.unknown_facts),
             joined(rules),
             joined(texts),
             joined(others),
             joined(actions),
             o ? level_text(o->level) : "",
             o ? o->reason : "",
             o ? o->officer : "",
             o ? o->on.to_string() : "",
             r.review_due ? "true" : "false",
             r.rated_on ? r.rated_on->to_string() : "",
             std::string(to_string(r.trend)),
             r.previous ? level_text(r.previous->level) : "",
             r.previous ? r.previous->on.to_string() : ""});
  }
}

}  // namespace qaf::detail
