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

}  // namespace

json rating_json(const rating& r) {
  json out;
  out["provider"] = r.provider;
  out["scheme"] = r.scheme;
  out["level"] = level_json(r.level);
  out["label"] = r.label;
  json reasons = json::array();
  for (const rating_reason& why : r.reasons) {
    json reason = {{"rule", why.rule},
                   {"text", why.text},
                   {"source", source_json(why.source)},
                   {"level", level_json(why.level)},
                   {"interpretation", why.interpretation}};
    if (why.interpretation) reason["note"] = why.note;
    reason["condition"] = why.condition;
    reasons.push_back(std::move(reason));
  }
  out["reasons"] = std::move(reasons);
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
    interventions.push_back({{"text", i.text}, {"source", source_json(i.source)}});
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
  csv.row({"provider", "scheme", "level", "label", "rules", "reasons", "could_reach",
           "unknown_facts", "override_level", "override_reason", "override_officer",
           "override_date", "review_due", "rated_on", "trend", "previous_level", "previous_date"});
  for (const rating& r : ratings) {
    std::vector<std::string> rules;
    std::vector<std::string> texts;
    for (const rating_reason& why : r.reasons) {
      rules.push_back(why.rule);
      texts.push_back(why.text);
    }
    const rating_override* o = r.officer_override ? &*r.officer_override : nullptr;
    csv.row({r.provider, r.scheme, level_text(r.level), r.label, joined(rules), joined(texts),
             r.could_reach ? level_text(*r.could_reach) : "", joined(r.unknown_facts),
             o ? level_text(o->level) : "", o ? o->reason : "", o ? o->officer : "",
             o ? o->on.to_string() : "", r.review_due ? "true" : "false",
             r.rated_on ? r.rated_on->to_string() : "", std::string(to_string(r.trend)),
             r.previous ? level_text(r.previous->level) : "",
             r.previous ? r.previous->on.to_string() : ""});
  }
}

}  // namespace qaf::detail
