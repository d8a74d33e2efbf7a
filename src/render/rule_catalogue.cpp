#include "render/rule_catalogue.hpp"

#include <string>

#include "pack/pack_data.hpp"
#include "render/result_document.hpp"

namespace qaf::detail {
namespace {

using json = nlohmann::ordered_json;

json text_or_null(const std::string& text) { return text.empty() ? json(nullptr) : json(text); }

json condition_json(const when_clause& when) {
  return when.compiled ? json(when.compiled->to_string()) : json(nullptr);
}

// The members every rule has, in the order INTERFACE.md names them.
json rule_entry(const rule_meta& meta, const std::string& text, const when_clause& when) {
  return {{"text", text_or_null(text)},
          {"source", source_json(meta.source)},
          {"interpretation", meta.interpretation},
          {"note", meta.interpretation ? text_or_null(meta.note) : json(nullptr)},
          {"condition", condition_json(when)}};
}

json interventions_json(const std::vector<intervention>& list) {
  json out = json::array();
  for (const intervention& i : list) {
    out.push_back({{"text", i.text}, {"source", source_json(i.source)}});
  }
  return out;
}

std::string activity_code(const pack_data& data, activity_index index) {
  return index < data.activities.size() ? data.activities[index].code : std::string();
}

void add_classification(const pack_data& data, json& out) {
  for (const scheme& s : data.schemes) {
    for (const level& l : s.levels) {
      for (const level_requirement& r : l.requirements) {
        json entry = rule_entry(r.meta, r.text, r.when);
        entry["scheme"] = s.id;
        entry["level"] = level_json(l.value);
        entry["kind"] = "requirement";
        out[r.meta.id] = std::move(entry);
      }
    }
    for (const scheme_rule& r : s.rules) {
      json entry = rule_entry(r.meta, r.text, r.when);
      entry["scheme"] = s.id;
      entry["level"] = level_json(s.levels[r.level].value);
      entry["kind"] = "rule";
      if (!r.interventions.empty()) entry["interventions"] = interventions_json(r.interventions);
      out[r.meta.id] = std::move(entry);
    }
  }
}

void add_scheduling(const pack_data& data, json& out) {
  for (const schedule_rule& r : data.schedule) {
    std::string activities;
    if (r.activity) {
      activities = activity_code(data, *r.activity);
    } else {
      for (const activity_index a : r.cadence.alternates) {
        activities += (activities.empty() ? "" : " | ") + activity_code(data, a);
      }
    }
    json entry = rule_entry(r.meta, std::string(), r.when);
    entry["activity"] = activities;
    out[r.meta.id] = std::move(entry);
  }
  for (const trigger& t : data.triggers) {
    json entry = rule_entry(t.meta, std::string(), t.when);
    json activities = json::array();
    for (const obligation& o : t.obligations) activities.push_back(activity_code(data, o.activity));
    entry["activity"] = std::move(activities);
    out[t.meta.id] = std::move(entry);
  }
  for (const follow_up& f : data.follow_ups) {
    json entry = rule_entry(f.meta, std::string(), f.when);
    entry["activity"] = activity_code(data, f.activity);
    out[f.meta.id] = std::move(entry);
  }
  for (const minimum_visits_rule& m : data.minimum_visits) {
    json entry = rule_entry(m.meta, std::string(), m.when);
    json activities = json::array();
    for (const activity_index a : m.activities) activities.push_back(activity_code(data, a));
    entry["activity"] = std::move(activities);
    out[m.meta.id] = std::move(entry);
  }
}

void add_kpis(const pack_data& data, json& out) {
  for (const kpi& k : data.kpis) out[k.meta.id] = rule_entry(k.meta, k.title, k.when);
}

}  // namespace

json rules_json(const pack& rules, rule_selection which) {
  const pack_data& data = rules.data();
  json out = json::object();
  if (which.classification) add_classification(data, out);
  if (which.scheduling) add_scheduling(data, out);
  if (which.kpis) add_kpis(data, out);
  return out;
}

json levels_json(const pack& rules) {
  json out = json::object();
  for (const scheme& s : rules.data().schemes) {
    json levels = json::object();
    for (const level& l : s.levels) {
      levels[level_text(l.value)] = {{"label", l.label},
                                     {"interventions", interventions_json(l.interventions)}};
    }
    out[s.id] = std::move(levels);
  }
  return out;
}

}  // namespace qaf::detail
