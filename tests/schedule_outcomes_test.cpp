// Activity outcomes in the history, follow-ups that follow only some outcomes, a follow-up's
// completion that never also fulfils the routine chain unless the pack says `counts_as`, and
// obligations due a fixed time before an activity (issue 14, "Format"), on the test pack
// tests/data/packs/audit-outcomes.json: an annual audit, an action plan and a re-audit after a poor
// one, a self-assessment 10 working days before each audit. Dates are worked out in the comments.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "qaf/engine.hpp"
#include "qaf/pack.hpp"
#include "qaf/portfolio.hpp"
#include "qaf/rating.hpp"
#include "qaf/schedule.hpp"
#include "test_support.hpp"

namespace {

using qaf::date;
using qaf::testing::data_dir;
using qaf::testing::describe;
using qaf::testing::read_file;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

date d(const char* text) { return date::parse(text); }

nlohmann::json pack_json() {
  return nlohmann::json::parse(read_file(data_dir() / "packs/audit-outcomes.json"));
}

qaf::pack load(const nlohmann::json& pack) {
  qaf::pack_result loaded = qaf::parse_pack(pack.dump(), "audit-outcomes.json");
  if (!loaded) throw std::runtime_error(describe(loaded.diagnostics));
  return std::move(*loaded.pack);
}

const qaf::engine& standard() {
  static const qaf::engine engine(load(pack_json()));
  return engine;
}

qaf::provider home(std::vector<qaf::activity_record> history) {
  qaf::provider p;
  p.id = "home";
  p.facts = {{"service_type", std::string("residential")}, {"monitoring_start", d("2024-06-01")}};
  p.history = std::move(history);
  return p;
}

qaf::activity_record done(const char* activity, const char* on, const char* outcome = nullptr) {
  qaf::activity_record r{activity, d(on)};
  if (outcome != nullptr) r.outcome = outcome;
  return r;
}

// "2026-05-14 AUDIT upcoming" or "2025-06-01 AUDIT done:2025-05-14 poor": one comparable line.
std::string line(const qaf::occurrence& o) {
  std::string text =
      o.due.to_string() + ' ' + o.activity + ' ' + std::string(qaf::to_string(o.status));
  if (o.done_on) text += ":" + o.done_on->to_string();
  if (o.outcome) text += " " + *o.outcome;
  return text;
}

std::vector<std::string> lines(const qaf::schedule_result& r, const std::string& rule) {
  std::vector<std::string> out;
  for (const qaf::occurrence& o : r.occurrences) {
    if (o.rule == rule) out.push_back(line(o));
  }
  return out;
}

const qaf::occurrence* find(const qaf::schedule_result& r, const std::string& rule,
                            const char* due) {
  for (const qaf::occurrence& o : r.occurrences) {
    if (o.rule == rule && o.due == d(due)) return &o;
  }
  return nullptr;
}

std::vector<qaf::diagnostic> pack_errors(const nlohmann::json& pack) {
  return qaf::parse_pack(pack.dump(), "mine.json").diagnostics;
}

// ---- outcomes read by conditions ----------------------------------------------------------

// A poor audit on Wednesday 2025-05-14 owes an action plan within 20 working days (26 May is the
// spring bank holiday: 15, 16, 19-23, 27-30 May, 2-6, 9-12 June: 2025-06-12) and a re-audit six
// months later; a good one owes neither.
TEST(ScheduleOutcomes, AFollowUpFollowsOnlyTheOutcomesItsConditionNames) {
  const qaf::schedule_result poor =
      standard().schedule(home({done("AUDIT", "2025-05-14", "poor")}),
                          {d("2025-05-01"), d("2026-06-30"), d("2025-06-02")});
  EXPECT_THAT(lines(poor, "action-plan-after-poor"), ElementsAre("2025-06-12 ACTION-PLAN due"));
  EXPECT_THAT(lines(poor, "re-audit-after-poor"), ElementsAre("2025-11-14 RE-AUDIT upcoming"));
  EXPECT_THAT(poor.unknown_facts, IsEmpty());

  const qaf::schedule_result good =
      standard().schedule(home({done("AUDIT", "2025-05-14", "good")}),
                          {d("2025-05-01"), d("2026-06-30"), d("2025-06-02")});
  EXPECT_THAT(lines(good, "action-plan-after-poor"), IsEmpty());
  EXPECT_THAT(lines(good, "re-audit-after-poor"), IsEmpty());
}

// Each completion is judged by its own outcome, on its own day: a poor audit in 2025 and a good
// one in 2026 owe one action plan, after the first.
TEST(ScheduleOutcomes, EachCompletionIsJudgedByItsOwnOutcome) {
  const qaf::schedule_result r = standard().schedule(
      home({done("AUDIT", "2025-05-14", "poor"), done("ACTION-PLAN", "2025-06-05"),
            done("AUDIT", "2026-05-12", "good")}),
      {d("2025-05-01"), d("2026-06-30"), d("2026-06-01")});
  EXPECT_THAT(lines(r, "action-plan-after-poor"),
              ElementsAre("2025-06-12 ACTION-PLAN done:2025-06-05"));
}

// An audit with no outcome recorded leaves the condition unknown: no action plan is owed, and the
// fact that would decide it is reported, never taken as good news.
TEST(ScheduleOutcomes, AnAuditWithoutAnOutcomeIsReportedUnknown) {
  const qaf::schedule_result r = standard().schedule(
      home({done("AUDIT", "2025-05-14")}), {d("2025-05-01"), d("2026-06-30"), d("2025-06-02")});
  EXPECT_THAT(lines(r, "action-plan-after-poor"), IsEmpty());
  EXPECT_THAT(r.unknown_facts, ElementsAre("outcome('AUDIT')"));
}

// The done occurrence shows what the record that fulfilled it found.
TEST(ScheduleOutcomes, ADoneOccurrenceCarriesItsRecordsOutcome) {
  const qaf::schedule_result r =
      standard().schedule(home({done("AUDIT", "2025-05-14", "requires_improvement")}),
                          {d("2025-05-01"), d("2026-06-30"), d("2025-06-02")});
  EXPECT_THAT(lines(r, "annual-audit"),
              ElementsAre("2025-06-01 AUDIT done:2025-05-14 requires_improvement",
                          "2026-05-14 AUDIT upcoming"));
}

// A classification reads the latest outcome as of the date rated.
TEST(ScheduleOutcomes, ARatingReadsTheLatestOutcomeAsOfItsDate) {
  const qaf::provider p =
      home({done("AUDIT", "2025-05-14", "poor"), done("AUDIT", "2026-05-12", "good")});
  const std::vector<qaf::rating> before = standard().rate(p, d("2026-05-11"));
  ASSERT_EQ(before.size(), 1u);
  EXPECT_EQ(std::get<std::int64_t>(before[0].level), 3);
  const std::vector<qaf::rating> after = standard().rate(p, d("2026-05-12"));
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(std::get<std::int64_t>(after[0].level), 1);
  const std::vector<qaf::rating> none = standard().rate(home({}), d("2026-05-12"));
  ASSERT_EQ(none.size(), 1u);
  EXPECT_EQ(none[0].status, qaf::rating_status::not_assessed);
}

// ---- a follow-up's completion is not the routine one ------------------------------------

// The re-audit as a follow-up of the audit itself (activity AUDIT after AUDIT): the audit of
// 2025-11-10 is the re-audit, so the routine chain stays a year after the poor audit of
// 2025-05-14 (2026-05-14) rather than moving to a year after the re-audit.
TEST(ScheduleOutcomes, AFollowUpsCompletionDoesNotAlsoFulfilTheRoutineChain) {
  nlohmann::json pack = pack_json();
  pack["follow_ups"][1]["activity"] = "AUDIT";
  const qaf::engine engine(load(pack));
  const qaf::schedule_result r = engine.schedule(
      home({done("AUDIT", "2025-05-14", "poor"), done("AUDIT", "2025-11-10", "good")}),
      {d("2025-05-01"), d("2026-06-30"), d("2025-12-01")});
  EXPECT_THAT(lines(r, "re-audit-after-poor"),
              ElementsAre("2025-11-14 AUDIT done:2025-11-10 good"));
  EXPECT_THAT(lines(r, "annual-audit"),
              ElementsAre("2025-06-01 AUDIT done:2025-05-14 poor", "2026-05-14 AUDIT upcoming"));
  EXPECT_THAT(r.warnings, IsEmpty());
}

// `counts_as`: the pack says the re-audit counts as the routine audit, so the RE-AUDIT of
// 2025-11-10 also fulfils the audit due 2026-05-14 (early), with a warning saying so, and the
// next routine audit is a year after it.
TEST(ScheduleOutcomes, CountsAsLetsAFollowUpFulfilTheRoutineChainToo) {
  nlohmann::json pack = pack_json();
  pack["follow_ups"][1]["counts_as"] = "AUDIT";
  const qaf::engine engine(load(pack));
  const qaf::schedule_result r = engine.schedule(
      home({done("AUDIT", "2025-05-14", "poor"), done("RE-AUDIT", "2025-11-10", "good")}),
      {d("2025-05-01"), d("2026-12-31"), d("2025-12-01")});
  EXPECT_THAT(lines(r, "re-audit-after-poor"),
              ElementsAre("2025-11-14 RE-AUDIT done:2025-11-10 good"));
  EXPECT_THAT(lines(r, "annual-audit"),
              ElementsAre("2025-06-01 AUDIT done:2025-05-14 poor",
                          "2026-05-14 AUDIT done:2025-11-10 good", "2026-11-10 AUDIT upcoming"));
  const qaf::occurrence* counted = find(r, "annual-audit", "2026-05-14");
  ASSERT_NE(counted, nullptr);
  ASSERT_EQ(counted->warnings.size(), 1u);
  EXPECT_EQ(counted->warnings[0].code, "counts_as");
  EXPECT_EQ(counted->warnings[0].message,
            "fulfilled by the RE-AUDIT of 2025-11-10, a follow-up the pack counts as AUDIT");

  // Without counts_as the re-audit leaves the routine audit due a year after the poor one.
  const qaf::schedule_result apart = standard().schedule(
      home({done("AUDIT", "2025-05-14", "poor"), done("RE-AUDIT", "2025-11-10", "good")}),
      {d("2025-05-01"), d("2026-12-31"), d("2025-12-01")});
  EXPECT_THAT(lines(apart, "annual-audit"),
              ElementsAre("2025-06-01 AUDIT done:2025-05-14 poor", "2026-05-14 AUDIT upcoming"));
}

// ---- due before an activity ---------------------------------------------------------------

// The self-assessment is due 10 working days before each audit falls due. Before 2025-06-01 (a
// Sunday): 30, 29, 28, 27 May (26 May is a bank holiday), 23-19 May, 16 May: 2025-05-16, done on
// 2025-05-12; before 2026-05-14: 13, 12, 11, 8, 7, 6, 5 May (4 May is a bank holiday), 1 May,
// 30, 29 April: 2026-04-29. Each is done by the first self-assessment after the previous audit
// fell due.
TEST(ScheduleOutcomes, AnObligationFallsDueAFixedTimeBeforeEachAudit) {
  const qaf::schedule_result r = standard().schedule(
      home({done("SELF-ASSESSMENT", "2025-05-12"), done("AUDIT", "2025-05-14", "good")}),
      {d("2025-04-01"), d("2026-06-30"), d("2025-06-02")});
  EXPECT_THAT(lines(r, "self-assessment-before-audit"),
              ElementsAre("2025-05-16 SELF-ASSESSMENT done:2025-05-12",
                          "2026-04-29 SELF-ASSESSMENT upcoming"));
  const qaf::occurrence* next = find(r, "self-assessment-before-audit", "2026-04-29");
  ASSERT_NE(next, nullptr);
  ASSERT_EQ(next->warnings.size(), 1u);
  EXPECT_EQ(next->warnings[0].code, "before");
  EXPECT_EQ(next->warnings[0].message, "AUDIT due 2026-05-14");
  EXPECT_EQ(next->source.section, "3");
}

// A re-audit that is an AUDIT, which the pack counts as the routine audit, is one visit for two
// obligations: it owes one self-assessment, before the re-audit falls due (2025-11-14: 13-10,
// 7-3 November, 31 October: 2025-10-31), and the routine audit it fulfilled owes none of its own.
// The others: before 2025-06-01, 2025-05-16; before the next routine audit, 2026-11-10 (9, 6-2
// November, 30-27 October): 2026-10-27.
TEST(ScheduleOutcomes, AVisitThatFulfilsTwoObligationsOwesOneSelfAssessment) {
  nlohmann::json pack = pack_json();
  pack["follow_ups"][1]["activity"] = "AUDIT";
  pack["follow_ups"][1]["counts_as"] = "AUDIT";
  const qaf::engine engine(load(pack));
  const qaf::schedule_result r = engine.schedule(
      home({done("AUDIT", "2025-05-14", "poor"), done("AUDIT", "2025-11-10", "good")}),
      {d("2025-04-01"), d("2026-12-31"), d("2025-12-01")});
  EXPECT_THAT(lines(r, "annual-audit"),
              ElementsAre("2025-06-01 AUDIT done:2025-05-14 poor",
                          "2026-05-14 AUDIT done:2025-11-10 good", "2026-11-10 AUDIT upcoming"));
  EXPECT_THAT(
      lines(r, "self-assessment-before-audit"),
      ElementsAre("2025-05-16 SELF-ASSESSMENT overdue", "2025-10-31 SELF-ASSESSMENT overdue",
                  "2026-10-27 SELF-ASSESSMENT upcoming"));
}

// The ledger does not depend on the window: an audit due just after the window still owes the
// self-assessment due inside it (and the one never returned before the first audit stays overdue).
TEST(ScheduleOutcomes, AnObligationBeforeAnAuditAfterTheWindowIsStillOwed) {
  const qaf::provider p = home({done("AUDIT", "2025-05-14", "good")});
  const qaf::schedule_result r =
      standard().schedule(p, {d("2026-04-01"), d("2026-05-05"), d("2025-06-02")});
  EXPECT_THAT(
      lines(r, "self-assessment-before-audit"),
      ElementsAre("2025-05-16 SELF-ASSESSMENT overdue", "2026-04-29 SELF-ASSESSMENT upcoming"));
  EXPECT_THAT(lines(r, "annual-audit"), IsEmpty());
}

// ---- minimum visits with `when` -------------------------------------------------------------

// "Two visits a year while the latest audit is Poor": checked only where the latest audit is
// poor, and only over the days since it became so (the poor audit of 2025-05-14). As of
// 2025-06-02 that is 20 of the 365 days of the 12 months before: ceil(2 x 20 / 365) = 1 visit
// owed, and the audit of 14 May is it. The window from 2025-04-01 counts from 14 May: the audit
// done then and the re-audit due 2025-11-14.
TEST(ScheduleOutcomes, AMinimumVisitsRuleCountsOnlyTheDaysItsConditionHolds) {
  const qaf::schedule_result poor =
      standard().schedule(home({done("AUDIT", "2025-05-14", "poor")}),
                          {d("2025-04-01"), d("2026-03-31"), d("2025-06-02")});
  ASSERT_EQ(poor.minimum_visits.size(), 1u);
  const qaf::minimum_visits_check& c = poor.minimum_visits[0];
  EXPECT_EQ(c.rule, "two-visits-while-poor");
  EXPECT_TRUE(c.part_year);
  EXPECT_EQ(c.required_in_force, 1);
  EXPECT_EQ(c.done_last_12_months, 1);
  EXPECT_EQ(c.shortfall, 0);
  EXPECT_FALSE(c.full_year);
  EXPECT_EQ(c.scheduled_fewest, 2);

  const qaf::schedule_result good =
      standard().schedule(home({done("AUDIT", "2025-05-14", "good")}),
                          {d("2025-04-01"), d("2026-03-31"), d("2025-06-02")});
  EXPECT_THAT(good.minimum_visits, IsEmpty());
}

// ---- ledger properties ------------------------------------------------------------------

std::vector<std::vector<qaf::activity_record>> histories() {
  return {
      {},
      {done("AUDIT", "2025-05-14", "poor")},
      {done("AUDIT", "2025-05-14", "poor"), done("ACTION-PLAN", "2025-06-20"),
       done("RE-AUDIT", "2025-11-10", "requires_improvement")},
      {done("SELF-ASSESSMENT", "2025-05-02"), done("AUDIT", "2025-05-14", "poor"),
       done("AUDIT", "2025-11-01", "good"), done("SELF-ASSESSMENT", "2026-04-20"),
       done("AUDIT", "2026-05-01", "good")},
      {done("AUDIT", "2025-05-14", "good"), done("AUDIT", "2025-05-20", "poor"),
       done("RE-AUDIT", "2025-08-01", "poor"), done("ACTION-PLAN", "2025-08-02"),
       done("ACTION-PLAN", "2025-08-03")},
  };
}

std::vector<qaf::engine> engines() {
  std::vector<qaf::engine> out;
  out.emplace_back(load(pack_json()));
  nlohmann::json same_activity = pack_json();
  same_activity["follow_ups"][1]["activity"] = "AUDIT";
  out.emplace_back(load(same_activity));
  nlohmann::json counted = pack_json();
  counted["follow_ups"][1]["counts_as"] = "AUDIT";
  out.emplace_back(load(counted));
  return out;
}

// A record used at most once: no two occurrences are done by the same record, except where a
// counts_as warning says the pack counts a follow-up's completion as the routine activity too.
TEST(ScheduleOutcomes, EveryRecordFulfilsAtMostOneObligation) {
  for (const qaf::engine& engine : engines()) {
    for (const auto& history : histories()) {
      const qaf::schedule_result r =
          engine.schedule(home(history), {d("2024-06-01"), d("2027-12-31"), d("2026-06-01")});
      std::map<std::pair<std::string, date>, int> uses;
      for (const qaf::occurrence& o : r.occurrences) {
        if (!o.done_on) continue;
        const bool counted = std::any_of(o.warnings.begin(), o.warnings.end(),
                                         [](const auto& w) { return w.code == "counts_as"; });
        if (!counted) ++uses[{o.activity, *o.done_on}];
      }
      std::map<std::pair<std::string, date>, int> records;
      for (const qaf::activity_record& h : history) ++records[{h.activity, h.on}];
      for (const auto& [key, n] : uses) {
        EXPECT_LE(n, records[key]) << key.first << " of " << key.second.to_string();
      }
    }
  }
}

// Adding a completion never adds an overdue entry: no rule has more overdue entries after it.
// (Which entries are overdue may change: a chain done earlier goes on from the new completion.)
TEST(ScheduleOutcomes, AddingACompletionNeverAddsAnOverdueEntry) {
  const std::vector<qaf::activity_record> extras = {
      done("AUDIT", "2025-09-01", "good"), done("AUDIT", "2025-09-01", "poor"),
      done("RE-AUDIT", "2025-12-01", "good"), done("ACTION-PLAN", "2025-07-01"),
      done("SELF-ASSESSMENT", "2026-03-01")};
  for (const qaf::engine& engine : engines()) {
    for (const auto& history : histories()) {
      const auto overdue = [&](const std::vector<qaf::activity_record>& h) {
        std::map<std::string, int> out;  // by rule
        const qaf::schedule_result r =
            engine.schedule(home(h), {d("2024-06-01"), d("2027-12-31"), d("2026-06-01")});
        for (const qaf::occurrence& o : r.occurrences) {
          if (o.status == qaf::occurrence_status::overdue) ++out[o.rule];
        }
        return out;
      };
      const auto before = overdue(history);
      for (const qaf::activity_record& extra : extras) {
        if (extra.activity == "AUDIT" && extra.outcome == std::string("poor")) {
          continue;  // a poor audit owes new follow-ups, which may be overdue: not a completion of
                     // anything owed
        }
        std::vector<qaf::activity_record> more = history;
        more.push_back(extra);
        for (const auto& [rule, n] : overdue(more)) {
          const auto was = before.find(rule);
          EXPECT_LE(n, was == before.end() ? 0 : was->second)
              << rule << " after adding " << extra.activity << " of " << extra.on.to_string();
        }
      }
    }
  }
}

// The window-union property with outcomes, follow-ups and offsets before an activity.
TEST(ScheduleOutcomes, TheLedgerIsTheSameWhateverTheWindow) {
  for (const qaf::engine& engine : engines()) {
    for (const auto& history : histories()) {
      const auto entries = [&](const char* from, const char* to) {
        std::set<std::string> out;
        const qaf::schedule_result r =
            engine.schedule(home(history), {d(from), d(to), d("2025-12-01")});
        for (const qaf::occurrence& o : r.occurrences) out.insert(o.rule + ' ' + line(o));
        return out;
      };
      std::set<std::string> joined = entries("2025-01-01", "2025-12-31");
      for (const std::string& e : entries("2026-01-01", "2027-06-30")) joined.insert(e);
      EXPECT_EQ(entries("2025-01-01", "2027-06-30"), joined);
    }
  }
}

// ---- the pack and portfolio formats ------------------------------------------------------

TEST(ScheduleOutcomes, AHistoryOutcomeOutsideTheActivitysSetIsRefused) {
  const qaf::pack rules = load(pack_json());
  const std::string portfolio = R"({"providers": [{"id": "home", "history": [
      {"activity": "AUDIT", "date": "2025-05-14", "outcome": "pooor"},
      {"activity": "ACTION-PLAN", "date": "2025-06-01", "outcome": "good"}]}]})";
  const qaf::portfolio_result read = qaf::parse_portfolio_json(rules, portfolio, "homes.json");
  ASSERT_EQ(read.diagnostics.size(), 2u) << describe(read.diagnostics);
  EXPECT_EQ(read.diagnostics[0].to_string(),
            "homes.json:/providers/0/history/0/outcome: qaf.portfolio.outcome: 'pooor' is not an "
            "outcome of AUDIT; expected one of good, requires_improvement, poor; did you mean "
            "'poor'?");
  EXPECT_EQ(read.diagnostics[1].to_string(),
            "homes.json:/providers/0/history/1/outcome: qaf.portfolio.outcome: activity "
            "ACTION-PLAN of pack audit-outcomes records no outcome; leave 'outcome' out");
}

TEST(ScheduleOutcomes, ACsvPortfolioGivesTheOutcomeBesideTheDate) {
  const qaf::pack rules = load(pack_json());
  const qaf::portfolio_result read =
      qaf::parse_portfolio_csv(rules,
                               "id,service_type,last_AUDIT,last_AUDIT_outcome\n"
                               "home,residential,2025-05-14,poor\n"
                               "other,residential,,good\n"
                               "third,residential,2025-05-14,goood\n",
                               "homes.csv");
  ASSERT_EQ(read.diagnostics.size(), 2u) << describe(read.diagnostics);
  EXPECT_EQ(read.diagnostics[0].to_string(),
            "homes.csv:3:4: qaf.portfolio.missing: an outcome belongs to the AUDIT dated in "
            "last_AUDIT, which this row leaves empty");
  EXPECT_THAT(read.diagnostics[1].to_string(),
              HasSubstr("homes.csv:4:4: qaf.portfolio.outcome: 'goood' is not an outcome of "
                        "AUDIT; expected one of good, requires_improvement, poor; did you mean "
                        "'good'?"));
  const qaf::portfolio_result good = qaf::parse_portfolio_csv(
      rules, "id,last_AUDIT,last_AUDIT_outcome\nhome,2025-05-14,poor\n", "homes.csv");
  ASSERT_TRUE(good) << describe(good.diagnostics);
  ASSERT_EQ(good.portfolio->providers[0].history.size(), 1u);
  EXPECT_EQ(good.portfolio->providers[0].history[0].outcome, std::optional<std::string>("poor"));
}

std::string only(const nlohmann::json& pack, const char* code, const char* pointer) {
  const std::vector<qaf::diagnostic> found = pack_errors(pack);
  EXPECT_EQ(found.size(), 1u) << describe(found);
  if (found.size() != 1) return "";
  EXPECT_EQ(found[0].code, code);
  EXPECT_EQ(found[0].pointer, pointer);
  return found[0].message;
}

TEST(ScheduleOutcomes, PackMistakesAreCodedWithSuggestions) {
  nlohmann::json pack = pack_json();
  pack["follow_ups"][0]["when"] = "outcome('AUDIT') == 'pooor'";
  EXPECT_THAT(only(pack, "qaf.condition.value", "/follow_ups/0/when"),
              HasSubstr("'pooor' is not a value of outcome('AUDIT'); expected one of good, "
                        "requires_improvement, poor; did you mean 'poor'?"));

  pack = pack_json();
  pack["follow_ups"][0]["when"] = "outcome('AUDT') == 'poor'";
  EXPECT_THAT(only(pack, "qaf.condition.value", "/follow_ups/0/when"),
              HasSubstr("'AUDT' is no activity that records outcomes; those that do are AUDIT, "
                        "RE-AUDIT; did you mean 'AUDIT'?"));

  pack = pack_json();
  pack["follow_ups"][1]["counts_as"] = "AUDT";
  EXPECT_EQ(only(pack, "qaf.pack.undeclared_activity", "/follow_ups/1/counts_as"),
            "'AUDT' is not an activity declared in /activities; did you mean 'AUDIT'?");

  pack = pack_json();
  pack["activities"][0]["outcomes"] = {"good", "Poor", "good"};
  const std::vector<qaf::diagnostic> found = pack_errors(pack);
  ASSERT_GE(found.size(), 2u) << describe(found);
  EXPECT_EQ(found[0].pointer, "/activities/0/outcomes/1");
  EXPECT_EQ(found[1].pointer, "/activities/0/outcomes/2");
  EXPECT_EQ(found[1].message, "'good' is listed twice");

  pack = pack_json();
  pack["schedule"][1]["cadence"]["offset"] = {{"same_working_day", true}};
  EXPECT_EQ(only(pack, "qaf.pack.value", "/schedule/1/cadence/offset/same_working_day"),
            "an offset before an activity is working_days, hours, days, weeks or months");

  pack = pack_json();
  pack["schedule"][1]["cadence"]["activty"] = "AUDIT";
  EXPECT_THAT(only(pack, "qaf.pack.unknown_member", "/schedule/1/cadence/activty"),
              HasSubstr("did you mean 'activity'? The members allowed here are activity, offset, "
                        "type"));

  pack = pack_json();
  pack["follow_ups"][1]["count_as"] = "AUDIT";
  EXPECT_THAT(only(pack, "qaf.pack.unknown_member", "/follow_ups/1/count_as"),
              HasSubstr("did you mean 'counts_as'?"));

  pack = pack_json();
  pack["kpis"] = {{{"id", "k"},
                   {"title", "K"},
                   {"measure", "count"},
                   {"target", {{"type", "at_most"}, {"value", 1}}},
                   {"when", "outcome('AUDIT') == 'poor'"},
                   {"source", {{"document", "audit-doc"}, {"section", "6"}}}}};
  EXPECT_THAT(only(pack, "qaf.condition.outcome_here", "/kpis/0/when"),
              HasSubstr("outcome('...') reads the history"));
}

}  // namespace

namespace {

// The pack's own worked examples pass `qaf test`, outcomes in their records and in their
// expectations included.
TEST(ScheduleOutcomes, ThePacksOwnTestsPass) {
  const qaf::testing::cli_result r =
      qaf::testing::run_cli("test '" + (data_dir() / "packs/audit-outcomes.json").string() + "'");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "2 passed, 0 failed\n");
  EXPECT_EQ(r.err, "");
}

}  // namespace
