// The Provider Quality Rating of bolton-adults-2020 (Appendix 3, PQR Definitions): every sentence
// has a case in tests/data/rating/bolton-adults-2020.json with the level of its row.
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

const char* const pack_id = "bolton-adults-2020";

qaf::rating pqr(const nlohmann::json& record, const char* as_of = "2021-01-15") {
  const qaf::pack& pack = cached_pack(pack_id);
  return rating_of(pack, record_from_json(pack, record), "pqr", qaf::date::parse(as_of));
}

class BoltonAdultsPqr : public ::testing::TestWithParam<qaf::testing::sentence_case> {};

TEST_P(BoltonAdultsPqr, SentenceGivesTheLevelOfItsRow) {
  qaf::testing::check_sentence_case(GetParam(), "pqr");
}

INSTANTIATE_TEST_SUITE_P(Sentences, BoltonAdultsPqr,
                         ::testing::ValuesIn(qaf::testing::sentence_cases(pack_id)),
                         qaf::testing::case_name);

TEST(BoltonAdultsPqrScheme, EverySentenceRuleHasACase) {
  EXPECT_THAT(qaf::testing::rules_without_case(pack_id, "pqr"), ::testing::IsEmpty());
}

// The adult definitions name s.42 enquiries and the QCO where the children's name s.47 and the
// CQMO; the rule ids are shared so that results compare across the two packs.
TEST(BoltonAdultsPqrScheme, SentencesAreTheAdultTablesOwn) {
  const qaf::rating r = pqr(
      {{"id", "s42"}, {"facts", {{"safeguarding_enquiries_open", 2}, {"concern_level", "minor"}}}});
  EXPECT_EQ(r.level, qaf::level_value(std::int64_t{3}));
  EXPECT_THAT(reason_ids(r), ElementsAre("pqr-3-safeguarding-enquiry"));
  // The minor concerns fired too, and they break level 1's "no issues identified at the QM 1
  // meeting": both are listed apart from the reason that decided.
  EXPECT_THAT(also_fired_ids(r), ElementsAre("pqr-2-minor-concerns", "pqr-1-no-issues"));
  EXPECT_EQ(r.reasons[0].text, "There is one or more s.42 safeguarding enquiries ongoing.");
  EXPECT_EQ(r.reasons[0].source.section, "Appendix 3, Provider Quality Rating (PQR) Definitions");
  EXPECT_THAT(r.also_fired[0].text,
              ::testing::StartsWith("Some minor concerns were identified either by the QCO"));
  EXPECT_EQ(r.also_fired[1].kind, qaf::reason_kind::requirement_failed);
  EXPECT_EQ(r.also_fired[1].text,
            "There were no issues identified at the QM 1 meeting either by the registered manager "
            "or the QCO.");
}

// Section 2: the PQR is updated after each QM-1. An officer's override of 2020-11-02 is the
// latest rating; the QM-1 of 2020-12-01 is later, so the PQR is due for review. The override is
// kept beside the suggestion, which it does not change.
TEST(BoltonAdultsPqrScheme, OverrideIsKeptBesideAndQm1MakesItDueForReview) {
  const nlohmann::json record = {
      {"id", "home"},
      {"facts", {{"returns_missed", 1}}},
      {"history", {{{"activity", "QM-1"}, {"date", "2020-12-01"}}}},
      {"ratings", {{{"scheme", "pqr"}, {"level", 3}, {"date", "2020-06-01"}}}},
      {"overrides",
       {{{"scheme", "pqr"},
         {"level", 3},
         {"reason", "Open s.42 enquiry not yet on the system."},
         {"officer", "J. Smith"},
         {"date", "2020-11-02"}}}}};
  const qaf::rating r = pqr(record);
  EXPECT_EQ(r.level, qaf::level_value(std::int64_t{2}));
  ASSERT_TRUE(r.officer_override.has_value());
  EXPECT_EQ(r.officer_override->level, qaf::level_value(std::int64_t{3}));
  EXPECT_EQ(r.officer_override->officer, "J. Smith");
  EXPECT_EQ(r.override_label, "Moderate concern");
  EXPECT_EQ(r.rated_on, qaf::date::parse("2020-11-02"));
  EXPECT_TRUE(r.review_due);
  EXPECT_EQ(r.trend, qaf::rating_trend::de_escalated);  // past rating 3, suggestion 2

  // After the QM-1, a QM-1 done after as_of does not count yet.
  EXPECT_FALSE(pqr(record, "2020-11-30").review_due);
}

}  // namespace
