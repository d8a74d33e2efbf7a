// The pack loader: bundled packs load, and every mistake in tests/data/bad_packs is reported with
// its exact code and JSON Pointer.
#include "qaf/pack.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <regex>

#include "pack/pack_data.hpp"
#include "test_support.hpp"

namespace {

using qaf::testing::data_dir;
using qaf::testing::describe;
using qaf::testing::read_file;
using ::testing::ElementsAreArray;

// The five frameworks, and the earlier and later years of Bolton adults' deadline tables, each a
// version of its own (docs/packs/bolton-adults-2020.md).
const char* const bundled_ids[] = {"bolton-adults-2018",         "bolton-adults-2019",
                                   "bolton-adults-2020",         "bolton-adults-2021",
                                   "bolton-children-2024",       "coventry-children",
                                   "devon-children-residential", "herefordshire-adults-2018"};

TEST(Pack, CompleteTestPackLoadsWithEverySection) {
  const qaf::pack_result loaded = qaf::load_pack((data_dir() / "packs/complete.json").string());
  ASSERT_TRUE(loaded) << describe(loaded.diagnostics);
  const qaf::pack& pack = *loaded.pack;
  EXPECT_EQ(pack.info().id, "test-complete");
  EXPECT_EQ(pack.info().version, "1.2.3");
  EXPECT_EQ(pack.info().effective_from, qaf::date::parse("2024-04-01"));
  EXPECT_FALSE(pack.info().effective_to.has_value());
  ASSERT_EQ(pack.info().sources.size(), 1u);
  EXPECT_EQ(pack.info().sources[0].date, "2024-03");
  EXPECT_EQ(pack.activities().size(), 6u);
  ASSERT_NE(pack.find_activity("R-1"), nullptr);
  EXPECT_EQ(pack.find_activity("R-1")->kind, qaf::activity_kind::data_return);
  EXPECT_EQ(qaf::to_string(pack.find_activity("R-1")->kind), "return");
  EXPECT_TRUE(pack.find_activity("V-1")->on_site);
  EXPECT_EQ(pack.find_activity("QMC-1"), nullptr);
  EXPECT_EQ(pack.service_types().size(), 2u);

  const qaf::detail::pack_data& data = pack.data();
  ASSERT_EQ(data.schedule.size(), 7u);
  EXPECT_EQ(data.schedule[0].cadence.type, qaf::detail::cadence_type::alternate);
  EXPECT_EQ(data.schedule[0].cadence.interval.months, 12);
  ASSERT_EQ(data.schedule[0].cadence.alternates.size(), 2u);
  EXPECT_EQ(data.activities[data.schedule[0].cadence.alternates[1]].code, "V-2");
  EXPECT_EQ(data.schedule[0].meta.source.quote, "24 monthly alternating");
  EXPECT_EQ(data.schedule[1].cadence.day_of_month, 8);
  EXPECT_EQ(data.schedule[1].cadence.roll, qaf::detail::roll_rule::next_working_day);
  EXPECT_EQ(data.schedule[1].cadence.month_mask,
            (1 << 10) | (1 << 11) | (1 << 12) | (1 << 1) | (1 << 2));
  EXPECT_EQ(data.schedule[3].cadence.first_due->months, 3);
  EXPECT_TRUE(data.schedule[3].meta.interpretation);
  ASSERT_EQ(data.deadline_tables.size(), 1u);
  EXPECT_EQ(data.deadline_tables[0].deadlines[1].published, "27/05/24");
  EXPECT_EQ(data.deadline_tables[0].deadlines[2].end, qaf::date::parse("2024-06-30"));
  ASSERT_EQ(data.triggers.size(), 2u);
  EXPECT_EQ(data.triggers[0].obligations[1].due.type, qaf::detail::due_type::hours);
  EXPECT_EQ(data.triggers[0].obligations[1].due.count, 24);
  EXPECT_TRUE(data.triggers[0].obligations[2].repeat.has_value());
  EXPECT_TRUE(data.triggers[1].obligations[0].brings_forward);
  ASSERT_EQ(data.schemes.size(), 2u);
  EXPECT_EQ(data.schemes[0].rules[1].level, 2u);  // index of level 3
  EXPECT_EQ(data.schemes[1].rules[0].level, 1u);  // index of "high"
  ASSERT_EQ(data.kpis.size(), 3u);
  EXPECT_EQ(data.kpis[0].against, qaf::detail::kpi_baseline::previous_contract_year);
  EXPECT_EQ(data.kpis[2].frequency, qaf::detail::kpi_frequency::yearly);
  EXPECT_EQ(data.consequences.not_met_after_review, "default_notice");
  EXPECT_FALSE(data.calendar.is_working_day(qaf::date::parse("2024-12-24")));  // closure day
}

TEST(Pack, EveryBundledPackLoadsCleanly) {
  const std::vector<qaf::bundled_pack_summary> bundled = qaf::bundled_packs();
  std::vector<std::string> ids;
  for (const auto& summary : bundled) ids.push_back(summary.id);
  EXPECT_THAT(ids, ElementsAreArray(bundled_ids));
  for (const char* id : bundled_ids) {
    const qaf::pack_result loaded = qaf::load_pack(id);
    ASSERT_TRUE(loaded) << id << '\n' << describe(loaded.diagnostics);
    const qaf::pack& pack = *loaded.pack;
    EXPECT_EQ(pack.info().id, id) << "a bundled pack's id is its file name";
    EXPECT_FALSE(pack.info().title.empty());
    EXPECT_FALSE(pack.info().version.empty());
    EXPECT_FALSE(pack.activities().empty()) << id;
    for (const qaf::activity& a : pack.activities()) {
      EXPECT_FALSE(a.source.section.empty()) << id << ' ' << a.code << " cites no section";
    }
  }
}

TEST(Pack, BundledPackSummariesCarryTitleVersionAndSource) {
  for (const qaf::bundled_pack_summary& s : qaf::bundled_packs()) {
    EXPECT_FALSE(s.title.empty()) << s.id;
    EXPECT_FALSE(s.version.empty()) << s.id;
    EXPECT_FALSE(s.source.empty()) << s.id;
  }
}

TEST(Pack, UnknownIdOrPathIsNotFound) {
  const qaf::pack_result loaded = qaf::load_pack("bolton-childrens-2024");
  EXPECT_FALSE(loaded);
  ASSERT_EQ(loaded.diagnostics.size(), 1u);
  EXPECT_EQ(loaded.diagnostics[0].code, "qaf.pack.not_found");
  EXPECT_THAT(loaded.diagnostics[0].message, ::testing::HasSubstr("bolton-children-2024"));
}

TEST(Pack, LoadOrThrowCarriesTheDiagnostics) {
  try {
    qaf::load_pack_or_throw((data_dir() / "bad_packs/several-mistakes.json").string());
    FAIL() << "expected qaf::input_error";
  } catch (const qaf::input_error& e) {
    EXPECT_EQ(e.diagnostics().size(), 3u);
    EXPECT_THAT(e.what(), ::testing::HasSubstr("(and 2 more)"));
  }
}

TEST(Pack, CopiesShareOneCompiledPack) {
  const qaf::pack a = qaf::load_pack_or_throw("coventry-children");
  const qaf::pack b = a;  // NOLINT(performance-unnecessary-copy-initialization): the point
  EXPECT_EQ(&a.data(), &b.data());
}

TEST(Pack, ConditionErrorsShowTheColumnWithACaret) {
  const qaf::pack_result loaded =
      qaf::load_pack((data_dir() / "bad_packs/unknown-fact.json").string());
  ASSERT_EQ(loaded.diagnostics.size(), 1u);
  const std::string& message = loaded.diagnostics[0].message;
  EXPECT_THAT(message, ::testing::StartsWith("column 38: "));
  EXPECT_THAT(message, ::testing::HasSubstr("'beds'"));
  EXPECT_THAT(message, ::testing::HasSubstr("\n" + std::string(37, ' ') + "^"));
}

// Each bad pack in tests/data/bad_packs differs from a valid pack in one way (or, in
// several-mistakes, three); its manifest says exactly what must be reported.
class BadPack : public ::testing::TestWithParam<nlohmann::json> {};

TEST_P(BadPack, IsRejectedWithExactCodesAndPointers) {
  const nlohmann::json& c = GetParam();
  const auto path = data_dir() / "bad_packs" / c["file"].get<std::string>();
  const qaf::pack_result loaded = qaf::load_pack(path.string());
  EXPECT_FALSE(loaded) << c["why"];
  std::vector<std::pair<std::string, std::string>> found;
  for (const qaf::diagnostic& d : loaded.diagnostics) {
    EXPECT_EQ(d.file, path.string());
    found.emplace_back(d.code, d.pointer);
  }
  std::vector<std::pair<std::string, std::string>> expected;
  for (const auto& e : c["expect"]) {
    expected.emplace_back(e["code"].get<std::string>(), e["pointer"].get<std::string>());
  }
  std::sort(found.begin(), found.end());
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(found, expected) << c["why"] << '\n' << describe(loaded.diagnostics);
}

std::vector<nlohmann::json> bad_pack_cases() {
  const nlohmann::json cases =
      nlohmann::json::parse(read_file(data_dir() / "bad_packs/cases.json"));
  return {cases.begin(), cases.end()};
}

std::string case_name(const ::testing::TestParamInfo<nlohmann::json>& info) {
  std::string name = info.param["file"].get<std::string>();
  name = name.substr(0, name.find('.'));
  std::replace_if(
      name.begin(), name.end(),
      [](char ch) { return !std::isalnum(static_cast<unsigned char>(ch)); }, '_');
  return name;
}

INSTANTIATE_TEST_SUITE_P(Corpus, BadPack, ::testing::ValuesIn(bad_pack_cases()), case_name);

TEST(Pack, MalformedJsonIsReportedAtLineAndColumn) {
  const qaf::pack_result loaded =
      qaf::parse_pack("{\n  \"format\": 1\n  \"id\": \"x\"\n}\n", "inline.json");
  ASSERT_EQ(loaded.diagnostics.size(), 1u);
  EXPECT_EQ(loaded.diagnostics[0].to_string().substr(0, 16), "inline.json:3:6:");
  EXPECT_THAT(loaded.diagnostics[0].message, ::testing::HasSubstr("malformed JSON"));
}

TEST(Pack, CliValidatePrintsOkOrOneErrorALine) {
  const auto ok = qaf::testing::run_cli("validate bolton-children-2024");
  EXPECT_EQ(ok.status, 0) << ok.err;
  EXPECT_EQ(ok.out, "ok\n");

  const auto bad = qaf::testing::run_cli("validate " +
                                         (data_dir() / "bad_packs/several-mistakes.json").string());
  EXPECT_EQ(bad.status, 1);
  EXPECT_EQ(bad.out, "") << "nothing on stdout when validation fails";
  const std::string file = (data_dir() / "bad_packs/several-mistakes.json").string();
  EXPECT_THAT(bad.err,
              ::testing::HasSubstr(file + ":: qaf.pack.missing: the member 'title' is required\n"));
  EXPECT_THAT(bad.err,
              ::testing::HasSubstr(file + ":/schedule/1/activity: qaf.pack.undeclared_activity: "
                                          "'R-9' is not an activity"));
  EXPECT_EQ(std::count(bad.err.begin(), bad.err.end(), '\n'), 3);
}

TEST(Pack, CliValidateChecksAPortfolioAgainstThePack) {
  const std::string pack = (data_dir() / "packs/complete.json").string();
  const auto ok = qaf::testing::run_cli("validate " + pack + " --portfolio " +
                                        (data_dir() / "portfolios/complete.csv").string());
  EXPECT_EQ(ok.status, 0) << ok.err;
  EXPECT_EQ(ok.out, "ok\n");
  const auto bad = qaf::testing::run_cli("validate " + pack + " --portfolio " +
                                         (data_dir() / "bad_portfolios/enum-cell.csv").string());
  EXPECT_EQ(bad.status, 1);
  EXPECT_EQ(bad.out, "");
  EXPECT_THAT(bad.err, ::testing::HasSubstr("enum-cell.csv:3:2: "));
}

TEST(Pack, CliPacksListsEveryBundledPack) {
  const auto listed = qaf::testing::run_cli("packs");
  EXPECT_EQ(listed.status, 0) << listed.err;
  std::istringstream lines(listed.out);
  std::string line;
  std::vector<std::string> ids;
  while (std::getline(lines, line)) {
    EXPECT_EQ(std::count(line.begin(), line.end(), '\t'), 3) << line;
    ids.push_back(line.substr(0, line.find('\t')));
  }
  EXPECT_THAT(ids, ElementsAreArray(bundled_ids));
}

}  // namespace
