// Helpers for the classification tests: loading packs once, building provider records through the
// portfolio reader (so facts are checked as a user's file is), and running the table-driven cases
// of tests/data/rating/<pack>.json, one case or more per source sentence.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "pack/pack_data.hpp"
#include "qaf/engine.hpp"
#include "qaf/pack.hpp"
#include "qaf/portfolio.hpp"
#include "qaf/rating.hpp"
#include "test_support.hpp"

namespace qaf::testing {

/// A bundled pack (or a pack file), loaded once per test program.
inline const qaf::pack& cached_pack(const std::string& id_or_path) {
  static std::map<std::string, qaf::pack> packs;
  auto it = packs.find(id_or_path);
  if (it == packs.end()) it = packs.emplace(id_or_path, qaf::load_pack_or_throw(id_or_path)).first;
  return it->second;
}

/// A record from its JSON form ({"id", "facts", "history", "overrides", "ratings", ...}), read by
/// the portfolio reader; throws when the reader rejects it.
inline qaf::provider record_from_json(const qaf::pack& pack, const nlohmann::json& record) {
  const nlohmann::json document = {{"providers", nlohmann::json::array({record})}};
  qaf::portfolio_result read = qaf::parse_portfolio_json(pack, document.dump(), "test-record.json");
  if (!read) {
    std::string why;
    for (const qaf::diagnostic& d : read.diagnostics) why += d.to_string() + "\n";
    throw std::invalid_argument("record rejected:\n" + why);
  }
  return read.portfolio->providers.at(0);
}

/// The rating of one scheme.
inline qaf::rating rating_of(const qaf::pack& pack, const qaf::provider& record,
                             const std::string& scheme, qaf::date as_of) {
  for (qaf::rating& r : qaf::engine(pack).rate(record, as_of)) {
    if (r.scheme == scheme) return r;
  }
  throw std::invalid_argument("no scheme " + scheme);
}

/// 3 or "high" as JSON, to compare with the cases' JSON.
inline nlohmann::json level_of(const qaf::level_value& level) {
  if (const auto* number = std::get_if<std::int64_t>(&level)) return *number;
  return std::get<std::string>(level);
}

/// The ids of the reasons that decided the level.
inline std::vector<std::string> reason_ids(const qaf::rating& r) {
  std::vector<std::string> ids;
  for (const qaf::rating_reason& why : r.reasons) ids.push_back(why.rule);
  return ids;
}

/// The ids of the other rules that fired.
inline std::vector<std::string> also_fired_ids(const qaf::rating& r) {
  std::vector<std::string> ids;
  for (const qaf::rating_reason& why : r.also_fired) ids.push_back(why.rule);
  return ids;
}

/// Every reason: those that decided the level, then the other rules that fired.
inline std::vector<qaf::rating_reason> all_reasons(const qaf::rating& r) {
  std::vector<qaf::rating_reason> all = r.reasons;
  all.insert(all.end(), r.also_fired.begin(), r.also_fired.end());
  return all;
}

inline std::string status_of(const qaf::rating& r) { return std::string(qaf::to_string(r.status)); }

/// One case of a tests/data/rating file.
struct sentence_case {
  std::string pack;
  std::string as_of;
  nlohmann::json data;
};

inline void PrintTo(const sentence_case& c, std::ostream* out) {
  *out << c.pack << ": " << c.data.dump();
}

inline nlohmann::json case_file(const std::string& pack_id) {
  return nlohmann::json::parse(read_file(data_dir() / "rating" / (pack_id + ".json")));
}

inline std::vector<sentence_case> sentence_cases(const std::string& pack_id) {
  const nlohmann::json file = case_file(pack_id);
  std::vector<sentence_case> cases;
  for (const nlohmann::json& c : file.at("cases"))
    cases.push_back({pack_id, file.at("as_of").get<std::string>(), c});
  return cases;
}

inline std::string case_name(const ::testing::TestParamInfo<sentence_case>& info) {
  return info.param.data.at("name").get<std::string>();
}

/// Runs one case: the level read from the source, the rules that must fire (the first of them
/// encoding the quoted sentence; a condition of the least severe level fires as a reason when it
/// holds at that level or fails) and must not, and the interventions the level must carry.
/// Optional: "status" (decided, provisional, not_assessed), "kind" of the first reason (rule, met,
/// failed), "decides" (the first rule is among the reasons that decided the level, not only
/// among the other rules that fired).
inline void check_sentence_case(const sentence_case& c, const std::string& scheme) {
  const qaf::pack& pack = cached_pack(c.pack);
  const nlohmann::json record = {{"id", c.data.at("name")}, {"facts", c.data.at("facts")}};
  const qaf::rating r =
      rating_of(pack, record_from_json(pack, record), scheme, qaf::date::parse(c.as_of));
  SCOPED_TRACE("quote: " + c.data.at("quote").get<std::string>());
  EXPECT_EQ(level_of(r.level), c.data.at("level"));
  if (c.data.contains("status")) {
    EXPECT_EQ(status_of(r), c.data.at("status"));
  }
  const std::vector<qaf::rating_reason> reasons = all_reasons(r);
  std::vector<std::string> fired;
  for (const qaf::rating_reason& why : reasons) fired.push_back(why.rule);
  for (const nlohmann::json& id : c.data.at("fires")) {
    EXPECT_NE(std::find(fired.begin(), fired.end(), id.get<std::string>()), fired.end())
        << id << " did not fire";
  }
  // Absent: neither a rule that fired nor a condition of the least severe level that held (one
  // that failed says the opposite of its sentence, and may be listed).
  if (c.data.contains("absent")) {
    for (const nlohmann::json& id : c.data.at("absent")) {
      EXPECT_FALSE(std::any_of(reasons.begin(), reasons.end(),
                               [&](const qaf::rating_reason& why) {
                                 return why.rule == id.get<std::string>() &&
                                        why.kind != qaf::reason_kind::requirement_failed;
                               }))
          << id << " fired";
    }
  }
  if (!c.data.at("fires").empty()) {
    const std::string rule = c.data.at("fires").at(0).get<std::string>();
    const auto reason =
        std::find_if(reasons.begin(), reasons.end(),
                     [&](const qaf::rating_reason& why) { return why.rule == rule; });
    ASSERT_NE(reason, reasons.end());
    EXPECT_EQ(reason->source.quote, c.data.at("quote").get<std::string>());
    if (c.data.contains("kind")) {
      EXPECT_EQ(qaf::to_string(reason->kind), c.data.at("kind"));
    }
    if (c.data.value("decides", false)) {
      const std::vector<std::string> deciding = reason_ids(r);
      EXPECT_NE(std::find(deciding.begin(), deciding.end(), rule), deciding.end())
          << rule << " did not decide the level";
    }
  }
  if (c.data.contains("interventions")) {
    for (const nlohmann::json& text : c.data.at("interventions")) {
      EXPECT_TRUE(std::any_of(
          r.interventions.begin(), r.interventions.end(),
          [&](const qaf::rating_intervention& i) { return i.text == text.get<std::string>(); }))
          << text;
    }
  }
}

/// Every rule of the scheme, and every condition of its least severe level, is the first rule of at
/// least one case: every sentence has a test.
inline std::set<std::string> rules_without_case(const std::string& pack_id,
                                                const std::string& scheme) {
  std::set<std::string> missing;
  for (const auto& s : cached_pack(pack_id).data().schemes) {
    if (s.id != scheme) continue;
    for (const auto& rule : s.rules) missing.insert(rule.meta.id);
    for (const auto& requirement : s.levels.front().requirements)
      missing.insert(requirement.meta.id);
  }
  for (const sentence_case& c : sentence_cases(pack_id)) {
    if (!c.data.at("fires").empty()) missing.erase(c.data.at("fires").at(0).get<std::string>());
  }
  return missing;
}

}  // namespace qaf::testing
