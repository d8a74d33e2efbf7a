// The RAG rating of coventry-children ("RAG rating providers using the following criteria"):
// every criterion has a case in tests/data/rating/coventry-children.json.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "rating_cases.hpp"

namespace {

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

// Moderate concerns (medium), stable placements (low) and a placement stop (high): high, with
// all three reasons, most severe first.
TEST(CoventryRagScheme, WorstEvidenceDecides) {
  const qaf::rating r = rag({{"id", "home"},
                             {"facts",
                              {{"concern_level", "moderate"},
                               {"placement_stability", "stable"},
                               {"placement_stop", true}}}});
  EXPECT_EQ(r.level, qaf::level_value(std::string("high")));
  EXPECT_EQ(r.label, "High risk");
  EXPECT_THAT(reason_ids(r), ElementsAre("rag-high-placement-stop", "rag-medium-moderate-concerns",
                                         "rag-low-stable"));
  EXPECT_EQ(r.reasons[0].source.quote, "placement stop");
  ASSERT_EQ(r.interventions.size(), 1u);
  EXPECT_THAT(r.interventions[0].text, ::testing::HasSubstr("same working day"));
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
