// The quality threshold levels of herefordshire-adults-2018 (Appendix 2, Quality Assurance
// Thresholds): every bullet has a case in tests/data/rating/herefordshire-adults-2018.json with
// the level it is listed under; each level carries its monitoring and measures and decision forum.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "rating_cases.hpp"

namespace {

using qaf::testing::also_fired_ids;
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

// Nothing known: not assessed, never "Business as usual" — no level, no interventions.
TEST(HerefordshireThresholdScheme, NothingKnownIsNotAssessedWithoutInterventions) {
  const qaf::rating r = threshold({{"id", "blank"}, {"facts", nlohmann::json::object()}});
  EXPECT_EQ(r.status, qaf::rating_status::not_assessed);
  EXPECT_EQ(r.could_reach, qaf::level_value(std::int64_t{3}));
  EXPECT_TRUE(r.reasons.empty());
  EXPECT_TRUE(r.interventions.empty());
}

// Every level 1 bullet holds and nothing more severe is possible: level 1 earned and decided,
// with business as usual, the nine measures of the Monitoring and Measures table, and the team
// manager's decision (3.4.3).
TEST(HerefordshireThresholdScheme, LevelOneEarnedCarriesLightTouchMonitoring) {
  const qaf::rating r = threshold({{"id", "fine"},
                                   {"facts",
                                    {{"regulator_rating", "good"},
                                     {"key_question_ratings",
                                      {{"safe", "good"},
                                       {"effective", "good"},
                                       {"caring", "outstanding"},
                                       {"responsive", "good"},
                                       {"well_led", "good"}}},
                                     {"regulator_enforcement", "none"},
                                     {"cqc_compliance_actions", false},
                                     {"feedback", "positive"},
                                     {"quality_concerns", "none"},
                                     {"concern_levels", "as_expected"},
                                     {"concerns_persist", false},
                                     {"improvement_actions", "on_track"},
                                     {"improvement_plan", "none"},
                                     {"engagement", "willing"},
                                     {"self_assessment_concerns", false},
                                     {"returns_missed", 0},
                                     {"default_notices", 0},
                                     {"advisory_notice_since", nullptr},
                                     {"placement_suspension_since", nullptr}}}});
  EXPECT_EQ(r.status, qaf::rating_status::decided);
  EXPECT_EQ(r.level, qaf::level_value(std::int64_t{1}));
  EXPECT_EQ(r.label, "No concerns / Minor concerns");
  EXPECT_FALSE(r.could_reach.has_value());
  EXPECT_EQ(r.reasons.size(), 8u);  // the eight bullets stated as level 1's own conditions
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

// Good overall rating (1), positive feedback (1), little or no quality concerns (1) and a second
// default notice (3; the first is a level 2 bullet): major concerns, a large scale intervention
// with an automatic default notice. Level 1's bullets hold, but they are no reasons for a level 3.
TEST(HerefordshireThresholdScheme, FurtherDefaultNoticeIsMajorWithLargeScaleIntervention) {
  const qaf::rating r = threshold({{"id", "home"},
                                   {"facts",
                                    {{"regulator_rating", "good"},
                                     {"feedback", "positive"},
                                     {"quality_concerns", "none"},
                                     {"default_notices", 2}}}});
  EXPECT_EQ(r.level, qaf::level_value(std::int64_t{3}));
  EXPECT_EQ(r.label, "Major concerns");
  EXPECT_THAT(reason_ids(r), ElementsAre("threshold-3-further-default-notice"));
  EXPECT_THAT(also_fired_ids(r), ElementsAre("threshold-2-default-notice"));
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
// placement suspension in place since 2024-02-20 (more than 3 months by 2024-07-01) gives 3:
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

// "In place for more than 3 months" is exact: from 2024-02-15 it is true on 2024-05-16, the day
// after 2024-02-15 + 3 months, and not on 2024-05-15; 3 months and 26 days is more than 3 months.
TEST(HerefordshireThresholdScheme, SuspensionIsMoreThanThreeMonthsFromTheDayAfter) {
  const nlohmann::json record = {
      {"id", "home"},
      {"facts",
       {{"placement_suspension_since", "2024-02-15"}, {"advisory_notice_since", nullptr}}}};
  EXPECT_EQ(threshold(record, "2024-05-15").level, qaf::level_value(std::int64_t{2}));
  const qaf::rating after = threshold(record, "2024-05-16");
  EXPECT_EQ(after.level, qaf::level_value(std::int64_t{3}));
  EXPECT_THAT(reason_ids(after), ElementsAre("threshold-3-suspension-over-3-months"));
  EXPECT_EQ(threshold(record, "2024-06-10").level, qaf::level_value(std::int64_t{3}));  // +26 d
  // Dated after as_of, the suspension has not happened yet: no level 2 either.
  const qaf::rating before = threshold(record, "2024-02-14");
  EXPECT_EQ(before.level, qaf::level_value(std::int64_t{1}));
  EXPECT_TRUE(reason_ids(before).empty());
}

}  // namespace
