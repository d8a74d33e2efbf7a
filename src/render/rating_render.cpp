#include "render/rating_render.hpp"

#include <string>
#include <string_view>
#include <vector>

#include "render/csv_writer.hpp"
#include "render/explanation_render.hpp"
#include "render/json_text.hpp"
#include "render/result_document.hpp"
#include "render/result_stream.hpp"

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

// Compact: the rule, what kind of reason it is and the level it implies; the rest is the
// document's `rules` entry. Explained: the rule's text, source and condition inline, and the
// condition's value (true for a rule that fired or a condition that held, false for one that
// failed).
json reasons_json(const std::vector<rating_reason>& list, bool explain) {
  json reasons = json::array();
  for (const rating_reason& why : list) {
    json reason = {{"rule", why.rule},
                   {"kind", std::string(to_string(why.kind))},
                   {"level", level_json(why.level)}};
    if (explain) {
      reason["text"] = why.text;
      reason["source"] = source_json(why.source);
      reason["interpretation"] = why.interpretation;
      if (why.interpretation) reason["note"] = why.note;
      reason["condition"] = why.condition;
      reason["value"] = why.kind != reason_kind::requirement_failed;
      if (!why.explanation.empty()) reason["explanation"] = explanation_json(why.explanation);
    }
    reasons.push_back(std::move(reason));
  }
  return reasons;
}

// Compact: {"level": L} for the actions the level carries (the document's `levels`), {"rule":
// id} for those a deciding rule carries (its `rules` entry); each once. Explained: every action
// with its text and source.
json interventions_json(const rating& r, bool explain) {
  json interventions = json::array();
  if (explain) {
    for (const rating_intervention& i : r.interventions) {
      interventions.push_back({{"text", i.text},
                               {"source", source_json(i.source)},
                               {"rule", i.rule.empty() ? json(nullptr) : json(i.rule)}});
    }
    return interventions;
  }
  const std::string* previous = nullptr;
  for (const rating_intervention& i : r.interventions) {
    if (previous != nullptr && *previous == i.rule) continue;
    previous = &i.rule;
    interventions.push_back(i.rule.empty() ? json{{"level", level_json(r.level)}}
                                           : json{{"rule", i.rule}});
  }
  return interventions;
}

// A level as a person reads it, once: "3" for a numbered level (its label follows), the label
// for a named one ("High risk", never "high High risk").
std::string level_name(const level_value& level, const std::string& label) {
  if (std::holds_alternative<std::int64_t>(level) || label.empty()) return level_text(level);
  return label;
}

}  // namespace

namespace {

// rating_summary of a rating with these members.
std::string summary_text(rating_status status, const level_value& level, const std::string& label,
                         const level_value* could_reach, const std::string& could_reach_label,
                         std::size_t unknown) {
  const std::string facts =
      std::to_string(unknown) + (unknown == 1 ? " fact unknown" : " facts unknown");
  const std::string reach =
      could_reach != nullptr ? " \u2014 could reach " + level_name(*could_reach, could_reach_label)
                             : "";
  switch (status) {
    case rating_status::not_assessed:
      return "not assessed" + reach + ": " + facts;
    case rating_status::provisional:
      return "provisional " + level_name(level, label) + reach + ": " + facts;
    case rating_status::decided:
      break;
  }
  if (std::holds_alternative<std::int64_t>(level) && !label.empty()) {
    return level_text(level) + " " + label;
  }
  return level_name(level, label);
}

}  // namespace

std::string rating_summary(const rating& r) {
  return summary_text(r.status, r.level, r.label, r.could_reach ? &*r.could_reach : nullptr,
                      r.could_reach_label, r.unknown_facts.size());
}

json rating_json(const rating& r, bool explain) {
  const bool assessed = r.status != rating_status::not_assessed;
  json out;
  out["provider"] = r.provider;
  out["scheme"] = r.scheme;
  out["status"] = std::string(to_string(r.status));
  out["level"] = assessed ? level_json(r.level) : json(nullptr);
  out["label"] = assessed ? json(r.label) : json(nullptr);
  out["summary"] = rating_summary(r);
  out["reasons"] = reasons_json(r.reasons, explain);
  out["also_fired"] = reasons_json(r.also_fired, explain);
  out["could_reach"] = optional_level(r.could_reach);
  out["unknown_facts"] = r.unknown_facts;
  json undecided = json::array();
  for (const undecided_rule& u : r.undecided) {
    // Compact: the rule and the level it could lead to (the rating's unknown_facts hold the
    // facts of all of them). Explained: each rule's text and its own unknown facts too.
    json entry = {{"rule", u.rule}};
    if (explain) entry["text"] = u.text;
    entry["level"] = level_json(u.level);
    if (explain) {
      entry["unknown_facts"] = u.unknown_facts;
      entry["value"] = nullptr;  // undecided: the unknown facts leave it open
      if (!u.explanation.empty()) entry["explanation"] = explanation_json(u.explanation);
    }
    undecided.push_back(std::move(entry));
  }
  out["undecided"] = std::move(undecided);
  out["interventions"] = interventions_json(r, explain);
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

namespace {

// The members every compact rating opens with, in rating_json's order: the level and its label
// are null when the scheme was not assessed.
void append_rating_opening(std::string& out, std::string_view provider, std::string_view scheme,
                           rating_status status, const level_value& level, std::string_view label) {
  const bool assessed = status != rating_status::not_assessed;
  out += "{\"provider\":";
  append_json_string(out, provider);
  out += ",\"scheme\":";
  append_json_string(out, scheme);
  out += ",\"status\":";
  append_json_string(out, to_string(status));
  out += ",\"level\":";
  if (assessed) {
    append_json_level(out, level);
  } else {
    out += "null";
  }
  out += ",\"label\":";
  if (assessed) {
    append_json_string(out, label);
  } else {
    out += "null";
  }
}

void append_optional_level(std::string& out, const std::optional<level_value>& level) {
  if (level) {
    append_json_level(out, *level);
  } else {
    out += "null";
  }
}

void append_string_list(std::string& out, const std::vector<std::string>& items) {
  out += '[';
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ',';
    append_json_string(out, items[i]);
  }
  out += ']';
}

void append_compact_reasons(std::string& out, const std::vector<rating_reason>& list) {
  out += '[';
  for (std::size_t i = 0; i < list.size(); ++i) {
    const rating_reason& why = list[i];
    out += i > 0 ? ",{\"rule\":" : "{\"rule\":";
    append_json_string(out, why.rule);
    out += ",\"kind\":";
    append_json_string(out, to_string(why.kind));
    out += ",\"level\":";
    append_json_level(out, why.level);
    out += '}';
  }
  out += ']';
}

}  // namespace

void append_rating_json(std::string& out, const rating& r, bool explain) {
  if (explain) {
    append_compact(out, rating_json(r, true));
    return;
  }
  // The members and their order are rating_json's (a test compares the two on every pack's
  // worked cases); only the document is not built.
  append_rating_opening(out, r.provider, r.scheme, r.status, r.level, r.label);
  out += ",\"summary\":";
  append_json_string(out, rating_summary(r));
  out += ",\"reasons\":";
  append_compact_reasons(out, r.reasons);
  out += ",\"also_fired\":";
  append_compact_reasons(out, r.also_fired);
  out += ",\"could_reach\":";
  append_optional_level(out, r.could_reach);
  out += ",\"unknown_facts\":";
  append_string_list(out, r.unknown_facts);
  out += ",\"undecided\":[";
  for (std::size_t i = 0; i < r.undecided.size(); ++i) {
    out += i > 0 ? ",{\"rule\":" : "{\"rule\":";
    append_json_string(out, r.undecided[i].rule);
    out += ",\"level\":";
    append_json_level(out, r.undecided[i].level);
    out += '}';
  }
  out += "],\"interventions\":[";
  const std::string* previous = nullptr;
  bool first = true;
  for (const rating_intervention& i : r.interventions) {
    if (previous != nullptr && *previous == i.rule) continue;
    previous = &i.rule;
    if (!first) out += ',';
    first = false;
    if (i.rule.empty()) {
      out += "{\"level\":";
      append_json_level(out, r.level);
    } else {
      out += "{\"rule\":";
      append_json_string(out, i.rule);
    }
    out += '}';
  }
  out += "],\"override\":";
  if (r.officer_override) {
    const rating_override& o = *r.officer_override;
    out += "{\"level\":";
    append_json_level(out, o.level);
    out += ",\"label\":";
    append_json_string(out, r.override_label);
    out += ",\"reason\":";
    append_json_string(out, o.reason);
    out += ",\"officer\":";
    append_json_string(out, o.officer);
    out += ",\"date\":";
    append_json_date(out, o.on);
    out += '}';
  } else {
    out += "null";
  }
  out += ",\"rated_on\":";
  if (r.rated_on) {
    append_json_date(out, *r.rated_on);
  } else {
    out += "null";
  }
  out += ",\"refreshed_by\":";
  if (r.refreshed_by) {
    out += "{\"activity\":";
    append_json_string(out, r.refreshed_by->activity);
    out += ",\"date\":";
    append_json_date(out, r.refreshed_by->on);
    out += '}';
  } else {
    out += "null";
  }
  out += r.review_due ? ",\"review_due\":true" : ",\"review_due\":false";
  out += ",\"trend\":";
  append_json_string(out, to_string(r.trend));
  out += ",\"previous\":";
  if (r.previous) {
    out += "{\"level\":";
    append_json_level(out, r.previous->level);
    out += ",\"date\":";
    append_json_date(out, r.previous->on);
    out += '}';
  } else {
    out += "null";
  }
  out += '}';
}

namespace {

const std::string& rule_id(const scheme& s, const reason_ref& ref) {
  return ref.kind == reason_kind::rule ? s.rules[ref.index].meta.id
                                       : s.levels.front().requirements[ref.index].meta.id;
}

void append_index_reasons(std::string& out, const scheme& s, const rating_batch& batch,
                          index_range range) {
  out += '[';
  for (std::uint32_t i = range.begin; i < range.end; ++i) {
    const reason_ref& why = batch.reasons[i];
    out += i > range.begin ? ",{\"rule\":" : "{\"rule\":";
    append_json_string(out, rule_id(s, why));
    out += ",\"kind\":";
    append_json_string(out, to_string(why.kind));
    out += ",\"level\":";
    append_json_level(out, s.levels[why.level].value);
    out += '}';
  }
  out += ']';
}

}  // namespace

void append_rating_json(std::string& out, const pack_data& pack, std::string_view provider_id,
                        const rating_batch& batch, const scheme_rating& r) {
  // The members and their order are those of append_rating_json(rating) (a test compares the two
  // on every pack's worked cases); only the names come from the pack.
  const scheme& s = pack.schemes[r.scheme];
  const level& suggested = s.levels[r.level];
  append_rating_opening(out, provider_id, s.id, r.status, suggested.value, suggested.label);
  out += ",\"summary\":";
  const level* reach = r.could_reach != no_level ? &s.levels[r.could_reach] : nullptr;
  static const std::string no_label;
  append_json_string(
      out, summary_text(r.status, suggested.value, suggested.label,
                        reach != nullptr ? &reach->value : nullptr,
                        reach != nullptr ? reach->label : no_label, r.unknown_facts.size()));
  out += ",\"reasons\":";
  append_index_reasons(out, s, batch, r.reasons);
  out += ",\"also_fired\":";
  append_index_reasons(out, s, batch, r.also_fired);
  out += ",\"could_reach\":";
  if (reach != nullptr) {
    append_json_level(out, reach->value);
  } else {
    out += "null";
  }
  out += ",\"unknown_facts\":[";
  for (std::uint32_t i = r.unknown_facts.begin; i < r.unknown_facts.end; ++i) {
    if (i > r.unknown_facts.begin) out += ',';
    append_json_string(out, pack.table.slot_name(batch.slots[i]));
  }
  out += "],\"undecided\":[";
  for (std::uint32_t i = r.undecided.begin; i < r.undecided.end; ++i) {
    const reason_ref& u = batch.reasons[i];
    out += i > r.undecided.begin ? ",{\"rule\":" : "{\"rule\":";
    append_json_string(out, rule_id(s, u));
    out += ",\"level\":";
    append_json_level(out, s.levels[u.level].value);
    out += '}';
  }
  // The level's actions once, as {"level": L}, then each deciding rule that carries actions.
  out += "],\"interventions\":[";
  if (r.status != rating_status::not_assessed) {
    bool first = true;
    if (!suggested.interventions.empty()) {
      out += "{\"level\":";
      append_json_level(out, suggested.value);
      out += '}';
      first = false;
    }
    for (std::uint32_t i = r.reasons.begin; i < r.reasons.end; ++i) {
      const reason_ref& why = batch.reasons[i];
      if (why.kind != reason_kind::rule || s.rules[why.index].interventions.empty()) continue;
      out += first ? "{\"rule\":" : ",{\"rule\":";
      first = false;
      append_json_string(out, s.rules[why.index].meta.id);
      out += '}';
    }
  }
  out += "],\"override\":";
  if (r.officer_override != nullptr) {
    const rating_override& o = *r.officer_override;
    out += "{\"level\":";
    append_json_level(out, o.level);
    out += ",\"label\":";
    append_json_string(out, r.override_level != no_level
                                ? std::string_view(s.levels[r.override_level].label)
                                : std::string_view());
    out += ",\"reason\":";
    append_json_string(out, o.reason);
    out += ",\"officer\":";
    append_json_string(out, o.officer);
    out += ",\"date\":";
    append_json_date(out, o.on);
    out += '}';
  } else {
    out += "null";
  }
  out += ",\"rated_on\":";
  if (r.rated_on) {
    append_json_date(out, *r.rated_on);
  } else {
    out += "null";
  }
  out += ",\"refreshed_by\":";
  if (r.refreshed_by != nullptr) {
    out += "{\"activity\":";
    append_json_string(out, r.refreshed_by->activity);
    out += ",\"date\":";
    append_json_date(out, r.refreshed_by->on);
    out += '}';
  } else {
    out += "null";
  }
  out += r.review_due ? ",\"review_due\":true" : ",\"review_due\":false";
  out += ",\"trend\":";
  append_json_string(out, to_string(r.trend));
  out += ",\"previous\":";
  if (r.previous != nullptr) {
    out += "{\"level\":";
    append_json_level(out, r.previous->level);
    out += ",\"date\":";
    append_json_date(out, r.previous->on);
    out += '}';
  } else {
    out += "null";
  }
  out += '}';
}

void write_ratings_csv(std::ostream& out, std::span<const rating> ratings, bool header) {
  csv_writer csv(out);
  // The status and what could still be reached come first: a provisional level is never read
  // without them.
  if (header)
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
