// Helpers for the classification tests: loading packs once and building provider records through
// the portfolio reader (so facts are checked as a user's file is). The bundled packs' cases, one or
// more per source sentence, are in each pack's own `tests` (bundled_packs_test.cpp runs them).
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

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

}  // namespace qaf::testing
