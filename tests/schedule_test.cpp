// The scheduling engine (DOMAIN.md section 2, docs/scheduling.md) on a small test pack
// (tests/data/schedule/semantics.json): every cadence, the chain semantics and statuses,
// triggers, follow-ups, minimum visits, the effective period, unknown facts, and two properties.
// Every expected date is worked out by hand in the comment beside it.
#include "qaf/schedule.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "qaf/engine.hpp"
#include "qaf/pack.hpp"
#include "test_support.hpp"

namespace {

using qaf::date;
using qaf::testing::data_dir;
using qaf::testing::read_file;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

// The record with one more fact: a string, or a date when it looks like one.
qaf::provider with(qaf::provider p, const char* fact, const char* value) {
  if (auto d = date::try_parse(value)) {
    p.facts[fact] = *d;
  } else {
    p.facts[fact] = std::string(value);
  }
  return p;
}

// "2024-03-15 B done:2024-03-20 alternate-ab": an occurrence as one comparable line.
std::string line(const qaf::occurrence& o) {
  std::string text =
      o.due.to_string() + ' ' + o.activity + ' ' + std::string(qaf::to_string(o.status));
  if (o.done_on) text += ":" + o.done_on->to_string();
  return text + ' ' + o.rule;
}

// The occurrences in order, those of one rule when `rule` is given.
std::vector<std::string> schedule_lines(const qaf::schedule_result& r,
                                        const std::string& rule = "") {
  std::vector<std::string> lines;
  for (const qaf::occurrence& o : r.occurrences) {
    if (rule.empty() || o.rule == rule) lines.push_back(line(o));
  }
  return lines;
}

const qaf::engine& semantics() {
  static const qaf::engine engine(
      qaf::load_pack_or_throw((data_dir() / "schedule/semantics.json").string()));
  return engine;
}

qaf::schedule_result run(const qaf::provider& p, const char* from, const char* to,
                         const char* as_of) {
  return semantics().schedule(p, {date::parse(from), date::parse(to), date::parse(as_of)});
}

qaf::provider home(const char* mode) {
  qaf::provider p;
  p.id = "p1";
  p.facts["service_type"] = std::string("home");
  p.facts["mode"] = std::string(mode);
  return p;
}

TEST(Schedule, EveryAnchorsOnTheLastCompletionBeforeTheWindow) {
  qaf::provider p = with(home("every"), "monitoring_start", "2023-04-01");
  p.history = {{"A", date::parse("2024-05-13")}};
  const qaf::schedule_result r = run(p, "2024-07-01", "2025-12-31", "2024-07-01");
  // A: 2024-05-13 + 12 months. F (report): ten working days after Monday 2024-05-13, skipping the
  // Spring bank holiday 2024-05-27, is 2024-05-28: overdue, so listed although before the window.
  EXPECT_THAT(schedule_lines(r),
              ElementsAre("2024-05-28 F overdue report", "2025-05-13 A upcoming every-a"));
  EXPECT_THAT(r.unknown_facts, IsEmpty());
  // Minimum visits (2 of A, B, M): only A 2025-05-13 in any 12 months; none of them in the 12
  // months up to as_of except A 2024-05-13.
  ASSERT_EQ(r.minimum_visits.size(), 1u);
  EXPECT_EQ(r.minimum_visits[0].rule, "two-visits");
  EXPECT_TRUE(r.minimum_visits[0].full_year);
  EXPECT_EQ(r.minimum_visits[0].scheduled_fewest, 1);
  EXPECT_EQ(r.minimum_visits[0].scheduled_shortfall, 1);
  EXPECT_EQ(r.minimum_visits[0].done_last_12_months, 1);
  EXPECT_EQ(r.minimum_visits[0].shortfall, 1);
}

TEST(Schedule, NeverDoneCountsFromMonitoringStartAndFirstDue) {
  qaf::provider p = with(home("every"), "monitoring_start", "2024-04-01");
  p.facts["service_type"] = std::string("school");
  const qaf::schedule_result r = run(p, "2024-06-01", "2025-12-31", "2024-06-15");
  // X: first_due 3 months after 2024-04-01, then one step after each due date; A: 12 months.
  // 2024-07-01 is 16 days after as_of: due.
  EXPECT_THAT(schedule_lines(r),
              ElementsAre("2024-07-01 X due every-x-first", "2025-04-01 A upcoming every-a",
                          "2025-07-01 X upcoming every-x-first"));
}

TEST(Schedule, AnOverdueIntervalOccurrenceIsListedOnceAndTheChainRestartsOnAsOf) {
  qaf::provider p = with(home("every"), "monitoring_start", "2020-01-01");
  p.history = {{"A", date::parse("2022-06-01")}};
  const qaf::schedule_result r = run(p, "2024-09-01", "2025-12-31", "2024-09-10");
  // A fell due 2023-06-01 and was missed: listed once, then 2024-09-10 + 12 months. F: ten
  // working days after Wednesday 2022-06-01, skipping the Platinum Jubilee holidays of 2 and 3
  // June, is 2022-06-17.
  EXPECT_THAT(schedule_lines(r),
              ElementsAre("2022-06-17 F overdue report", "2023-06-01 A overdue every-a",
                          "2025-09-10 A upcoming every-a"));
}

TEST(Schedule, AlternatesAAndBEveryTwelveMonths) {
  qaf::provider p = with(home("alternate"), "monitoring_start", "2022-01-01");
  p.history = {{"A", date::parse("2023-03-15")}, {"B", date::parse("2024-03-20")}};
  const qaf::schedule_result r = run(p, "2024-01-01", "2026-12-31", "2024-06-01");
  // Anchor A 2023-03-15 -> B due 2024-03-15, done late on 2024-03-20 -> A 2025-03-20 -> B
  // 2026-03-20. F: ten working days after Wednesday 2023-03-15 is 2023-03-29.
  EXPECT_THAT(
      schedule_lines(r),
      ElementsAre("2023-03-29 F overdue report", "2024-03-15 B done:2024-03-20 alternate-ab",
                  "2025-03-20 A upcoming alternate-ab", "2026-03-20 B upcoming alternate-ab"));
  // One visit a year never reaches two: B counts on 2024-03-20, the day it was done, and every
  // 12 months of the window hold exactly one of 2024-03-20, 2025-03-20, 2026-03-20.
  ASSERT_EQ(r.minimum_visits.size(), 1u);
  EXPECT_EQ(r.minimum_visits[0].scheduled_fewest, 1);
  EXPECT_EQ(r.minimum_visits[0].scheduled_shortfall, 1);
  EXPECT_EQ(r.minimum_visits[0].done_last_12_months, 1);  // B 2024-03-20
}

TEST(Schedule, AlternateNeverDoneStartsWithTheFirstActivity) {
  const qaf::provider p = with(home("alternate"), "monitoring_start", "2024-01-31");
  const qaf::schedule_result r = run(p, "2024-01-31", "2026-12-31", "2024-01-31");
  EXPECT_THAT(schedule_lines(r), ElementsAre("2025-01-31 A upcoming alternate-ab",
                                             "2026-01-31 B upcoming alternate-ab"));
}

TEST(Schedule, MonthsClampAtTheEndOfTheMonthAndOnLeapDays) {
  qaf::provider p = with(home("every"), "monitoring_start", "2023-02-28");
  p.history = {{"A", date::parse("2024-02-29")}};
  const qaf::schedule_result r = run(p, "2024-03-01", "2026-12-31", "2024-03-01");
  // 2024-02-29 + 12 months = 2025-02-28; 2025-02-28 + 12 months = 2026-02-28. F: ten working days
  // after Thursday 2024-02-29 is 2024-03-14, 13 days after as_of: due.
  EXPECT_THAT(schedule_lines(r),
              ElementsAre("2024-03-14 F due report", "2025-02-28 A upcoming every-a",
                          "2026-02-28 A upcoming every-a"));
}

TEST(Schedule, StatusesAroundAsOf) {
  qaf::provider p = with(home("every"), "monitoring_start", "2020-01-01");
  p.history = {{"A", date::parse("2023-07-01")}};
  const auto status_on = [&](const char* as_of) {
    for (const qaf::occurrence& o : run(p, "2024-01-01", "2024-12-31", as_of).occurrences) {
      if (o.rule == "every-a") return std::string(qaf::to_string(o.status));
    }
    return std::string("none");
  };
  EXPECT_EQ(status_on("2024-05-31"), "upcoming");  // 31 days before 2024-07-01
  EXPECT_EQ(status_on("2024-06-01"), "due");       // 30 days before
  EXPECT_EQ(status_on("2024-07-01"), "due");       // on the day
  EXPECT_EQ(status_on("2024-07-02"), "overdue");
}

TEST(Schedule, DoneEarlyCountsAndTheNextStepsFromTheCompletion) {
  qaf::provider p = with(home("every"), "monitoring_start", "2020-01-01");
  p.history = {{"A", date::parse("2023-07-01")}, {"A", date::parse("2024-03-01")}};
  const qaf::schedule_result r = run(p, "2024-01-01", "2025-12-31", "2024-06-01");
  EXPECT_THAT(schedule_lines(r, "every-a"),
              ElementsAre("2024-07-01 A done:2024-03-01 every-a", "2025-03-01 A upcoming every-a"));
}

TEST(Schedule, MonthlyByDayForThePreviousMonthWithRollAndMonths) {
  qaf::provider p = with(home("monthly"), "monitoring_start", "2024-09-15");
  p.facts["service_type"] = std::string("school");
  p.history = {{"R", date::parse("2024-10-01")}, {"R", date::parse("2024-11-04")}};
  const qaf::schedule_result r = run(p, "2024-12-01", "2025-03-31", "2025-01-10");
  // monthly-r, day 1 rolled to the next working day: September's return is due 2024-10-01 (done
  // that day), October's 2024-11-01 (done late 2024-11-04): both before the window and done, so not
  // listed. November's: 1 December is a Sunday -> 2024-12-02; December's: 1 January is New Year's
  // Day -> 2025-01-02; January's: 1 February is a Saturday -> 2025-02-03; February's 2025-03-03.
  EXPECT_THAT(schedule_lines(r, "monthly-r"),
              ElementsAre("2024-12-02 R overdue monthly-r", "2025-01-02 R overdue monthly-r",
                          "2025-02-03 R due monthly-r", "2025-03-03 R upcoming monthly-r"));
  // monthly-r-flu, day 31 for October to February only, no roll: October's return 2024-11-30,
  // November's 2024-12-31, December's 2025-01-31, January's 2025-02-28 (clamped), February's
  // 2025-03-31. None done.
  EXPECT_THAT(
      schedule_lines(r, "monthly-r-flu"),
      ElementsAre("2024-11-30 S overdue monthly-r-flu", "2024-12-31 S overdue monthly-r-flu",
                  "2025-01-31 S due monthly-r-flu", "2025-02-28 S upcoming monthly-r-flu",
                  "2025-03-31 S upcoming monthly-r-flu"));
  const qaf::occurrence* february = nullptr;
  for (const qaf::occurrence& o : r.occurrences) {
    if (o.rule == "monthly-r-flu" && o.due == date::parse("2025-02-28")) february = &o;
  }
  ASSERT_NE(february, nullptr);
  EXPECT_EQ(february->period_start, date::parse("2025-01-01"));
  EXPECT_EQ(february->period_end, date::parse("2025-01-31"));
}

TEST(Schedule, PublishedTableDatesAreKeptAndWarnOnHolidays) {
  qaf::provider p = home("table");
  p.history = {{"P", date::parse("2024-04-26")}};
  const qaf::schedule_result r = run(p, "2024-04-01", "2024-12-31", "2024-08-01");
  EXPECT_THAT(schedule_lines(r, "table-p"),
              ElementsAre("2024-04-29 P done:2024-04-26 table-p", "2024-05-27 P overdue table-p",
                          "2024-07-15 P overdue table-p", "2024-12-24 P upcoming table-p"));
  ASSERT_EQ(r.occurrences.size(), 4u);
  EXPECT_THAT(r.occurrences[0].warnings, IsEmpty());
  ASSERT_EQ(r.occurrences[1].warnings.size(), 1u);
  EXPECT_EQ(r.occurrences[1].warnings[0].code, "non_working_day");
  EXPECT_THAT(r.occurrences[1].warnings[0].message, ::testing::HasSubstr("Spring bank holiday"));
  EXPECT_EQ(r.occurrences[1].period_name, "P2");
  EXPECT_EQ(r.occurrences[2].period_start, date::parse("2024-06-01"));
  ASSERT_EQ(r.occurrences[3].warnings.size(), 1u);  // the pack's own closure day
  EXPECT_THAT(r.occurrences[3].warnings[0].message, ::testing::HasSubstr("closure day"));
  EXPECT_THAT(r.unknown_facts, IsEmpty());  // no monitoring_start needed for a calendar cadence
}

TEST(Schedule, TermlyUsesTheDefaultTermsPlusTheOffset) {
  const qaf::provider p = with(home("termly"), "monitoring_start", "2024-01-01");
  const qaf::schedule_result r = run(p, "2024-09-01", "2025-08-31", "2024-09-01");
  // Default terms: Spring 1 Jan-31 Mar, Summer 1 Apr-31 Jul, Autumn 1 Sep-31 Dec; due 14 days after
  // each term ends. Autumn 2023 ended before monitoring_start, so it is not owed.
  EXPECT_THAT(schedule_lines(r),
              ElementsAre("2024-04-14 T overdue termly-t", "2024-08-14 T overdue termly-t",
                          "2025-01-14 T upcoming termly-t", "2025-04-14 T upcoming termly-t",
                          "2025-08-14 T upcoming termly-t"));
  EXPECT_EQ(r.occurrences[2].period_name, "Autumn 2024");
  EXPECT_EQ(r.occurrences[2].period_start, date::parse("2024-09-01"));
}

TEST(Schedule, QuarterlyWithoutATableIsTheQuarterEndPlusTheOffset) {
  const qaf::provider p = with(home("quarterly"), "monitoring_start", "2024-04-01");
  const qaf::schedule_result r = run(p, "2024-07-01", "2025-03-31", "2024-07-01");
  EXPECT_THAT(schedule_lines(r),
              ElementsAre("2024-07-10 Q due quarterly-q", "2024-10-10 Q upcoming quarterly-q",
                          "2025-01-10 Q upcoming quarterly-q"));
  EXPECT_EQ(r.occurrences[0].period_name, "2024/25 Q1");
  EXPECT_EQ(r.occurrences[0].period_end, date::parse("2024-06-30"));
}

TEST(Schedule, InadequateOnGoodFridayMeansAVisitAfterEasterMonday) {
  qaf::provider p =
      with(with(home("none"), "regulator", "ofsted"), "regulator_rating", "inadequate");
  p.facts["placed_children"] = std::int64_t{1};
  p.events = {{"regulator_rating_changed", date::parse("2025-04-18"), {{"to", "inadequate"}}}};
  const qaf::schedule_result r = run(p, "2025-04-01", "2025-12-31", "2025-04-18");
  // Same working day as Good Friday 2025-04-18: Tuesday 2025-04-22 (Easter Monday is 21 April).
  // 24 hours: 2025-04-19. Below Good: 3 months, then every 3 months while still below Good.
  EXPECT_THAT(schedule_lines(r),
              ElementsAre("2025-04-19 D due inadequate", "2025-04-22 X due inadequate",
                          "2025-07-18 M upcoming below-good", "2025-10-18 M upcoming below-good"));
  EXPECT_EQ(r.occurrences[0].origin, qaf::occurrence_origin::trigger);
  ASSERT_EQ(r.minimum_visits.size(), 1u);
  EXPECT_FALSE(r.minimum_visits[0].full_year);
  EXPECT_EQ(r.minimum_visits[0].scheduled_fewest, 2);  // M 07-18 and 10-18 in the 9-month window
}

TEST(Schedule, ARepeatEndsAtTheNextEventOfItsType) {
  qaf::provider p = with(with(home("none"), "regulator", "ofsted"), "regulator_rating", "good");
  p.events = {
      {"regulator_rating_changed", date::parse("2025-01-10"), {{"to", "requires_improvement"}}},
      {"regulator_rating_changed", date::parse("2025-05-01"), {{"to", "good"}}}};
  // The extra visit fell due 2025-04-10 and was missed; the rating has been Good since 2025-05-01.
  EXPECT_THAT(schedule_lines(run(p, "2025-01-01", "2025-12-31", "2025-06-01")),
              ElementsAre("2025-04-10 M overdue below-good"));
  p.history = {{"M", date::parse("2025-03-01")}};
  EXPECT_THAT(schedule_lines(run(p, "2025-01-01", "2025-12-31", "2025-06-01")),
              ElementsAre("2025-04-10 M done:2025-03-01 below-good"));
  // Rated Requires Improvement on 2025-05-01 but Good by as_of with no event recorded: the facts
  // contradict the latest change, an input error (DOMAIN.md section 2), never a guess.
  p.history.clear();
  p.events = {
      {"regulator_rating_changed", date::parse("2025-05-01"), {{"to", "requires_improvement"}}}};
  EXPECT_THROW((void)run(p, "2025-01-01", "2025-12-31", "2025-05-10"), qaf::input_error);
}

TEST(Schedule, UnknownFactsKeepATriggerFromFiringAndAreReported) {
  qaf::provider p = home("none");
  p.events = {{"regulator_rating_changed", date::parse("2025-04-18"), {{"to", "inadequate"}}}};
  const qaf::schedule_result r = run(p, "2025-04-01", "2025-12-31", "2025-04-18");
  EXPECT_THAT(schedule_lines(r), IsEmpty());
  EXPECT_THAT(r.unknown_facts, ElementsAre("placed_children", "regulator"));
  // The repeat's condition unknown: the first extra visit only, and the fact reported.
  const qaf::provider q = with(p, "regulator", "ofsted");
  const qaf::schedule_result s = run(q, "2025-04-01", "2025-12-31", "2025-04-18");
  EXPECT_THAT(schedule_lines(s), ElementsAre("2025-07-18 M upcoming below-good"));
  EXPECT_THAT(s.unknown_facts, ElementsAre("placed_children", "regulator_rating"));
}

TEST(Schedule, AManagerChangeBringsTheNextAForward) {
  qaf::provider p = with(home("alternate"), "monitoring_start", "2023-01-01");
  p.history = {{"A", date::parse("2024-01-15")}};
  p.events = {{"registered_manager_changed", date::parse("2024-06-03"), {}}};
  const qaf::schedule_result r = run(p, "2024-02-01", "2026-12-31", "2024-07-01");
  // Without the change: B 2025-01-15, A 2026-01-15. The change on 2024-06-03 brings the next A to
  // within 3 months (2024-09-03) in the place of the B; the chain then goes on from it.
  EXPECT_THAT(
      schedule_lines(r),
      ElementsAre("2024-01-29 F overdue report", "2024-09-03 A upcoming new-manager",
                  "2025-09-03 B upcoming alternate-ab", "2026-09-03 A upcoming alternate-ab"));
  ASSERT_EQ(r.occurrences[1].warnings.size(), 1u);
  EXPECT_EQ(r.occurrences[1].warnings[0].code, "brought_forward");
  EXPECT_EQ(r.occurrences[1].origin, qaf::occurrence_origin::trigger);
  // With no schedule rule for A the obligation stands on its own.
  qaf::provider q = home("none");
  q.events = p.events;
  EXPECT_THAT(schedule_lines(run(q, "2024-02-01", "2026-12-31", "2024-07-01")),
              ElementsAre("2024-09-03 A upcoming new-manager"));
}

TEST(Schedule, AnAlreadyEarlierOccurrenceIsNotMovedByABringForward) {
  qaf::provider p = with(home("every"), "monitoring_start", "2023-01-01");
  p.history = {{"A", date::parse("2023-08-01")}};
  p.events = {{"registered_manager_changed", date::parse("2024-06-03"), {}}};
  // A is due 2024-08-01 anyway, before 2024-09-03 (31 days after as_of: upcoming).
  EXPECT_THAT(schedule_lines(run(p, "2024-02-01", "2025-12-31", "2024-07-01"), "every-a"),
              ElementsAre("2024-08-01 A upcoming every-a", "2025-08-01 A upcoming every-a"));
}

TEST(Schedule, FollowUpsCountWorkingDaysOverChristmas) {
  qaf::provider p = home("none");
  p.history = {{"A", date::parse("2024-12-20")},
               {"F", date::parse("2025-01-08")},
               {"A", date::parse("2025-02-03")}};
  const qaf::schedule_result r = run(p, "2024-12-01", "2025-03-31", "2025-02-10");
  // After Friday 2024-12-20: 23, (24 closure day, 25, 26 bank holidays), 27, 30, 31, (1 January),
  // 2, 3, 6, 7, 8, 9 -> 2025-01-09, done on 2025-01-08. After Monday 2025-02-03: 2025-02-17; the
  // only report came before that visit.
  EXPECT_THAT(schedule_lines(r),
              ElementsAre("2025-01-09 F done:2025-01-08 report", "2025-02-17 F due report"));
}

TEST(Schedule, NothingFallsDueOutsideTheEffectivePeriod) {
  nlohmann::json json = nlohmann::json::parse(read_file(data_dir() / "schedule/semantics.json"));
  json["effective_from"] = "2024-04-01";
  json["effective_to"] = "2024-12-31";
  const qaf::engine engine(*qaf::parse_pack(json.dump(), "semantics-bounded.json").pack);
  const qaf::schedule_options window{date::parse("2024-01-01"), date::parse("2025-12-31"),
                                     date::parse("2024-04-01")};
  // Quarterly: the return for 2023/24 Q4 covers a period before the pack; 2024/25 Q3 ends within
  // it, so its return is owed although due 2025-01-10; Q4 ends after it.
  EXPECT_THAT(schedule_lines(engine.schedule(
                  with(home("quarterly"), "monitoring_start", "2024-01-01"), window)),
              ElementsAre("2024-07-10 Q upcoming quarterly-q", "2024-10-10 Q upcoming quarterly-q",
                          "2025-01-10 Q upcoming quarterly-q"));
  // Every: the first A fell due 2021-06-01, before the pack; it falls due on the pack's first day,
  // and the next one (2025-04-01) is after the pack's end.
  const qaf::schedule_result every =
      engine.schedule(with(home("every"), "monitoring_start", "2020-06-01"), window);
  EXPECT_THAT(schedule_lines(every), ElementsAre("2024-04-01 A due every-a"));
  ASSERT_EQ(every.occurrences[0].warnings.size(), 2u);
  EXPECT_EQ(every.occurrences[0].warnings[0].code, "before_effective_period");
  // 2024-04-01 is Easter Monday: every due date on a non-working day says so.
  EXPECT_EQ(every.occurrences[0].warnings[1].code, "non_working_day");
  EXPECT_EQ(every.occurrences[0].warnings[1].message,
            "2024-04-01 is not a working day (Easter Monday)");
  // The window reaches before and after the pack's period: the result says so.
  ASSERT_EQ(every.warnings.size(), 1u);
  EXPECT_EQ(every.warnings[0].code, "outside_effective_period");
}

TEST(Schedule, ARuleNeedingAnUnknownFactIsNotAppliedAndSaysSo) {
  qaf::provider p;
  p.id = "p1";
  const qaf::schedule_result r = run(p, "2024-01-01", "2024-12-31", "2024-01-01");
  EXPECT_THAT(r.occurrences, IsEmpty());
  EXPECT_THAT(r.unknown_facts, ElementsAre("mode", "service_type"));
  const qaf::schedule_result s = run(home("every"), "2024-01-01", "2024-12-31", "2024-01-01");
  EXPECT_THAT(s.occurrences, IsEmpty());
  EXPECT_THAT(s.unknown_facts, ElementsAre("monitoring_start"));
}

TEST(Schedule, OccurrencesCiteTheirRuleAndSource) {
  qaf::provider p = with(home("every"), "monitoring_start", "2023-04-01");
  p.history = {{"A", date::parse("2024-05-13")}};
  for (const qaf::occurrence& o : run(p, "2024-07-01", "2025-12-31", "2024-07-01").occurrences) {
    EXPECT_FALSE(o.rule.empty());
    EXPECT_EQ(o.source.document, "doc");
    EXPECT_FALSE(o.source.section.empty());
  }
}

// Property: doing an activity on its due date moves the next due date by exactly one step.
TEST(ScheduleProperty, DoingAnActivityOnItsDueDateMovesTheNextByOneStep) {
  for (date last = date::parse("2023-01-01"); last < date::parse("2025-01-01");
       last = qaf::add_days(last, 5)) {
    const date due = qaf::add_months(last, 12);
    qaf::provider p = with(home("every"), "monitoring_start", "2020-01-01");
    p.history = {{"A", last}, {"A", due}};
    const qaf::schedule_result r = semantics().schedule(p, {due, qaf::add_months(due, 30), due});
    std::vector<date> dues;
    for (const qaf::occurrence& o : r.occurrences) {
      if (o.rule == "every-a") dues.push_back(o.due);
    }
    ASSERT_GE(dues.size(), 2u) << last;
    EXPECT_EQ(dues[0], due) << last;
    EXPECT_EQ(dues[1], qaf::add_months(due, 12)) << last;
  }
}

// Property: a schedule over [a, c] is the union of the schedules over [a, b] and [b, c].
TEST(ScheduleProperty, AScheduleIsTheUnionOfItsHalves) {
  const char* modes[] = {"every", "alternate", "monthly", "termly", "quarterly", "table"};
  const char* activities[] = {"A", "B", "R", "T", "Q", "P"};
  int checked = 0;
  for (int seed = 0; seed < 60; ++seed) {
    const int m = seed % 6;
    qaf::provider p = with(home(modes[m]), "monitoring_start", "2022-03-15");
    if (seed % 2 == 1) p.facts["service_type"] = std::string("school");
    // A history in turn with the chain: done on, before or after each due date.
    for (int k = 0; k < 6; ++k) {
      const date done = qaf::add_days(date::parse("2022-06-01"), 97 * k + 31 * (seed % 5));
      p.history.push_back({m == 1 ? (k % 2 == 0 ? "A" : "B") : activities[m], done});
    }
    if (seed % 3 == 0) {
      p.facts["regulator"] = std::string("ofsted");
      p.facts["regulator_rating"] = std::string("requires_improvement");
      p.events = {{"regulator_rating_changed",
                   qaf::add_days(date::parse("2023-02-01"), seed),
                   {{"to", "requires_improvement"}}}};
    }
    const date a = date::parse("2023-01-01");
    const date b = qaf::add_days(a, 100 + 7 * seed);
    const date c = date::parse("2025-06-30");
    const date as_of = qaf::add_days(a, 40 * (seed % 11));
    using key = std::tuple<std::string, date, std::string, std::string, std::string>;
    const auto keys = [&](date from, date to) {
      std::set<key> out;
      for (const qaf::occurrence& o : semantics().schedule(p, {from, to, as_of}).occurrences) {
        out.insert({o.activity, o.due, std::string(qaf::to_string(o.status)),
                    o.done_on ? o.done_on->to_string() : "", o.rule});
      }
      return out;
    };
    const std::set<key> whole = keys(a, c);
    std::set<key> halves = keys(a, b);
    const std::set<key> second = keys(b, c);
    halves.insert(second.begin(), second.end());
    EXPECT_EQ(whole, halves) << "seed " << seed;
    checked += static_cast<int>(whole.size());
  }
  EXPECT_GT(checked, 300);
}

}  // namespace
