// The ledger of DOMAIN.md section 2 ("Obligations over time: one ledger per provider") on the
// bundled packs: one test per case of issue 9, each worked out by hand in the comment beside it,
// and the window-union property over generated providers for every bundled pack.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "qaf/engine.hpp"
#include "qaf/pack.hpp"
#include "qaf/schedule.hpp"
#include "test_support.hpp"

namespace {

using qaf::date;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

date d(const char* text) { return date::parse(text); }

using qaf::testing::record_with;

// "2025-03-12 QMC-1 done:2025-06-30 late:110": an occurrence as one comparable line.
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

std::vector<std::string> codes(const std::vector<qaf::occurrence_warning>& warnings) {
  std::vector<std::string> out;
  for (const qaf::occurrence_warning& w : warnings) out.push_back(w.code);
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

qaf::provider bolton_home() {
  return record_with("home", {{"service_type", std::string("childrens_home")},
                              {"location", std::string("in_area")},
                              {"regulator", std::string("ofsted")},
                              {"regulator_rating", std::string("good")},
                              {"monitoring_start", d("2023-04-01")}});
}

// Issue 9: the QMC-1/QMC-8 alternation must not depend on the window asked for.
TEST(ScheduleLedger, TheAlternationIsTheSameWhateverTheWindow) {
  qaf::provider p = bolton_home();
  p.history = {{"QMC-8", d("2024-03-12")}, {"QMC-1", d("2025-06-30")}};
  // From monitoring_start 2023-04-01: QMC-1 due 2024-04-01, fulfilled (early) by the QMC-8 of
  // 2024-03-12, which shows what was done; QMC-1 next, due 2025-03-12, done 2025-06-30, 110 days
  // late (19 + 30 + 31 + 30); QMC-8 next, due 2026-06-30.
  for (const char* from : {"2024-02-01", "2024-04-01"}) {
    const qaf::schedule_result r =
        schedule("bolton-children-2024", p, from, "2026-12-31", "2025-07-01");
    EXPECT_THAT(
        lines(r, "qmc1-qmc8-social-care"),
        ElementsAre("2024-04-01 QMC-8 done:2024-03-12", "2025-03-12 QMC-1 done:2025-06-30 late:110",
                    "2026-06-30 QMC-8 upcoming"))
        << from;
  }
}

// Issue 9: two termly returns fulfil two periods, never three, and never a period not yet over.
TEST(ScheduleLedger, TwoTermlyReturnsFulfilTwoPeriods) {
  qaf::provider p = record_with("ap", {{"service_type", std::string("alternative_provision")},
                                       {"location", std::string("in_area")},
                                       {"regulator", std::string("none")},
                                       {"unregulated", true},
                                       {"monitoring_start", d("2024-04-01")}});
  p.history = {{"QMC-5", d("2024-12-20")}, {"QMC-5", d("2025-03-28")}};
  const qaf::schedule_result r =
      schedule("bolton-children-2024", p, "2024-04-01", "2025-07-31", "2025-05-01");
  // Default terms. 2024-12-20: the autumn term is not over, so the earliest outstanding ended term
  // is summer 2024 (due 2024-07-31; 142 days late). 2025-03-28: the spring term is not over, so
  // autumn 2024 (due 2024-12-31; 87 days late). Spring 2025 stays overdue; summer 2025 ahead.
  EXPECT_THAT(lines(r, "qmc5-education-termly"),
              ElementsAre("2024-07-31 QMC-5 done:2024-12-20 late:142",
                          "2024-12-31 QMC-5 done:2025-03-28 late:87", "2025-03-31 QMC-5 overdue",
                          "2025-07-31 QMC-5 upcoming"));
}

// DOMAIN.md section 2: a record that names the period it fulfils fulfils that one; the others
// take the earliest outstanding period already over.
TEST(ScheduleLedger, ARecordNamingItsPeriodFulfilsThatPeriod) {
  qaf::provider p = record_with("ap", {{"service_type", std::string("alternative_provision")},
                                       {"location", std::string("in_area")},
                                       {"regulator", std::string("none")},
                                       {"unregulated", true},
                                       {"monitoring_start", d("2024-04-01")}});
  qaf::activity_record autumn{"QMC-5", d("2024-12-20")};
  autumn.period_start = d("2024-09-01");
  autumn.period_end = d("2024-12-31");
  p.history = {autumn, {"QMC-5", d("2025-03-28")}};
  const qaf::schedule_result r =
      schedule("bolton-children-2024", p, "2024-04-01", "2025-07-31", "2025-05-01");
  // The named record is the autumn 2024 return, sent before the term's end (not late); the other
  // is for summer 2024, the earliest term over by 2025-03-28 (2024-07-31 + 240 days).
  EXPECT_THAT(
      lines(r, "qmc5-education-termly"),
      ElementsAre("2024-07-31 QMC-5 done:2025-03-28 late:240", "2024-12-31 QMC-5 done:2024-12-20",
                  "2025-03-31 QMC-5 overdue", "2025-07-31 QMC-5 upcoming"));
}

// Issue 9: the PQR does not say "No concerns" beside overdue returns: the ledger supplies
// returns_missed when the record does not state it.
TEST(ScheduleLedger, RatingsReadReturnsMissedFromTheLedger) {
  qaf::provider p = bolton_home();
  p.facts["monitoring_start"] = d("2024-01-01");
  p.history = {{"QMC-1", d("2024-06-01")}};
  const qaf::engine& engine = engine_of("bolton-children-2024");
  const auto fired = [&](const qaf::provider& record) {
    for (const qaf::rating& r : engine.rate(record, d("2024-06-15"))) {
      for (const qaf::rating_reason& reason : r.reasons) {
        if (reason.rule == "pqr-2-missed-return") return true;
      }
    }
    return false;
  };
  // No monthly QMC-5 return sent: February's (due 2024-03-31), March's and April's are overdue at
  // 2024-06-15 (January's period ended before the framework), so returns_missed is 3.
  EXPECT_TRUE(fired(p));
  // A record that states the fact keeps it.
  p.facts["returns_missed"] = std::int64_t{0};
  EXPECT_FALSE(fired(p));
}

// Issue 9: a grant return sent 20 April 2020 is the January-March 2020 return, not April-June.
TEST(ScheduleLedger, AReturnSentInAprilIsNotTheAprilToJuneReturn) {
  qaf::provider p = record_with("grant", {{"service_type", std::string("grant_funded")},
                                          {"regulator", std::string("none")},
                                          {"monitoring_start", d("2020-01-01")}});
  p.history = {{"QM-6", d("2020-04-20")}};
  const qaf::schedule_result r =
      schedule("bolton-adults-2020", p, "2020-04-01", "2020-12-31", "2020-08-01");
  // Owed from 2019/20 period 4 (Jan-Mar 2020, ends after monitoring_start); the return of
  // 2020-04-20 fulfils it (outside the framework's period, so not listed). 2020/21 period 1
  // (Apr-Jun 2020), due 2020-07-17, is overdue at 2020-08-01; period 2 is due 2020-10-16.
  EXPECT_THAT(lines(r, "qm6-grant-quarterly"),
              ElementsAre("2020-07-17 QM-6 overdue", "2020-10-16 QM-6 upcoming"));
}

// Issue 9: a QM-1 owed since 2019 and done on 17 December 2020 is done, late, in 2020/21.
TEST(ScheduleLedger, AVisitOwedFromBeforeTheFrameworkIsDoneLateInIt) {
  qaf::provider p = record_with("home", {{"service_type", std::string("residential")},
                                         {"regulator", std::string("cqc")},
                                         {"regulator_rating", std::string("good")},
                                         {"beds", std::int64_t{5}},
                                         {"monitoring_start", d("2018-06-01")}});
  p.history = {{"QM-1", d("2020-12-17")}};
  const qaf::schedule_result r =
      schedule("bolton-adults-2020", p, "2020-04-01", "2021-03-31", "2021-03-31");
  // Due 2019-06-01, before the framework came into force on 2020-04-01: due on 2020-04-01 under
  // it, done 2020-12-17, 260 days later. The next (2021-12-17) is after effective_to.
  EXPECT_THAT(lines(r, "qm1-annual"), ElementsAre("2020-04-01 QM-1 done:2020-12-17 late:260"));
  ASSERT_FALSE(r.occurrences.empty());
  for (const qaf::occurrence& o : r.occurrences) {
    if (o.rule == "qm1-annual") {
      EXPECT_THAT(codes(o.warnings), ElementsAre("before_effective_period"));
    }
  }
}

// Issue 9: a year without data returns is four overdue returns, one a period.
TEST(ScheduleLedger, AYearOfMissedDataReturnsIsFourOverdueEntries) {
  const qaf::provider p = record_with("devon", {{"service_type", std::string("childrens_home")},
                                                {"monitoring_start", d("2023-04-01")}});
  const qaf::schedule_result r =
      schedule("devon-children-residential", p, "2024-04-15", "2024-12-31", "2024-04-15");
  // Three-month periods from 2023-04-01, each due the day after it ends.
  EXPECT_THAT(lines(r, "data-return-three-monthly"),
              ElementsAre("2023-07-01 DATA-RETURN overdue", "2023-10-01 DATA-RETURN overdue",
                          "2024-01-01 DATA-RETURN overdue", "2024-04-01 DATA-RETURN overdue",
                          "2024-07-01 DATA-RETURN upcoming", "2024-10-01 DATA-RETURN upcoming"));
  for (const qaf::occurrence& o : r.occurrences) {
    if (o.rule == "data-return-three-monthly" && o.due == d("2023-10-01")) {
      ASSERT_TRUE(o.period_start && o.period_end);
      EXPECT_EQ(*o.period_start, d("2023-07-01"));
      EXPECT_EQ(*o.period_end, d("2023-09-30"));
    }
  }
}

// Issue 9: a completion fulfils one obligation, which is then never listed again.
TEST(ScheduleLedger, AnEarlyVisitIsDoneOnceAndNotListedAgain) {
  qaf::provider p = record_with("cv", {{"service_type", std::string("childrens_home")},
                                       {"placed_children", std::int64_t{2}},
                                       {"monitoring_start", d("2023-09-15")}});
  p.history = {{"CV-PLANNED-VISIT", d("2024-09-10")}, {"CV-PLANNED-VISIT", d("2024-10-21")}};
  // Due 2024-09-15, done 2024-09-10; the next due a year after, 2025-09-10, fulfilled by the
  // visit of 2024-10-21; the next due 2025-10-21, overdue at 2025-11-03.
  for (const char* from : {"2024-01-01", "2025-01-01", "2025-10-01"}) {
    const qaf::schedule_result r =
        schedule("coventry-children", p, from, "2025-12-31", "2025-11-03");
    std::vector<std::string> expected;
    if (std::string(from) == "2024-01-01")
      expected.push_back("2024-09-15 CV-PLANNED-VISIT done:2024-09-10");
    if (std::string(from) != "2025-10-01")
      expected.push_back("2025-09-10 CV-PLANNED-VISIT done:2024-10-21");
    expected.push_back("2025-10-21 CV-PLANNED-VISIT overdue");
    EXPECT_EQ(lines(r, "planned-visit-annual"), expected) << from;
  }
}

// Issue 9: a due date at a weekend or on a bank holiday says so.
TEST(ScheduleLedger, DueDatesOnNonWorkingDaysCarryAWarning) {
  qaf::provider p = record_with("cv", {{"service_type", std::string("childrens_home")},
                                       {"placed_children", std::int64_t{1}},
                                       {"monitoring_start", d("2023-12-25")}});
  p.history = {{"CV-PLANNED-VISIT", d("2024-12-25")}};
  const qaf::schedule_result r =
      schedule("coventry-children", p, "2024-04-01", "2026-12-31", "2025-01-01");
  // Due 2024-12-25 (Christmas Day), done that day; the next 2025-12-25 (Christmas Day), then
  // 2026-12-25 (Christmas Day, a Friday).
  ASSERT_EQ(lines(r, "planned-visit-annual").size(), 3u);
  for (const qaf::occurrence& o : r.occurrences) {
    ASSERT_THAT(codes(o.warnings), ElementsAre("non_working_day")) << o.due;
    EXPECT_EQ(o.warnings[0].message, o.due.to_string() + " is not a working day (Christmas Day)");
  }
  p.facts["monitoring_start"] = d("2024-05-04");  // a Saturday: first due 2025-05-04, a Sunday
  p.history.clear();
  const qaf::schedule_result weekend =
      schedule("coventry-children", p, "2025-01-01", "2025-12-31", "2025-01-01");
  ASSERT_EQ(weekend.occurrences.size(), 1u);
  ASSERT_EQ(weekend.occurrences[0].warnings.size(), 1u);
  EXPECT_EQ(weekend.occurrences[0].warnings[0].message,
            "2025-05-04 is not a working day (a Sunday)");
}

// Issue 9: a window before the framework's period says why it is empty.
TEST(ScheduleLedger, AWindowOutsideTheEffectivePeriodIsWarned) {
  const qaf::schedule_result before =
      schedule("bolton-children-2024", bolton_home(), "2023-01-01", "2023-12-31", "2023-06-01");
  EXPECT_THAT(before.occurrences, IsEmpty());
  ASSERT_EQ(before.warnings.size(), 1u);
  EXPECT_EQ(before.warnings[0].code, "outside_effective_period");
  EXPECT_EQ(before.warnings[0].message,
            "the window 2023-01-01 to 2023-12-31 and as_of 2023-06-01 reaches outside the period "
            "the pack bolton-children-2024 is in force (2024-02-01 to (no end)); nothing falls "
            "due outside it");
  const qaf::schedule_result inside =
      schedule("bolton-children-2024", bolton_home(), "2024-06-01", "2024-12-31", "2024-06-01");
  EXPECT_THAT(inside.warnings, IsEmpty());
  const qaf::schedule_result after = schedule(
      "bolton-adults-2020",
      record_with(
          "x", {{"service_type", std::string("day_care")}, {"monitoring_start", d("2019-01-01")}}),
      "2020-06-01", "2021-12-31", "2020-06-01");
  ASSERT_EQ(after.warnings.size(), 1u);
  EXPECT_EQ(after.warnings[0].message,
            "the window 2020-06-01 to 2021-12-31 reaches outside the period the pack "
            "bolton-adults-2020 is in force (2020-04-01 to 2021-03-31); nothing falls due outside "
            "it");
}

// Issue 9: a minimum-visit check over a year the pack covers in part counts the part in force.
TEST(ScheduleLedger, MinimumVisitsCountOnlyThePartOfTheYearInForce) {
  qaf::provider p = record_with("large", {{"service_type", std::string("nursing")},
                                          {"regulator", std::string("cqc")},
                                          {"beds", std::int64_t{30}},
                                          {"monitoring_start", d("2019-06-01")}});
  p.history = {{"QM-1", d("2019-10-01")}, {"QM-4", d("2020-05-01")}};
  const qaf::schedule_result r =
      schedule("bolton-adults-2020", p, "2020-04-01", "2021-03-31", "2020-06-30");
  ASSERT_EQ(r.minimum_visits.size(), 1u);
  const qaf::minimum_visits_check& check = r.minimum_visits[0];
  EXPECT_EQ(check.rule, "min-visits-residential-over-6-beds");
  // The 12 months to as_of, 2019-07-01 to 2020-06-30 (366 days), are in force from 2020-04-01:
  // 91 days. 4 x 91 / 366 rounded up is 1; the QM-4 of 2020-05-01 counts, the QM-1 of 2019 not.
  EXPECT_TRUE(check.part_year);
  EXPECT_EQ(check.required_in_force, 1);
  EXPECT_EQ(check.done_last_12_months, 1);
  EXPECT_EQ(check.shortfall, 0);
  // The window is the framework's whole year: a true 12-month count.
  EXPECT_TRUE(check.full_year);
}

// Issue 9: Coventry's 24-hour decision falls due no earlier than the same-working-day visit.
TEST(ScheduleLedger, TheDecisionNeverFallsDueBeforeTheVisitItFollows) {
  qaf::provider p = record_with("cv", {{"service_type", std::string("childrens_home")},
                                       {"placed_children", std::int64_t{1}},
                                       {"regulator", std::string("ofsted")},
                                       {"regulator_rating", std::string("inadequate")},
                                       {"monitoring_start", d("2024-05-01")}});
  p.events = {{"regulator_rating_changed", d("2024-06-08"), {{"to", "inadequate"}}}};
  const qaf::schedule_result r =
      schedule("coventry-children", p, "2024-06-01", "2024-06-30", "2024-06-08");
  // Saturday 2024-06-08: the visit is due the same working day, Monday 2024-06-10; 24 hours would
  // be Sunday 2024-06-09, before the visit, so the decision is due with it.
  EXPECT_THAT(lines(r, "inadequate-visit-and-decision"),
              ElementsAre("2024-06-10 CV-DECISION due", "2024-06-10 CV-VISIT due"));
  for (const qaf::occurrence& o : r.occurrences) {
    if (o.activity == "CV-DECISION") {
      ASSERT_THAT(codes(o.warnings), ElementsAre("follows"));
      EXPECT_EQ(o.warnings[0].message,
                "due 2024-06-10 rather than 2024-06-09: it follows CV-VISIT, due then");
    }
    if (o.activity == "CV-VISIT") {
      EXPECT_THAT(o.warnings, IsEmpty());
    }
  }
}

// ---- The window-union property over generated providers, for every bundled pack -------------

// A record with a value for every fact the pack declares, varied by `seed`, and a history and
// events spread over five years.
qaf::provider generated(const qaf::pack& pack, int seed) {
  qaf::provider p;
  p.id = "g" + std::to_string(seed);
  int i = 0;
  for (const qaf::fact_declaration& f : pack.facts()) {
    ++i;
    const int v = seed * 7 + i * 3;
    if (f.name == "id" || f.name == "name") continue;
    if (f.type == "enum" && !f.values.empty()) {
      p.facts[f.name] = f.values[static_cast<std::size_t>(v) % f.values.size()];
    } else if (f.type == "boolean") {
      p.facts[f.name] = v % 2 == 0;
    } else if (f.type == "integer") {
      p.facts[f.name] = std::int64_t{v % 5};
    } else if (f.type == "date" && f.name == "monitoring_start") {
      p.facts[f.name] = qaf::add_days(d("2017-01-01"), (seed * 113) % 2900);
    } else if (f.type == "string") {
      p.facts[f.name] = "officer " + std::to_string(seed % 3);
    }
  }
  const std::span<const qaf::activity> activities = pack.activities();
  for (int k = 0; k < 12; ++k) {
    const qaf::activity& a = activities[static_cast<std::size_t>(seed + k * 5) % activities.size()];
    p.history.push_back({a.code, qaf::add_days(d("2019-01-01"), (seed * 37 + k * 151) % 2200)});
  }
  // Dated changes that agree with the facts (which are the values after them): a rating change
  // and a move, each with what held before, so that the timeline has segments.
  const char* ratings[] = {"requires_improvement", "inadequate", "good"};
  const auto rating = p.facts.find("regulator_rating");
  const std::string to = rating != p.facts.end() ? std::get<std::string>(rating->second)
                                                 : std::string(ratings[seed % 3]);
  p.events.push_back({"regulator_rating_changed",
                      qaf::add_days(d("2020-01-01"), (seed * 53) % 1800),
                      {{"from", to == "good" ? "requires_improvement" : "good"}, {"to", to}}});
  if (const auto location = p.facts.find("location"); location != p.facts.end()) {
    const std::string now = std::get<std::string>(location->second);
    qaf::event move;
    move.type = "facts_changed";
    move.on = qaf::add_days(d("2019-06-01"), (seed * 71) % 1500);
    move.facts = {{"location", now}};
    move.facts_before = {{"location", std::string(now == "in_area" ? "out_of_area" : "in_area")}};
    p.events.push_back(move);
  }
  if (seed % 2 == 0)
    p.events.push_back(
        {"registered_manager_changed", qaf::add_days(d("2021-03-01"), seed * 11), {}});
  if (seed % 3 == 0)
    p.events.push_back({"concern_raised", qaf::add_days(d("2022-05-01"), seed * 9), {}});
  return p;
}

// Property: a schedule over [a, c] is exactly the union of the schedules over [a, b] and [b, c],
// for every pack, whatever a, b, c and as_of.
TEST(ScheduleLedgerProperty, AScheduleIsTheUnionOfItsPartsForEveryPack) {
  for (const qaf::bundled_pack_summary& summary : qaf::bundled_packs()) {
    const qaf::engine& engine = engine_of(summary.id);
    const qaf::pack pack = qaf::load_pack_or_throw(summary.id);
    int checked = 0;
    for (int seed = 0; seed < 40; ++seed) {
      const qaf::provider p = generated(pack, seed);
      if (!qaf::check_provider(pack, p).empty()) continue;
      const date a = qaf::add_days(d("2018-06-01"), seed * 41);
      const date b = qaf::add_days(a, 30 + seed * 17);
      const date c = qaf::add_days(b, 200 + seed * 13);
      const date as_of = qaf::add_days(d("2019-01-01"), seed * 61);
      using key = std::tuple<std::string, date, std::string, std::string, std::string, int>;
      const auto keys = [&](date from, date to) {
        std::set<key> out;
        for (const qaf::occurrence& o : engine.schedule(p, {from, to, as_of}).occurrences) {
          out.insert({o.activity, o.due, std::string(qaf::to_string(o.status)),
                      o.done_on ? o.done_on->to_string() : "", o.rule, o.days_late});
        }
        return out;
      };
      const std::set<key> whole = keys(a, c);
      std::set<key> parts = keys(a, b);
      const std::set<key> second = keys(b, c);
      parts.insert(second.begin(), second.end());
      EXPECT_EQ(whole, parts) << summary.id << " seed " << seed;
      checked += static_cast<int>(whole.size());
    }
    // The property was exercised on this pack. A pack in force for one year only (Bolton adults'
    // tables of 2018/19, 2019/20, 2021/22: a few published returns) owes the generated records
    // fewer obligations than a whole framework does.
    const qaf::pack_info& info = pack.info();
    const bool one_year =
        info.effective_to && qaf::add_months(info.effective_from, 12) > *info.effective_to;
    EXPECT_GT(checked, one_year ? 3 : 10) << summary.id;
  }
}

}  // namespace
