// qaf::diff_rules and qaf::diff_results, and `qaf diff`: a changed rule shows with what changed
// and with the providers it affects; providers it does not affect are not listed.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "qaf/pack_diff.hpp"
#include "test_support.hpp"

namespace {

using qaf::testing::complete_pack;
using qaf::testing::data_dir;
using qaf::testing::read_file;
using qaf::testing::record_with;
using ::testing::HasSubstr;

nlohmann::json complete_json() {
  return nlohmann::json::parse(read_file(data_dir() / "packs/complete.json"));
}

// complete.json with its alternate visits every 6 months instead of 12, the s.47 rule moved from
// level 3 to 2, the published return's rule removed and a rule added.
nlohmann::json changed_json() {
  nlohmann::json pack = complete_json();
  pack["version"] = "1.3.0";
  pack["schedule"][0]["cadence"]["months"] = 6;
  pack["schemes"][0]["rules"][1]["level"] = 2;
  pack["schedule"].erase(2);
  pack["schedule"].push_back({{"id", "annual-self-assessment"},
                              {"activity", "V-2"},
                              {"when", "service_type == 'supported_accommodation'"},
                              {"cadence", {{"type", "every"}, {"months", 12}}},
                              {"source", {{"document", "qaf-doc"}, {"section", "2.2"}}}});
  return pack;
}

qaf::pack changed_pack() {
  qaf::pack_result loaded = qaf::parse_pack(changed_json().dump(), "changed.json");
  if (!loaded) throw std::runtime_error(qaf::testing::describe(loaded.diagnostics));
  return *loaded.pack;
}

const qaf::rule_change* find(const std::vector<qaf::rule_change>& changes,
                             const std::string& section, const std::string& id) {
  for (const qaf::rule_change& c : changes)
    if (c.section == section && c.id == id) return &c;
  return nullptr;
}

TEST(PackDiff, APackComparedWithItselfHasNoChanges) {
  EXPECT_TRUE(qaf::diff_rules(complete_pack(), complete_pack()).empty());
}

TEST(PackDiff, RulesAddedRemovedAndChangedByIdWithTheMembersThatChanged) {
  const std::vector<qaf::rule_change> changes = qaf::diff_rules(complete_pack(), changed_pack());
  const std::string removed_id = complete_json()["schedule"][2]["id"].get<std::string>();

  const qaf::rule_change* version = find(changes, "pack", "test-complete");
  ASSERT_NE(version, nullptr);
  ASSERT_EQ(version->members.size(), 1u);
  EXPECT_EQ(version->members[0].member, "version");
  EXPECT_EQ(version->members[0].before, "\"1.2.3\"");
  EXPECT_EQ(version->members[0].after, "\"1.3.0\"");

  const qaf::rule_change* cadence = find(changes, "schedule", "alternate-visits");
  ASSERT_NE(cadence, nullptr);
  EXPECT_EQ(cadence->change, qaf::change_kind::changed);
  ASSERT_EQ(cadence->members.size(), 1u);
  EXPECT_EQ(cadence->members[0].member, "cadence");
  EXPECT_THAT(cadence->members[0].before, HasSubstr("\"months\":12"));
  EXPECT_THAT(cadence->members[0].after, HasSubstr("\"months\":6"));

  const qaf::rule_change* level = find(changes, "schemes/pqr/rules", "pqr-3-s47");
  ASSERT_NE(level, nullptr);
  ASSERT_EQ(level->members.size(), 1u);
  EXPECT_EQ(level->members[0].member, "level");
  EXPECT_EQ(level->members[0].before, "3");
  EXPECT_EQ(level->members[0].after, "2");

  const qaf::rule_change* removed = find(changes, "schedule", removed_id);
  ASSERT_NE(removed, nullptr);
  EXPECT_EQ(removed->change, qaf::change_kind::removed);
  const qaf::rule_change* added = find(changes, "schedule", "annual-self-assessment");
  ASSERT_NE(added, nullptr);
  EXPECT_EQ(added->change, qaf::change_kind::added);
  EXPECT_EQ(changes.size(), 5u) << "nothing else differs";
}

qaf::portfolio two_homes() {
  qaf::portfolio p;
  qaf::provider home = record_with("home", {{"service_type", std::string("childrens_home")},
                                            {"location", std::string("in_area")},
                                            {"monitoring_start", qaf::date::parse("2024-04-01")},
                                            {"safeguarding_enquiries_open", std::int64_t{1}}});
  home.history.push_back({"V-1", qaf::date::parse("2024-06-03")});
  p.providers.push_back(home);
  // Out of area: the alternate visits never applied, and it has no s.47 enquiry.
  p.providers.push_back(record_with("away", {{"service_type", std::string("childrens_home")},
                                             {"location", std::string("out_of_area")},
                                             {"monitoring_start", qaf::date::parse("2024-04-01")},
                                             {"safeguarding_enquiries_open", std::int64_t{0}}}));
  return p;
}

TEST(PackDiff, AChangedRuleShowsTheProvidersItAffectsWithBeforeAndAfter) {
  const qaf::result_diff_options options{qaf::date::parse("2024-07-01"),
                                         qaf::date::parse("2024-07-01"),
                                         qaf::date::parse("2025-06-30")};
  const std::vector<qaf::result_change> changes =
      qaf::diff_results(complete_pack(), changed_pack(), two_homes(), options);
  std::vector<std::string> lines;
  for (const qaf::result_change& c : changes) {
    lines.push_back(c.provider + " " + c.what + " " + c.item + ": " + c.before + " -> " + c.after);
  }
  // Every 6 months from the V-1 of 3 June: V-2 on 3 December, V-1 on 3 June 2025; every 12
  // months the V-2 fell due on 3 June 2025.
  EXPECT_THAT(lines, ::testing::Contains("home schedule V-2 due 2024-12-03: none -> upcoming "
                                         "(rule alternate-visits)"));
  EXPECT_THAT(lines, ::testing::Contains("home schedule V-2 due 2025-06-03: upcoming (rule "
                                         "alternate-visits) -> none"));
  EXPECT_THAT(lines, ::testing::Contains("home rating pqr: 3 Moderate concern, decided -> 2 Minor "
                                         "concern, decided"));
  // Out of area, the alternate visits never applied and the s.47 rule does not fire: only the
  // removed published return (owed by every provider) changes its schedule.
  for (const qaf::result_change& c : changes) {
    if (c.provider == "away") {
      EXPECT_EQ(c.item.substr(0, 4), "R-2 ") << c.item;
      EXPECT_EQ(c.after, "none") << c.item;
    }
  }
}

TEST(PackDiff, CliShowsRulesAndProvidersAsTextAndJson) {
  const std::filesystem::path folder =
      std::filesystem::temp_directory_path() / ("qaf-diff-" + std::to_string(::getpid()));
  std::filesystem::create_directories(folder);
  std::ofstream(folder / "changed.json") << changed_json().dump(1);
  std::ofstream(folder / "homes.json") << R"({"providers": [
    {"id": "home", "facts": {"service_type": "childrens_home", "location": "in_area",
     "monitoring_start": "2024-04-01", "safeguarding_enquiries_open": 1},
     "history": [{"activity": "V-1", "date": "2024-06-03"}]}]})";
  const std::string before = (data_dir() / "packs/complete.json").string();
  const std::string after = (folder / "changed.json").string();
  const std::string homes = (folder / "homes.json").string();

  const auto text = qaf::testing::run_cli("diff " + before + " " + after + " --portfolio " + homes +
                                          " --as-of 2024-07-01 --format text");
  EXPECT_EQ(text.status, 0) << text.err;
  EXPECT_THAT(text.out, HasSubstr("test-complete 1.2.3 -> test-complete 1.3.0\n"));
  EXPECT_THAT(text.out, HasSubstr("changed schedule alternate-visits\n  cadence: "));
  EXPECT_THAT(text.out, HasSubstr("added schedule annual-self-assessment\n"));
  EXPECT_THAT(text.out, HasSubstr("home\n  schedule R-2 due 2024-04-29: overdue (rule "
                                  "published-return) -> none\n"));
  EXPECT_THAT(text.out, HasSubstr("\n  schedule V-2 due 2024-12-03: none -> upcoming (rule "
                                  "alternate-visits)\n"));
  EXPECT_THAT(text.out, HasSubstr("1 provider with results that change, as of 2024-07-01 "
                                  "(schedule 2024-07-01 to 2025-06-30)\n"));

  const auto json = qaf::testing::run_cli("diff " + before + " " + after + " --portfolio " + homes +
                                          " --as-of 2024-07-01");
  ASSERT_EQ(json.status, 0) << json.err;
  const nlohmann::json doc = nlohmann::json::parse(json.out);
  EXPECT_EQ(doc["pack"]["version"], "1.3.0");
  EXPECT_EQ(doc["before"]["version"], "1.2.3");
  EXPECT_EQ(doc["changes"].size(), 5u);
  bool found = false;
  for (const auto& c : doc["changes"]) {
    if (c["id"] == "pqr-3-s47") {
      found = true;
      EXPECT_EQ(c["section"], "schemes/pqr/rules");
      EXPECT_EQ(c["members"][0]["before"], 3);
      EXPECT_EQ(c["members"][0]["after"], 2);
    }
  }
  EXPECT_TRUE(found);
  EXPECT_FALSE(doc["providers"].empty());

  // A portfolio that does not fit the second pack is refused with the reader's diagnostic.
  const auto missing = qaf::testing::run_cli("diff " + before + " " + after +
                                             " --portfolio no-such-file.json --as-of 2024-07-01");
  EXPECT_EQ(missing.status, 1);
  EXPECT_EQ(missing.out, "");
  const auto usage = qaf::testing::run_cli("diff " + before);
  EXPECT_EQ(usage.status, 1);
  EXPECT_THAT(usage.err, HasSubstr("qaf diff: qaf.cli.usage: which two packs?"));
  std::filesystem::remove_all(folder);
}

}  // namespace
