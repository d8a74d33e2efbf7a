// Classification (DOMAIN.md section 3): the mechanics on a small test pack
// (tests/data/rating/test-pack.json) — the worst evidence decides, every reason listed, unknown
// facts, overrides kept beside, review and trend — then a property over the bundled packs,
// the pack format's `refresh`, the renderers and `qaf rate` end to end.
#include "qaf/rating.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <random>
#include <sstream>

#include "checked_evaluation.hpp"
#include "pack/pack_data.hpp"
#include "rating_support.hpp"
#include "render/rating_render.hpp"
#include "render/result_stream.hpp"

namespace {

using qaf::testing::also_fired_ids;
using qaf::testing::cached_pack;
using qaf::testing::data_dir;
using qaf::testing::rating_of;
using qaf::testing::reason_ids;
using qaf::testing::record_from_json;
using qaf::testing::source_dir;
using ::testing::ElementsAre;
using json = nlohmann::json;

const qaf::pack& test_pack() {
  return cached_pack((data_dir() / "rating" / "test-pack.json").string());
}

qaf::rating rate(const json& record, const char* scheme = "pqr", const char* as_of = "2024-07-01") {
  return rating_of(test_pack(), record_from_json(test_pack(), record), scheme,
                   qaf::date::parse(as_of));
}

json with_facts(json facts) { return {{"id", "p1"}, {"facts", std::move(facts)}}; }

qaf::level_value level(std::int64_t n) { return n; }

// ---- the suggestion and its reasons ---------------------------------------------------------

TEST(Rating, NoRuleFiringGivesTheLeastSevereLevelAndItsInterventions) {
  const qaf::rating r = rate(with_facts({{"returns_missed", 0},
                                         {"complaints_open", 0},
                                         {"safeguarding_enquiries_open", 0},
                                         {"harm_incident", "none"},
                                         {"learning_evidenced", false}}));
  EXPECT_EQ(r.provider, "p1");
  EXPECT_EQ(r.scheme, "pqr");
  EXPECT_EQ(r.level, level(1));
  EXPECT_EQ(r.label, "No concerns");
  EXPECT_TRUE(r.reasons.empty());
  EXPECT_TRUE(r.undecided.empty());  // complaints_trend is unknown, but 0 complaints decide it
  EXPECT_FALSE(r.could_reach.has_value());
  ASSERT_EQ(r.interventions.size(), 1u);
  EXPECT_EQ(r.interventions[0].text, "Business as usual.");
  EXPECT_EQ(r.trend, qaf::rating_trend::none);
  EXPECT_FALSE(r.review_due);
}

TEST(Rating, WorstEvidenceDecidesAndTheOtherRulesThatFiredAreListedApart) {
  const qaf::rating r = rate(with_facts({{"learning_evidenced", true},
                                         {"returns_missed", 1},
                                         {"complaints_open", 4},
                                         {"complaints_trend", true},
                                         {"safeguarding_enquiries_open", 2},
                                         {"harm_incident", "moderate"}}));
  EXPECT_EQ(r.level, level(3));
  EXPECT_EQ(r.label, "Moderate concern");
  EXPECT_EQ(r.status, qaf::rating_status::decided);
  EXPECT_THAT(reason_ids(r), ElementsAre("enquiry"));
  EXPECT_THAT(also_fired_ids(r), ElementsAre("missed-return", "complaints-trend", "good-learning"));
  EXPECT_EQ(r.reasons[0].kind, qaf::reason_kind::rule);
  EXPECT_EQ(r.reasons[0].level, level(3));
  EXPECT_EQ(r.reasons[0].text, "An enquiry is ongoing.");
  EXPECT_EQ(r.reasons[0].source.section, "3");
  EXPECT_EQ(r.reasons[0].source.quote, "enquiry");
  EXPECT_EQ(r.reasons[0].condition, "safeguarding_enquiries_open >= 1");
  EXPECT_FALSE(r.reasons[0].interpretation);
  EXPECT_TRUE(r.also_fired[1].interpretation);
  EXPECT_EQ(r.also_fired[1].note, "The trend is the officer's judgement.");
  EXPECT_EQ(r.interventions.size(), 2u);
  EXPECT_EQ(r.interventions[1].text, "Improvement plan.");
}

TEST(Rating, NamedLevelsWork) {
  const qaf::rating r =
      rate(with_facts({{"placement_stability", "unsettled"}, {"placement_stop", false}}), "rag");
  EXPECT_EQ(r.level, qaf::level_value(std::string("medium")));
  EXPECT_EQ(r.label, "Medium risk");
  EXPECT_EQ(r.could_reach, qaf::level_value(std::string("high")));
  EXPECT_THAT(r.unknown_facts, ElementsAre("lado_investigation"));
}

// ---- three-valued logic ---------------------------------------------------------------------

// A missed return (2) is known; the enquiry count is unknown: the enquiry rule neither fires nor
// counts as false. It could take the rating to 3 and waits for exactly that fact.
TEST(Rating, UnknownFactsKeepRulesUndecidedAndSayHowFarTheyCouldGo) {
  const qaf::rating r = rate(with_facts({{"returns_missed", 1}, {"harm_incident", "none"}}));
  EXPECT_EQ(r.level, level(2));
  EXPECT_THAT(reason_ids(r), ElementsAre("missed-return"));
  ASSERT_EQ(r.undecided.size(), 1u);
  EXPECT_EQ(r.undecided[0].rule, "enquiry");
  EXPECT_EQ(r.undecided[0].text, "An enquiry is ongoing.");
  EXPECT_EQ(r.undecided[0].level, level(3));
  EXPECT_THAT(r.undecided[0].unknown_facts, ElementsAre("safeguarding_enquiries_open"));
  EXPECT_THAT(r.unknown_facts, ElementsAre("safeguarding_enquiries_open"));
  EXPECT_EQ(r.could_reach, level(3));
}

// Undecided rules at or below the suggested level cannot change it and are not listed.
TEST(Rating, UndecidedRulesThatCannotRaiseTheLevelAreLeftOut) {
  const qaf::rating r = rate(with_facts({{"safeguarding_enquiries_open", 1}}));
  EXPECT_EQ(r.level, level(3));
  EXPECT_TRUE(r.undecided.empty());
  EXPECT_TRUE(r.unknown_facts.empty());
  EXPECT_FALSE(r.could_reach.has_value());
}

// Moderate harm with learning unknown: undecided on learning alone; the union of unknown facts
// is in fact order, each once.
TEST(Rating, UnknownFactsAreTheOnesThatMatterInFactOrder) {
  const qaf::rating r = rate(with_facts({{"harm_incident", "moderate"}, {"complaints_open", 1}}));
  EXPECT_EQ(r.level, level(1));
  EXPECT_THAT(reason_ids(r), ::testing::IsEmpty());
  std::vector<std::string> rules;
  for (const qaf::undecided_rule& u : r.undecided) rules.push_back(u.rule);
  EXPECT_THAT(rules, ElementsAre("enquiry", "harm", "missed-return", "complaints-trend"));
  EXPECT_THAT(r.undecided[1].unknown_facts, ElementsAre("learning_evidenced"));
  EXPECT_THAT(r.unknown_facts, ElementsAre("safeguarding_enquiries_open", "returns_missed",
                                           "complaints_trend", "learning_evidenced"));
}

// ---- overrides --------------------------------------------------------------------------------

TEST(Rating, TheLatestOverrideOnOrBeforeAsOfIsKeptBesideTheSuggestion) {
  json record = with_facts(
      {{"returns_missed", 1}, {"safeguarding_enquiries_open", 0}, {"harm_incident", "none"}});
  record["overrides"] = {{{"scheme", "pqr"},
                          {"level", 1},
                          {"reason", "Return sent late, by agreement."},
                          {"officer", "A. Patel"},
                          {"date", "2024-05-01"}},
                         {{"scheme", "pqr"},
                          {"level", 3},
                          {"reason", "Concerns raised by the social worker."},
                          {"officer", "B. Jones"},
                          {"date", "2024-06-10"}},
                         {{"scheme", "pqr"},
                          {"level", 2},
                          {"reason", "Agreed at the panel."},
                          {"officer", "C. Khan"},
                          {"date", "2024-06-10"}},
                         {{"scheme", "pqr"},
                          {"level", 1},
                          {"reason", "Not yet decided."},
                          {"officer", "D. Lee"},
                          {"date", "2024-08-01"}},
                         {{"scheme", "rag"},
                          {"level", "high"},
                          {"reason", "Other scheme."},
                          {"officer", "E. Ng"},
                          {"date", "2024-06-30"}}};
  const qaf::rating r = rate(record);
  EXPECT_EQ(r.level, level(2));  // the suggestion is untouched
  EXPECT_EQ(r.label, "Minor concern");
  ASSERT_TRUE(r.officer_override.has_value());
  // Two overrides on 2024-06-10: the one listed later is the later decision. 2024-08-01 is after
  // as_of.
  EXPECT_EQ(r.officer_override->officer, "C. Khan");
  EXPECT_EQ(r.officer_override->level, level(2));
  EXPECT_EQ(r.officer_override->reason, "Agreed at the panel.");
  EXPECT_EQ(r.officer_override->on, qaf::date::parse("2024-06-10"));
  EXPECT_EQ(r.override_label, "Minor concern");
  EXPECT_EQ(r.rated_on, qaf::date::parse("2024-06-10"));

  const qaf::rating rag = rate(record, "rag");
  ASSERT_TRUE(rag.officer_override.has_value());
  EXPECT_EQ(rag.officer_override->level, qaf::level_value(std::string("high")));
  EXPECT_EQ(rag.override_label, "High risk");
  EXPECT_FALSE(rate(record, "pqr", "2024-04-30").officer_override.has_value());
}

// ---- review after the refresh activity ------------------------------------------------------

TEST(Rating, ARatingOlderThanTheLastRefreshActivityIsDueForReview) {
  json record = with_facts({{"returns_missed", 0}});
  // No V-1 done: nothing to review against.
  EXPECT_FALSE(rate(record).review_due);
  EXPECT_FALSE(rate(record).refreshed_by.has_value());

  // A V-1 and no rating recorded at all: the rating that should follow it is missing.
  record["history"] = {{{"activity", "V-1"}, {"date", "2024-02-01"}},
                       {{"activity", "V-1"}, {"date", "2024-05-20"}},
                       {{"activity", "V-2"}, {"date", "2024-06-15"}},
                       {{"activity", "V-1"}, {"date", "2024-09-01"}}};
  qaf::rating r = rate(record);
  EXPECT_TRUE(r.review_due);
  EXPECT_FALSE(r.rated_on.has_value());
  ASSERT_TRUE(r.refreshed_by.has_value());
  EXPECT_EQ(r.refreshed_by->activity, "V-1");
  EXPECT_EQ(r.refreshed_by->on, qaf::date::parse("2024-05-20"));  // 2024-09-01 is after as_of

  // Rated before the latest V-1: due. Rated on the day of it: not due.
  record["ratings"] = {{{"scheme", "pqr"}, {"level", 2}, {"date", "2024-05-19"}}};
  EXPECT_TRUE(rate(record).review_due);
  record["ratings"][0]["date"] = "2024-05-20";
  EXPECT_FALSE(rate(record).review_due);

  // An override after the V-1 is a rating too.
  record["ratings"][0]["date"] = "2024-01-01";
  record["overrides"] = {{{"scheme", "pqr"},
                          {"level", 2},
                          {"reason", "Reviewed."},
                          {"officer", "A. Patel"},
                          {"date", "2024-06-01"}}};
  r = rate(record);
  EXPECT_FALSE(r.review_due);
  EXPECT_EQ(r.rated_on, qaf::date::parse("2024-06-01"));

  // A scheme without refresh activities is never due for review.
  EXPECT_FALSE(rate(record, "rag").review_due);
}

// ---- trend ------------------------------------------------------------------------------------

TEST(Rating, TrendComparesWithTheLatestPastRatingOnOrBeforeAsOf) {
  json record = with_facts(
      {{"returns_missed", 1}, {"safeguarding_enquiries_open", 0}, {"harm_incident", "none"}});
  EXPECT_EQ(rate(record).trend, qaf::rating_trend::none);
  EXPECT_FALSE(rate(record).previous.has_value());

  record["ratings"] = {{{"scheme", "pqr"}, {"level", 3}, {"date", "2024-01-10"}},
                       {{"scheme", "pqr"}, {"level", 1}, {"date", "2024-04-10"}},
                       {{"scheme", "pqr"}, {"level", 3}, {"date", "2024-09-10"}}};
  qaf::rating r = rate(record);  // now 2, latest on or before as_of is 1 (2024-04-10)
  EXPECT_EQ(r.trend, qaf::rating_trend::escalated);
  EXPECT_EQ(r.previous->level, level(1));
  EXPECT_EQ(r.previous->on, qaf::date::parse("2024-04-10"));

  r = rate(record, "pqr", "2024-03-01");  // latest is 3 (2024-01-10)
  EXPECT_EQ(r.trend, qaf::rating_trend::de_escalated);
  EXPECT_EQ(r.previous->level, level(3));

  record["ratings"] = {{{"scheme", "pqr"}, {"level", 2}, {"date", "2024-06-30"}}};
  EXPECT_EQ(rate(record).trend, qaf::rating_trend::unchanged);
  EXPECT_EQ(rate(record, "pqr", "2024-06-29").trend, qaf::rating_trend::none);
}

TEST(Rating, TrendNames) {
  EXPECT_EQ(qaf::to_string(qaf::rating_trend::none), "none");
  EXPECT_EQ(qaf::to_string(qaf::rating_trend::unchanged), "unchanged");
  EXPECT_EQ(qaf::to_string(qaf::rating_trend::escalated), "escalated");
  EXPECT_EQ(qaf::to_string(qaf::rating_trend::de_escalated), "de_escalated");
}

TEST(Rating, OneRatingPerSchemeInThePacksOrder) {
  const std::vector<qaf::rating> all =
      qaf::engine(test_pack())
          .rate(record_from_json(test_pack(), with_facts(json::object())),
                qaf::date::parse("2024-07-01"));
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].scheme, "pqr");
  EXPECT_EQ(all[1].scheme, "rag");
}

// ---- property: more adverse evidence never lowers a level ------------------------------------
//
// "Adverse" per fact, as the sources order their values (docs/classification.md, "Properties"):
// a larger count; true for a concern flag, false for good evidence (learning_evidenced,
// registered_manager, documentation_complete); for an enumeration the next value along its chain
// (whistleblowing none < requires_action < substantiated; ...); for a suspension date, none < a
// date < an earlier date (in place longer). kpi_recovery_plan has no adverse direction (a plan is
// good news when KPIs are missed and news of a reported issue when they are not), and
// improvement_plan 'none' and regulator_rating 'not_rated' sit on no chain: they take part in the
// random records but are never the fact made worse.

struct adverse_fact {
  std::string name;
  enum kind_t { count, flag_bad_when_true, flag_bad_when_false, chain, since } kind;
  std::vector<std::string> chain_values;  // chain: least to most adverse
};

const std::vector<adverse_fact>& adverse_facts() {
  static const std::vector<adverse_fact> facts = {
      {"complaints_open", adverse_fact::count, {}},
      {"safeguarding_concerns_open", adverse_fact::count, {}},
      {"safeguarding_enquiries_open", adverse_fact::count, {}},
      {"safeguarding_substantiated", adverse_fact::count, {}},
      {"recurring_moderate_incidents", adverse_fact::count, {}},
      {"kpis_not_met", adverse_fact::count, {}},
      {"returns_missed", adverse_fact::count, {}},
      {"default_notices", adverse_fact::count, {}},
      {"complaints_trend", adverse_fact::flag_bad_when_true, {}},
      {"staff_turnover_high", adverse_fact::flag_bad_when_true, {}},
      {"market_exit_notice", adverse_fact::flag_bad_when_true, {}},
      {"lado_investigation", adverse_fact::flag_bad_when_true, {}},
      {"placement_stop", adverse_fact::flag_bad_when_true, {}},
      {"failure_risk", adverse_fact::flag_bad_when_true, {}},
      {"self_assessment_concerns", adverse_fact::flag_bad_when_true, {}},
      {"cqc_compliance_actions", adverse_fact::flag_bad_when_true, {}},
      {"concerns_persist", adverse_fact::flag_bad_when_true, {}},
      {"learning_evidenced", adverse_fact::flag_bad_when_false, {}},
      {"registered_manager", adverse_fact::flag_bad_when_false, {}},
      {"documentation_complete", adverse_fact::flag_bad_when_false, {}},
      {"whistleblowing", adverse_fact::chain, {"none", "requires_action", "substantiated"}},
      {"harm_incident", adverse_fact::chain, {"none", "moderate", "significant"}},
      {"standards_breach",
       adverse_fact::chain,
       {"none", "minor", "affecting_delivery", "significant"}},
      {"recruitment", adverse_fact::chain, {"ok", "struggling_with_plan", "struggling_no_plan"}},
      {"financial", adverse_fact::chain, {"stable", "at_risk", "struggling", "failing"}},
      {"regulator_enforcement",
       adverse_fact::chain,
       {"none", "warning_notice", "conditions", "notice_of_proposal", "closure_warning"}},
      {"improvement_plan", adverse_fact::chain, {"on_track", "behind", "no_progress"}},
      {"improvement_actions", adverse_fact::chain, {"on_track", "behind", "no_progress"}},
      {"engagement", adverse_fact::chain, {"willing", "unwilling"}},
      {"placement_stability", adverse_fact::chain, {"stable", "unsettled"}},
      {"regulator_rating",
       adverse_fact::chain,
       {"outstanding", "good", "requires_improvement", "inadequate"}},
      {"concern_level", adverse_fact::chain, {"none", "minor", "moderate", "significant"}},
      {"experience", adverse_fact::chain, {"good", "poor", "very_poor"}},
      {"feedback", adverse_fact::chain, {"positive", "additional_concerns"}},
      {"quality_concerns", adverse_fact::chain, {"none", "minor", "widespread_or_serious"}},
      {"concern_levels", adverse_fact::chain, {"as_expected", "above_expected"}},
      {"placement_suspension_since", adverse_fact::since, {}},
      {"advisory_notice_since", adverse_fact::since, {}},
  };
  return facts;
}

const char* const key_questions[] = {"safe", "effective", "caring", "responsive", "well_led"};
const std::vector<std::string> rating_chain = {"outstanding", "good", "requires_improvement",
                                               "inadequate"};

bool pack_has_fact(const qaf::pack& pack, const std::string& name) {
  const auto facts = pack.facts();
  return std::any_of(facts.begin(), facts.end(),
                     [&](const qaf::fact_declaration& f) { return f.name == name; });
}

class record_maker {
 public:
  explicit record_maker(std::uint32_t seed) : random_(seed) {}

  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(random_); }

  // A record whose facts are each unknown (left out) or a random value; as_of is 2024-07-01.
  json random_record(const qaf::pack& pack) {
    json facts = json::object();
    for (const adverse_fact& f : adverse_facts()) {
      if (!pack_has_fact(pack, f.name) || pick(3) == 0) continue;
      facts[f.name] = random_value(f);
    }
    if (pick(3) != 0) facts["kpi_recovery_plan"] = pick(2) == 1;
    if (pick(4) == 0) facts["improvement_plan"] = "none";
    json questions = json::object();
    for (const char* key : key_questions) {
      if (pick(3) != 0) questions[key] = rating_chain[static_cast<std::size_t>(pick(4))];
    }
    if (!questions.empty()) facts["key_question_ratings"] = questions;
    return {{"id", "random"}, {"facts", facts}};
  }

  json random_value(const adverse_fact& f) {
    switch (f.kind) {
      case adverse_fact::count:
        return pick(6);
      case adverse_fact::flag_bad_when_true:
      case adverse_fact::flag_bad_when_false:
        return pick(2) == 1;
      case adverse_fact::chain:
        return f
            .chain_values[static_cast<std::size_t>(pick(static_cast<int>(f.chain_values.size())))];
      case adverse_fact::since:
        if (pick(3) == 0) return nullptr;
        return qaf::add_months(qaf::date::parse("2024-07-01"), -pick(8)).to_string();
    }
    return nullptr;
  }

  // Makes one known fact of `record` one step more adverse; false when it cannot be.
  bool worsen(json& record) {
    json& facts = record["facts"];
    std::vector<const adverse_fact*> known;
    for (const adverse_fact& f : adverse_facts()) {
      if (facts.contains(f.name)) known.push_back(&f);
    }
    const bool try_key_question = facts.contains("key_question_ratings") && pick(4) == 0;
    if (try_key_question || known.empty()) {
      if (!facts.contains("key_question_ratings")) return false;
      json& questions = facts["key_question_ratings"];
      const std::string key = questions.items().begin().key();
      return step_chain(questions[key], rating_chain);
    }
    const adverse_fact& f = *known[static_cast<std::size_t>(pick(static_cast<int>(known.size())))];
    json& value = facts[f.name];
    switch (f.kind) {
      case adverse_fact::count:
        value = value.get<int>() + 1 + pick(3);
        return true;
      case adverse_fact::flag_bad_when_true:
        if (value.get<bool>()) return false;
        value = true;
        return true;
      case adverse_fact::flag_bad_when_false:
        if (!value.get<bool>()) return false;
        value = false;
        return true;
      case adverse_fact::chain:
        return step_chain(value, f.chain_values);
      case adverse_fact::since: {
        const qaf::date from = value.is_null() ? qaf::date::parse("2024-07-01")
                                               : qaf::date::parse(value.get<std::string>());
        value = qaf::add_months(from, -(1 + pick(3))).to_string();
        return true;
      }
    }
    return false;
  }

  // Learns one unknown fact (any value): false when every fact is known.
  bool learn(json& record, const qaf::pack& pack) {
    json& facts = record["facts"];
    std::vector<const adverse_fact*> unknown;
    for (const adverse_fact& f : adverse_facts()) {
      if (pack_has_fact(pack, f.name) && !facts.contains(f.name)) unknown.push_back(&f);
    }
    if (unknown.empty()) return false;
    const adverse_fact& f =
        *unknown[static_cast<std::size_t>(pick(static_cast<int>(unknown.size())))];
    facts[f.name] = random_value(f);
    return true;
  }

 private:
  static bool step_chain(json& value, const std::vector<std::string>& chain) {
    const auto at = std::find(chain.begin(), chain.end(), value.get<std::string>());
    if (at == chain.end() || at + 1 == chain.end())
      return false;  // off the chain, or already worst
    value = *(at + 1);
    return true;
  }

  std::mt19937 random_;
};

// The index of a level in its scheme, least severe first.
std::size_t severity(const qaf::pack& pack, const std::string& scheme,
                     const qaf::level_value& value) {
  for (const auto& s : pack.data().schemes) {
    if (s.id != scheme) continue;
    for (std::size_t i = 0; i < s.levels.size(); ++i) {
      if (s.levels[i].value == value) return i;
    }
  }
  throw std::logic_error("level not in scheme");
}

std::size_t severity(const qaf::pack& pack, const qaf::rating& r) {
  return severity(pack, r.scheme, r.level);
}

class RatingProperty : public ::testing::TestWithParam<std::string> {};

TEST_P(RatingProperty, MoreAdverseEvidenceNeverLowersALevel) {
  const qaf::pack& pack = cached_pack(GetParam());
  const qaf::engine engine(pack);
  const qaf::date as_of = qaf::date::parse("2024-07-01");
  record_maker maker(20240701);
  int worsened = 0;
  for (int trial = 0; trial < 400; ++trial) {
    json record = maker.random_record(pack);
    const std::vector<qaf::rating> before = engine.rate(record_from_json(pack, record), as_of);
    for (int step = 0; step < 3; ++step) {
      if (!maker.worsen(record)) continue;
      ++worsened;
      const std::vector<qaf::rating> after = engine.rate(record_from_json(pack, record), as_of);
      for (std::size_t s = 0; s < before.size(); ++s) {
        ASSERT_GE(severity(pack, after[s]), severity(pack, before[s])) << record.dump();
      }
    }
  }
  EXPECT_GT(worsened, 600);  // the property was exercised, not vacuously true
}

// Kleene logic: a rule that fired stays fired when an unknown fact becomes known, whatever its
// value, so learning a fact never lowers a level, and the level never passes could_reach.
TEST_P(RatingProperty, LearningAnUnknownFactNeverLowersALevelNorPassesCouldReach) {
  const qaf::pack& pack = cached_pack(GetParam());
  const qaf::engine engine(pack);
  const qaf::date as_of = qaf::date::parse("2024-07-01");
  record_maker maker(7);
  int learned = 0;
  for (int trial = 0; trial < 400; ++trial) {
    json record = maker.random_record(pack);
    const std::vector<qaf::rating> before = engine.rate(record_from_json(pack, record), as_of);
    if (!maker.learn(record, pack)) continue;
    ++learned;
    const std::vector<qaf::rating> after = engine.rate(record_from_json(pack, record), as_of);
    for (std::size_t s = 0; s < before.size(); ++s) {
      ASSERT_GE(severity(pack, after[s]), severity(pack, before[s])) << record.dump();
      const std::size_t ceiling = before[s].could_reach
                                      ? severity(pack, before[s].scheme, *before[s].could_reach)
                                      : severity(pack, before[s]);
      ASSERT_LE(severity(pack, after[s]), ceiling) << record.dump();
    }
  }
  EXPECT_GT(learned, 300);
}

std::string pack_test_name(const ::testing::TestParamInfo<std::string>& param) {
  std::string name;
  for (char c : param.param) name += c == '-' ? '_' : c;
  return name;
}

INSTANTIATE_TEST_SUITE_P(BundledPacks, RatingProperty,
                         ::testing::Values("bolton-children-2024", "bolton-adults-2020",
                                           "herefordshire-adults-2018", "coventry-children"),
                         pack_test_name);

// ---- the pack format's refresh --------------------------------------------------------------

std::vector<qaf::diagnostic> load_with_scheme(const json& scheme) {
  json pack = json::parse(qaf::testing::read_file(data_dir() / "rating" / "test-pack.json"));
  pack["schemes"] = json::array({scheme});
  return qaf::parse_pack(pack.dump(), "refresh.json").diagnostics;
}

TEST(RatingPackFormat, RefreshNamesDeclaredActivities) {
  const json src = {{"document", "doc"}, {"section", "1"}};
  json scheme = {{"id", "pqr"},
                 {"title", "Quality rating"},
                 {"refresh", {{"after", {"V-1", "V-3"}}, {"source", src}}},
                 {"levels", {{{"level", 1}, {"label", "One"}}, {{"level", 2}, {"label", "Two"}}}},
                 {"rules", json::array()}};
  std::vector<qaf::diagnostic> found = load_with_scheme(scheme);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].code, "qaf.pack.undeclared_activity");
  EXPECT_EQ(found[0].pointer, "/schemes/0/refresh/after/1");

  scheme["refresh"] = {{"after", json::array()}, {"source", src}, {"afterwards", true}};
  found = load_with_scheme(scheme);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].code, "qaf.pack.value");
  EXPECT_EQ(found[0].pointer, "/schemes/0/refresh/after");
  EXPECT_EQ(found[1].pointer, "/schemes/0/refresh/afterwards");

  scheme["refresh"] = {{"after", {"V-1"}}};
  found = load_with_scheme(scheme);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].code, "qaf.pack.missing");
  EXPECT_EQ(found[0].pointer, "/schemes/0/refresh");
}

// ---- the least severe level earned, scoped schemes, interventions of rules ---------------------
//
// The test pack with level 1 of `pqr` stating two conditions of its own, `rag` scoped to homes with
// placed children, and the high rule of `rag` carrying an intervention of its own.

const json source_1 = {{"document", "doc"}, {"section", "1"}};

json earned_pack_json() {
  json pack = json::parse(qaf::testing::read_file(data_dir() / "rating" / "test-pack.json"));
  pack["schemes"][0]["levels"][0]["requires"] = {{{"id", "no-substantiated"},
                                                  {"when", "safeguarding_substantiated == 0"},
                                                  {"text", "No substantiated concerns."},
                                                  {"source", source_1}},
                                                 {{"id", "manager"},
                                                  {"when", "registered_manager"},
                                                  {"text", "A registered manager is in place."},
                                                  {"source", source_1}}};
  pack["schemes"][1]["when"] = "placed_children > 0";
  pack["schemes"][1]["rules"][0]["interventions"] = {
      {{"text", "Visit today."}, {"source", source_1}}};
  return pack;
}

const qaf::pack& earned_pack() {
  static const qaf::pack pack = [] {
    qaf::pack_result loaded = qaf::parse_pack(earned_pack_json().dump(), "earned.json");
    if (!loaded.pack) throw std::logic_error(loaded.diagnostics.at(0).to_string());
    return *std::move(loaded.pack);
  }();
  return pack;
}

std::vector<qaf::rating> rate_earned(const json& facts) {
  return qaf::engine(earned_pack())
      .rate(record_from_json(earned_pack(), with_facts(facts)), qaf::date::parse("2024-07-01"));
}

// Every rule decided false: level 1 is earned only if both its conditions hold.
json quiet_facts() {
  return {{"returns_missed", 0},
          {"complaints_open", 0},
          {"safeguarding_enquiries_open", 0},
          {"harm_incident", "none"},
          {"learning_evidenced", false}};
}

TEST(RatingEarned, LevelOneHeldByItsOwnConditionsIsDecidedWithThemAsReasons) {
  json facts = quiet_facts();
  facts["safeguarding_substantiated"] = 0;
  facts["registered_manager"] = true;
  const qaf::rating r = rate_earned(facts).at(0);
  EXPECT_EQ(r.status, qaf::rating_status::decided);
  EXPECT_EQ(r.level, level(1));
  EXPECT_THAT(reason_ids(r), ElementsAre("no-substantiated", "manager"));
  EXPECT_EQ(r.reasons[0].kind, qaf::reason_kind::requirement_met);
  EXPECT_EQ(r.reasons[0].level, level(1));
  EXPECT_EQ(r.reasons[0].condition, "safeguarding_substantiated == 0");
}

TEST(RatingEarned, AFailedConditionImpliesTheNextLevelWithItAsTheReason) {
  json facts = quiet_facts();
  facts["safeguarding_substantiated"] = 1;
  facts["registered_manager"] = true;
  const qaf::rating r = rate_earned(facts).at(0);
  EXPECT_EQ(r.status, qaf::rating_status::decided);
  EXPECT_EQ(r.level, level(2));
  EXPECT_EQ(r.label, "Minor concern");
  EXPECT_THAT(reason_ids(r), ElementsAre("no-substantiated"));
  EXPECT_EQ(r.reasons[0].kind, qaf::reason_kind::requirement_failed);
  EXPECT_EQ(r.reasons[0].level, level(2));
  EXPECT_TRUE(r.also_fired.empty());
}

TEST(RatingEarned, AFailedConditionBesideAMoreSevereRuleIsListedApart) {
  json facts = quiet_facts();
  facts["safeguarding_enquiries_open"] = 1;  // level 3
  facts["safeguarding_substantiated"] = 0;
  facts["registered_manager"] = false;
  facts["returns_missed"] = 1;  // level 2
  const qaf::rating r = rate_earned(facts).at(0);
  EXPECT_EQ(r.level, level(3));
  EXPECT_THAT(reason_ids(r), ElementsAre("enquiry"));
  EXPECT_THAT(also_fired_ids(r), ElementsAre("missed-return", "manager"));
  EXPECT_EQ(r.also_fired[1].kind, qaf::reason_kind::requirement_failed);
  // The condition that held ("no-substantiated") is no reason for a level 3.
}

TEST(RatingEarned, AnUnknownConditionMakesLevelOneProvisional) {
  json facts = quiet_facts();
  facts["safeguarding_substantiated"] = 0;
  const qaf::rating r = rate_earned(facts).at(0);
  EXPECT_EQ(r.status, qaf::rating_status::provisional);
  EXPECT_EQ(r.level, level(1));
  EXPECT_THAT(reason_ids(r), ElementsAre("no-substantiated"));
  ASSERT_EQ(r.undecided.size(), 1u);
  EXPECT_EQ(r.undecided[0].rule, "manager");
  EXPECT_EQ(r.undecided[0].level, level(2));
  EXPECT_EQ(r.could_reach, level(2));
  EXPECT_THAT(r.unknown_facts, ElementsAre("registered_manager"));
}

TEST(RatingEarned, ASchemeScopedWithWhenAppliesToSomeProvidersOnly) {
  json facts = quiet_facts();
  facts["placed_children"] = 0;  // rag does not apply: no rating at all
  std::vector<qaf::rating> all = rate_earned(facts);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].scheme, "pqr");

  facts.erase("placed_children");  // whether it applies is unknown: not assessed
  all = rate_earned(facts);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[1].status, qaf::rating_status::not_assessed);
  EXPECT_THAT(all[1].unknown_facts, ElementsAre("placed_children"));

  facts["placed_children"] = 2;  // applies
  facts["placement_stability"] = "unsettled";
  facts["placement_stop"] = false;
  facts["lado_investigation"] = false;
  all = rate_earned(facts);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[1].status, qaf::rating_status::decided);
  EXPECT_EQ(all[1].level, qaf::level_value(std::string("medium")));
}

TEST(RatingEarned, ARulesInterventionFollowsOnlyWhenTheRuleDecides) {
  json facts = {{"placed_children", 1}, {"placement_stop", true}};
  qaf::rating r = rate_earned(facts).at(1);
  ASSERT_EQ(r.interventions.size(), 1u);
  EXPECT_EQ(r.interventions[0].text, "Visit today.");
  EXPECT_EQ(r.interventions[0].rule, "rag-high");

  facts = {{"placed_children", 1}, {"placement_stability", "unsettled"}};
  r = rate_earned(facts).at(1);
  EXPECT_TRUE(r.interventions.empty());
}

TEST(RatingPackFormat, OnlyTheLeastSevereLevelStatesConditions) {
  json pack = earned_pack_json();
  pack["schemes"][0]["levels"][1]["requires"] = pack["schemes"][0]["levels"][0]["requires"];
  pack["schemes"][0]["levels"][1]["requires"][0]["id"] = "again-1";
  pack["schemes"][0]["levels"][1]["requires"][1]["id"] = "again-2";
  std::vector<qaf::diagnostic> found = qaf::parse_pack(pack.dump(), "p.json").diagnostics;
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].code, "qaf.pack.value");
  EXPECT_EQ(found[0].pointer, "/schemes/0/levels/1/requires");

  pack = earned_pack_json();
  // A rule's id: the rule, read after the levels, is the one reported.
  pack["schemes"][0]["levels"][0]["requires"][1]["id"] = "enquiry";
  pack["schemes"][0]["levels"][0]["requires"][0]["when"] = "registered_managr";
  pack["schemes"][1]["when"] = "placed_children";
  found = qaf::parse_pack(pack.dump(), "p.json").diagnostics;
  std::vector<std::string> where;
  for (const qaf::diagnostic& d : found) where.push_back(d.code + " " + d.pointer);
  EXPECT_THAT(where, ::testing::UnorderedElementsAre(
                         "qaf.condition.unknown_fact /schemes/0/levels/0/requires/0/when",
                         "qaf.pack.duplicate_id /schemes/0/rules/3/id",
                         "qaf.condition.type /schemes/1/when"));
}

// ---- rendering --------------------------------------------------------------------------------

json sample_record() {
  json record = with_facts({{"returns_missed", 1}, {"harm_incident", "none"}});
  record["history"] = {{{"activity", "V-1"}, {"date", "2024-05-20"}}};
  record["ratings"] = {{{"scheme", "pqr"}, {"level", 3}, {"date", "2024-04-01"}}};
  record["overrides"] = {{{"scheme", "pqr"},
                          {"level", 3},
                          {"reason", "Concerns, raised \"late\"."},
                          {"officer", "A. Patel"},
                          {"date", "2024-04-02"}}};
  return record;
}

// --explain: each reason's rule text, source and condition inline, with the condition's value.
TEST(RatingRender, JsonHasTheInterfaceFieldsAndTheExplanation) {
  const json out =
      json::parse(qaf::detail::rating_json(rate(sample_record()), /*explain=*/true).dump());
  const json expected = json::parse(R"({
    "provider": "p1", "scheme": "pqr", "status": "provisional", "level": 2,
    "label": "Minor concern", "summary": "provisional 2 \u2014 could reach 3: 1 fact unknown",
    "reasons": [{"rule": "missed-return", "kind": "rule", "text": "A return was missed.",
                 "source": {"document": "doc", "section": "1"}, "level": 2, "interpretation": false,
                 "condition": "returns_missed >= 1", "value": true}],
    "also_fired": [],
    "could_reach": 3,
    "unknown_facts": ["safeguarding_enquiries_open"],
    "undecided": [{"rule": "enquiry", "text": "An enquiry is ongoing.", "level": 3,
                   "unknown_facts": ["safeguarding_enquiries_open"], "value": null}],
    "interventions": [],
    "override": {"level": 3, "label": "Moderate concern", "reason": "Concerns, raised \"late\".",
                 "officer": "A. Patel", "date": "2024-04-02"},
    "rated_on": "2024-04-02",
    "refreshed_by": {"activity": "V-1", "date": "2024-05-20"},
    "review_due": true,
    "trend": "de_escalated",
    "previous": {"level": 3, "date": "2024-04-01"}
  })");
  EXPECT_EQ(out, expected) << out.dump(2);
}

// Compact (the default): reasons and undecided rules name their rule and level only; the text,
// source and condition are the document's `rules` entry, written once.
TEST(RatingRender, CompactJsonNamesRulesById) {
  const json out = json::parse(qaf::detail::rating_json(rate(sample_record())).dump());
  EXPECT_EQ(out["reasons"],
            json::parse(R"([{"rule": "missed-return", "kind": "rule", "level": 2}])"));
  EXPECT_EQ(out["undecided"], json::parse(R"([{"rule": "enquiry", "level": 3}])"));
  EXPECT_EQ(out["unknown_facts"], json::parse(R"(["safeguarding_enquiries_open"])"));
  EXPECT_EQ(out["summary"], "provisional 2 \u2014 could reach 3: 1 fact unknown");
  EXPECT_LT(out.dump().size(), 1024u);
}

// append_rating_json writes the compact form without building a document: the same bytes as
// the document dumped, for every rating of every bundled pack's example portfolio, and for
// strings a JSON writer must escape (quotes, controls, non-ASCII, malformed UTF-8).
TEST(RatingRender, TextWriterWritesTheDocumentsBytes) {
  const auto same_bytes = [](const qaf::rating& r) {
    for (const bool explain : {false, true}) {
      std::string written;
      qaf::detail::append_rating_json(written, r, explain);
      EXPECT_EQ(written, qaf::detail::compact_json(qaf::detail::rating_json(r, explain)))
          << r.provider << ' ' << r.scheme << (explain ? " explained" : "");
    }
  };
  std::size_t ratings = 0;
  std::size_t indexed_ratings = 0;
  for (const std::string pack_id :
       {"bolton-children-2024", "bolton-adults-2020", "devon-children-residential",
        "herefordshire-adults-2018", "coventry-children"}) {
    const qaf::pack& rules = cached_pack(pack_id);
    qaf::detail::rating_batch batch;
    const qaf::portfolio_result read =
        qaf::read_portfolio(rules, (source_dir() / "examples" / (pack_id + ".json")).string());
    ASSERT_TRUE(read) << pack_id;
    const qaf::engine engine(rules);
    const qaf::date as_of = qaf::date::parse("2024-07-01");
    for (const qaf::provider& p : read.portfolio->providers) {
      const std::vector<qaf::rating> full = engine.rate(p, as_of);
      for (const qaf::rating& r : full) {
        same_bytes(r);
        ++ratings;
      }
      // Ratings that carry ids only (what `qaf rate` evaluates for a compact document) write
      // the same compact bytes.
      const std::vector<qaf::rating> ids =
          qaf::detail::rate_checked(rules, p, as_of, qaf::detail::rating_detail::ids);
      ASSERT_EQ(ids.size(), full.size());
      for (std::size_t i = 0; i < ids.size(); ++i) {
        std::string compact;
        std::string from_full;
        qaf::detail::append_rating_json(compact, ids[i]);
        qaf::detail::append_rating_json(from_full, full[i]);
        EXPECT_EQ(compact, from_full);
      }
      // Ratings by index (what `qaf rate` keeps for a compact document, written with no rating
      // built) write the same bytes too, in a batch that already holds another provider's.
      const qaf::detail::index_range mine = qaf::detail::rate_checked_into(rules, p, as_of, batch);
      ASSERT_EQ(mine.size(), full.size());
      for (std::uint32_t i = mine.begin; i < mine.end; ++i) {
        std::string indexed;
        std::string from_full;
        qaf::detail::append_rating_json(indexed, rules.data(), p.id, batch, batch.ratings[i]);
        qaf::detail::append_rating_json(from_full, full[i - mine.begin]);
        EXPECT_EQ(indexed, from_full);
        ++indexed_ratings;
      }
    }
  }
  EXPECT_GT(ratings, 20u);
  EXPECT_EQ(indexed_ratings, ratings);

  qaf::rating odd = rate(sample_record());
  ASSERT_TRUE(odd.officer_override.has_value());
  odd.provider = "p\"1\\ \xc3\xa9t\xc3\xa9\n\x01";
  odd.label = "bad \xff byte";
  odd.officer_override->reason = "said \"no\"\tthen yes";
  odd.unknown_facts.push_back("caf\xc3\xa9");
  same_bytes(odd);
  same_bytes(rate(sample_record(), "rag"));
  same_bytes(rate(with_facts(json::object())));
}

TEST(RatingRender, CsvIsOneRatingARowStatusFirst) {
  const std::vector<qaf::rating> ratings = {rate(sample_record()), rate(sample_record(), "rag")};
  std::ostringstream out;
  qaf::detail::write_ratings_csv(out, ratings);
  EXPECT_EQ(out.str(),
            "provider,scheme,status,level,label,summary,could_reach,unknown_facts,rules,reasons,"
            "also_fired,interventions,override_level,override_reason,override_officer,override_"
            "date,review_due,rated_on,trend,previous_level,previous_date\r\n"
            "p1,pqr,provisional,2,Minor concern,provisional 2 \u2014 could reach 3: 1 fact "
            "unknown,3,safeguarding_enquiries_open,missed-return,A return was missed.,,,3,"
            "\"Concerns, raised \"\"late\"\".\",A. Patel,2024-04-02,true,2024-04-02,de_escalated,3,"
            "2024-04-01\r\n"
            "p1,rag,not_assessed,,,not assessed \u2014 could reach High risk: 3 facts unknown,"
            "high,lado_investigation | placement_stop | placement_stability,,,,,,,,,false,,none,,"
            "\r\n");
}

// What a person reads, in every format: status first, a named level once, a provisional level
// never bare.
TEST(RatingRender, SummarySaysStatusFirstAndNamesALevelOnce) {
  EXPECT_EQ(qaf::detail::rating_summary(rate(with_facts({{"safeguarding_enquiries_open", 1}}))),
            "3 Moderate concern");
  EXPECT_EQ(qaf::detail::rating_summary(rate(sample_record())),
            "provisional 2 \u2014 could reach 3: 1 fact unknown");
  EXPECT_EQ(qaf::detail::rating_summary(rate(with_facts({{"placement_stop", true}}), "rag")),
            "High risk");
  EXPECT_EQ(
      qaf::detail::rating_summary(rate(
          with_facts({{"placement_stability", "unsettled"}, {"placement_stop", false}}), "rag")),
      "provisional Medium risk \u2014 could reach High risk: 1 fact unknown");
  EXPECT_EQ(qaf::detail::rating_summary(rate(with_facts(json::object()))),
            "not assessed \u2014 could reach 3: 6 facts unknown");
}

// A not-assessed rating has no level in JSON: null level and label, status and summary first.
TEST(RatingRender, NotAssessedJsonHasNoLevel) {
  const nlohmann::ordered_json out = qaf::detail::rating_json(rate(with_facts(json::object())));
  EXPECT_EQ(out["status"], "not_assessed");
  EXPECT_TRUE(out["level"].is_null());
  EXPECT_TRUE(out["label"].is_null());
  EXPECT_EQ(out["could_reach"], 3);
  EXPECT_EQ(json::parse(out["unknown_facts"].dump()),
            json::parse(R"(["complaints_open", "safeguarding_enquiries_open", "returns_missed",
                            "complaints_trend", "learning_evidenced", "harm_incident"])"));
  std::vector<std::string> keys;
  for (const auto& [key, value] : out.items()) keys.push_back(key);
  EXPECT_THAT(std::vector<std::string>(keys.begin(), keys.begin() + 6),
              ElementsAre("provider", "scheme", "status", "level", "label", "summary"));
}

// ---- qaf rate end to end ----------------------------------------------------------------------

std::string cli_args(const std::string& portfolio, const std::string& more) {
  return "rate --pack bolton-children-2024 --portfolio '" +
         (data_dir() / "rating" / portfolio).string() + "' --as-of 2024-07-01 " + more;
}

TEST(RateCommand, JsonDocument) {
  const qaf::testing::cli_result run = qaf::testing::run_cli(cli_args("portfolio.json", ""));
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(run.err, "");
  const json out = json::parse(run.out);
  EXPECT_EQ(out["pack"]["id"], "bolton-children-2024");
  EXPECT_EQ(out["as_of"], "2024-07-01");
  ASSERT_EQ(out["ratings"].size(), 3u);
  const json& home = out["ratings"][0];
  EXPECT_EQ(home["provider"], "ch-hillside");
  EXPECT_EQ(home["scheme"], "pqr");
  EXPECT_EQ(home["status"], "provisional");
  EXPECT_EQ(home["level"], 4);
  EXPECT_EQ(home["label"], "Significant concern");
  EXPECT_EQ(home["summary"], "provisional 4 \u2014 could reach 5: 3 facts unknown");
  ASSERT_EQ(home["reasons"].size(), 1u);
  EXPECT_EQ(home["reasons"][0]["rule"], "pqr-4-recruitment-no-plan");
  EXPECT_EQ(home["reasons"][0]["kind"], "rule");
  // The rule's text and source are named once, in the document's rules.
  const json& rule = out["rules"]["pqr-4-recruitment-no-plan"];
  EXPECT_EQ(rule["text"], "The provider is struggling to recruit staff and no plans to rectify.");
  EXPECT_EQ(rule["source"]["document"], "bolton-cyp-qaf-v6");
  EXPECT_FALSE(home["reasons"][0].contains("text"));
  ASSERT_EQ(home["also_fired"].size(), 2u);
  EXPECT_EQ(home["also_fired"][0]["rule"], "pqr-3-safeguarding-enquiry");
  EXPECT_EQ(home["also_fired"][1]["rule"], "pqr-2-missed-return");
  EXPECT_EQ(home["override"]["level"], 3);
  EXPECT_EQ(home["override"]["officer"], "A. Patel");
  EXPECT_EQ(home["review_due"], true);
  EXPECT_EQ(home["trend"], "escalated");
  EXPECT_EQ(out["ratings"][2]["level"], 5);
  EXPECT_EQ(out["ratings"][2]["interventions"][0], json::parse(R"({"level": 5})"));
  EXPECT_EQ(out["levels"]["pqr"]["5"]["interventions"][0]["text"],
            "Very urgent attention is required including activation of contingency plans.");
}

// --explain writes the rule's text and source inline, as well as in `rules`.
TEST(RateCommand, ExplainWritesRulesInline) {
  const qaf::testing::cli_result run =
      qaf::testing::run_cli(cli_args("portfolio.json", "--explain"));
  ASSERT_EQ(run.status, 0) << run.err;
  const json out = json::parse(run.out);
  const json& why = out["ratings"][0]["reasons"][0];
  EXPECT_EQ(why["text"], "The provider is struggling to recruit staff and no plans to rectify.");
  EXPECT_EQ(why["source"]["document"], "bolton-cyp-qaf-v6");
  EXPECT_EQ(why["value"], true);
  EXPECT_EQ(out["ratings"][2]["interventions"][0]["text"],
            "Very urgent attention is required including activation of contingency plans.");
}

TEST(RateCommand, CsvDocument) {
  const qaf::testing::cli_result run =
      qaf::testing::run_cli(cli_args("portfolio.json", "--format csv"));
  ASSERT_EQ(run.status, 0) << run.err;
  std::istringstream lines(run.out);
  std::string header;
  std::string first;
  std::getline(lines, header);
  std::getline(lines, first);
  EXPECT_EQ(header,
            "provider,scheme,status,level,label,summary,could_reach,unknown_facts,rules,reasons,"
            "also_fired,interventions,override_level,override_reason,override_officer,override_"
            "date,review_due,rated_on,trend,previous_level,previous_date\r");
  EXPECT_THAT(first, ::testing::StartsWith(
                         "ch-hillside,pqr,provisional,4,Significant concern,provisional 4 \u2014 "
                         "could reach 5: 3 facts unknown,5,market_exit_notice | financial | "
                         "regulator_enforcement,pqr-4-recruitment-no-plan,The provider is "
                         "struggling to recruit staff and no plans to rectify.,"
                         "pqr-3-safeguarding-enquiry | pqr-2-missed-return,,"));
  EXPECT_THAT(
      first,
      ::testing::HasSubstr(
          ",3,s.47 enquiry opened; raised pending the next visit.,A. Patel,2024-06-20,true,"));
  EXPECT_THAT(first, ::testing::EndsWith(",escalated,2,2024-03-01\r"));
}

TEST(RateCommand, BadInputExitsOneWithNothingOnStdout) {
  qaf::testing::cli_result run = qaf::testing::run_cli(cli_args("portfolio-bad-scheme.json", ""));
  EXPECT_EQ(run.status, 1);
  EXPECT_EQ(run.out, "");
  EXPECT_THAT(run.err, ::testing::HasSubstr("/providers/0/overrides/0/scheme"));
  EXPECT_THAT(run.err, ::testing::HasSubstr(
                           "'rag' is not a classification scheme of pack bolton-children-2024"));

  run = qaf::testing::run_cli(cli_args("portfolio.json", "--format ics"));
  EXPECT_EQ(run.status, 1);
  EXPECT_EQ(run.out, "");
  EXPECT_NE(run.err, "");
}

}  // namespace
