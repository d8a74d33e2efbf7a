// The quality threshold levels of herefordshire-adults-2018 (Appendix 2, Quality Assurance
// Thresholds): every bullet has a case in tests/data/rating/herefordshire-adults-2018.json with
// the level it is listed under; each level carries its monitoring and measures and decision forum.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "rating_cases.hpp"

namespace {

using qaf::testing::cached_pack;
using qaf::testing::rating_of;
using qaf::testing::reason_ids;
using qaf::testing::record_from_json;
using ::testing::ElementsAre;

const char* const pack_id = "herefordshire-adults-2018";

qaf::rating threshold(const nlohmann::json& record, const char* as_of = "2024-07-01") {
  const qaf::pack& pack = cached_pack(pack_id);
  return rating_of(pack, record_from_json(pack, record), "threshold", qaf::date::parse(as_of));
}

std::vector<std::string> intervention_texts(const qaf::rating& r) {
  std::vector<std::string> texts;
  for (const qaf::rating_intervention& i : r.interventions) texts.push_back(i.text);
  return texts;
}

class HerefordshireThreshold : public ::testing::TestWithParam<qaf::testing::sentence_case> {};

TEST_P(HerefordshireThreshold, BulletGivesTheLevelItIsListedUnder) {
  qaf::testing::check_sentence_case(GetParam(), "threshold");
}

INSTANTIATE_TEST_SUITE_P(Bullets, HerefordshireThreshold,
                         ::testing::ValuesIn(qaf::testing::sentence_cases(pack_id)),
                         qaf::testing::case_name);

TEST(HerefordshireThresholdScheme, EveryBulletRuleHasACase) {
  EXPECT_THAT(qaf::testing::rules_without_case(pack_id, "threshold"), ::testing::IsEmpty());
}

// Level 1 (the default here, nothing known): business as usual, the nine measures of the
// Monitoring and Measures table, and the team manager's decision (3.4.3).
TEST(HerefordshireThresholdScheme, LevelOneCarriesLightTouchMonitoringAndTheTeamManagersDecision) {
  const qaf::rating r = threshold({{"id", "blank"}, {"facts", nlohmann::json::object()}});
  EXPECT_EQ(r.level, qaf::level_value(std::int64_t{1}));
  EXPECT_EQ(r.label, "No concerns / Minor concerns");
  EXPECT_EQ(r.could_reach, qaf::level_value(std::int64_t{3}));
  const std::vector<std::string> texts = intervention_texts(r);
  ASSERT_EQ(texts.size(), 11u);
  EXPECT_EQ(texts.front(), "Business as usual or light touch monitoring");
  EXPECT_EQ(texts[1], "Annual service development plan / self-assessment profile");
  EXPECT_THAT(texts.back(), ::testing::HasSubstr("the team manager will make a decision"));
  EXPECT_EQ(r.interventions.back().source.section, "3.4 Response and action, 3.4.3");
}

// A contract default notice: level 2, active monitoring reviewed monthly by the multi-agency panel.
TEST(HerefordshireThresholdScheme, LevelTwoCarriesActiveMonitoringAndTheMonthlyPanel) {
  const qaf::rating r = threshold({{"id", "notice"}, {"facts", {{"default_notices", 1}}}});
  EXPECT_EQ(r.level, qaf::level_value(std::int64_t{2}));
  const std::vector<std::string> texts = intervention_texts(r);
  ASSERT_EQ(texts.size(), 11u);
  EXPECT_EQ(texts.front(), "Active monitoring");
  EXPECT_THAT(texts, ::testing::Contains("Unannounced visit undertaken"));
  EXPECT_THAT(texts.back(), ::testing::HasSubstr("monthly multi-agency quality review meeting"));
}

// Good overall rating (1), positive feedback (1) and a second default notice (3; the first is a
// level 2 bullet): major concerns, a large scale intervention with an automatic default notice.
TEST(HerefordshireThresholdScheme, FurtherDefaultNoticeIsMajorWithLargeScaleIntervention) {
  const qaf::rating r = threshold(
      {{"id", "home"},
       {"facts",
        {{"regulator_rating", "good"}, {"feedback", "positive"}, {"default_notices", 2}}}});
  EXPECT_EQ(r.level, qaf::level_value(std::int64_t{3}));
  EXPECT_EQ(r.label, "Major concerns");
  EXPECT_THAT(reason_ids(r),
              ElementsAre("threshold-3-further-default-notice", "threshold-2-default-notice",
                          "threshold-1-cqc-good", "threshold-1-feedback-positive"));
  const std::vector<std::string> texts = intervention_texts(r);
  ASSERT_EQ(texts.size(), 11u);
  EXPECT_EQ(texts.front(), "Large scale intervention");
  EXPECT_THAT(texts, ::testing::Contains("Automatic contract default notice served"));
  EXPECT_THAT(texts.back(), ::testing::HasSubstr("convened sooner if necessary"));
  EXPECT_FALSE(r.could_reach.has_value());  // nothing is more severe than level 3
  EXPECT_TRUE(r.undecided.empty());
}

// Key questions: two rated Requires Improvement and three unknown. Some areas are RI (level 2,
// decided); whether all are is unknown, waiting for exactly the three unknown key questions.
TEST(HerefordshireThresholdScheme, AllAreasUndecidedWhileSomeKeyQuestionsAreUnknown) {
  const qaf::rating r =
      threshold({{"id", "home"},
                 {"facts",
                  {{"regulator_rating", "requires_improvement"},
                   {"key_question_ratings",
                    {{"safe", "requires_improvement"}, {"well_led", "requires_improvement"}}}}}});
  EXPECT_EQ(r.level, qaf::level_value(std::int64_t{2}));
  const auto rule = std::find_if(
      r.undecided.begin(), r.undecided.end(),
      [](const qaf::undecided_rule& u) { return u.rule == "threshold-3-cqc-inadequate"; });
  ASSERT_NE(rule, r.undecided.end());
  EXPECT_THAT(rule->unknown_facts,
              ElementsAre("key_question_ratings.effective", "key_question_ratings.caring",
                          "key_question_ratings.responsive"));
}

// The panel's past levels (3.4.4, escalation and de-escalation): level 2 on 2024-03-05, now a
// placement suspension in place since 2024-02-20 (four whole months by 2024-07-01) gives 3:
// escalated. A later past rating of 3 with nothing adverse now known to be true: de-escalated.
TEST(HerefordshireThresholdScheme, TrendAgainstThePanelsLastLevel) {
  const nlohmann::json escalating = {
      {"id", "home"},
      {"facts", {{"placement_suspension_since", "2024-02-20"}}},
      {"ratings", {{{"scheme", "threshold"}, {"level", 2}, {"date", "2024-03-05"}}}}};
  const qaf::rating up = threshold(escalating);
  EXPECT_EQ(up.level, qaf::level_value(std::int64_t{3}));
  EXPECT_EQ(up.trend, qaf::rating_trend::escalated);
  EXPECT_EQ(up.previous->on, qaf::date::parse("2024-03-05"));
  EXPECT_FALSE(up.review_due);  // the scheme names no refresh activity

  const nlohmann::json easing = {
      {"id", "home"},
      {"facts", {{"regulator_rating", "good"}, {"engagement", "willing"}}},
      {"ratings",
       {{{"scheme", "threshold"}, {"level", 2}, {"date", "2023-11-01"}},
        {{"scheme", "threshold"}, {"level", 3}, {"date", "2024-04-02"}}}}};
  const qaf::rating down = threshold(easing);
  EXPECT_EQ(down.level, qaf::level_value(std::int64_t{1}));
  EXPECT_EQ(down.trend, qaf::rating_trend::de_escalated);
  EXPECT_EQ(down.previous->level, qaf::level_value(std::int64_t{3}));
}

}  // namespace
