// KPI evaluation (DOMAIN.md section 5, docs/kpis.md): every measure, target kind and status, the
// consequence ladder over several periods, and contract years (a 15 July start, a 29 February
// start, a return that straddles a boundary). The Devon pack's year of quarterly returns worked
// out by hand from the source (docs/kpis.md, "Worked example") is one of that pack's own tests.
#include "qaf/kpi.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "kpi/contract_year.hpp"
#include "qaf/engine.hpp"
#include "qaf/portfolio.hpp"
#include "test_support.hpp"

namespace {

using qaf::date;
using qaf::kpi_consequence;
using qaf::kpi_result;
using qaf::kpi_status;
using qaf::testing::data_dir;

constexpr auto met = kpi_status::met;
constexpr auto not_met = kpi_status::not_met;
constexpr auto no_data = kpi_status::no_data;
constexpr auto not_applicable = kpi_status::not_applicable;
constexpr auto no_baseline = kpi_status::no_baseline;
constexpr auto none = kpi_consequence::none;
constexpr auto review = kpi_consequence::review_meeting;
constexpr auto notice = kpi_consequence::default_notice;

date d(const char* text) { return date::parse(text); }

qaf::pack test_pack() {
  return qaf::load_pack_or_throw((data_dir() / "kpi/kpi-pack.json").string());
}

qaf::provider record(const char* monitoring_start = "2023-04-01") {
  qaf::provider p;
  p.id = "p1";
  p.facts["service_type"] = std::string("childrens_home");
  p.facts["monitoring_start"] = d(monitoring_start);
  p.facts["listed_company"] = true;
  return p;
}

qaf::data_return period(const char* start, const char* end,
                        std::map<std::string, qaf::kpi_value, std::less<>> values,
                        std::vector<std::string> explained = {},
                        std::vector<std::string> inaccurate = {}) {
  return {d(start), d(end), std::move(values), std::move(explained), std::move(inaccurate)};
}

std::vector<kpi_result> only(const std::vector<kpi_result>& all, const std::string& kpi) {
  std::vector<kpi_result> out;
  for (const kpi_result& r : all) {
    if (r.kpi == kpi) out.push_back(r);
  }
  return out;
}

std::vector<kpi_status> statuses(const std::vector<kpi_result>& results) {
  std::vector<kpi_status> out;
  for (const kpi_result& r : results) out.push_back(r.status);
  return out;
}

std::vector<kpi_consequence> consequences(const std::vector<kpi_result>& results) {
  std::vector<kpi_consequence> out;
  for (const kpi_result& r : results) out.push_back(r.consequence);
  return out;
}

qaf::ratio pct(double n, double dd) { return {n, dd}; }

// ---- contract years --------------------------------------------------------------------------

TEST(ContractYear, StartsEveryFifteenthOfJuly) {
  const date start = d("2023-07-15");
  const auto y0 = qaf::detail::contract_year_containing(start, d("2024-07-14"));
  EXPECT_EQ(y0.index, 0);
  EXPECT_EQ(y0.start, d("2023-07-15"));
  EXPECT_EQ(y0.end, d("2024-07-14"));
  const auto y1 = qaf::detail::contract_year_containing(start, d("2024-07-15"));
  EXPECT_EQ(y1.index, 1);
  EXPECT_EQ(y1.start, d("2024-07-15"));
  EXPECT_EQ(y1.end, d("2025-07-14"));
  const auto before = qaf::detail::contract_year_containing(start, d("2023-07-14"));
  EXPECT_EQ(before.index, -1);
  EXPECT_EQ(before.start, d("2022-07-15"));
  EXPECT_EQ(before.end, d("2023-07-14"));
  EXPECT_EQ(qaf::detail::contract_year_containing(start, d("2027-01-01")).start, d("2026-07-15"));
}

TEST(ContractYear, LeapDayStartClampsEachYearFromTheStartItself) {
  // add_months(2020-02-29, 12k): 2021-02-28, 2022-02-28, 2023-02-28, 2024-02-29.
  const date start = d("2020-02-29");
  EXPECT_EQ(qaf::detail::contract_year_at(start, 0).end, d("2021-02-27"));
  EXPECT_EQ(qaf::detail::contract_year_at(start, 1).start, d("2021-02-28"));
  EXPECT_EQ(qaf::detail::contract_year_at(start, 3).end, d("2024-02-28"));
  EXPECT_EQ(qaf::detail::contract_year_at(start, 4).start, d("2024-02-29"));
  EXPECT_EQ(qaf::detail::contract_year_containing(start, d("2024-02-28")).index, 3);
  EXPECT_EQ(qaf::detail::contract_year_containing(start, d("2024-02-29")).index, 4);
  EXPECT_EQ(qaf::detail::contract_year_containing(start, d("2021-02-27")).index, 0);
  EXPECT_EQ(qaf::detail::contract_year_containing(start, d("2021-02-28")).index, 1);
}

// ---- the Devon pack ----------------------------------------------------------------------------

// The Devon pack's KPIs, their targets and the worked example of docs/kpis.md (a year of quarterly
// returns, tests/data/kpi/devon-year.json) are the pack's own tests:
// packs/devon-children-residential.json.

// ---- every measure, target kind and status (tests/data/kpi/kpi-pack.json) ---------------------

TEST(Kpi, AbsoluteTargetsOnCountsAndPercentages) {
  const qaf::engine engine(test_pack());
  qaf::provider p = record();
  p.returns = {period("2024-04-01", "2024-06-30", {{"count_max", 5.0}, {"share_min", pct(9, 10)}}),
               period("2024-07-01", "2024-09-30", {{"count_max", 6.0}, {"share_min", pct(8, 10)}}),
               period("2024-10-01", "2024-12-31", {{"share_min", pct(0, 0)}})};
  const auto all = engine.evaluate_kpis(p);
  const auto count = only(all, "count_max");
  // at most 5: 5 met, 6 not met, absent no data.
  EXPECT_THAT(statuses(count), ::testing::ElementsAre(met, not_met, no_data));
  EXPECT_EQ(count[0].target, "at most 5");
  EXPECT_EQ(*count[1].value, 6);
  EXPECT_FALSE(count[2].value.has_value());
  EXPECT_FALSE(count[2].reported.has_value());
  const auto share = only(all, "share_min");
  // at least 90%: 9/10 = 90 met; 8/10 = 80 not met; 0/0 not applicable.
  EXPECT_THAT(statuses(share), ::testing::ElementsAre(met, not_met, not_applicable));
  EXPECT_EQ(share[0].target, "at least 90%");
  EXPECT_EQ(share[0].target_rule.type, "at_least");
  EXPECT_EQ(*share[0].target_rule.value, 90);
  EXPECT_DOUBLE_EQ(*share[1].value, 80);
  EXPECT_FALSE(share[2].value.has_value());
  EXPECT_EQ(share[2].note, "the denominator is 0");
}

TEST(Kpi, TrendTargetsAgainstThePreviousPeriod) {
  const qaf::engine engine(test_pack());
  qaf::provider p = record();
  p.returns = {
      period("2024-04-01", "2024-06-30", {{"count_down", 4.0}, {"share_up", pct(1, 4)}}),
      period("2024-07-01", "2024-09-30", {{"count_down", 3.0}, {"share_up", pct(1, 4)}}),
      period("2024-10-01", "2024-12-31", {{"count_down", 3.0}, {"share_up", pct(0, 0)}}),
      period("2025-01-01", "2025-03-31", {{"count_down", 0.0}, {"share_up", pct(3, 4)}}),
      period("2025-04-01", "2025-06-30", {{"count_down", 0.0}, {"share_up", pct(4, 4)}}),
      period("2025-07-01", "2025-09-30", {{"share_up", pct(8, 8)}}),
      period("2025-10-01", "2025-12-31", {{"count_down", 1.0}, {"share_up", pct(7, 8)}}),
  };
  const auto all = engine.evaluate_kpis(p);
  const auto down = only(all, "count_down");
  // 4 (first: nothing to compare); 3 < 4; 3 = 3; 0 < 3; 0 = 0 at the floor; absent; 1 after no
  // data.
  EXPECT_THAT(statuses(down),
              ::testing::ElementsAre(no_baseline, met, not_met, met, met, no_data, no_baseline));
  EXPECT_EQ(*down[1].comparison, 4);
  EXPECT_EQ(*down[4].comparison, 0);
  EXPECT_EQ(down[0].note, "no earlier period to compare with");
  EXPECT_EQ(down[6].note, "the previous return has no value for this KPI");
  const auto up = only(all, "share_up");
  // 25%; 25 = 25 not an increase; 0/0 not applicable; 75 after a 0/0 has no baseline; 100 > 75;
  // 100 = 100 at the ceiling; 87.5 < 100.
  EXPECT_THAT(statuses(up), ::testing::ElementsAre(no_baseline, not_met, not_applicable,
                                                   no_baseline, met, met, not_met));
  EXPECT_EQ(up[3].note, "the previous period's denominator is 0");
  EXPECT_DOUBLE_EQ(*up[6].comparison, 100);
  EXPECT_DOUBLE_EQ(*up[6].value, 87.5);
}

TEST(Kpi, EvidenceTargets) {
  const qaf::engine engine(test_pack());
  qaf::provider p = record();
  p.returns = {period("2024-04-01", "2024-06-30", {{"proof", true}}),
               period("2024-07-01", "2024-09-30", {{"proof", false}}),
               period("2024-10-01", "2024-12-31", {})};
  const auto proof = only(engine.evaluate_kpis(p), "proof");
  EXPECT_THAT(statuses(proof), ::testing::ElementsAre(met, not_met, no_data));
  EXPECT_EQ(*proof[0].value, 1);
  EXPECT_EQ(*proof[1].value, 0);
  EXPECT_EQ(std::get<bool>(*proof[1].reported), false);
  EXPECT_EQ(proof[2].note, "the return has no value for this KPI");
}

TEST(Kpi, APeriodWithNoReturnIsNoDataAndLeavesTheNextWithoutBaseline) {
  const qaf::engine engine(test_pack());
  qaf::provider p = record();
  p.returns = {period("2024-04-01", "2024-06-30", {{"count_down", 4.0}, {"count_max", 9.0}}),
               period("2024-10-01", "2024-12-31", {{"count_down", 2.0}, {"count_max", 1.0}})};
  const auto all = engine.evaluate_kpis(p);
  const auto down = only(all, "count_down");
  ASSERT_EQ(down.size(), 3u);
  EXPECT_EQ(down[1].period_start, d("2024-07-01"));
  EXPECT_EQ(down[1].period_end, d("2024-09-30"));
  EXPECT_EQ(down[1].status, no_data);
  EXPECT_EQ(down[1].note, "no return for this period");
  EXPECT_EQ(down[2].status, no_baseline);
  EXPECT_EQ(down[2].note, "no return for the previous period");
  // The gap holds the ladder: 9 > 5 is a review meeting, 1 <= 5 is met again.
  EXPECT_THAT(consequences(only(all, "count_max")), ::testing::ElementsAre(review, none, none));
}

// ---- the consequence ladder ----------------------------------------------------------------

TEST(Kpi, ConsequenceLadderOverSeveralPeriods) {
  const qaf::engine engine(test_pack());
  qaf::provider p = record();
  // count_max (at most 5): 9, 9 explained, 9, 9, 3, 9, no data, 9, 9.
  const char* const starts[] = {"2023-04-01", "2023-07-01", "2023-10-01",
                                "2024-01-01", "2024-04-01", "2024-07-01",
                                "2024-10-01", "2025-01-01", "2025-04-01"};
  const char* const ends[] = {"2023-06-30", "2023-09-30", "2023-12-31", "2024-03-31", "2024-06-30",
                              "2024-09-30", "2024-12-31", "2025-03-31", "2025-06-30"};
  const double values[] = {9, 9, 9, 9, 3, 9, -1, 9, 9};
  for (std::size_t i = 0; i < std::size(starts); ++i) {
    std::map<std::string, qaf::kpi_value, std::less<>> v;
    if (values[i] >= 0) v["count_max"] = values[i];
    p.returns.push_back(
        period(starts[i], ends[i], v,
               i == 1 ? std::vector<std::string>{"count_max"} : std::vector<std::string>{}));
  }
  const auto results = only(engine.evaluate_kpis(p), "count_max");
  EXPECT_THAT(statuses(results), ::testing::ElementsAre(not_met, not_met, not_met, not_met, met,
                                                        not_met, no_data, not_met, not_met));
  // Not met: review meeting. Explained: none, the ladder holds. Not met again: default notice,
  // and again. Met: reset. Not met: review meeting; no data holds; not met again: default notice.
  EXPECT_THAT(consequences(results), ::testing::ElementsAre(review, none, notice, notice, none,
                                                            review, none, notice, notice));
  EXPECT_TRUE(results[1].explained);
}

// Issue 9: returns from before the framework came into force draw no consequence (the test
// pack is in force from 2020-01-01), and the ladder starts afresh inside it.
TEST(Kpi, NoConsequenceBeforeTheEffectivePeriod) {
  const qaf::engine engine(test_pack());
  qaf::provider p = record("2019-04-01");
  p.returns = {period("2019-10-01", "2019-12-31", {{"count_max", 9.0}}),
               period("2020-01-01", "2020-03-31", {{"count_max", 9.0}})};
  const auto results = only(engine.evaluate_kpis(p), "count_max");
  EXPECT_THAT(statuses(results), ::testing::ElementsAre(not_met, not_met));
  EXPECT_THAT(consequences(results), ::testing::ElementsAre(none, review));
  EXPECT_EQ(results[0].note,
            "outside_effective_period: the period ends before the pack came into force on "
            "2020-01-01, so no consequence is drawn");
  EXPECT_EQ(results[1].note, "");
}

TEST(Kpi, InaccurateDataCountsAsNotMetAndIsNoBaseline) {
  const qaf::engine engine(test_pack());
  qaf::provider p = record();
  p.returns = {period("2024-04-01", "2024-06-30", {{"count_down", 4.0}, {"share_min", pct(10, 10)}},
                      {}, {"count_down", "share_min"}),
               period("2024-07-01", "2024-09-30", {{"count_down", 3.0}, {"share_min", pct(10, 10)}},
                      {"share_min"}, {"share_min"}),
               period("2024-10-01", "2024-12-31", {{"count_down", 2.0}}, {}, {})};
  const auto all = engine.evaluate_kpis(p);
  const auto down = only(all, "count_down");
  EXPECT_THAT(statuses(down), ::testing::ElementsAre(not_met, no_baseline, met));
  EXPECT_TRUE(down[0].inaccurate);
  EXPECT_EQ(down[0].consequence, review);
  EXPECT_EQ(down[0].note, "the return's value is marked inaccurate");
  EXPECT_EQ(down[1].note, "the previous period's value is marked inaccurate");
  const auto share = only(all, "share_min");
  // 100% but inaccurate: not met, review meeting; inaccurate but explained: none.
  EXPECT_THAT(statuses(share), ::testing::ElementsAre(not_met, not_met, no_data));
  EXPECT_THAT(consequences(share), ::testing::ElementsAre(review, none, none));
}

TEST(Kpi, NoConsequencesWithoutThePacksConsequenceRules) {
  nlohmann::json pack =
      nlohmann::json::parse(qaf::testing::read_file(data_dir() / "kpi/kpi-pack.json"));
  pack.erase("kpi_consequences");
  const qaf::pack_result loaded = qaf::parse_pack(pack.dump(), "no-consequences.json");
  ASSERT_TRUE(loaded);
  qaf::provider p = record();
  p.returns = {period("2024-04-01", "2024-06-30", {{"count_max", 9.0}}),
               period("2024-07-01", "2024-09-30", {{"count_max", 9.0}})};
  const auto results = only(qaf::engine(*loaded.pack).evaluate_kpis(p), "count_max");
  EXPECT_THAT(statuses(results), ::testing::ElementsAre(not_met, not_met));
  EXPECT_THAT(consequences(results), ::testing::ElementsAre(none, none));
}

// ---- contract-year targets -------------------------------------------------------------------

TEST(Kpi, ContractYearToDateAgainstTheSameSpanAYearEarlier) {
  const qaf::engine engine(test_pack());
  // Contract years start every 15 July; returns follow contract quarters.
  qaf::provider p = record("2023-07-15");
  p.returns = {
      period("2023-07-15", "2023-10-14", {{"year_down", 2.0}, {"year_up", 1.0}}),
      period("2023-10-15", "2024-01-14", {{"year_down", 1.0}, {"year_up", 1.0}}),
      period("2024-01-15", "2024-04-14", {{"year_down", 1.0}, {"year_up", 1.0}}),
      period("2024-04-15", "2024-07-14", {{"year_down", 0.0}, {"year_up", 1.0}}),
      period("2024-07-15", "2024-10-14", {{"year_down", 1.0}, {"year_up", 2.0}}),
      period("2024-10-15", "2025-01-14", {{"year_down", 3.0}, {"year_up", 0.0}}),
  };
  const auto all = engine.evaluate_kpis(p);
  const auto down = only(all, "year_down");
  // Year 0 (from 2023-07-15) has no earlier year; year 1 (from 2024-07-15): 1 vs 2 met; 1+3 = 4
  // vs 2+1 = 3 not met.
  EXPECT_THAT(statuses(down), ::testing::ElementsAre(no_baseline, no_baseline, no_baseline,
                                                     no_baseline, met, not_met));
  EXPECT_EQ(*down[4].value, 1);
  EXPECT_EQ(*down[4].comparison, 2);
  EXPECT_EQ(*down[5].value, 4);
  EXPECT_EQ(*down[5].comparison, 3);
  EXPECT_EQ(std::get<double>(*down[5].reported), 3);
  EXPECT_EQ(
      down[5].note,
      "contract year to date 2024-07-15/2025-01-14: 4; same span of the previous contract year "
      "from 2023-07-15: 3");
  EXPECT_EQ(down[5].consequence, review);
  EXPECT_EQ(down[3].note,
            "contract year to date 2023-07-15/2024-07-14: 4; no return in the same span of the "
            "previous contract year (2022-07-15/2023-07-14)");
  const auto up = only(all, "year_up");
  // Increase: 2 vs 1 met; 2 vs 2 not met.
  EXPECT_THAT(statuses(up), ::testing::ElementsAre(no_baseline, no_baseline, no_baseline,
                                                   no_baseline, met, not_met));
}

TEST(Kpi, AReturnThatStraddlesAContractYearCountsInTheYearItEnds) {
  const qaf::engine engine(test_pack());
  // Financial quarters against contract years from 15 July: Jul-Sep straddles 15 July and counts
  // whole in the year that starts then; Apr-Jun ends before it and counts in the year before.
  qaf::provider p = record("2023-07-15");
  p.returns = {
      period("2023-07-01", "2023-09-30", {{"year_down", 2.0}}),
      period("2023-10-01", "2023-12-31", {{"year_down", 2.0}}),
      period("2024-01-01", "2024-03-31", {{"year_down", 2.0}}),
      period("2024-04-01", "2024-06-30", {{"year_down", 2.0}}),
      period("2024-07-01", "2024-09-30", {{"year_down", 1.0}}),
      period("2024-10-01", "2024-12-31", {{"year_down", 2.0}}),
  };
  const auto down = only(engine.evaluate_kpis(p), "year_down");
  ASSERT_EQ(down.size(), 6u);
  // 2024-07-01/09-30 ends in the year from 2024-07-15: 1 against 2023-07-01/09-30's 2 (its end
  // 2023-09-30 + 12 months is on or before 2024-09-30).
  EXPECT_EQ(down[4].status, met);
  EXPECT_EQ(*down[4].value, 1);
  EXPECT_EQ(*down[4].comparison, 2);
  EXPECT_EQ(
      down[4].note,
      "contract year to date 2024-07-15/2024-09-30: 1; same span of the previous contract year "
      "from 2023-07-15: 2; the return straddles the contract year's start 2024-07-15 and counts "
      "whole in the year it ends in");
  // 1 + 2 = 3 against 2 + 2 = 4.
  EXPECT_EQ(down[5].status, met);
  EXPECT_EQ(*down[5].value, 3);
  EXPECT_EQ(*down[5].comparison, 4);
  // The first return straddles monitoring_start itself and counts in contract year 0.
  EXPECT_EQ(down[0].status, no_baseline);
  EXPECT_EQ(*down[0].value, 2);
}

TEST(Kpi, LeapDayContractStart) {
  const qaf::engine engine(test_pack());
  // Contract years from 2020-02-29: 2021-02-28, ..., 2023-02-28, 2024-02-29.
  qaf::provider p = record("2020-02-29");
  p.returns = {
      period("2022-12-01", "2023-02-27", {{"year_down", 5.0}}),  // year 2 (to 2023-02-27)
      period("2023-02-28", "2023-05-31", {{"year_down", 3.0}}),  // year 3 starts 2023-02-28
      period("2023-06-01", "2024-02-28", {{"year_down", 1.0}}),  // ends on year 3's last day
      period("2024-02-29", "2024-05-31", {{"year_down", 2.0}}),  // year 4 starts 2024-02-29
  };
  const auto down = only(engine.evaluate_kpis(p), "year_down");
  ASSERT_EQ(down.size(), 4u);
  // Year 3 to 2023-05-31 (3) against year 2 to 2022-05-31: no return ends in that span.
  EXPECT_EQ(down[1].status, no_baseline);
  EXPECT_EQ(*down[1].value, 3);
  // Year 3 to 2024-02-28 (3 + 1 = 4) against year 2 returns ending by 2023-02-28: 5.
  EXPECT_EQ(down[2].status, met);
  EXPECT_EQ(*down[2].value, 4);
  EXPECT_EQ(*down[2].comparison, 5);
  // Year 4 to 2024-05-31 (2) against year 3 returns ending by 2023-05-31: 3.
  EXPECT_EQ(down[3].status, met);
  EXPECT_EQ(*down[3].value, 2);
  EXPECT_EQ(*down[3].comparison, 3);
}

TEST(Kpi, ContractYearToDateWithAMissingValueIsNoData) {
  const qaf::engine engine(test_pack());
  qaf::provider p = record("2023-04-01");
  p.returns = {period("2023-04-01", "2023-06-30", {{"year_down", 1.0}}),
               period("2024-04-01", "2024-06-30", {}),
               period("2024-07-01", "2024-09-30", {{"year_down", 1.0}})};
  const auto down = only(engine.evaluate_kpis(p), "year_down");
  ASSERT_EQ(down.size(), 4u);  // with the gap 2023-07-01/2024-03-31
  EXPECT_EQ(down[1].status, no_data);
  EXPECT_EQ(down[2].status, no_data);
  EXPECT_EQ(down[3].status, no_data);
  EXPECT_EQ(down[3].note,
            "the contract year to date is incomplete: 2024-04-01/2024-06-30 has no usable value");
}

TEST(Kpi, ContractYearWithoutMonitoringStartHasNoBaseline) {
  const qaf::engine engine(test_pack());
  qaf::provider p = record();
  p.facts.erase("monitoring_start");
  p.returns = {period("2024-04-01", "2024-06-30", {{"year_down", 1.0}, {"annual", true}})};
  const auto all = engine.evaluate_kpis(p);
  const auto down = only(all, "year_down");
  ASSERT_EQ(down.size(), 1u);
  EXPECT_EQ(down[0].status, no_baseline);
  EXPECT_THAT(down[0].unknown_facts, ::testing::ElementsAre("monitoring_start"));
  const auto annual = only(all, "annual");
  ASSERT_EQ(annual.size(), 1u);
  EXPECT_EQ(annual[0].status, no_data);
  EXPECT_THAT(annual[0].unknown_facts, ::testing::ElementsAre("monitoring_start"));
}

// ---- yearly KPIs -----------------------------------------------------------------------------

TEST(Kpi, YearlyEvidenceOncePerContractYear) {
  const qaf::engine engine(test_pack());
  qaf::provider p = record("2023-07-15");
  p.returns = {
      period("2023-07-15", "2023-10-14", {{"annual", false}}),
      period("2023-10-15", "2024-07-14", {{"annual", true}}),   // closes year 0, supplied
      period("2024-07-15", "2025-07-14", {{"annual", false}}),  // year 1 closed without it
      period("2025-07-15", "2025-10-14", {{"annual", false}}),  // year 2 still open
  };
  const auto annual = only(engine.evaluate_kpis(p), "annual");
  ASSERT_EQ(annual.size(), 3u);
  EXPECT_EQ(annual[0].period_start, d("2023-07-15"));
  EXPECT_EQ(annual[0].period_end, d("2024-07-14"));
  EXPECT_EQ(annual[0].status, met);
  EXPECT_EQ(annual[0].note, "supplied in the return for 2023-10-15/2024-07-14");
  EXPECT_EQ(annual[1].status, not_met);
  EXPECT_EQ(annual[1].consequence, review);
  EXPECT_EQ(annual[2].period_start, d("2025-07-15"));
  EXPECT_EQ(annual[2].period_end, d("2025-10-14"));
  EXPECT_EQ(annual[2].status, no_data);
  EXPECT_EQ(annual[2].note, "not yet supplied; the contract year runs to 2026-07-14");
}

TEST(Kpi, YearlyEvidenceAYearWithNoReturnAndAYearClosedByALaterReturn) {
  const qaf::engine engine(test_pack());
  qaf::provider p = record("2023-04-01");
  p.returns = {period("2023-04-01", "2023-06-30", {{"annual", false}}),
               period("2025-04-01", "2025-06-30", {})};
  const auto annual = only(engine.evaluate_kpis(p), "annual");
  ASSERT_EQ(annual.size(), 3u);
  // 2023/24 closed by the later return: not met. 2024/25 has no return at all. 2025/26 open.
  EXPECT_EQ(annual[0].status, not_met);
  EXPECT_EQ(annual[1].period_start, d("2024-04-01"));
  EXPECT_EQ(annual[1].period_end, d("2025-03-31"));
  EXPECT_EQ(annual[1].status, no_data);
  EXPECT_EQ(annual[1].note, "no return ends in this contract year");
  EXPECT_EQ(annual[2].status, no_data);
}

TEST(Kpi, WhenConditionFalseIsNotApplicableAndUnknownIsNoData) {
  const qaf::engine engine(test_pack());
  qaf::provider p = record();
  p.facts["listed_company"] = false;
  p.returns = {period("2024-04-01", "2024-06-30", {})};
  auto annual = only(engine.evaluate_kpis(p), "annual");
  ASSERT_EQ(annual.size(), 1u);
  EXPECT_EQ(annual[0].status, not_applicable);
  EXPECT_EQ(annual[0].note, "the KPI applies only where listed_company");
  p.facts.erase("listed_company");
  annual = only(engine.evaluate_kpis(p), "annual");
  ASSERT_EQ(annual.size(), 1u);
  EXPECT_EQ(annual[0].status, no_data);
  EXPECT_THAT(annual[0].unknown_facts, ::testing::ElementsAre("listed_company"));
}

TEST(Kpi, NoReturnsNoResults) {
  const qaf::engine engine(test_pack());
  EXPECT_TRUE(engine.evaluate_kpis(record()).empty());
}

// ---- kpis_not_met for the classification schemes ---------------------------------------------

TEST(Kpi, LatestPeriodGivesKpisNotMetToRatings) {
  const qaf::engine engine(test_pack());
  qaf::provider p = record();
  p.facts["listed_company"] = false;
  p.returns = {
      period("2024-04-01", "2024-06-30",
             {{"count_max", 9.0}, {"share_min", pct(1, 10)}, {"proof", false}}),
      period("2024-07-01", "2024-09-30",
             {{"count_max", 9.0}, {"share_min", pct(10, 10)}, {"proof", true}}),
  };
  // Latest period: count_max not met only -> kpis_not_met 1 -> PQR 2.
  std::vector<qaf::rating> ratings = engine.rate(p, d("2024-10-31"));
  ASSERT_EQ(ratings.size(), 1u);
  EXPECT_EQ(std::get<std::int64_t>(ratings[0].level), 2);
  // Three not met in the latest period -> PQR 3.
  p.returns[1].values["share_min"] = pct(5, 10);
  p.returns[1].values["proof"] = false;
  ratings = engine.rate(p, d("2024-10-31"));
  EXPECT_EQ(std::get<std::int64_t>(ratings[0].level), 3);
  // A record that states kpis_not_met keeps it.
  p.facts["kpis_not_met"] = std::int64_t{0};
  ratings = engine.rate(p, d("2024-10-31"));
  EXPECT_EQ(std::get<std::int64_t>(ratings[0].level), 1);
}

// ---- input errors, through the reader --------------------------------------------------------

std::vector<std::pair<std::string, std::string>> errors_of(const std::string& returns) {
  const qaf::pack pack = test_pack();
  const std::string text =
      R"({"providers": [{"id": "p1", "facts": {"monitoring_start": "2023-04-01"},
      "returns": )" +
      returns + "}]}";
  const qaf::portfolio_result read = qaf::parse_portfolio_json(pack, text, "t.json");
  std::vector<std::pair<std::string, std::string>> out;
  for (const qaf::diagnostic& dg : read.diagnostics) out.emplace_back(dg.code, dg.pointer);
  EXPECT_EQ(read.portfolio.has_value(), out.empty());
  return out;
}

TEST(Kpi, OverlappingOrRepeatedPeriodsAreInputErrors) {
  using P = std::pair<std::string, std::string>;
  EXPECT_THAT(
      errors_of(R"([{"period": {"start": "2024-04-01", "end": "2024-06-30"}, "values": {}},
                            {"period": {"start": "2024-06-30", "end": "2024-09-30"}, "values": {}}])"),
      ::testing::ElementsAre(P{"qaf.portfolio.period_overlap", "/providers/0/returns/1/period"}));
  EXPECT_THAT(
      errors_of(R"([{"period": {"start": "2024-04-01", "end": "2024-06-30"}, "values": {}},
                            {"period": {"start": "2024-04-01", "end": "2024-06-30"}, "values": {}}])"),
      ::testing::ElementsAre(P{"qaf.portfolio.period_overlap", "/providers/0/returns/1/period"}));
  // Built in code and given to the engine, the same record is misuse: input_error.
  qaf::provider p = record();
  p.returns = {period("2024-04-01", "2024-06-30", {}), period("2024-05-01", "2024-07-31", {})};
  EXPECT_THROW(qaf::engine(test_pack()).evaluate_kpis(p), qaf::input_error);
}

TEST(Kpi, ReturnValuesMustFitTheirKpis) {
  using P = std::pair<std::string, std::string>;
  EXPECT_THAT(errors_of(R"([{"period": {"start": "2024-04-01", "end": "2024-06-30"},
                             "values": {"count_max": {"numerator": 1, "denominator": 2}, "share_min": 4,
                                        "proof": 1, "count_down": -1},
                             "inaccurate": ["count_maxx"]}])"),
              ::testing::UnorderedElementsAre(
                  P{"qaf.portfolio.type", "/providers/0/returns/0/values/count_max"},
                  P{"qaf.portfolio.type", "/providers/0/returns/0/values/share_min"},
                  P{"qaf.portfolio.type", "/providers/0/returns/0/values/proof"},
                  P{"qaf.portfolio.value", "/providers/0/returns/0/values/count_down"},
                  P{"qaf.portfolio.unknown_kpi", "/providers/0/returns/0/inaccurate/0"}));
  EXPECT_TRUE(errors_of(R"([{"period": {"start": "2024-04-01", "end": "2024-06-30"},
                             "values": {"count_max": 2}, "inaccurate": ["count_max"]}])")
                  .empty());
}

// ---- the Devon example portfolio and the command line -----------------------------------------

TEST(Kpi, DevonExamplePortfolioEvaluates) {
  const qaf::engine engine(qaf::load_pack_or_throw("devon-children-residential"));
  const qaf::portfolio_result read = qaf::read_portfolio(
      engine.rules(), (qaf::testing::source_dir() / "examples/portfolio-devon.json").string());
  ASSERT_TRUE(read);
  ASSERT_EQ(read.portfolio->providers.size(), 3u);
  const auto moorland = engine.evaluate_kpis(read.portfolio->providers[1]);
  // Moorland (listed) supplied its carbon KPI in the 2025/26 contract year (from 2025-07-01)...
  const auto carbon = only(moorland, "carbon_reporting");
  ASSERT_EQ(carbon.size(), 2u);
  EXPECT_EQ(carbon[1].period_start, d("2025-07-01"));
  EXPECT_EQ(carbon[1].status, met);
  // ...and missed 100% supervision in Q1 (review meeting), met it in Q2, missed it in Q3.
  EXPECT_THAT(consequences(only(moorland, "staff_supervised")),
              ::testing::ElementsAre(review, none, review, none));
  // Coastal Care (not listed): carbon_reporting does not apply.
  const auto coastal = only(engine.evaluate_kpis(read.portfolio->providers[0]), "carbon_reporting");
  ASSERT_EQ(coastal.size(), 1u);
  EXPECT_EQ(coastal[0].status, not_applicable);
}

TEST(KpiCommand, JsonDocument) {
  const auto run =
      qaf::testing::run_cli("kpi --pack devon-children-residential --portfolio " +
                            (data_dir() / "kpi/devon-year.json").string() + " --as-of 2025-06-30");
  ASSERT_EQ(run.status, 0) << run.err;
  const nlohmann::json doc = nlohmann::json::parse(run.out);
  EXPECT_EQ(doc["pack"]["id"], "devon-children-residential");
  EXPECT_EQ(doc["as_of"], "2025-06-30");
  // Eight quarters of 17 KPIs, and the yearly carbon KPI for the contract years 2023/24 and
  // 2024/25 and, as of 2025-06-30, the year 2025/26 it runs in (not yet supplied).
  ASSERT_EQ(doc["kpis"].size(), 8u * 17u + 3u);
  const nlohmann::json* found = nullptr;
  for (const nlohmann::json& k : doc["kpis"]) {
    if (k["kpi"] == "staff_supervised" && k["period"] == "2025-01-01/2025-03-31") found = &k;
  }
  ASSERT_NE(found, nullptr);
  EXPECT_EQ((*found)["provider"], "dv-harbour-homes");
  EXPECT_EQ((*found)["status"], "not_met");
  EXPECT_EQ((*found)["value"], nlohmann::json({{"numerator", 29}, {"denominator", 31}}));
  EXPECT_EQ((*found)["target"], nlohmann::json({{"type", "at_least"}, {"value", 100}}));
  EXPECT_EQ((*found)["consequence"], "default_notice");
  EXPECT_NEAR((*found)["measured"].get<double>(), 2900.0 / 31, 1e-9);
  EXPECT_TRUE((*found)["comparison"].is_null());
  EXPECT_EQ((*found)["explained"], false);
  // The KPI's source is named once, in the document's rules.
  EXPECT_FALSE(found->contains("source"));
  EXPECT_EQ(doc["rules"]["staff_supervised"]["source"]["document"], "devon-cr-qaf");
}

TEST(KpiCommand, CsvRows) {
  const auto run =
      qaf::testing::run_cli("kpi --pack devon-children-residential --portfolio " +
                            (data_dir() / "kpi/devon-year.json").string() + " --format csv");
  ASSERT_EQ(run.status, 0) << run.err;
  std::istringstream lines(run.out);
  std::string header;
  std::getline(lines, header);
  // RFC 4180: rows end in CRLF.
  ASSERT_TRUE(header.ends_with('\r'));
  header.pop_back();
  EXPECT_EQ(header,
            "provider,kpi,period,status,value,measured,target,comparison,consequence,explained,"
            "inaccurate,note,source_document,source_section");
  std::string line;
  bool seen = false;
  while (std::getline(lines, line)) {
    if (line.starts_with("dv-harbour-homes,agency_staff_occasions,2024-10-01/2024-12-31,")) {
      EXPECT_TRUE(
          line.starts_with("dv-harbour-homes,agency_staff_occasions,2024-10-01/2024-12-31,"
                           "not_met,22,22,reduction on the previous period,20,default_notice,"
                           "false,false,"))
          << line;
      seen = true;
    }
  }
  EXPECT_TRUE(seen);
}

TEST(KpiCommand, MistakesPrintNothingOnStdout) {
  auto run = qaf::testing::run_cli("kpi --pack devon-children-residential");
  EXPECT_EQ(run.status, 1);
  EXPECT_TRUE(run.out.empty());
  EXPECT_THAT(run.err, ::testing::HasSubstr("usage"));
  run = qaf::testing::run_cli("kpi --pack devon-children-residential --portfolio " +
                              (data_dir() / "kpi/devon-year.json").string() + " --format ics");
  EXPECT_EQ(run.status, 1);
  EXPECT_TRUE(run.out.empty());
  run = qaf::testing::run_cli("kpi --pack " + (data_dir() / "kpi/kpi-pack.json").string() +
                              " --portfolio " + (data_dir() / "kpi/devon-year.json").string());
  EXPECT_EQ(run.status, 1);
  EXPECT_TRUE(run.out.empty());
  EXPECT_THAT(run.err,
              ::testing::HasSubstr("/providers/0/returns/0/values/agency_staff_occasions: "
                                   "qaf.portfolio.unknown_kpi: "
                                   "'agency_staff_occasions' is not a KPI of pack test-kpis"));
}

}  // namespace
