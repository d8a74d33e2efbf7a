// The Provider Quality Rating of bolton-children-2024 (Appendix 2, PQR Definitions): every
// sentence of the definitions has a case in tests/data/rating/bolton-children-2024.json with the
// level of its row, and the combinations below are worked out from the same table.
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

const char* const pack_id = "bolton-children-2024";

qaf::rating pqr(const nlohmann::json& record, const char* as_of = "2024-07-01") {
  const qaf::pack& pack = cached_pack(pack_id);
  return rating_of(pack, record_from_json(pack, record), "pqr", qaf::date::parse(as_of));
}

class BoltonChildrenPqr : public ::testing::TestWithParam<qaf::testing::sentence_case> {};

TEST_P(BoltonChildrenPqr, SentenceGivesTheLevelOfItsRow) {
  qaf::testing::check_sentence_case(GetParam(), "pqr");
}

INSTANTIATE_TEST_SUITE_P(Sentences, BoltonChildrenPqr,
                         ::testing::ValuesIn(qaf::testing::sentence_cases(pack_id)),
                         qaf::testing::case_name);

TEST(BoltonChildrenPqrScheme, EverySentenceRuleHasACase) {
  EXPECT_THAT(qaf::testing::rules_without_case(pack_id, "pqr"), ::testing::IsEmpty());
}

TEST(BoltonChildrenPqrScheme, LevelsAreTheFiveCategoriesOfAppendix2) {
  const auto& s = cached_pack(pack_id).data().schemes.at(0);
  ASSERT_EQ(s.levels.size(), 5u);
  EXPECT_EQ(s.levels[0].label, "No concerns");
  EXPECT_EQ(s.levels[1].label, "Minor concern");
  EXPECT_EQ(s.levels[2].label, "Moderate concern");
  EXPECT_EQ(s.levels[3].label, "Significant concern");
  EXPECT_EQ(s.levels[4].label, "Catastrophic concern");
  ASSERT_TRUE(s.refresh.has_value());
  ASSERT_EQ(s.refresh->after.size(), 1u);
  EXPECT_EQ(cached_pack(pack_id).data().activities[s.refresh->after[0]].code, "QMC-1");
}

// Minor concerns (2), a missed return (2), an s.47 enquiry (3), reported financial struggle (4)
// and learning evidenced (1): the worst evidence decides (4). The other rules that fired are
// listed apart, most severe first in the table's order within a row, with the sentences of level 1
// that the evidence breaks (issues at the meeting, struggling financially); level 1's learning
// sentence holds but is no reason for a level 4.
TEST(BoltonChildrenPqrScheme, WorstEvidenceDecidesAndEveryReasonIsListed) {
  const qaf::rating r = pqr({{"id", "mixed"},
                             {"facts",
                              {{"concern_level", "minor"},
                               {"returns_missed", 2},
                               {"safeguarding_enquiries_open", 1},
                               {"financial", "struggling"},
                               {"learning_evidenced", true}}}});
  EXPECT_EQ(r.level, qaf::level_value(std::int64_t{4}));
  EXPECT_EQ(r.label, "Significant concern");
  EXPECT_THAT(reason_ids(r), ElementsAre("pqr-4-struggling-financially"));
  EXPECT_THAT(also_fired_ids(r),
              ElementsAre("pqr-3-safeguarding-enquiry", "pqr-2-minor-concerns",
                          "pqr-2-missed-return", "pqr-1-no-issues", "pqr-1-financially-stable"));
  EXPECT_EQ(r.also_fired[0].text, "There is one or more s.47 safeguarding enquiries ongoing.");
  EXPECT_EQ(r.also_fired[0].source.document, "bolton-cyp-qaf-v6");
  EXPECT_EQ(r.also_fired[0].source.section,
            "Appendix 2, Provider Quality Rating (PQR) Definitions");
  EXPECT_EQ(r.also_fired[3].kind, qaf::reason_kind::requirement_failed);
  EXPECT_EQ(r.also_fired[3].level, qaf::level_value(std::int64_t{2}));
  EXPECT_TRUE(r.interventions.empty());  // the source gives level 4 no interventions
}

// Nothing known: no evidence for the PQR at all. It is not assessed, never "No concerns": no
// reasons, and every fact the definitions read is unknown; the rules could reach Catastrophic.
TEST(BoltonChildrenPqrScheme, NothingKnownIsNotAssessed) {
  const qaf::rating r = pqr({{"id", "blank"}, {"facts", nlohmann::json::object()}});
  EXPECT_EQ(r.status, qaf::rating_status::not_assessed);
  EXPECT_TRUE(r.reasons.empty());
  EXPECT_TRUE(r.also_fired.empty());
  EXPECT_TRUE(r.interventions.empty());
  ASSERT_TRUE(r.could_reach.has_value());
  EXPECT_EQ(*r.could_reach, qaf::level_value(std::int64_t{5}));
  EXPECT_EQ(r.could_reach_label, "Catastrophic concern");
  EXPECT_THAT(r.unknown_facts, ::testing::Contains("market_exit_notice"));
  EXPECT_THAT(r.unknown_facts, ::testing::Contains("concern_level"));
  EXPECT_THAT(r.unknown_facts, ::testing::Contains("documentation_complete"));
  EXPECT_EQ(r.unknown_facts.size(), 24u);  // every fact the ten sentences and the rules read
}

// One fact known (no concerns at the meeting): provisional 1, which every other sentence could
// still break; the most severe undecided rule leads the list.
TEST(BoltonChildrenPqrScheme, OneFactKnownIsProvisionalNoConcerns) {
  const qaf::rating r = pqr({{"id", "little"}, {"facts", {{"concern_level", "none"}}}});
  EXPECT_EQ(r.status, qaf::rating_status::provisional);
  EXPECT_EQ(r.level, qaf::level_value(std::int64_t{1}));
  EXPECT_THAT(reason_ids(r), ElementsAre("pqr-1-no-issues"));
  EXPECT_EQ(r.reasons[0].kind, qaf::reason_kind::requirement_met);
  EXPECT_EQ(*r.could_reach, qaf::level_value(std::int64_t{5}));
  ASSERT_FALSE(r.undecided.empty());
  EXPECT_EQ(r.undecided.front().rule, "pqr-5-close-to-failure");
  EXPECT_THAT(r.undecided.front().unknown_facts, ElementsAre("financial"));
  // Level 1's own sentences are undecided too, each implying Minor concern if it fails.
  const auto paperwork =
      std::find_if(r.undecided.begin(), r.undecided.end(),
                   [](const qaf::undecided_rule& u) { return u.rule == "pqr-1-paperwork"; });
  ASSERT_NE(paperwork, r.undecided.end());
  EXPECT_EQ(paperwork->level, qaf::level_value(std::int64_t{2}));
}

// Moderate harm with learning unknown: the level 3 rule is neither fired nor false; it waits for
// learning_evidenced alone. With no harm, the same unknown does not matter and is not reported.
TEST(BoltonChildrenPqrScheme, UnknownLearningKeepsTheHarmRuleUndecided) {
  const qaf::rating harmed = pqr({{"id", "harm"}, {"facts", {{"harm_incident", "moderate"}}}});
  EXPECT_EQ(harmed.level, qaf::level_value(std::int64_t{1}));
  const auto rule =
      std::find_if(harmed.undecided.begin(), harmed.undecided.end(),
                   [](const qaf::undecided_rule& u) { return u.rule == "pqr-3-moderate-harm"; });
  ASSERT_NE(rule, harmed.undecided.end());
  EXPECT_THAT(rule->unknown_facts, ElementsAre("learning_evidenced"));

  const qaf::rating unharmed = pqr({{"id", "no-harm"}, {"facts", {{"harm_incident", "none"}}}});
  EXPECT_TRUE(std::none_of(
      unharmed.undecided.begin(), unharmed.undecided.end(), [](const qaf::undecided_rule& u) {
        return u.rule == "pqr-3-moderate-harm" || u.rule == "pqr-4-significant-harm";
      }));
}

// A provider at 3 (s.47 enquiry) with the market exit notice unknown could reach 5; the level 2
// and 3 rules still undecided could not change the suggestion and are not listed.
TEST(BoltonChildrenPqrScheme, UndecidedRulesAreThoseThatCouldRaiseTheLevel) {
  const qaf::rating r = pqr({{"id", "s47"}, {"facts", {{"safeguarding_enquiries_open", 1}}}});
  EXPECT_EQ(r.level, qaf::level_value(std::int64_t{3}));
  EXPECT_EQ(*r.could_reach, qaf::level_value(std::int64_t{5}));
  for (const qaf::undecided_rule& u : r.undecided) {
    EXPECT_THAT(u.level, ::testing::AnyOf(qaf::level_value(std::int64_t{4}),
                                          qaf::level_value(std::int64_t{5})))
        << u.rule;
  }
}

// Everything the definitions count as good: level 1 earned by its ten sentences, decided.
TEST(BoltonChildrenPqrScheme, AllPositiveEvidenceIsNoConcernsWithEveryReason) {
  const qaf::rating r = pqr({{"id", "good"},
                             {"facts",
                              {{"concern_level", "none"},
                               {"standards_breach", "none"},
                               {"regulator_enforcement", "none"},
                               {"financial", "stable"},
                               {"documentation_complete", true},
                               {"experience", "good"},
                               {"learning_evidenced", true},
                               {"complaints_open", 0},
                               {"complaints_trend", false},
                               {"safeguarding_concerns_open", 0},
                               {"safeguarding_enquiries_open", 0},
                               {"safeguarding_substantiated", 0},
                               {"recurring_moderate_incidents", 0},
                               {"whistleblowing", "none"},
                               {"harm_incident", "none"},
                               {"kpis_not_met", 0},
                               {"kpi_recovery_plan", false},
                               {"returns_missed", 0},
                               {"recruitment", "ok"},
                               {"registered_manager", true},
                               {"staff_turnover_high", false},
                               {"improvement_plan", "none"},
                               {"failure_risk", false},
                               {"market_exit_notice", false}}}});
  EXPECT_EQ(r.level, qaf::level_value(std::int64_t{1}));
  EXPECT_EQ(r.status, qaf::rating_status::decided);
  EXPECT_EQ(r.reasons.size(), 10u);
  EXPECT_TRUE(std::all_of(r.reasons.begin(), r.reasons.end(), [](const qaf::rating_reason& why) {
    return why.kind == qaf::reason_kind::requirement_met;
  }));
  EXPECT_TRUE(r.also_fired.empty());
  EXPECT_TRUE(r.undecided.empty());
  EXPECT_TRUE(r.unknown_facts.empty());
  EXPECT_FALSE(r.could_reach.has_value());
}

// Section 3.0: the PQR is updated after each QMC-1. A PQR of 2024-03-01 is older than the QMC-1
// of 2024-05-13, so it is due for review; one recorded on the day of the visit is not.
TEST(BoltonChildrenPqrScheme, PqrOlderThanTheLastQmc1IsDueForReview) {
  const nlohmann::json stale = {
      {"id", "stale"},
      {"facts", {{"concern_level", "minor"}}},
      {"history",
       {{{"activity", "QMC-1"}, {"date", "2024-05-13"}},
        {{"activity", "QMC-8"}, {"date", "2024-06-20"}}}},
      {"ratings", {{{"scheme", "pqr"}, {"level", 1}, {"date", "2024-03-01"}}}}};
  const qaf::rating r = pqr(stale);
  EXPECT_TRUE(r.review_due);
  ASSERT_TRUE(r.refreshed_by.has_value());
  EXPECT_EQ(r.refreshed_by->activity, "QMC-1");  // QMC-8 does not refresh the PQR
  EXPECT_EQ(r.refreshed_by->on, qaf::date::parse("2024-05-13"));
  EXPECT_EQ(r.rated_on, qaf::date::parse("2024-03-01"));
  EXPECT_EQ(r.trend, qaf::rating_trend::escalated);  // 1 -> 2

  nlohmann::json fresh = stale;
  fresh["ratings"][0]["date"] = "2024-05-13";
  EXPECT_FALSE(pqr(fresh).review_due);
}

}  // namespace
