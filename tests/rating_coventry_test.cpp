// The RAG rating of coventry-children ("RAG rating providers using the following criteria"):
// every criterion has a case in tests/data/rating/coventry-children.json.
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

const char* const pack_id = "coventry-children";

qaf::rating rag(const nlohmann::json& record) {
  const qaf::pack& pack = cached_pack(pack_id);
  return rating_of(pack, record_from_json(pack, record), "rag", qaf::date::parse("2024-07-01"));
}

class CoventryRag : public ::testing::TestWithParam<qaf::testing::sentence_case> {};

TEST_P(CoventryRag, CriterionGivesItsRisk) { qaf::testing::check_sentence_case(GetParam(), "rag"); }

INSTANTIATE_TEST_SUITE_P(Criteria, CoventryRag,
                         ::testing::ValuesIn(qaf::testing::sentence_cases(pack_id)),
                         qaf::testing::case_name);

TEST(CoventryRagScheme, EveryCriterionHasACase) {
  EXPECT_THAT(qaf::testing::rules_without_case(pack_id, "rag"), ::testing::IsEmpty());
}

// Moderate concerns (medium), stable placements (low) and a placement stop (high): high, decided
// by the placement stop; the moderate concerns fired too and are listed apart; stable placements
// earn low, which is no reason for high. A placement stop is no Inadequate judgement, so the
// same-day visit does not follow.
TEST(CoventryRagScheme, WorstEvidenceDecides) {
  const qaf::rating r = rag({{"id", "home"},
                             {"facts",
                              {{"concern_level", "moderate"},
                               {"placement_stability", "stable"},
                               {"placement_stop", true}}}});
  EXPECT_EQ(r.level, qaf::level_value(std::string("high")));
  EXPECT_EQ(r.label, "High risk");
  EXPECT_THAT(reason_ids(r), ElementsAre("rag-high-placement-stop"));
  EXPECT_THAT(also_fired_ids(r), ElementsAre("rag-medium-moderate-concerns"));
  EXPECT_EQ(r.reasons[0].source.quote, "placement stop");
  EXPECT_TRUE(r.interventions.empty());
}

// The same-day visit and 24-hour decision follow from an Inadequate judgement only: an Inadequate
// home gets them (from its rule), a LADO investigation alone does not.
TEST(CoventryRagScheme, SameDayVisitOnlyWhereJudgedInadequate) {
  const qaf::rating inadequate =
      rag({{"id", "home"}, {"facts", {{"regulator_rating", "inadequate"}}}});
  EXPECT_EQ(inadequate.level, qaf::level_value(std::string("high")));
  ASSERT_EQ(inadequate.interventions.size(), 1u);
  EXPECT_THAT(inadequate.interventions[0].text, ::testing::HasSubstr("same working day"));
  EXPECT_EQ(inadequate.interventions[0].rule, "rag-high-inadequate");

  const qaf::rating lado = rag({{"id", "home"}, {"facts", {{"lado_investigation", true}}}});
  EXPECT_EQ(lado.level, qaf::level_value(std::string("high")));
  EXPECT_TRUE(lado.interventions.empty());
}

// No concerns and stable placements: low, earned by stable placements; "Low risk: minor concerns"
// is not said of a provider with none. Nothing known: not assessed, never "Low risk".
TEST(CoventryRagScheme, NoConcernsIsLowWithoutMinorConcernsAndNothingKnownIsNotAssessed) {
  const qaf::rating none = rag({{"id", "home"},
                                {"facts",
                                 {{"concern_level", "none"},
                                  {"placement_stability", "stable"},
                                  {"regulator_rating", "good"},
                                  {"placement_stop", false},
                                  {"lado_investigation", false}}}});
  EXPECT_EQ(none.status, qaf::rating_status::decided);
  EXPECT_EQ(none.level, qaf::level_value(std::string("low")));
  EXPECT_THAT(reason_ids(none), ElementsAre("rag-low-stable"));
  EXPECT_EQ(none.reasons[0].kind, qaf::reason_kind::requirement_met);

  const qaf::rating blank = rag({{"id", "home"}, {"facts", nlohmann::json::object()}});
  EXPECT_EQ(blank.status, qaf::rating_status::not_assessed);
  EXPECT_EQ(blank.could_reach, qaf::level_value(std::string("high")));
}

// Minor concerns and stable placements, the rest unknown: low, but an unknown Ofsted rating,
// placement stop or LADO investigation could make it high.
TEST(CoventryRagScheme, LowWithUnknownsCouldReachHigh) {
  const qaf::rating r = rag(
      {{"id", "home"}, {"facts", {{"concern_level", "minor"}, {"placement_stability", "stable"}}}});
  EXPECT_EQ(r.level, qaf::level_value(std::string("low")));
  EXPECT_EQ(r.could_reach, qaf::level_value(std::string("high")));
  EXPECT_THAT(r.unknown_facts,
              ElementsAre("regulator_rating", "lado_investigation", "placement_stop"));
}

}  // namespace
