// The worked examples a pack carries (qaf/pack_test.hpp, `qaf test`). Expectations here are built
// from what the engine answers for the same record, so these tests check the runner — matching,
// failures, pointers — and the bundled packs' own tests check the rules.
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

TEST(PackTests, EveryBundledPackPassesItsOwnTests) {
  for (const qaf::bundled_pack_summary& bundled : qaf::bundled_packs()) {
    const qaf::pack_test_report report = qaf::run_pack_tests(qaf::load_pack_or_throw(bundled.id));
    for (const qaf::diagnostic& d : report.failures) ADD_FAILURE() << d.to_string();
    EXPECT_GE(report.passed, 3U) << bundled.id << " carries too few worked examples";
  }
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
