// qaf::diff_rules and qaf::diff_results (include/qaf/pack_diff.hpp). Rules are compared on the
// packs' own JSON rather than on the compiled model: what an author changed is what the JSON
// says, wording and citations included, and the compiled model drops some of it (notes, quotes).
#include "qaf/pack_diff.hpp"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <utility>

#include "qaf/engine.hpp"
#include "render/result_document.hpp"

namespace qaf {
namespace {

using json = nlohmann::json;

// One comparable item of a section: its id and its members (nested rules taken out).
struct item {
  std::string id;
  json members;
};

std::string key_text(const json& value) {
  return value.is_string() ? value.get<std::string>() : value.dump();
}

// The items of an array section, each keyed by `key`; items without one are left out (a pack
// that loaded has none).
std::vector<item> keyed_items(const json& list, std::string_view key) {
  std::vector<item> out;
  if (!list.is_array()) return out;
  for (const json& each : list) {
    if (!each.is_object() || !each.contains(key)) continue;
    json members = each;
    members.erase(std::string(key));
    out.push_back({key_text(each.at(std::string(key))), std::move(members)});
  }
  return out;
}

void compare_items(const std::string& section, const std::vector<item>& before,
                   const std::vector<item>& after, std::vector<rule_change>& out) {
  std::map<std::string, const item*> later;
  for (const item& each : after) later.emplace(each.id, &each);
  std::set<std::string> seen;
  for (const item& old : before) {
    seen.insert(old.id);
    const auto found = later.find(old.id);
    if (found == later.end()) {
      out.push_back({section, old.id, change_kind::removed, {}});
      continue;
    }
    const json& now = found->second->members;
    rule_change change{section, old.id, change_kind::changed, {}};
    // Members in the order the earlier pack gives them, then those only the later one has.
    for (const auto& [name, value] : old.members.items()) {
      const auto it = now.find(name);
      if (it == now.end()) {
        change.members.push_back({name, value.dump(), ""});
      } else if (*it != value) {
        change.members.push_back({name, value.dump(), it->dump()});
      }
    }
    for (const auto& [name, value] : now.items()) {
      if (!old.members.contains(name)) change.members.push_back({name, "", value.dump()});
    }
    if (!change.members.empty()) out.push_back(std::move(change));
  }
  for (const item& added : after) {
    if (!seen.contains(added.id)) out.push_back({section, added.id, change_kind::added, {}});
  }
}

const json& member_or_null(const json& object, std::string_view name) {
  static const json null_value;
  if (!object.is_object()) return null_value;
  const auto it = object.find(std::string(name));
  return it == object.end() ? null_value : *it;
}

// A scheme's own members, its levels without their `requires`, its rules and its requires.
struct scheme_parts {
  item scheme;
  std::vector<item> levels;
  std::vector<item> rules;
  std::vector<item> requires_;
};

std::vector<scheme_parts> schemes_of(const json& pack) {
  std::vector<scheme_parts> out;
  const json& list = member_or_null(pack, "schemes");
  if (!list.is_array()) return out;
  for (const json& s : list) {
    if (!s.is_object() || !s.contains("id")) continue;
    scheme_parts parts;
    parts.scheme.id = key_text(s.at("id"));
    parts.scheme.members = s;
    parts.scheme.members.erase("id");
    parts.scheme.members.erase("levels");
    parts.scheme.members.erase("rules");
    parts.rules = keyed_items(member_or_null(s, "rules"), "id");
    json levels = member_or_null(s, "levels");
    if (levels.is_array()) {
      for (json& level : levels) {
        if (!level.is_object()) continue;
        const std::vector<item> required = keyed_items(member_or_null(level, "requires"), "id");
        parts.requires_.insert(parts.requires_.end(), required.begin(), required.end());
        level.erase("requires");
      }
      parts.levels = keyed_items(levels, "level");
    }
    out.push_back(std::move(parts));
  }
  return out;
}

void compare_schemes(const json& before, const json& after, std::vector<rule_change>& out) {
  const std::vector<scheme_parts> old_schemes = schemes_of(before);
  const std::vector<scheme_parts> new_schemes = schemes_of(after);
  std::vector<item> old_items;
  std::vector<item> new_items;
  for (const scheme_parts& s : old_schemes) old_items.push_back(s.scheme);
  for (const scheme_parts& s : new_schemes) new_items.push_back(s.scheme);
  compare_items("schemes", old_items, new_items, out);
  // Inside a scheme both packs have, levels and rules; a scheme added or removed is one change.
  for (const scheme_parts& old : old_schemes) {
    const auto now =
        std::find_if(new_schemes.begin(), new_schemes.end(),
                     [&](const scheme_parts& s) { return s.scheme.id == old.scheme.id; });
    if (now == new_schemes.end()) continue;
    const std::string base = "schemes/" + old.scheme.id;
    compare_items(base + "/levels", old.levels, now->levels, out);
    compare_items(base + "/requires", old.requires_, now->requires_, out);
    compare_items(base + "/rules", old.rules, now->rules, out);
  }
}

void compare_metadata(const json& before, const json& after, std::vector<rule_change>& out) {
  rule_change change{"pack", key_text(member_or_null(after, "id")), change_kind::changed, {}};
  for (const char* name : {"id", "version", "effective_from", "effective_to", "council"}) {
    const json& old = member_or_null(before, name);
    const json& now = member_or_null(after, name);
    if (old != now) {
      change.members.push_back(
          {name, old.is_null() ? "" : old.dump(), now.is_null() ? "" : now.dump()});
    }
  }
  if (!change.members.empty()) out.push_back(std::move(change));
}

// ---- results ----------------------------------------------------------------------------

std::string occurrence_text(const occurrence& o) {
  return std::string(to_string(o.status)) + " (rule " + o.rule + ")";
}

std::string rating_text(const rating& r) {
  std::string text = detail::level_text(r.level);
  if (!r.label.empty()) text += ' ' + r.label;
  text += ", " + std::string(to_string(r.status));
  if (r.officer_override)
    text += ", overridden to " + detail::level_text(r.officer_override->level);
  return text;
}

std::string kpi_text(const kpi_result& k) {
  return std::string(to_string(k.status)) + ", consequence " +
         std::string(to_string(k.consequence));
}

// Compares two keyed lists of texts, in the order `before` gives them, then what only `after` has.
void compare_texts(const std::string& provider, const std::string& what,
                   const std::vector<std::pair<std::string, std::string>>& before,
                   const std::vector<std::pair<std::string, std::string>>& after,
                   std::vector<result_change>& out) {
  std::map<std::string, std::string> later(after.begin(), after.end());
  std::map<std::string, std::string> earlier(before.begin(), before.end());
  for (const auto& [key, text] : before) {
    const auto found = later.find(key);
    const std::string now = found == later.end() ? "none" : found->second;
    if (now != text) out.push_back({provider, what, key, text, now});
  }
  for (const auto& [key, text] : after) {
    if (!earlier.contains(key)) out.push_back({provider, what, key, "none", text});
  }
}

std::vector<std::pair<std::string, std::string>> schedule_texts(const engine& e,
                                                                const provider& record,
                                                                const result_diff_options& o) {
  std::vector<std::pair<std::string, std::string>> out;
  std::map<std::string, int> uses;  // two obligations of one activity due the same day stay two
  for (const occurrence& each : e.schedule(record, {o.from, o.to, o.as_of}).occurrences) {
    std::string key = each.activity + " due " + each.due.to_string();
    if (const int n = ++uses[key]; n > 1) key += " (" + std::to_string(n) + ")";
    out.emplace_back(std::move(key), occurrence_text(each));
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> rating_texts(const engine& e,
                                                              const provider& record,
                                                              const result_diff_options& o) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const rating& each : e.rate(record, o.as_of))
    out.emplace_back(each.scheme, rating_text(each));
  return out;
}

std::vector<std::pair<std::string, std::string>> kpi_texts(const engine& e,
                                                           const provider& record) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const kpi_result& each : e.evaluate_kpis(record)) {
    out.emplace_back(each.kpi + ' ' + detail::period_text(each.period_start, each.period_end),
                     kpi_text(each));
  }
  return out;
}

}  // namespace

std::string_view to_string(change_kind kind) noexcept {
  switch (kind) {
    case change_kind::added:
      return "added";
    case change_kind::removed:
      return "removed";
    case change_kind::changed:
      return "changed";
  }
  return "changed";
}

std::vector<rule_change> diff_rules(const pack& before, const pack& after) {
  // Both texts loaded as packs, so they parse; the loader has already refused anything else.
  const json old = json::parse(before.json_text());
  const json now = json::parse(after.json_text());
  std::vector<rule_change> out;
  compare_metadata(old, now, out);
  const std::pair<const char*, const char*> sections[] = {
      {"service_types", "id"}, {"facts", "name"},    {"activities", "code"},  {"schedule", "id"},
      {"triggers", "id"},      {"follow_ups", "id"}, {"minimum_visits", "id"}};
  for (const auto& [section, key] : sections) {
    compare_items(section, keyed_items(member_or_null(old, section), key),
                  keyed_items(member_or_null(now, section), key), out);
  }
  compare_items(
      "deadline_tables",
      keyed_items(member_or_null(member_or_null(old, "calendar"), "deadline_tables"), "id"),
      keyed_items(member_or_null(member_or_null(now, "calendar"), "deadline_tables"), "id"), out);
  compare_schemes(old, now, out);
  compare_items("kpis", keyed_items(member_or_null(old, "kpis"), "id"),
                keyed_items(member_or_null(now, "kpis"), "id"), out);
  // The consequences are one object, not a list: compared as one item when either pack has it.
  std::vector<item> old_consequences;
  std::vector<item> new_consequences;
  if (const json& c = member_or_null(old, "kpi_consequences"); c.is_object())
    old_consequences.push_back({"kpi_consequences", c});
  if (const json& c = member_or_null(now, "kpi_consequences"); c.is_object())
    new_consequences.push_back({"kpi_consequences", c});
  compare_items("kpi_consequences", old_consequences, new_consequences, out);
  return out;
}

std::vector<result_change> diff_results(const pack& before, const pack& after,
                                        const portfolio& records,
                                        const result_diff_options& options) {
  const engine old_engine(before);
  const engine new_engine(after);
  std::vector<result_change> out;
  for (const provider& record : records.providers) {
    compare_texts(record.id, "schedule", schedule_texts(old_engine, record, options),
                  schedule_texts(new_engine, record, options), out);
    compare_texts(record.id, "rating", rating_texts(old_engine, record, options),
                  rating_texts(new_engine, record, options), out);
    compare_texts(record.id, "kpi", kpi_texts(old_engine, record), kpi_texts(new_engine, record),
                  out);
  }
  return out;
}

}  // namespace qaf
