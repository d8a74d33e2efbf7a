// Portfolio input: JSON (read with simdjson) and CSV (read with libcsv), checked against a pack,
// with every mistake reported at its JSON Pointer or row:column.
#include "qaf/portfolio.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <regex>

#include "qaf/pack.hpp"
#include "test_support.hpp"

namespace {

using qaf::testing::complete_pack;
using qaf::testing::data_dir;
using qaf::testing::describe;
using qaf::testing::read_file;

TEST(Portfolio, JsonRecordsKeepEveryPart) {
  const qaf::portfolio_result read =
      qaf::read_portfolio(complete_pack(), (data_dir() / "portfolios/complete.json").string());
  ASSERT_TRUE(read) << describe(read.diagnostics);
  ASSERT_EQ(read.portfolio->providers.size(), 2u);
  const qaf::provider& p = read.portfolio->providers[0];
  EXPECT_EQ(p.id, "home-1");
  EXPECT_EQ(std::get<std::string>(p.facts.at("name")), "Oak House");
  EXPECT_EQ(std::get<std::string>(p.facts.at("service_type")), "childrens_home");
  EXPECT_EQ(std::get<std::int64_t>(p.facts.at("beds")), 4);
  EXPECT_EQ(std::get<bool>(p.facts.at("flu_service")), false);
  EXPECT_TRUE(std::holds_alternative<std::nullptr_t>(p.facts.at("placement_suspension_since")));
  EXPECT_EQ(std::get<qaf::fact_object>(p.facts.at("key_question_ratings")).at("well_led"),
            "requires_improvement");
  ASSERT_EQ(p.history.size(), 2u);
  EXPECT_EQ(p.history[0].activity, "V-1");
  EXPECT_EQ(p.history[0].on, qaf::date::parse("2024-05-13"));
  ASSERT_EQ(p.events.size(), 1u);
  EXPECT_EQ(p.events[0].type, "regulator_rating_changed");
  EXPECT_EQ(p.events[0].details.at("to"), "requires_improvement");
  ASSERT_EQ(p.returns.size(), 1u);
  EXPECT_EQ(p.returns[0].start, qaf::date::parse("2024-04-01"));
  EXPECT_EQ(p.returns[0].end, qaf::date::parse("2024-06-30"));
  EXPECT_EQ(std::get<double>(p.returns[0].values.at("breakdowns")), 2.0);
  EXPECT_EQ(std::get<qaf::ratio>(p.returns[0].values.at("assessments")).denominator, 4.0);
  EXPECT_EQ(std::get<bool>(p.returns[0].values.at("carbon")), true);
  EXPECT_THAT(p.returns[0].explained, ::testing::ElementsAre("assessments"));
}

TEST(Portfolio, CsvRowsBecomeRecords) {
  const qaf::portfolio_result read =
      qaf::read_portfolio(complete_pack(), (data_dir() / "portfolios/complete.csv").string());
  ASSERT_TRUE(read) << describe(read.diagnostics);
  ASSERT_EQ(read.portfolio->providers.size(), 2u);
  const qaf::provider& a = read.portfolio->providers[0];
  EXPECT_EQ(std::get<std::int64_t>(a.facts.at("beds")), 4);
  EXPECT_EQ(std::get<qaf::date>(a.facts.at("monitoring_start")), qaf::date::parse("2023-04-01"));
  EXPECT_EQ(std::get<qaf::fact_object>(a.facts.at("key_question_ratings")).at("safe"), "good");
  EXPECT_EQ(std::get<bool>(a.facts.at("flu_service")), false);
  ASSERT_EQ(a.history.size(), 2u);
  EXPECT_EQ(a.history[1].activity, "R-1");
  EXPECT_EQ(a.history[1].on, qaf::date::parse("2024-06-07"));
  const qaf::provider& b = read.portfolio->providers[1];
  EXPECT_EQ(std::get<std::string>(b.facts.at("name")), "Elm House, Bolton") << "a quoted comma";
  EXPECT_EQ(b.facts.count("beds"), 0u) << "an empty cell is an unknown fact";
  EXPECT_TRUE(b.history.empty());
}

TEST(Portfolio, RecordsBuiltInCodeAreCheckedTheSameWay) {
  qaf::provider p;
  p.id = "x";
  p.facts["service_type"] = std::string("care_home");
  p.history.push_back({"QMC-1", qaf::date::parse("2024-01-01")});
  const std::vector<qaf::diagnostic> found = qaf::check_provider(complete_pack(), p);
  ASSERT_EQ(found.size(), 2u) << describe(found);
  EXPECT_EQ(found[0].code, "qaf.fact.enum");
  EXPECT_EQ(found[0].pointer, "/facts/service_type");
  EXPECT_EQ(found[1].code, "qaf.portfolio.unknown_activity");
  EXPECT_EQ(found[1].pointer, "/history/0/activity");
}

class BadPortfolio : public ::testing::TestWithParam<nlohmann::json> {};

TEST_P(BadPortfolio, IsRejectedWithExactCodesAndLocations) {
  const nlohmann::json& c = GetParam();
  const auto path = data_dir() / "bad_portfolios" / c["file"].get<std::string>();
  const qaf::portfolio_result read = qaf::read_portfolio(complete_pack(), path.string());
  EXPECT_FALSE(read) << c["why"];
  EXPECT_FALSE(read.portfolio.has_value()) << "nothing partial";
  ASSERT_EQ(read.diagnostics.size(), c["expect"].size()) << c["why"] << '\n'
                                                         << describe(read.diagnostics);
  for (std::size_t i = 0; i < read.diagnostics.size(); ++i) {
    const nlohmann::json& e = c["expect"][i];
    EXPECT_EQ(read.diagnostics[i].code, e["code"].get<std::string>()) << describe(read.diagnostics);
    EXPECT_EQ(read.diagnostics[i].file, path.string());
    if (e["pointer"].is_null()) {
      EXPECT_TRUE(std::regex_match(read.diagnostics[i].pointer, std::regex("\\d+:\\d+")))
          << read.diagnostics[i].pointer;
    } else {
      EXPECT_EQ(read.diagnostics[i].pointer, e["pointer"].get<std::string>())
          << describe(read.diagnostics);
    }
  }
}

std::vector<nlohmann::json> bad_portfolio_cases() {
  const nlohmann::json cases =
      nlohmann::json::parse(read_file(data_dir() / "bad_portfolios/cases.json"));
  return {cases.begin(), cases.end()};
}

std::string case_name(const ::testing::TestParamInfo<nlohmann::json>& info) {
  std::string name = info.param["file"].get<std::string>();
  std::replace_if(
      name.begin(), name.end(),
      [](char ch) { return !std::isalnum(static_cast<unsigned char>(ch)); }, '_');
  return name;
}

INSTANTIATE_TEST_SUITE_P(Corpus, BadPortfolio, ::testing::ValuesIn(bad_portfolio_cases()),
                         case_name);

TEST(Portfolio, MissingFileIsAnInputError) {
  const qaf::portfolio_result read =
      qaf::read_portfolio(complete_pack(), "/nonexistent/portfolio.json");
  ASSERT_EQ(read.diagnostics.size(), 1u);
  EXPECT_EQ(read.diagnostics[0].code, "qaf.portfolio.not_found");
}

TEST(Portfolio, LargeJsonPortfolioReadsEveryRecord) {
  std::string text = "{\"providers\": [";
  for (int i = 0; i < 5000; ++i) {
    if (i > 0) text += ',';
    text += R"({"id": "p)" + std::to_string(i) +
            R"(", "facts": {"service_type": "childrens_home", "beds": )" + std::to_string(i % 9) +
            R"(}, "history": [{"activity": "V-1", "date": "2024-05-13"}]})";
  }
  text += "]}";
  const qaf::portfolio_result read = qaf::parse_portfolio_json(complete_pack(), text, "big.json");
  ASSERT_TRUE(read) << describe(read.diagnostics);
  EXPECT_EQ(read.portfolio->providers.size(), 5000u);
  EXPECT_EQ(std::get<std::int64_t>(read.portfolio->providers[4999].facts.at("beds")), 4999 % 9);
}

}  // namespace
