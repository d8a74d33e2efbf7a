// Versions in force by date: a pack names the version it replaces in `previous`; evaluating as
// of a date uses the version in force then, and results name it. Each version here is
// tests/data/packs/complete.json with its own period and cadence, written to a scratch folder.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "qaf/pack.hpp"
#include "test_support.hpp"

namespace {

using qaf::testing::data_dir;
using qaf::testing::describe;
using qaf::testing::read_file;
using qaf::testing::run_cli;
using ::testing::HasSubstr;

class PackVersions : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_ = std::filesystem::temp_directory_path() /
              ("qaf-versions-" + std::to_string(::getpid()) + "-" +
               ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(folder_);
  }
  void TearDown() override { std::filesystem::remove_all(folder_); }

  // complete.json as version `version`, in force over [from, to], with alternate visits every
  // `months` months, replacing `previous` when it is not empty.
  std::string write(const std::string& name, const std::string& version, const std::string& from,
                    const nlohmann::json& to, int months, const std::string& previous = "") {
    nlohmann::json pack = nlohmann::json::parse(read_file(data_dir() / "packs/complete.json"));
    pack["version"] = version;
    pack["effective_from"] = from;
    pack["effective_to"] = to;
    pack["schedule"][0]["cadence"]["months"] = months;
    if (!previous.empty()) pack["previous"] = previous;
    std::ofstream(folder_ / name) << pack.dump(1);
    return (folder_ / name).string();
  }

  std::string portfolio() {
    std::ofstream(folder_ / "homes.json") << R"({"providers": [
      {"id": "home", "facts": {"service_type": "childrens_home", "location": "in_area",
       "monitoring_start": "2023-04-01"},
       "history": [{"activity": "V-1", "date": "2024-06-03"}]}]})";
    return (folder_ / "homes.json").string();
  }

  std::filesystem::path folder_;
};

TEST_F(PackVersions, TheVersionInForceOnADateIsUsed) {
  write("v1.json", "1.0.0", "2024-04-01", "2025-03-31", 12);
  write("v2.json", "2.0.0", "2025-04-01", nullptr, 6, "v1.json");
  const qaf::pack current = qaf::load_pack_or_throw((folder_ / "v2.json").string());
  ASSERT_EQ(current.earlier_versions().size(), 1u);
  EXPECT_EQ(current.earlier_versions()[0].info().version, "1.0.0");
  EXPECT_EQ(current.version_in_force(qaf::date::parse("2025-04-01")).info().version, "2.0.0");
  EXPECT_EQ(current.version_in_force(qaf::date::parse("2025-03-31")).info().version, "1.0.0");
  EXPECT_EQ(current.version_in_force(qaf::date::parse("2024-10-01")).info().version, "1.0.0");
  // Before every version: the earliest, whose results then say they are outside its period.
  EXPECT_EQ(current.version_in_force(qaf::date::parse("2020-01-01")).info().version, "1.0.0");
}

TEST_F(PackVersions, ReplayingLastYearUsesLastYearsRulesAndNamesTheVersion) {
  write("v1.json", "1.0.0", "2024-04-01", "2025-03-31", 12);
  const std::string current = write("v2.json", "2.0.0", "2025-04-01", nullptr, 6, "v1.json");
  const std::string homes = portfolio();

  const auto last_year = run_cli("schedule --pack " + current + " --portfolio " + homes +
                                 " --from 2024-07-01 --to 2025-03-31 --as-of 2024-07-01");
  ASSERT_EQ(last_year.status, 0) << last_year.err;
  const nlohmann::json then = nlohmann::json::parse(last_year.out);
  EXPECT_EQ(then["pack"]["version"], "1.0.0");
  // Version 1 alternates every 12 months: after the V-1 of 3 June 2024 nothing is due before
  // April 2025 (the V-2 falls due on 3 June 2025).
  for (const auto& o : then["occurrences"]) EXPECT_NE(o["activity"], "V-2") << o.dump();

  const auto this_year = run_cli("schedule --pack " + current + " --portfolio " + homes +
                                 " --from 2025-04-01 --to 2026-03-31 --as-of 2025-04-01");
  ASSERT_EQ(this_year.status, 0) << this_year.err;
  const nlohmann::json now = nlohmann::json::parse(this_year.out);
  EXPECT_EQ(now["pack"]["version"], "2.0.0");

  const auto rated =
      run_cli("rate --pack " + current + " --portfolio " + homes + " --as-of 2024-12-01");
  ASSERT_EQ(rated.status, 0) << rated.err;
  EXPECT_EQ(nlohmann::json::parse(rated.out)["pack"]["version"], "1.0.0");
}

TEST_F(PackVersions, ThePreviousVersionMustEndBeforeThisOneBegins) {
  write("v1.json", "1.0.0", "2024-04-01", nullptr, 12);
  const std::string current = write("v2.json", "2.0.0", "2025-04-01", nullptr, 6, "v1.json");
  const qaf::pack_result loaded = qaf::load_pack(current);
  ASSERT_FALSE(loaded) << "overlapping versions";
  ASSERT_EQ(loaded.diagnostics.size(), 1u) << describe(loaded.diagnostics);
  EXPECT_EQ(loaded.diagnostics[0].code, "qaf.pack.previous");
  EXPECT_EQ(loaded.diagnostics[0].pointer, "/previous");
  EXPECT_EQ(loaded.diagnostics[0].message,
            "the previous version 'v1.json' (1.0.0, from 2024-04-01 to no end) must end before "
            "this one begins on 2025-04-01: give it an effective_to");
}

TEST_F(PackVersions, APreviousVersionThatDoesNotLoadIsReportedWithItsOwnDiagnostics) {
  const std::string current = write("v2.json", "2.0.0", "2025-04-01", nullptr, 6, "missing.json");
  const qaf::pack_result loaded = qaf::load_pack(current);
  ASSERT_FALSE(loaded);
  ASSERT_EQ(loaded.diagnostics.size(), 2u) << describe(loaded.diagnostics);
  EXPECT_EQ(loaded.diagnostics[0].code, "qaf.pack.previous");
  EXPECT_EQ(loaded.diagnostics[0].file, current);
  EXPECT_EQ(loaded.diagnostics[1].code, "qaf.pack.not_found");
  EXPECT_EQ(loaded.diagnostics[1].file, (folder_ / "missing.json").string());
}

TEST_F(PackVersions, VersionsCannotGoRoundInACircle) {
  write("a.json", "1.0.0", "2024-04-01", "2025-03-31", 12, "b.json");
  const std::string b = write("b.json", "2.0.0", "2025-04-01", nullptr, 6, "a.json");
  const qaf::pack_result loaded = qaf::load_pack(b);
  ASSERT_FALSE(loaded);
  EXPECT_THAT(describe(loaded.diagnostics),
              HasSubstr("'b.json' is this pack or one it replaces: versions cannot go round in "
                        "a circle"));
}

TEST_F(PackVersions, ABundledPackWithoutPreviousHasNoEarlierVersions) {
  const qaf::pack bolton = qaf::load_pack_or_throw("bolton-children-2024");
  EXPECT_TRUE(bolton.earlier_versions().empty());
  EXPECT_EQ(bolton.version_in_force(qaf::date::parse("2020-01-01")).info().version,
            bolton.info().version);
}

// Bolton adults: the 2020/21 guidance publishes deadline tables for 2018/19 to 2021/22; each
// year's are a version of their own, chained with `previous` (docs/packs/bolton-adults-2020.md).
TEST_F(PackVersions, BoltonAdultsFamilyIsChainedYearByYear) {
  const qaf::pack latest = qaf::load_pack_or_throw("bolton-adults-2021");
  std::vector<std::string> earlier;
  for (const qaf::pack& version : latest.earlier_versions()) earlier.push_back(version.info().id);
  EXPECT_EQ(earlier, (std::vector<std::string>{"bolton-adults-2020", "bolton-adults-2019",
                                               "bolton-adults-2018"}));
  const auto in_force = [&](const char* day) {
    return latest.version_in_force(qaf::date::parse(day)).info().id;
  };
  EXPECT_EQ(in_force("2019-01-15"), "bolton-adults-2018");
  EXPECT_EQ(in_force("2019-04-01"), "bolton-adults-2019");
  EXPECT_EQ(in_force("2021-03-31"), "bolton-adults-2020");
  EXPECT_EQ(in_force("2021-07-01"), "bolton-adults-2021");
}

TEST_F(PackVersions, BoltonAdultsAsOfJanuary2019GivesThe2018To19DeadlinesAndNamesTheVersion) {
  std::ofstream(folder_ / "bolton.json") << R"({"providers": [
    {"id": "home-support", "facts": {"service_type": "domiciliary", "framework_agreement": true,
     "regulator": "cqc", "service_users": 60}},
    {"id": "grant", "facts": {"service_type": "grant_funded"}},
    {"id": "care-home", "facts": {"service_type": "residential", "beds": 20,
     "monitoring_start": "2018-04-01"}, "history": [{"activity": "QM-1", "date": "2018-06-01"}]}]})";
  const std::string portfolio = (folder_ / "bolton.json").string();
  // Named by the 2020/21 framework users know, or by the family's latest version: the same.
  for (const char* named : {"bolton-adults-2020", "bolton-adults-2021"}) {
    SCOPED_TRACE(named);
    const auto run = run_cli(std::string("schedule --pack ") + named + " --portfolio " + portfolio +
                             " --from 2018-04-01 --to 2019-03-31 --as-of 2019-01-15");
    ASSERT_EQ(run.status, 0) << run.err;
    const nlohmann::json result = nlohmann::json::parse(run.out);
    EXPECT_EQ(result["pack"]["id"], "bolton-adults-2018");
    EXPECT_EQ(result["pack"]["version"], "1.0.0");
    EXPECT_EQ(result["warnings"], nlohmann::json::array());
    std::vector<std::string> returns;
    std::vector<std::string> grants;
    for (const auto& o : result["occurrences"]) {
      const std::string line = o["due"].get<std::string>() + ' ' + o["status"].get<std::string>();
      if (o["provider"] == "home-support") returns.push_back(line);
      if (o["provider"] == "grant") grants.push_back(line);
      // 2018/19 has no published visits: the care home owes nothing in this version.
      EXPECT_NE(o["provider"], "care-home") << o.dump();
      // Period 10 is printed 07/01/18; it is 7 January 2019, and says it was corrected.
      if (o["due"] == "2019-01-07") {
        EXPECT_EQ(o["warnings"][0]["code"], "corrected_date") << o.dump();
        EXPECT_EQ(o["period_name"], "2018/19 period 10");
      }
    }
    EXPECT_EQ(returns, (std::vector<std::string>{
                           "2018-04-30 overdue", "2018-05-28 overdue", "2018-06-25 overdue",
                           "2018-07-23 overdue", "2018-08-20 overdue", "2018-09-17 overdue",
                           "2018-10-15 overdue", "2018-11-12 overdue", "2018-12-10 overdue",
                           "2019-01-07 overdue", "2019-02-04 due", "2019-03-04 upcoming"}));
    // The fourth quarter's return (due 12/4/19) falls after the window asked for.
    EXPECT_EQ(grants, (std::vector<std::string>{"2018-07-13 overdue", "2018-10-12 overdue",
                                                "2019-01-18 due"}));
  }
}

TEST_F(PackVersions, BoltonAdultsGrantDeadlinesOf2021To22AreUsableIn2021To22) {
  std::ofstream(folder_ / "grant.json")
      << R"({"providers": [{"id": "grant", "facts": {"service_type": "grant_funded"}}]})";
  const std::string portfolio = (folder_ / "grant.json").string();
  const auto run = run_cli("schedule --pack bolton-adults-2021 --portfolio " + portfolio +
                           " --from 2021-04-01 --to 2022-06-30 --as-of 2021-07-01");
  ASSERT_EQ(run.status, 0) << run.err;
  const nlohmann::json result = nlohmann::json::parse(run.out);
  EXPECT_EQ(result["pack"]["id"], "bolton-adults-2021");
  std::vector<std::string> dues;
  for (const auto& o : result["occurrences"]) dues.push_back(o["due"].get<std::string>());
  EXPECT_EQ(dues,
            (std::vector<std::string>{"2021-07-16", "2021-10-15", "2022-01-14", "2022-04-15"}));
  // The 2020/21 framework on its own ends on 31 March 2021, and says so.
  const auto alone = run_cli("schedule --pack bolton-adults-2020 --portfolio " + portfolio +
                             " --from 2021-04-01 --to 2022-06-30 --as-of 2021-07-01");
  ASSERT_EQ(alone.status, 0) << alone.err;
  const nlohmann::json old = nlohmann::json::parse(alone.out);
  EXPECT_EQ(old["pack"]["id"], "bolton-adults-2020");
  ASSERT_FALSE(old["warnings"].empty());
  EXPECT_EQ(old["warnings"][0]["code"], "outside_effective_period");
}

TEST_F(PackVersions, EveryVersionOfTheBoltonAdultsFamilyValidates) {
  const auto run = run_cli("validate bolton-adults-2021");
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(run.out, "ok\n");
}

}  // namespace
