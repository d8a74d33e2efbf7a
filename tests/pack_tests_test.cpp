// The worked examples a pack carries (qaf/pack_test.hpp, `qaf test`). Expectations here are built
// from what the engine answers for the same record, so these tests check the runner — matching,
// failures, pointers — and the bundled packs' own tests (bundled_packs_test.cpp) check the rules.
#include "qaf/pack_test.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include "qaf/engine.hpp"
#include "test_support.hpp"

namespace {

using json = nlohmann::json;

const json& home_record() {
  static const json record = {
      {"id", "home"},
      {"facts",
       {{"service_type", "childrens_home"},
        {"location", "in_area"},
        {"monitoring_start", "2023-04-01"}}},
      {"history", json::array({{{"activity", "QMC-1"}, {"date", "2024-05-13"}}})}};
  return record;
}

/// Bolton children's pack with `tests` replaced by the given list.
qaf::pack bolton_with_tests(const json& tests) {
  json document = json::parse(qaf::load_pack_or_throw("bolton-children-2024").json_text());
  document["tests"] = tests;
  qaf::pack_result loaded = qaf::parse_pack(document.dump(), "mine.json");
  EXPECT_TRUE(loaded) << (loaded.diagnostics.empty() ? "" : loaded.diagnostics[0].to_string());
  return std::move(*loaded.pack);
}

/// The first occurrence the engine schedules for the home record in the year after 2024-07-01.
json first_occurrence() {
  const qaf::engine engine(qaf::load_pack_or_throw("bolton-children-2024"));
  qaf::portfolio_result read = qaf::parse_portfolio_json(
      engine.rules(), json({{"providers", json::array({home_record()})}}).dump(), "t.json");
  EXPECT_TRUE(read);
  const qaf::date as_of = qaf::date::parse("2024-07-01");
  const qaf::schedule_result schedule = engine.schedule(read.portfolio->providers.front(),
                                                        {as_of, qaf::add_months(as_of, 12), as_of});
  EXPECT_FALSE(schedule.occurrences.empty());
  const qaf::occurrence& o = schedule.occurrences.front();
  return {{"activity", o.activity}, {"due", o.due.to_string()}, {"status", to_string(o.status)}};
}

json test_case(json expect) {
  return {{"id", "home-case"},
          {"provider", home_record()},
          {"as_of", "2024-07-01"},
          {"expect", std::move(expect)}};
}

TEST(PackTests, ExpectationsFoundInTheResultsPass) {
  const json occurrence = first_occurrence();
  const qaf::pack_test_report report = qaf::run_pack_tests(
      bolton_with_tests(json::array({test_case({{"occurrences", json::array({occurrence})}})})));
  EXPECT_TRUE(report.ok());
  EXPECT_EQ(report.passed, 1U);
  EXPECT_EQ(report.failed, 0U);
  EXPECT_TRUE(report.failures.empty());
}

TEST(PackTests, AWrongDueDateFailsAtItsExpectationAndShowsWhatTheEngineGave) {
  json occurrence = first_occurrence();
  const std::string right = occurrence["due"];
  occurrence["due"] = "2030-01-01";
  const qaf::pack_test_report report = qaf::run_pack_tests(bolton_with_tests(json::array(
      {test_case({{"occurrences", json::array({occurrence})}}), test_case(json::object())})));
  EXPECT_FALSE(report.ok());
  EXPECT_EQ(report.failed, 2U);
  ASSERT_EQ(report.failures.size(), 2U);
  const qaf::diagnostic& d = report.failures[0];
  EXPECT_EQ(d.code, "qaf.test.failed");
  EXPECT_EQ(d.file, "mine.json");
  EXPECT_EQ(d.pointer, "/tests/0/expect/occurrences/0");
  EXPECT_NE(d.message.find("test 'home-case'"), std::string::npos) << d.message;
  EXPECT_NE(d.message.find("2030-01-01"), std::string::npos) << d.message;
  EXPECT_NE(d.message.find(right), std::string::npos) << d.message;
  EXPECT_EQ(report.failures[1].code, "qaf.test.invalid");
  EXPECT_EQ(report.failures[1].pointer, "/tests/1/expect");
}

TEST(PackTests, AnAbsentOccurrenceThatIsListedFails) {
  const json occurrence = first_occurrence();
  const qaf::pack_test_report report = qaf::run_pack_tests(bolton_with_tests(
      json::array({test_case({{"absent", json::array({{{"activity", occurrence["activity"]},
                                                       {"due", occurrence["due"]}}})}})})));
  ASSERT_EQ(report.failures.size(), 1U);
  EXPECT_EQ(report.failures[0].code, "qaf.test.failed");
  EXPECT_EQ(report.failures[0].pointer, "/tests/0/expect/absent/0");
  EXPECT_NE(report.failures[0].message.find("expected no occurrence"), std::string::npos);
}

TEST(PackTests, RatingsMatchOnTheFieldsGivenIncludingReasonsInAnyOrder) {
  const qaf::engine engine(qaf::load_pack_or_throw("bolton-children-2024"));
  json record = home_record();
  record["facts"]["safeguarding_enquiries_open"] = 2;
  qaf::portfolio_result read = qaf::parse_portfolio_json(
      engine.rules(), json({{"providers", json::array({record})}}).dump(), "t.json");
  ASSERT_TRUE(read);
  const std::vector<qaf::rating> ratings =
      engine.rate(read.portfolio->providers.front(), qaf::date::parse("2024-07-01"));
  ASSERT_FALSE(ratings.empty());
  ASSERT_FALSE(ratings.front().reasons.empty());
  const json expected = {
      {"scheme", ratings.front().scheme},
      {"reasons", json::array({{{"rule", ratings.front().reasons.back().rule}}})}};
  json passing = test_case({{"ratings", json::array({expected})}});
  passing["provider"] = record;
  json failing = passing;
  failing["id"] = "wrong-rule";
  failing["expect"]["ratings"][0]["reasons"][0]["rule"] = "no-such-rule";
  const qaf::pack_test_report report =
      qaf::run_pack_tests(bolton_with_tests(json::array({passing, failing})));
  EXPECT_EQ(report.passed, 1U);
  EXPECT_EQ(report.failed, 1U);
  ASSERT_EQ(report.failures.size(), 1U);
  EXPECT_EQ(report.failures[0].pointer, "/tests/1/expect/ratings/0");
  EXPECT_NE(report.failures[0].message.find("test 'wrong-rule'"), std::string::npos);
}

TEST(PackTests, ARecordThatDoesNotFitThePackPointsIntoTheTestsProvider) {
  json record = home_record();
  record["facts"]["bed"] = 4;
  json test = test_case({{"ratings", json::array({{{"scheme", "pqr"}}})}});
  test["provider"] = record;
  const qaf::pack_test_report report = qaf::run_pack_tests(bolton_with_tests(json::array({test})));
  EXPECT_EQ(report.failed, 1U);
  ASSERT_FALSE(report.failures.empty());
  EXPECT_EQ(report.failures[0].pointer, "/tests/0/provider/facts/bed");
  EXPECT_NE(report.failures[0].message.find("test 'home-case'"), std::string::npos);
}

TEST(PackTests, MalformedTestsAreNamedNotRun) {
  json bad_date = test_case({{"ratings", json::array({{{"scheme", "pqr"}}})}});
  bad_date["as_of"] = "2023-02-29";
  json unknown = test_case({{"rating", json::array()}});
  const qaf::pack_test_report report =
      qaf::run_pack_tests(bolton_with_tests(json::array({bad_date, unknown, 7})));
  EXPECT_EQ(report.failed, 3U);
  ASSERT_EQ(report.failures.size(), 3U);
  EXPECT_EQ(report.failures[0].code, "qaf.test.invalid");
  EXPECT_EQ(report.failures[0].pointer, "/tests/0/as_of");
  EXPECT_EQ(report.failures[1].pointer, "/tests/1/expect/rating");
  EXPECT_NE(report.failures[1].message.find("unknown member 'rating'"), std::string::npos);
  EXPECT_EQ(report.failures[2].pointer, "/tests/2");
}

// An expected item's `exactly` lists must hold as many items as the result's, in order; the
// others only need to hold the items given.
TEST(PackTests, ExactlyComparesTheNamedListsItemByItemInOrder) {
  json record = home_record();
  record["facts"]["safeguarding_enquiries_open"] = 1;
  record["facts"]["concern_level"] = "minor";
  const auto rating_test = [&](const std::string& id, json reasons, json also_fired) {
    json test = test_case({{"ratings", json::array({{{"scheme", "pqr"},
                                                     {"reasons", std::move(reasons)},
                                                     {"also_fired", std::move(also_fired)},
                                                     {"exactly", {"reasons", "also_fired"}}}})}});
    test["id"] = id;
    test["provider"] = record;
    return test;
  };
  // The record's monthly QMC-5 returns are overdue (the ledger derives returns_missed), so the
  // missed-return rule fires beside the minor concerns.
  const json enquiry = {{"rule", "pqr-3-safeguarding-enquiry"}};
  const json minor = {{"rule", "pqr-2-minor-concerns"}};
  const json missed = {{"rule", "pqr-2-missed-return"}};
  const json no_issues = {{"rule", "pqr-1-no-issues"}, {"kind", "failed"}};
  const qaf::pack_test_report report = qaf::run_pack_tests(bolton_with_tests(
      json::array({rating_test("in-order", {enquiry}, {minor, missed, no_issues}),
                   rating_test("out-of-order", {enquiry}, {no_issues, minor, missed}),
                   rating_test("one-missing", {enquiry}, {minor, no_issues})})));
  EXPECT_EQ(report.passed, 1U);
  ASSERT_EQ(report.failures.size(), 2U);
  EXPECT_EQ(report.failures[0].pointer, "/tests/1/expect/ratings/0");
  EXPECT_EQ(report.failures[1].pointer, "/tests/2/expect/ratings/0");
  // What the engine gave names the rule the expectation left out.
  EXPECT_NE(report.failures[1].message.find("pqr-2-missed-return"), std::string::npos)
      << report.failures[1].message;
}

// `only` selects occurrences by the fields of `where` and compares them with the list given:
// as many, in order, and an empty list for none at all.
TEST(PackTests, OnlyListsEveryOccurrenceARuleGives) {
  const json first = first_occurrence();
  const json where = {{"activity", first["activity"]}, {"due", first["due"]}};
  json right = test_case(
      {{"only", json::array({{{"where", where}, {"occurrences", json::array({first})}}})}});
  json none =
      test_case({{"only", json::array({{{"where", where}, {"occurrences", json::array()}}})}});
  none["id"] = "none";
  const qaf::pack_test_report report =
      qaf::run_pack_tests(bolton_with_tests(json::array({right, none})));
  EXPECT_EQ(report.passed, 1U);
  ASSERT_EQ(report.failures.size(), 1U);
  const qaf::diagnostic& d = report.failures[0];
  EXPECT_EQ(d.code, "qaf.test.failed");
  EXPECT_EQ(d.pointer, "/tests/1/expect/only/0");
  EXPECT_NE(d.message.find("test 'none': expected exactly 0 occurrences where"), std::string::npos)
      << d.message;
  // The occurrence the engine gave is shown by the fields that identify it.
  EXPECT_NE(d.message.find("the engine gave [{\"activity\":"), std::string::npos) << d.message;
}

// Minimum-visit checks, the schedule's unknown facts and warnings, and items that must not be in
// the result (`not`) are expected as the JSON output writes them.
TEST(PackTests, MinimumVisitsUnknownFactsWarningsAndNot) {
  const qaf::engine engine(qaf::load_pack_or_throw("bolton-children-2024"));
  qaf::portfolio_result read = qaf::parse_portfolio_json(
      engine.rules(), json({{"providers", json::array({home_record()})}}).dump(), "t.json");
  ASSERT_TRUE(read);
  const qaf::date as_of = qaf::date::parse("2024-07-01");
  const std::vector<std::string> unknown =
      engine.schedule(read.portfolio->providers.front(), {as_of, qaf::add_months(as_of, 12), as_of})
          .unknown_facts;
  ASSERT_FALSE(unknown.empty());
  json passing = test_case(
      {{"minimum_visits", json::array({{{"rule", "min-visits-social-care"}, {"required", 2}}})},
       {"unknown_facts", unknown},
       {"exactly", {"unknown_facts"}},
       {"not",
        {{"ratings", json::array({{{"scheme", "pqr"}, {"level", 5}}})},
         {"minimum_visits", json::array({{{"rule", "min-visits-oob-send"}}})}}}});
  json failing = test_case(
      {{"minimum_visits", json::array({{{"rule", "min-visits-social-care"}, {"required", 3}}})},
       {"unknown_facts", json::array({"beds"})},
       {"warnings", json::array({{{"code", "outside_effective_period"}}})},
       {"not", {{"minimum_visits", json::array({{{"rule", "min-visits-social-care"}}})}}}});
  failing["id"] = "wrong";
  json wrong_list = test_case({{"unknown_facts", json::array()}, {"exactly", {"unknown_facts"}}});
  wrong_list["id"] = "none-unknown";
  const qaf::pack_test_report report =
      qaf::run_pack_tests(bolton_with_tests(json::array({passing, failing, wrong_list})));
  EXPECT_EQ(report.passed, 1U);
  std::vector<std::string> pointers;
  for (const qaf::diagnostic& d : report.failures) pointers.push_back(d.pointer);
  EXPECT_EQ(pointers, (std::vector<std::string>{
                          "/tests/1/expect/minimum_visits/0", "/tests/1/expect/unknown_facts/0",
                          "/tests/1/expect/warnings/0", "/tests/1/expect/not/minimum_visits/0",
                          "/tests/2/expect/unknown_facts"}));
  ASSERT_EQ(report.failures.size(), 5U);
  EXPECT_NE(report.failures[0].message.find("\"required\":2"), std::string::npos)
      << report.failures[0].message;
  EXPECT_NE(report.failures[3].message.find("expected no minimum-visit check"), std::string::npos)
      << report.failures[3].message;
  // A list of names is shown as the engine gave it.
  EXPECT_NE(report.failures[4].message.find("the engine gave " + json(unknown).dump()),
            std::string::npos)
      << report.failures[4].message;
}

// Misshapen expectations and sources are reported at their pointers, not run.
TEST(PackTests, MisshapenExpectationsAndSourcesAreInvalid) {
  json bad_only = test_case({{"only", json::array({{{"occurrences", json::array()}}})}});
  json bad_exactly =
      test_case({{"ratings", json::array({{{"scheme", "pqr"}, {"exactly", {"reasons"}}}})}});
  json bad_not = test_case({{"not", {{"rating", json::array({{{"scheme", "pqr"}}})}}}});
  json bad_source = test_case({{"ratings", json::array({{{"scheme", "pqr"}}})}});
  bad_source["source"] = {{"document", "no-such-document"}, {"section", "1"}};
  json unknown_fact = test_case({{"unknown_facts", json::array({7})}});
  const qaf::pack_test_report report = qaf::run_pack_tests(
      bolton_with_tests(json::array({bad_only, bad_exactly, bad_not, bad_source, unknown_fact})));
  EXPECT_EQ(report.failed, 5U);
  std::vector<std::string> pointers;
  for (const qaf::diagnostic& d : report.failures) {
    EXPECT_EQ(d.code, "qaf.test.invalid") << d.to_string();
    pointers.push_back(d.pointer);
  }
  EXPECT_EQ(pointers,
            (std::vector<std::string>{"/tests/0/expect/only/0", "/tests/1/expect/ratings/0/exactly",
                                      "/tests/2/expect/not/rating", "/tests/3/source/document",
                                      "/tests/4/expect/unknown_facts/0"}));
  EXPECT_NE(report.failures[2].message.find("did you mean 'ratings'"), std::string::npos)
      << report.failures[2].message;
}

TEST(PackTests, CommandLineReportsFailuresOnStderrAndNothingOnStdout) {
  const qaf::testing::cli_result ok = qaf::testing::run_cli("test bolton-children-2024");
  EXPECT_EQ(ok.status, 0) << ok.err;
  EXPECT_NE(ok.out.find(" passed, 0 failed"), std::string::npos) << ok.out;

  json occurrence = first_occurrence();
  occurrence["due"] = "2030-01-01";
  const auto dir = std::filesystem::temp_directory_path() / "qaf-pack-tests";
  std::filesystem::create_directories(dir);
  const auto path = dir / "mine.json";
  {
    json document = json::parse(qaf::load_pack_or_throw("bolton-children-2024").json_text());
    document["tests"] = json::array({test_case({{"occurrences", json::array({occurrence})}})});
    std::ofstream(path) << document.dump();
  }
  for (const char* command : {"test", "validate"}) {
    const qaf::testing::cli_result failed =
        qaf::testing::run_cli(std::string(command) + " '" + path.string() + "'");
    EXPECT_EQ(failed.status, 1) << command;
    EXPECT_EQ(failed.out, "") << command;
    EXPECT_NE(failed.err.find("/tests/0/expect/occurrences/0"), std::string::npos) << failed.err;
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
