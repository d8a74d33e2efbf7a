// The portfolio summary (src/summary): counts by level per scheme with provisional, overridden and
// not-assessed apart; overdue work by officer and activity; minimum-visit shortfalls; on-site
// visits per month per officer. Fed one provider at a time, and chunks merged in order give what
// one pass gives. Also the HTML palette's contrast (WCAG 2.1 AA) and the HTML report's shape.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "qaf/pack.hpp"
#include "render/html_palette.hpp"
#include "render/html_report.hpp"
#include "render/summary_render.hpp"
#include "summary/portfolio_summary.hpp"

namespace {

using qaf::date;
using qaf::detail::portfolio_summary;
using qaf::detail::provider_assessment;
using qaf::detail::summary_builder;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

const qaf::pack& bolton() {
  static const qaf::pack rules = *qaf::load_pack("bolton-children-2024").pack;
  return rules;
}

const qaf::schedule_options window{date::parse("2026-11-23"), date::parse("2027-11-22"),
                                   date::parse("2026-11-23")};

qaf::occurrence visit(const std::string& provider, const std::string& activity, const char* due,
                      qaf::occurrence_status status, bool on_site = true) {
  qaf::occurrence o;
  o.provider = provider;
  o.activity = activity;
  o.on_site = on_site;
  o.due = date::parse(due);
  o.status = status;
  return o;
}

qaf::rating pqr(const std::string& provider, std::int64_t level, qaf::rating_status status) {
  qaf::rating r;
  r.provider = provider;
  r.scheme = "pqr";
  r.level = level;
  r.status = status;
  return r;
}

// Five providers: two officers and one record with none; levels 1, 3 (provisional), 3, not
// assessed, and a 2 overridden to 4.
std::vector<provider_assessment> five() {
  using enum qaf::occurrence_status;
  std::vector<provider_assessment> all(5);
  const char* officers[] = {"A. Patel", "J. Okafor", "A. Patel", "", "J. Okafor"};
  for (std::size_t i = 0; i < all.size(); ++i) {
    all[i].schedule.provider = "p" + std::to_string(i + 1);
    all[i].schedule.officer = officers[i];
  }
  all[0].ratings.push_back(pqr("p1", 1, qaf::rating_status::decided));
  all[1].ratings.push_back(pqr("p2", 3, qaf::rating_status::provisional));
  all[2].ratings.push_back(pqr("p3", 3, qaf::rating_status::decided));
  all[3].ratings.push_back(pqr("p4", 1, qaf::rating_status::not_assessed));
  qaf::rating overridden = pqr("p5", 2, qaf::rating_status::decided);
  overridden.officer_override = qaf::rating_override{"pqr", std::int64_t{4}, "reason", "J. Okafor",
                                                     date::parse("2026-11-01")};
  all[4].ratings.push_back(overridden);

  auto& s1 = all[0].schedule.result.occurrences;
  s1.push_back(visit("p1", "QMC-1", "2026-10-01", overdue));
  s1.push_back(visit("p1", "QMC-5", "2026-10-10", overdue, false));
  s1.push_back(visit("p1", "QMC-8", "2026-12-15", due));
  s1.push_back(visit("p1", "QMC-9A", "2027-02-01", upcoming));
  all[1].schedule.result.occurrences.push_back(visit("p2", "QMC-1", "2026-12-01", due));
  all[2].schedule.result.occurrences.push_back(visit("p3", "QMC-5", "2026-11-01", overdue, false));
  all[2].schedule.result.occurrences.push_back(visit("p3", "QMC-2", "2027-11-22", upcoming));
  all[2].schedule.result.occurrences.push_back(visit("p3", "QMC-2", "2027-11-23", upcoming));
  all[3].schedule.result.occurrences.push_back(visit("p4", "QMC-1", "2026-01-01", overdue));
  qaf::minimum_visits_check short_of;
  short_of.rule = "min-visits-social-care";
  short_of.done_last_12_months = 1;
  short_of.required_in_force = 2;
  short_of.shortfall = 1;
  all[2].schedule.result.minimum_visits.push_back(short_of);
  return all;
}

portfolio_summary one_pass(const std::vector<provider_assessment>& all) {
  summary_builder counted(bolton(), window);
  for (const provider_assessment& a : all) counted.add(a);
  return counted.finish();
}

TEST(Summary, CountsLevelsWithProvisionalOverriddenAndNotAssessedApart) {
  const portfolio_summary s = one_pass(five());
  EXPECT_EQ(s.providers, 5);
  ASSERT_EQ(s.schemes.size(), 1u);
  const auto& pqr_counts = s.schemes[0];
  EXPECT_EQ(pqr_counts.scheme, "pqr");
  std::vector<int> by_level;
  for (const auto& l : pqr_counts.levels) by_level.push_back(l.providers);
  EXPECT_THAT(by_level, ElementsAre(1, 0, 2, 1, 0));  // the override counts at 4, not 2
  EXPECT_EQ(pqr_counts.levels[2].label, "Moderate concern");
  EXPECT_EQ(pqr_counts.provisional, 1);
  EXPECT_EQ(pqr_counts.overridden, 1);
  EXPECT_EQ(pqr_counts.not_assessed, 1);
}

TEST(Summary, OverdueByOfficerAndByActivityInPackOrder) {
  const portfolio_summary s = one_pass(five());
  EXPECT_EQ(s.overdue, 4);
  ASSERT_EQ(s.overdue_by_officer.size(), 2u);
  EXPECT_EQ(s.overdue_by_officer[0].name, "A. Patel");
  EXPECT_EQ(s.overdue_by_officer[0].count, 3);
  EXPECT_EQ(s.overdue_by_officer[1].name, "");  // no officer: last
  EXPECT_EQ(s.overdue_by_officer[1].count, 1);
  ASSERT_EQ(s.overdue_by_activity.size(), 2u);
  EXPECT_EQ(s.overdue_by_activity[0].name, "QMC-1");
  EXPECT_EQ(s.overdue_by_activity[0].count, 2);
  EXPECT_EQ(s.overdue_by_activity[1].name, "QMC-5");
  EXPECT_EQ(s.overdue_by_activity[1].count, 2);
}

TEST(Summary, OnSiteVisitsPerMonthPerOfficerInsideTheWindow) {
  const portfolio_summary s = one_pass(five());
  ASSERT_EQ(s.months.size(), 13u);  // 2026-11 to 2027-11
  EXPECT_EQ(s.months.front(), "2026-11");
  EXPECT_EQ(s.months.back(), "2027-11");
  ASSERT_EQ(s.visits_by_officer.size(), 3u);
  EXPECT_EQ(s.visits_by_officer[0].officer, "A. Patel");
  EXPECT_EQ(s.visits_by_officer[1].officer, "J. Okafor");
  EXPECT_EQ(s.visits_by_officer[2].officer, "");
  // A. Patel: QMC-8 in 2026-12, QMC-9A in 2027-02, QMC-2 on the window's last day; the one due
  // after the window and the non-site returns are not counted; the overdue QMC-1 is from before.
  EXPECT_EQ(s.visits_by_officer[0].visits[1], 1);
  EXPECT_EQ(s.visits_by_officer[0].visits[3], 1);
  EXPECT_EQ(s.visits_by_officer[0].visits[12], 1);
  EXPECT_EQ(s.visits_by_officer[0].overdue_before, 1);
  EXPECT_EQ(s.visits_by_officer[1].visits[1], 1);
  EXPECT_EQ(s.visits_by_officer[2].overdue_before, 1);
  EXPECT_EQ(s.visits_total[1], 2);
  int total = 0;
  for (const int n : s.visits_total) total += n;
  EXPECT_EQ(total, 4);
  ASSERT_EQ(s.shortfalls.size(), 1u);
  EXPECT_EQ(s.shortfalls[0].provider, "p3");
  EXPECT_EQ(s.shortfalls[0].officer, "A. Patel");
}

TEST(Summary, ChunksMergedInOrderEqualOnePass) {
  const std::vector<provider_assessment> all = five();
  for (std::size_t cut = 0; cut <= all.size(); ++cut) {
    summary_builder first(bolton(), window);
    summary_builder second(bolton(), window);
    for (std::size_t i = 0; i < all.size(); ++i) (i < cut ? first : second).add(all[i]);
    first.merge(second);
    EXPECT_EQ(qaf::detail::summary_json(first.finish()), qaf::detail::summary_json(one_pass(all)))
        << "cut at " << cut;
  }
}

TEST(Summary, JsonAndTextShowTheSameCounts) {
  const portfolio_summary s = one_pass(five());
  const auto json = qaf::detail::summary_json(s);
  EXPECT_EQ(json["schemes"][0]["levels"][2]["providers"], 2);
  EXPECT_EQ(json["overdue_by_officer"][1]["officer"], nullptr);
  EXPECT_EQ(json["visits_by_month"]["total"][1], 2);
  std::ostringstream text;
  qaf::detail::write_summary_text(text, s);
  EXPECT_THAT(text.str(), HasSubstr("Portfolio summary: 5 providers, 4 overdue\n"));
  EXPECT_THAT(text.str(), HasSubstr("      3 Moderate concern: 2\n"));
  EXPECT_THAT(text.str(), HasSubstr("      (no officer): 1\n"));
  EXPECT_THAT(text.str(), HasSubstr("      2026-12: 2 (A. Patel 1, J. Okafor 1)\n"));
}

TEST(Summary, ANumberedLevelShowsItsNumberANamedOneOnlyItsLabel) {
  EXPECT_EQ(qaf::detail::level_with_label(std::int64_t{3}, "Moderate concern"),
            "3 Moderate concern");
  EXPECT_EQ(qaf::detail::level_with_label(std::string("high"), "High risk"), "High risk");
  EXPECT_EQ(qaf::detail::level_with_label(std::string("high"), ""), "high");
}

TEST(HtmlPalette, EveryPairMeetsWcagAa) {
  ASSERT_FALSE(qaf::detail::palette_pairs().empty());
  for (const auto& pair : qaf::detail::palette_pairs()) {
    EXPECT_GE(qaf::detail::contrast_ratio(pair.foreground, pair.background), pair.minimum)
        << pair.use << ": " << pair.foreground << " on " << pair.background;
  }
  // The formula itself: black on white is 21:1, a colour on itself 1:1.
  EXPECT_DOUBLE_EQ(qaf::detail::contrast_ratio("#000000", "#ffffff"), 21.0);
  EXPECT_DOUBLE_EQ(qaf::detail::contrast_ratio("#767676", "#767676"), 1.0);
}

TEST(HtmlPalette, LevelsRunFromCalmToSevereWhateverTheirNumber) {
  EXPECT_EQ(qaf::detail::tone_index(0, 3), 0u);
  EXPECT_EQ(qaf::detail::tone_index(1, 3), 2u);
  EXPECT_EQ(qaf::detail::tone_index(2, 3), 4u);
  for (std::size_t i = 0; i < 5; ++i) EXPECT_EQ(qaf::detail::tone_index(i, 5), i);
}

TEST(HtmlReport, SelfContainedWithChartsSummaryAndASectionAProvider) {
  const std::vector<provider_assessment> all = five();
  std::ostringstream out;
  qaf::detail::write_assessment_html(out, bolton(), window, one_pass(all), all);
  const std::string html = out.str();
  EXPECT_THAT(html, ::testing::StartsWith("<!DOCTYPE html>"));
  EXPECT_THAT(html, HasSubstr("@page { size: A4;"));
  EXPECT_THAT(html, HasSubstr("<svg class=\"chart\" id=\"visits-chart\""));
  EXPECT_THAT(html, HasSubstr("<svg class=\"chart levels-chart\" id=\"levels-pqr\""));
  EXPECT_THAT(html, HasSubstr("<table id=\"summary-levels-pqr\">"));
  for (const char* id : {"p1", "p2", "p3", "p4", "p5"})
    EXPECT_THAT(html, HasSubstr(std::string("data-provider=\"") + id + "\"")) << id;
  for (const char* outside : {"<script", "<link", "<img", "http://", "https://", "@import"})
    EXPECT_THAT(html, ::testing::Not(HasSubstr(outside))) << outside;
  // The level in words on its badge, not colour alone.
  EXPECT_THAT(html, HasSubstr("<span class=\"badge tone-2\">3 Moderate concern</span>"));
}

}  // namespace
