// The pack loader's messages as an author meets them: one mistake gives one diagnostic (no
// cascade into a false second one), an unknown member lists the members allowed, and every
// closed set offers "did you mean". Each case changes tests/data/packs/complete.json in one way.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "qaf/pack.hpp"
#include "test_support.hpp"

namespace {

using qaf::testing::complete_pack;
using qaf::testing::data_dir;
using qaf::testing::describe;
using qaf::testing::read_file;
using ::testing::HasSubstr;

nlohmann::json complete() {
  return nlohmann::json::parse(read_file(data_dir() / "packs/complete.json"));
}

// Loads `pack` and expects exactly one diagnostic, with this code and pointer; returns its message.
std::string only_diagnostic(const nlohmann::json& pack, const std::string& code,
                            const std::string& pointer) {
  const qaf::pack_result loaded = qaf::parse_pack(pack.dump(), "mine.json");
  EXPECT_FALSE(loaded.pack.has_value());
  if (loaded.diagnostics.size() != 1) {
    ADD_FAILURE() << "expected one diagnostic, found " << loaded.diagnostics.size() << ":\n"
                  << describe(loaded.diagnostics);
    return {};
  }
  EXPECT_EQ(loaded.diagnostics[0].code, code);
  EXPECT_EQ(loaded.diagnostics[0].pointer, pointer);
  return loaded.diagnostics[0].message;
}

TEST(PackErrors, AFactThatFailsToDeclareIsNotAlsoUnknownWhereItIsUsed) {
  nlohmann::json pack = complete();
  pack["facts"].push_back({{"name", "audit_scores"},
                           {"type", "object"},
                           {"keys", {"safe", "well_led"}},
                           {"values", {"pass", "fail"}},
                           {"nullable", true},
                           {"description", "Scores of the council's own audit."}});
  pack["schedule"][0]["when"] = "audit_scores.safe == 'fail'";
  pack["schemes"][0]["rules"][0]["when"] = "any(audit_scores, s -> s == 'fail')";
  EXPECT_EQ(only_diagnostic(pack, "qaf.fact.declaration", "/facts/2/nullable"),
            "a object fact cannot be nullable");
}

TEST(PackErrors, AFactWithABadTypeIsReportedOnce) {
  nlohmann::json pack = complete();
  pack["facts"][0]["type"] = "bool";
  EXPECT_THAT(only_diagnostic(pack, "qaf.fact.declaration", "/facts/0/type"),
              HasSubstr("fact type 'bool' is none of"));
  pack["schedule"][1]["when"] = "flu_service";
  EXPECT_THAT(only_diagnostic(pack, "qaf.fact.declaration", "/facts/0/type"),
              HasSubstr("fact type 'bool' is none of"));
}

TEST(PackErrors, AnUnknownMemberListsTheMembersAllowed) {
  nlohmann::json pack = complete();
  pack["follow_ups"][0]["unless"] = "regulator_rating == 'inadequate'";
  EXPECT_EQ(only_diagnostic(pack, "qaf.pack.unknown_member", "/follow_ups/0/unless"),
            "unknown member 'unless'; the members allowed here are activity, after, counts_as, "
            "due, id, interpretation, note, source, when");
}

TEST(PackErrors, AMisspeltMemberIsNamed) {
  nlohmann::json pack = complete();
  pack["activities"][0]["onsite"] = pack["activities"][0]["on_site"];
  pack["activities"][0].erase("on_site");
  const qaf::pack_result loaded = qaf::parse_pack(pack.dump(), "mine.json");
  ASSERT_EQ(loaded.diagnostics.size(), 1u) << describe(loaded.diagnostics);
  EXPECT_THAT(loaded.diagnostics[0].to_string(),
              HasSubstr("mine.json:/activities/0/onsite: qaf.pack.unknown_member: "
                        "unknown member 'onsite'; did you mean 'on_site'? The members "
                        "allowed here are code, interpretation, kind, note, on_site, "
                        "outcomes, source, title"));
}

TEST(PackErrors, AMisspeltLevelNameIsSuggested) {
  nlohmann::json pack = complete();
  pack["schemes"][1]["rules"][0]["level"] = "hihg";
  EXPECT_EQ(only_diagnostic(pack, "qaf.pack.undeclared_level", "/schemes/1/rules/0/level"),
            "\"hihg\" is not a level of scheme 'rag'; its levels are low, high; did you mean "
            "'high'?");
}

TEST(PackErrors, ANumberThatIsNotALevelListsTheLevels) {
  nlohmann::json pack = complete();
  pack["schemes"][0]["rules"][0]["level"] = 7;
  EXPECT_EQ(only_diagnostic(pack, "qaf.pack.undeclared_level", "/schemes/0/rules/0/level"),
            "7 is not a level of scheme 'pqr'; its levels are 1, 2, 3");
}

TEST(PackErrors, AMisspeltRegionIsSuggested) {
  nlohmann::json pack = complete();
  pack["calendar"]["region"] = "england_and_wale";
  EXPECT_EQ(only_diagnostic(pack, "qaf.pack.value", "/calendar/region"),
            "unknown region \"england_and_wale\": the known regions are england_and_wales; did "
            "you mean 'england_and_wales'?");
}

TEST(PackErrors, AMisspeltKindIsSuggested) {
  nlohmann::json pack = complete();
  pack["activities"][0]["kind"] = "visti";
  EXPECT_THAT(only_diagnostic(pack, "qaf.pack.value", "/activities/0/kind"),
              HasSubstr("did you mean 'visit'?"));
}

TEST(PackErrors, AMisspeltEventTypeIsSuggested) {
  nlohmann::json pack = complete();
  pack["triggers"][1]["event"] = "registered_manager_change";
  EXPECT_THAT(only_diagnostic(pack, "qaf.pack.value", "/triggers/1/event"),
              HasSubstr("did you mean 'registered_manager_changed'?"));
}

TEST(PackErrors, AMisspeltActivityIsSuggested) {
  nlohmann::json pack = complete();
  pack["follow_ups"][0]["activity"] = "F1";
  EXPECT_THAT(only_diagnostic(pack, "qaf.pack.undeclared_activity", "/follow_ups/0/activity"),
              HasSubstr("did you mean 'F-1'?"));
}

TEST(PackErrors, AMisspeltFactAndEnumValueInAConditionAreSuggested) {
  nlohmann::json pack = complete();
  pack["schemes"][0]["rules"][1]["when"] = "safeguarding_enquiry_open >= 1";
  EXPECT_THAT(only_diagnostic(pack, "qaf.condition.unknown_fact", "/schemes/0/rules/1/when"),
              HasSubstr("did you mean 'safeguarding_enquiries_open'?"));
  pack = complete();
  pack["schemes"][1]["rules"][0]["when"] = "regulator_rating == 'inadequte'";
  EXPECT_THAT(only_diagnostic(pack, "qaf.condition.value", "/schemes/1/rules/0/when"),
              HasSubstr("did you mean 'inadequate'?"));
}

TEST(PackErrors, AMisspeltSourceDocumentIsSuggested) {
  nlohmann::json pack = complete();
  pack["activities"][0]["source"]["document"] = "qaf-dco";
  EXPECT_THAT(only_diagnostic(pack, "qaf.pack.undeclared_source", "/activities/0/source/document"),
              HasSubstr("did you mean 'qaf-doc'?"));
}

}  // namespace

namespace {

// The portfolio reader follows the same rules: a misspelt member is one mistake, reported once
// with the member meant, never again as that member missing.
TEST(PortfolioErrors, AMisspeltRequiredMemberIsOneDiagnosticWithASuggestion) {
  const qaf::portfolio_result read = qaf::parse_portfolio_json(
      complete_pack(),
      R"({"providers": [{"id": "a", "history": [{"activity": "V-1", "dte": "2024-05-01"}],
          "returns": [{"period": {"start": "2024-04-01", "ends": "2024-06-30"}, "values": {}}]}]})",
      "mine.json");
  ASSERT_EQ(read.diagnostics.size(), 2u) << describe(read.diagnostics);
  EXPECT_EQ(read.diagnostics[0].to_string(),
            "mine.json:/providers/0/history/0/dte: qaf.portfolio.unknown_member: unknown member "
            "'dte'; did you mean 'date'? A history entry has {\"activity\", \"date\", "
            "\"period\", \"due\", \"outcome\"}");
  EXPECT_EQ(read.diagnostics[1].pointer, "/providers/0/returns/0/period/ends");
  EXPECT_EQ(read.diagnostics[1].code, "qaf.portfolio.unknown_member");
}

TEST(PortfolioErrors, AMemberMissingWithNoLikelyMisspellingIsStillReported) {
  const qaf::portfolio_result read = qaf::parse_portfolio_json(
      complete_pack(), R"({"providers": [{"id": "a", "history": [{"activity": "V-1"}]}]})",
      "mine.json");
  ASSERT_EQ(read.diagnostics.size(), 1u) << describe(read.diagnostics);
  EXPECT_EQ(read.diagnostics[0].code, "qaf.portfolio.missing");
  EXPECT_EQ(read.diagnostics[0].pointer, "/providers/0/history/0");
}

}  // namespace
