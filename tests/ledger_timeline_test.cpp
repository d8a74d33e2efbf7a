// Obligations over time (DOMAIN.md section 2) on the bundled packs: dated facts, rules that hold
// (`while`), `level('scheme')`, KPI returns as of a date, and the remaining cases of issue 9, one
// test each, every expected date worked out by hand in the comment beside it.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "qaf/engine.hpp"
#include "qaf/kpi.hpp"
#include "qaf/pack.hpp"
#include "qaf/schedule.hpp"
#include "test_support.hpp"

namespace {

using qaf::date;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

date d(const char* text) { return date::parse(text); }

using qaf::testing::record_with;

std::string line(const qaf::occurrence& o) {
  std::string text =
      o.due.to_string() + ' ' + o.activity + ' ' + std::string(qaf::to_string(o.status));
  if (o.done_on) text += ":" + o.done_on->to_string();
  if (o.late) text += " late:" + std::to_string(o.days_late);
  return text;
}

std::vector<std::string> lines(const qaf::schedule_result& r, const std::string& rule) {
  std::vector<std::string> out;
  for (const qaf::occurrence& o : r.occurrences) {
    if (o.rule == rule) out.push_back(line(o));
  }
  return out;
}

// The periods (start/end) of a rule's entries.
std::vector<std::string> periods(const qaf::schedule_result& r, const std::string& rule) {
  std::vector<std::string> out;
  for (const qaf::occurrence& o : r.occurrences) {
    if (o.rule == rule && o.period_start && o.period_end) {
      out.push_back(o.period_start->to_string() + '/' + o.period_end->to_string());
    }
  }
  return out;
}

const qaf::engine& engine_of(const std::string& pack_id) {
  static std::map<std::string, qaf::engine> engines;
  auto it = engines.find(pack_id);
  if (it == engines.end()) {
    it = engines.emplace(pack_id, qaf::engine(qaf::load_pack_or_throw(pack_id))).first;
  }
  return it->second;
}

qaf::schedule_result schedule(const char* pack_id, const qaf::provider& p, const char* from,
                              const char* to, const char* as_of) {
  return engine_of(pack_id).schedule(p, {d(from), d(to), d(as_of)});
}

qaf::event rating_change(const char* on, const char* from, const char* to) {
  qaf::event e;
  e.type = "regulator_rating_changed";
  e.on = d(on);
  e.details = {{"from", from}, {"to", to}};
  return e;
}

qaf::provider bolton_home(const char* rating) {
  return record_with("home", {{"service_type", std::string("childrens_home")},
                              {"location", std::string("in_area")},
                              {"regulator", std::string("ofsted")},
                              {"regulator_rating", std::string(rating)},
                              {"monitoring_start", d("2023-04-01")}});
}

// Issue 9: a home rated Requires Improvement since 2023, with no rating-change event inside the
// framework (in force from 2024-02-01), gets its additional visits. The rule holds from before
// the framework, so its chain starts on 2024-02-01: QMC-2 due 2024-05-01, overdue at 2024-06-01;
// the chain goes on as if done on as_of: 2024-09-01, 2024-12-01.
TEST(LedgerTimeline, ARatingHeldSinceBeforeTheFrameworkGetsItsAdditionalVisits) {
  const qaf::provider p = bolton_home("requires_improvement");
  const qaf::schedule_result r =
      schedule("bolton-children-2024", p, "2024-02-01", "2025-01-31", "2024-06-01");
  EXPECT_THAT(lines(r, "extra-visit-below-good"),
              ElementsAre("2024-05-01 QMC-2 overdue", "2024-09-01 QMC-2 upcoming",
                          "2024-12-01 QMC-2 upcoming"));
  EXPECT_THAT(r.unknown_facts, IsEmpty());
}

// The same home rated Good throughout has none.
TEST(LedgerTimeline, AHomeRatedGoodHasNoAdditionalVisits) {
  const qaf::schedule_result r = schedule("bolton-children-2024", bolton_home("good"), "2024-02-01",
                                          "2025-01-31", "2024-06-01");
  EXPECT_THAT(lines(r, "extra-visit-below-good"), IsEmpty());
}

// A rating that falls below Good on 2024-08-20 starts the visits then (QMC-2 due 2024-11-20,
// then every 3 months), as the trigger did before.
TEST(LedgerTimeline, ARatingThatFallsBelowGoodStartsTheVisitsOnItsDate) {
  qaf::provider p = bolton_home("requires_improvement");
  p.events = {rating_change("2024-08-20", "good", "requires_improvement")};
  const qaf::schedule_result r =
      schedule("bolton-children-2024", p, "2024-02-01", "2025-06-30", "2024-09-01");
  EXPECT_THAT(lines(r, "extra-visit-below-good"),
              ElementsAre("2024-11-20 QMC-2 upcoming", "2025-02-20 QMC-2 upcoming",
                          "2025-05-20 QMC-2 upcoming"));
}

// A rating back to Good on 2024-08-15 ends them: the visit due 2024-05-01 (done 2024-05-20, 19
// days late) is the last; the next would fall due 2024-08-20, after the rule stopped holding.
TEST(LedgerTimeline, ARatingBackToGoodEndsTheVisits) {
  qaf::provider p = bolton_home("good");
  p.events = {rating_change("2024-08-15", "requires_improvement", "good")};
  p.history = {{"QMC-2", d("2024-05-20")}};
  const qaf::schedule_result r =
      schedule("bolton-children-2024", p, "2024-02-01", "2025-06-30", "2024-09-01");
  EXPECT_THAT(lines(r, "extra-visit-below-good"),
              ElementsAre("2024-05-01 QMC-2 done:2024-05-20 late:19"));
}

// Issue 9: an alternative provision that moved out of the borough on 2024-09-01 owes
// out-of-borough termly data only for terms that end after the move (Autumn 2024 on), and the
// in-borough termly QMC-5 only for terms that ended before it (to Summer 2024).
TEST(LedgerTimeline, AMoveOutOfTheBoroughIsDated) {
  qaf::provider p = record_with("ap", {{"service_type", std::string("alternative_provision")},
                                       {"location", std::string("out_of_area")},
                                       {"host_authority_qa", true},
                                       {"unregulated", false},
                                       {"ehcp_children", std::int64_t{0}},
                                       {"monitoring_start", d("2024-02-01")}});
  qaf::event move;
  move.type = "facts_changed";
  move.on = d("2024-09-01");
  move.facts = {{"location", std::string("out_of_area")}};
  move.facts_before = {{"location", std::string("in_area")}};
  p.events = {move};
  const qaf::schedule_result after =
      schedule("bolton-children-2024", p, "2024-02-01", "2025-08-31", "2025-08-31");
  EXPECT_THAT(
      periods(after, "oob-data-termly"),
      ElementsAre("2024-09-01/2024-12-31", "2025-01-01/2025-03-31", "2025-04-01/2025-07-31"));
  EXPECT_THAT(periods(after, "qmc5-education-termly"),
              ElementsAre("2024-01-01/2024-03-31", "2024-04-01/2024-07-31"));
}

// The record's facts are its values as of as_of: facts that contradict the latest change on or
// before as_of are an input error naming both; a change after as_of has not happened yet.
TEST(LedgerTimeline, FactsThatContradictTheLatestChangeAreAnInputError) {
  qaf::provider p = bolton_home("good");
  qaf::event move;
  move.type = "facts_changed";
  move.on = d("2024-09-01");
  move.facts = {{"location", std::string("out_of_area")}};
  p.events = {move};
  try {
    (void)schedule("bolton-children-2024", p, "2024-02-01", "2025-01-31", "2024-10-01");
    FAIL() << "expected an input_error";
  } catch (const qaf::input_error& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    EXPECT_EQ(e.diagnostics()[0].code, "qaf.portfolio.facts_contradict");
    EXPECT_EQ(e.diagnostics()[0].pointer, "/facts/location");
    EXPECT_THAT(e.diagnostics()[0].message, HasSubstr("/events/0/facts/location"));
    EXPECT_THAT(e.diagnostics()[0].message, HasSubstr("'out_of_area'"));
  }
  EXPECT_NO_THROW(
      (void)schedule("bolton-children-2024", p, "2024-02-01", "2025-01-31", "2024-08-01"));
  EXPECT_THAT(
      qaf::check_provider(engine_of("bolton-children-2024").rules(), p, d("2024-10-01")),
      ElementsAre(::testing::Field(&qaf::diagnostic::code, "qaf.portfolio.facts_contradict")));
}

qaf::provider herefordshire_home() {
  qaf::provider p = record_with("care-home", {{"service_type", std::string("residential")},
                                              {"monitoring_start", d("2019-01-01")}});
  p.ratings = {{"threshold", std::int64_t{1}, d("2019-01-01")},
               {"threshold", std::int64_t{2}, d("2024-03-01")}};
  return p;
}

// Issue 9: the level the panel agreed (in `ratings`) drives Herefordshire's monitoring, and the
// level-2 measures are dated obligations: from level 2 on 2024-03-01, the unannounced visit and
// the quality review meeting are due within a month (2024-04-01), the monthly multi-agency
// meeting from 2024-04-01; nothing of level 3.
TEST(LedgerTimeline, TheAgreedLevelDrivesHerefordshireMonitoring) {
  const qaf::provider p = herefordshire_home();
  const qaf::schedule_result r =
      schedule("herefordshire-adults-2018", p, "2024-03-01", "2024-08-31", "2024-06-01");
  EXPECT_THAT(lines(r, "unannounced-visit-level-2"),
              ElementsAre("2024-04-01 UNANNOUNCED-VISIT overdue"));
  EXPECT_THAT(lines(r, "quality-review-meeting-level-2"),
              ElementsAre("2024-04-01 QUALITY-REVIEW-MEETING overdue"));
  // Monthly from 2024-03-01: 2024-04-01 overdue, then from as_of 2024-06-01: 07-01, 08-01.
  EXPECT_THAT(lines(r, "maqr-meeting-levels-2-3"),
              ElementsAre("2024-04-01 MAQR-MEETING overdue", "2024-07-01 MAQR-MEETING due",
                          "2024-08-01 MAQR-MEETING upcoming"));
  EXPECT_THAT(lines(r, "default-notice-level-3"), IsEmpty());
  EXPECT_THAT(lines(r, "contract-monitoring-meeting-level-3"), IsEmpty());
  // The annual plan of level 1 stopped with level 2: nothing of it falls due in the window.
  EXPECT_THAT(lines(r, "annual-sdp-level-1"), Not(Contains(HasSubstr("2024-0"))));
}

// An officer's override to level 3 on 2024-05-01 serves the automatic default notice within a
// week (2024-05-08) and starts the level-3 meetings; the level-2 measures stay as they were.
TEST(LedgerTimeline, AnOverrideToLevelThreeServesTheDefaultNotice) {
  qaf::provider p = herefordshire_home();
  p.overrides = {{"threshold", std::int64_t{3}, "safeguarding", "A. Officer", d("2024-05-01")}};
  p.history = {{"DEFAULT-NOTICE", d("2024-05-07")}};
  const qaf::schedule_result r =
      schedule("herefordshire-adults-2018", p, "2024-03-01", "2024-08-31", "2024-06-01");
  EXPECT_THAT(lines(r, "default-notice-level-3"),
              ElementsAre("2024-05-08 DEFAULT-NOTICE done:2024-05-07"));
  EXPECT_THAT(lines(r, "contract-monitoring-meeting-level-3"),
              ElementsAre("2024-06-01 CONTRACT-MONITORING-MEETING due",
                          "2024-07-01 CONTRACT-MONITORING-MEETING due",
                          "2024-08-01 CONTRACT-MONITORING-MEETING upcoming"));
  EXPECT_THAT(lines(r, "unannounced-visit-level-2"),
              ElementsAre("2024-04-01 UNANNOUNCED-VISIT overdue"));
}

// A scheme that is not assessed has no level: a rule that reads it is undecided, and says so.
TEST(LedgerTimeline, ANotAssessedSchemeHasNoLevel) {
  const qaf::provider p = record_with("care-home", {{"service_type", std::string("residential")},
                                                    {"monitoring_start", d("2019-01-01")}});
  const qaf::schedule_result r =
      schedule("herefordshire-adults-2018", p, "2024-03-01", "2024-08-31", "2024-06-01");
  EXPECT_THAT(lines(r, "unannounced-visit-level-2"), IsEmpty());
  EXPECT_THAT(r.unknown_facts, Contains("level('threshold')"));
}

qaf::provider devon_home() {
  return record_with("devon-home", {{"service_type", std::string("childrens_home")},
                                    {"listed_company", false},
                                    {"monitoring_start", d("2024-04-01")}});
}

qaf::data_return kpi_return(const char* start, const char* end) {
  qaf::data_return r;
  r.start = d(start);
  r.end = d(end);
  r.values = {{"placement_breakdowns", 1.0}};
  return r;
}

// Issue 9: Devon's DATA-RETURN is not overdue beside the KPI returns for the same periods. Periods
// of three months from 2024-04-01: the KPI returns for April-June and July-September fulfil them
// (done on their due dates, with a kpi_return warning: a return does not say when it was sent);
// October-December, due 2025-01-01, is overdue at 2025-02-01.
TEST(LedgerTimeline, KpiReturnsFulfilTheLinkedDataReturn) {
  qaf::provider p = devon_home();
  p.returns = {kpi_return("2024-04-01", "2024-06-30"), kpi_return("2024-07-01", "2024-09-30")};
  const qaf::schedule_result r =
      schedule("devon-children-residential", p, "2024-04-01", "2025-03-31", "2025-02-01");
  EXPECT_THAT(
      lines(r, "data-return-three-monthly"),
      ElementsAre("2024-07-01 DATA-RETURN done:2024-07-01",
                  "2024-10-01 DATA-RETURN done:2024-10-01", "2025-01-01 DATA-RETURN overdue"));
  ASSERT_FALSE(r.occurrences.empty());
  for (const qaf::occurrence& o : r.occurrences) {
    if (o.rule == "data-return-three-monthly" && o.status == qaf::occurrence_status::done) {
      ASSERT_EQ(o.warnings.size(), 1u);
      EXPECT_EQ(o.warnings[0].code, "kpi_return");
    }
  }
}

std::vector<std::string> kpi_lines(const std::vector<qaf::kpi_result>& results,
                                   const std::string& kpi) {
  std::vector<std::string> out;
  for (const qaf::kpi_result& k : results) {
    if (k.kpi != kpi) continue;
    out.push_back(k.period_start.to_string() + '/' + k.period_end.to_string() + ' ' +
                  std::string(qaf::to_string(k.status)) + ' ' +
                  std::string(qaf::to_string(k.consequence)));
  }
  return out;
}

// Issue 9: a provider that stops sending returns is not silent. After the July-September 2024
// return nothing came; as of 2025-05-01 the October-December and January-March periods (due
// 2025-01-01 and 2025-04-01) are owed: every KPI no_data, consequence return_missed.
TEST(LedgerTimeline, AProviderThatStopsSendingReturnsGetsNoDataRows) {
  qaf::provider p = devon_home();
  p.returns = {kpi_return("2024-04-01", "2024-06-30"), kpi_return("2024-07-01", "2024-09-30")};
  const std::vector<qaf::kpi_result> k =
      engine_of("devon-children-residential").evaluate_kpis(p, d("2025-05-01"));
  EXPECT_THAT(
      kpi_lines(k, "compatibility_assessments"),
      ElementsAre("2024-04-01/2024-06-30 no_data none", "2024-07-01/2024-09-30 no_data none",
                  "2024-10-01/2024-12-31 no_data return_missed",
                  "2025-01-01/2025-03-31 no_data return_missed"));
  // Without a date nothing is known to be owed: the rows stop with the last return.
  EXPECT_THAT(
      kpi_lines(engine_of("devon-children-residential").evaluate_kpis(p),
                "compatibility_assessments"),
      ElementsAre("2024-04-01/2024-06-30 no_data none", "2024-07-01/2024-09-30 no_data none"));
}

// Issue 9: the yearly carbon KPI respects as_of. A listed company's contract year 2024-04-01 to
// 2025-03-31 with the evidence not supplied: undecided (no_data) before the year's end, not_met
// once the year has ended and the return after it is overdue; the contract year running at as_of
// has its row, not yet supplied.
TEST(LedgerTimeline, TheYearlyCarbonKpiIsDecidedAsOfADate) {
  qaf::provider p = devon_home();
  p.facts["listed_company"] = true;
  qaf::data_return q1 = kpi_return("2024-04-01", "2024-06-30");
  q1.values["carbon_reporting"] = false;
  p.returns = {q1};
  const qaf::engine& devon = engine_of("devon-children-residential");
  EXPECT_THAT(kpi_lines(devon.evaluate_kpis(p, d("2024-12-01")), "carbon_reporting"),
              ElementsAre("2024-04-01/2024-06-30 no_data none"));
  EXPECT_THAT(kpi_lines(devon.evaluate_kpis(p, d("2025-04-03")), "carbon_reporting"),
              ElementsAre("2024-04-01/2024-06-30 not_met review_meeting",
                          "2025-04-01/2026-03-31 no_data none"));
}

// Issue 9: 2018 returns drew a default notice under a framework in force from 2019-04-01; a
// period before effective_from draws no consequence, as of any date.
TEST(LedgerTimeline, NoKpiConsequenceBeforeTheFramework) {
  qaf::provider p = record_with("devon-home", {{"service_type", std::string("childrens_home")},
                                               {"monitoring_start", d("2018-04-01")}});
  qaf::data_return a = kpi_return("2018-04-01", "2018-06-30");
  a.values = {{"compatibility_assessments", qaf::ratio{1, 2}}};
  qaf::data_return b = kpi_return("2018-07-01", "2018-09-30");
  b.values = {{"compatibility_assessments", qaf::ratio{1, 2}}};
  p.returns = {a, b};
  const std::vector<qaf::kpi_result> k =
      engine_of("devon-children-residential").evaluate_kpis(p, d("2018-12-01"));
  EXPECT_THAT(
      kpi_lines(k, "compatibility_assessments"),
      ElementsAre("2018-04-01/2018-06-30 not_met none", "2018-07-01/2018-09-30 not_met none"));
}

// Issue 9: an out-of-borough school with three overdue termly returns gets Bolton's extra visit
// (reason 4) from the ledger's own missed returns, with no event entered by hand.
TEST(LedgerTimeline, MissedTermlyReturnsBringTheExtraVisit) {
  const qaf::provider p = record_with("school", {{"service_type", std::string("special_school")},
                                                 {"location", std::string("out_of_area")},
                                                 {"host_authority_qa", true},
                                                 {"ehcp_children", std::int64_t{2}},
                                                 {"monitoring_start", d("2024-02-01")}});
  const qaf::schedule_result r =
      schedule("bolton-children-2024", p, "2024-02-01", "2025-12-31", "2025-06-01");
  // Spring 2024 (due 2024-03-31), Summer 2024 (07-31), Autumn 2024 (12-31) and Spring 2025
  // (2025-03-31) are overdue; each makes a return_missed event the day after, and a QMC-2 within
  // 3 months of it.
  EXPECT_THAT(lines(r, "oob-missed-data-qmc2"),
              ElementsAre("2024-07-01 QMC-2 overdue", "2024-11-01 QMC-2 overdue",
                          "2025-04-01 QMC-2 overdue", "2025-07-01 QMC-2 due"));
}

// A history record that fulfils nothing is named, not silently dropped: a second QMC-3 a week
// after the first, when the next is owed a year later.
TEST(LedgerTimeline, AnUnmatchedHistoryRecordIsNamed) {
  qaf::provider p = bolton_home("good");
  p.history = {{"QMC-3", d("2024-03-01")}, {"QMC-3", d("2024-03-08")}};
  const qaf::schedule_result r =
      schedule("bolton-children-2024", p, "2024-02-01", "2025-01-31", "2024-06-01");
  std::vector<std::string> unmatched;
  for (const qaf::occurrence_warning& w : r.warnings) {
    if (w.code == "unmatched_history") unmatched.push_back(w.message);
  }
  ASSERT_EQ(unmatched.size(), 1u);
  EXPECT_THAT(unmatched[0], HasSubstr("QMC-3 of 2024-03-08 (/history/1)"));
  EXPECT_THAT(unmatched[0], HasSubstr("provider home"));
}

}  // namespace

namespace {

// DOMAIN.md section 2: a pack may roll every due date to the next working day. Bolton children's
// pack with "roll": "next_working_day": the QMC-3 of a home monitored from 2023-04-01 falls due on
// Easter Monday 2024-04-01 and rolls to Tuesday 2024-04-02, saying why; without the policy it stays
// and carries the non_working_day warning.
TEST(LedgerTimeline, APackWideRollMovesDueDatesToTheNextWorkingDay) {
  const qaf::pack bolton = qaf::load_pack_or_throw("bolton-children-2024");
  std::string text(bolton.json_text());
  const std::string region = "\"region\": \"england_and_wales\"";
  const auto at = text.find(region);
  ASSERT_NE(at, std::string::npos);
  text.insert(at + region.size(), ", \"roll\": \"next_working_day\"");
  const qaf::pack_result rolled_pack = qaf::parse_pack(text, "rolled.json");
  ASSERT_TRUE(rolled_pack) << qaf::testing::describe(rolled_pack.diagnostics);
  const qaf::engine rolled(*rolled_pack.pack);
  const qaf::provider p = bolton_home("good");
  const qaf::schedule_result r =
      rolled.schedule(p, {d("2024-03-01"), d("2024-04-30"), d("2024-03-01")});
  EXPECT_THAT(lines(r, "qmc3-social-care"), ElementsAre("2024-04-02 QMC-3 upcoming"));
  for (const qaf::occurrence& o : r.occurrences) {
    if (o.rule != "qmc3-social-care") continue;
    ASSERT_EQ(o.warnings.size(), 1u);
    EXPECT_EQ(o.warnings[0].code, "rolled");
    EXPECT_EQ(o.warnings[0].message,
              "2024-04-01 is not a working day (Easter Monday); due the next working day, "
              "2024-04-02, as the pack rolls due dates");
  }
  const qaf::schedule_result kept =
      schedule("bolton-children-2024", p, "2024-03-01", "2024-04-30", "2024-03-01");
  EXPECT_THAT(lines(kept, "qmc3-social-care"), ElementsAre("2024-04-01 QMC-3 upcoming"));
}

}  // namespace

namespace {

// Issue 14: a follow-up may have `when`, decided with the facts in force on the day of the activity
// it follows. Bolton children's QMC-1 form, owed here only while the home is rated below Good: the
// QMC-1 of 2024-05-13 (rated Requires Improvement until 2024-08-15) owes the form within ten
// working days, 2024-05-28 (the Spring bank holiday is 27 May); the QMC-1 of 2024-10-01, after the
// rating went back to Good, owes none.
TEST(LedgerTimeline, AFollowUpWhenIsDecidedOnTheDayOfTheActivity) {
  const qaf::pack bolton = qaf::load_pack_or_throw("bolton-children-2024");
  std::string text(bolton.json_text());
  const std::string after = "\"after\": \"QMC-1\"";
  const auto at = text.find(after);
  ASSERT_NE(at, std::string::npos);
  text.insert(at, "\"when\": \"regulator_rating in ['requires_improvement', 'inadequate']\", ");
  const qaf::pack_result changed = qaf::parse_pack(text, "follow-up-when.json");
  ASSERT_TRUE(changed) << qaf::testing::describe(changed.diagnostics);
  const qaf::engine engine(*changed.pack);
  qaf::provider p = bolton_home("good");
  p.events = {rating_change("2024-08-15", "requires_improvement", "good")};
  p.history = {{"QMC-1", d("2024-05-13")}, {"QMC-1", d("2024-10-01")}};
  const qaf::schedule_result r =
      engine.schedule(p, {d("2024-02-01"), d("2025-01-31"), d("2024-12-01")});
  EXPECT_THAT(lines(r, "qmc1-form"), ElementsAre("2024-05-28 QMC-1-FORM overdue"));
}

}  // namespace
