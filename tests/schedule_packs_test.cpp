// The timing rules of the five bundled packs, each on providers whose schedules were worked out by
// hand from the source tables (the comment beside each expectation says how).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "qaf/engine.hpp"
#include "qaf/pack.hpp"
#include "qaf/schedule.hpp"
#include "test_support.hpp"

namespace {

using qaf::date;
using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::IsEmpty;

using qaf::testing::record_with;

std::string line(const qaf::occurrence& o) {
  std::string text =
      o.due.to_string() + ' ' + o.activity + ' ' + std::string(qaf::to_string(o.status));
  if (o.done_on) text += ":" + o.done_on->to_string();
  return text + ' ' + o.rule;
}

std::vector<std::string> lines(const qaf::schedule_result& r, const std::string& rule) {
  std::vector<std::string> out;
  for (const qaf::occurrence& o : r.occurrences) {
    if (o.rule == rule) out.push_back(line(o));
  }
  return out;
}

std::vector<std::string> dues(const qaf::schedule_result& r, const std::string& rule) {
  std::vector<std::string> out;
  for (const qaf::occurrence& o : r.occurrences) {
    if (o.rule == rule) out.push_back(o.due.to_string());
  }
  return out;
}

const qaf::minimum_visits_check* minimum(const qaf::schedule_result& r, const std::string& rule) {
  for (const qaf::minimum_visits_check& c : r.minimum_visits) {
    if (c.rule == rule) return &c;
  }
  return nullptr;
}

qaf::schedule_result schedule(const char* pack_id, const qaf::provider& p, const char* from,
                              const char* to, const char* as_of) {
  const qaf::engine engine(qaf::load_pack_or_throw(pack_id));
  return engine.schedule(p, {date::parse(from), date::parse(to), date::parse(as_of)});
}

date d(const char* text) { return date::parse(text); }

// ---- Bolton children's services ------------------------------------------------------------

TEST(ScheduleBoltonChildren, ChildrensHomeAlternatesQmc1AndQmc8WithTheAnnualFormsAndVisits) {
  qaf::provider p = record_with("home", {{"service_type", std::string("childrens_home")},
                                         {"location", std::string("in_area")},
                                         {"regulator", std::string("ofsted")},
                                         {"regulator_rating", std::string("good")},
                                         {"monitoring_start", d("2023-04-01")}});
  p.history = {{"QMC-1", d("2024-05-13")}, {"QMC-3", d("2024-06-03")}, {"QMC-9A", d("2024-06-20")}};
  const qaf::schedule_result r =
      schedule("bolton-children-2024", p, "2024-07-01", "2025-12-31", "2024-07-01");
  // "24 monthly alternating": QMC-8 twelve months after the QMC-1, then QMC-1 (2026, after `to`).
  EXPECT_THAT(lines(r, "qmc1-qmc8-social-care"),
              ElementsAre("2025-05-13 QMC-8 upcoming qmc1-qmc8-social-care"));
  EXPECT_THAT(lines(r, "qmc3-social-care"),
              ElementsAre("2025-06-03 QMC-3 upcoming qmc3-social-care"));
  EXPECT_THAT(lines(r, "qmc9a-social-care"),
              ElementsAre("2025-06-20 QMC-9A upcoming qmc9a-social-care"));
  // The form: ten working days after Monday 2024-05-13, the Spring bank holiday 27 May skipped.
  EXPECT_THAT(lines(r, "qmc1-form"), ElementsAre("2024-05-28 QMC-1-FORM overdue qmc1-form"));
  // QMC-5 monthly, the month's return by the end of the next month, owed from the pack's start
  // (2024-02-01): February's by 2024-03-31 ... May's by 2024-06-30 overdue; June's by 2024-07-31
  // (30 days away: due); then to November 2025's by 2025-12-31: 4 + 18 returns.
  const std::vector<std::string> qmc5 = dues(r, "qmc5-social-care-monthly");
  ASSERT_EQ(qmc5.size(), 22u);
  EXPECT_THAT(std::vector<std::string>(qmc5.begin(), qmc5.begin() + 6),
              ElementsAre("2024-03-31", "2024-04-30", "2024-05-31", "2024-06-30", "2024-07-31",
                          "2024-08-31"));
  EXPECT_EQ(qmc5.back(), "2025-12-31");
  EXPECT_THAT(lines(r, "qmc5-social-care-monthly")[4],
              "2024-07-31 QMC-5 due qmc5-social-care-monthly");
  // Minimum two on-site visits: QMC-8 2025-05-13 and QMC-9A 2025-06-20 fall in every 12 months of
  // the window; QMC-1 2024-05-13 and QMC-9A 2024-06-20 in the 12 months up to as_of.
  const qaf::minimum_visits_check* check = minimum(r, "min-visits-social-care");
  ASSERT_NE(check, nullptr);
  EXPECT_EQ(check->required, 2);
  EXPECT_EQ(check->scheduled_fewest, 2);
  EXPECT_EQ(check->scheduled_shortfall, 0);
  EXPECT_EQ(check->done_last_12_months, 2);
  EXPECT_EQ(check->shortfall, 0);
  ASSERT_NE(minimum(r, "min-visits-all-providers"), nullptr);
  EXPECT_THAT(r.unknown_facts, IsEmpty());
}

TEST(ScheduleBoltonChildren, BelowGoodAddsVisitsAndANewManagerBringsQmc1Forward) {
  qaf::provider p = record_with("home", {{"service_type", std::string("childrens_home")},
                                         {"location", std::string("in_area")},
                                         {"regulator", std::string("ofsted")},
                                         {"regulator_rating", std::string("requires_improvement")},
                                         {"monitoring_start", d("2023-04-01")}});
  p.history = {{"QMC-1", d("2024-05-13")}};
  p.events = {{"regulator_rating_changed", d("2024-08-20"), {{"to", "requires_improvement"}}},
              {"registered_manager_changed", d("2024-09-02"), {}}};
  const qaf::schedule_result r =
      schedule("bolton-children-2024", p, "2024-09-01", "2025-12-31", "2024-09-02");
  // One QMC-2 within 3 months of the rating, then every 3 months while it stays below Good.
  EXPECT_THAT(dues(r, "extra-visit-below-good"),
              ElementsAre("2024-11-20", "2025-02-20", "2025-05-20", "2025-08-20", "2025-11-20"));
  // The next QMC-1 (after the QMC-8 of 2025-05-13) is brought to within 3 months of the change,
  // 2024-12-02, in the QMC-8's place; QMC-8 then follows 12 months later.
  EXPECT_THAT(lines(r, "manager-change-brings-qmc1-forward"),
              ElementsAre("2024-12-02 QMC-1 upcoming manager-change-brings-qmc1-forward"));
  EXPECT_THAT(lines(r, "qmc1-qmc8-social-care"),
              ElementsAre("2025-12-02 QMC-8 upcoming qmc1-qmc8-social-care"));
}

TEST(ScheduleBoltonChildren, OutOfBoroughVisitsOnlyWhereChildrenHoldAnEhcp) {
  const qaf::provider p = record_with("oob", {{"service_type", std::string("special_school")},
                                              {"location", std::string("out_of_area")},
                                              {"ehcp_children", std::int64_t{2}},
                                              {"host_authority_qa", true},
                                              {"monitoring_start", d("2024-03-01")}});
  const qaf::schedule_result r =
      schedule("bolton-children-2024", p, "2024-09-01", "2025-08-31", "2024-09-01");
  EXPECT_THAT(dues(r, "qmc1-oob-ehcp"), ElementsAre("2025-03-01"));
  EXPECT_THAT(dues(r, "qmc6-oob-ehcp"), ElementsAre("2025-03-01"));
  // Termly data return at each default term's end, from the Spring 2024 term (which ends after
  // monitoring_start): Spring and Summer 2024 missed, then Autumn 2024 to Summer 2025.
  EXPECT_THAT(lines(r, "oob-data-termly"),
              ElementsAre("2024-03-31 OOB-DATA overdue oob-data-termly",
                          "2024-07-31 OOB-DATA overdue oob-data-termly",
                          "2024-12-31 OOB-DATA upcoming oob-data-termly",
                          "2025-03-31 OOB-DATA upcoming oob-data-termly",
                          "2025-07-31 OOB-DATA upcoming oob-data-termly"));
  EXPECT_THAT(dues(r, "oob-extra-visit-no-host-qa"), IsEmpty());
  const qaf::minimum_visits_check* check = minimum(r, "min-visits-oob-send");
  ASSERT_NE(check, nullptr);
  EXPECT_EQ(check->scheduled_fewest, 2);  // QMC-1 and QMC-6 on 2025-03-01

  qaf::provider none = p;
  none.facts["ehcp_children"] = std::int64_t{0};
  none.facts["host_authority_qa"] = false;
  const qaf::schedule_result s =
      schedule("bolton-children-2024", none, "2024-09-01", "2025-08-31", "2024-09-01");
  EXPECT_THAT(dues(s, "qmc1-oob-ehcp"), IsEmpty());
  EXPECT_THAT(dues(s, "qmc6-oob-ehcp"), IsEmpty());
  EXPECT_EQ(dues(s, "oob-data-termly").size(), 5u);
  EXPECT_THAT(dues(s, "oob-extra-visit-no-host-qa"),
              ElementsAre("2025-03-01"));  // no host LA schedule
}

TEST(ScheduleBoltonChildren, ResourcedProvisionAlternatesQmc1AndQmc9b) {
  qaf::provider p = record_with("rp", {{"service_type", std::string("resourced_provision")},
                                       {"location", std::string("in_area")},
                                       {"monitoring_start", d("2023-09-01")}});
  p.history = {{"QMC-1", d("2024-10-07")}};
  const qaf::schedule_result r =
      schedule("bolton-children-2024", p, "2024-11-01", "2026-12-31", "2024-11-01");
  EXPECT_THAT(lines(r, "qmc1-qmc9b-resourced-provision"),
              ElementsAre("2025-10-07 QMC-9B upcoming qmc1-qmc9b-resourced-provision",
                          "2026-10-07 QMC-1 upcoming qmc1-qmc9b-resourced-provision"));
  // Termly QMC-5 at the default terms' ends; the first owed term is the first that ends within the
  // pack's effective period (from 2024-02-01): Spring 2024, although monitoring began in 2023.
  EXPECT_EQ(dues(r, "qmc5-education-termly").front(), "2024-03-31");
}

TEST(ScheduleBoltonChildren, AlternativeProvisionSpecialSchoolsAndConcerns) {
  qaf::provider ap = record_with("ap", {{"service_type", std::string("alternative_provision")},
                                        {"location", std::string("in_area")},
                                        {"unregulated", true},
                                        {"monitoring_start", d("2024-03-01")}});
  ap.events = {{"concern_raised", d("2024-06-14"), {}}};
  const qaf::schedule_result r =
      schedule("bolton-children-2024", ap, "2024-03-01", "2025-03-31", "2024-03-01");
  // AP: QMC-1, QMC-9B and (unregulated) QMC-4 annual; QMC-5 termly at the default terms' ends.
  EXPECT_THAT(dues(r, "qmc1-ap-annual"), ElementsAre("2025-03-01"));
  EXPECT_THAT(dues(r, "qmc9b-ap-annual"), ElementsAre("2025-03-01"));
  EXPECT_THAT(dues(r, "qmc4-unregulated-ap-special-school"), ElementsAre("2025-03-01"));
  EXPECT_THAT(lines(r, "qmc5-education-termly"),
              ElementsAre("2024-03-31 QMC-5 due qmc5-education-termly",
                          "2024-07-31 QMC-5 upcoming qmc5-education-termly",
                          "2024-12-31 QMC-5 upcoming qmc5-education-termly",
                          "2025-03-31 QMC-5 upcoming qmc5-education-termly"));
  // A concern: a QMC-2 within 3 months.
  EXPECT_THAT(dues(r, "concern-qmc2"), IsEmpty());  // 2024-06-14 is after as_of: not known yet
  EXPECT_THAT(dues(schedule("bolton-children-2024", ap, "2024-03-01", "2025-03-31", "2024-06-14"),
                   "concern-qmc2"),
              ElementsAre("2024-09-14"));
  // Two visits a year, but the first fall due a year after monitoring began: the 12 months from
  // 2024-03-01 hold none; those from 2024-04-01 hold both.
  const qaf::minimum_visits_check* check = minimum(r, "min-visits-alternative-provision");
  ASSERT_NE(check, nullptr);
  EXPECT_EQ(check->scheduled_fewest, 0);
  EXPECT_EQ(check->scheduled_shortfall, 2);

  const qaf::provider school =
      record_with("school", {{"service_type", std::string("special_school")},
                             {"location", std::string("in_area")},
                             {"monitoring_start", d("2024-03-01")}});
  const qaf::schedule_result s =
      schedule("bolton-children-2024", school, "2024-03-01", "2026-03-31", "2024-03-01");
  EXPECT_THAT(lines(s, "qmc1-qmc9b-special-school"),
              ElementsAre("2025-03-01 QMC-1 upcoming qmc1-qmc9b-special-school",
                          "2026-03-01 QMC-9B upcoming qmc1-qmc9b-special-school"));
  EXPECT_THAT(dues(s, "qmc4-unregulated-ap-special-school"),
              ElementsAre("2025-03-01", "2026-03-01"));

  qaf::provider college = record_with("college", {{"service_type", std::string("special_college")},
                                                  {"location", std::string("out_of_area")},
                                                  {"ehcp_children", std::int64_t{1}},
                                                  {"host_authority_qa", true},
                                                  {"monitoring_start", d("2024-03-01")}});
  college.events = {{"return_missed", d("2024-07-31"), {}}};
  // The recorded miss of 2024-07-31 (the summer term's return): a QMC-2 within 3 months. The
  // ledger's own overdue returns fire the trigger too (DOMAIN.md section 2): the spring 2024 term
  // return, due 2024-03-31 and missed from 2024-04-01, gives one due 2024-07-01; the summer one is
  // the miss already recorded, so it adds none.
  EXPECT_THAT(
      dues(schedule("bolton-children-2024", college, "2024-03-01", "2025-03-31", "2024-08-01"),
           "oob-missed-data-qmc2"),
      ElementsAre("2024-07-01", "2024-10-31"));
}

// ---- Bolton adult social care ----------------------------------------------------------------

// The pack with its effective period widened to the tables' years, to see every published date.
qaf::engine bolton_adults_from(const char* effective_from) {
  nlohmann::json json =
      nlohmann::json::parse(std::string(qaf::load_pack_or_throw("bolton-adults-2020").json_text()));
  json["effective_from"] = effective_from;
  return qaf::engine(*qaf::parse_pack(json.dump(), "bolton-adults-widened.json").pack);
}

TEST(ScheduleBoltonAdults, ProviderInformationReturnsOnThePublishedDates) {
  const qaf::engine engine = bolton_adults_from("2018-04-01");
  const qaf::provider p = record_with("home-support", {{"service_type", std::string("domiciliary")},
                                                       {"framework_agreement", true},
                                                       {"regulator", std::string("cqc")},
                                                       {"service_users", std::int64_t{60}}});
  const qaf::schedule_result r =
      engine.schedule(p, {d("2018-04-01"), d("2021-03-31"), d("2018-04-01")});
  // Appendix 2, the three columns as printed, Period 10 of 2018/19 read as 07/01/19.
  EXPECT_THAT(
      dues(r, "qm5-home-support-pir"),
      ElementsAreArray(
          {"2018-04-30", "2018-05-28", "2018-06-25", "2018-07-23", "2018-08-20", "2018-09-17",
           "2018-10-15", "2018-11-12", "2018-12-10", "2019-01-07", "2019-02-04", "2019-03-04",
           "2019-04-29", "2019-05-27", "2019-06-24", "2019-07-22", "2019-08-19", "2019-09-16",
           "2019-10-14", "2019-11-11", "2019-12-09", "2020-01-06", "2020-02-03", "2020-03-02",
           "2020-04-06", "2020-05-11", "2020-06-01", "2020-07-06", "2020-08-03", "2020-09-07",
           "2020-10-05", "2020-11-02", "2020-12-07", "2021-01-04", "2021-02-01", "2021-03-02"}));
  std::vector<std::string> warned;
  for (const qaf::occurrence& o : r.occurrences) {
    if (o.rule != "qm5-home-support-pir") continue;
    for (const qaf::occurrence_warning& w : o.warnings)
      warned.push_back(o.due.to_string() + ' ' + w.code);
    if (o.due == d("2018-05-28")) {
      ASSERT_FALSE(o.warnings.empty());
      EXPECT_THAT(o.warnings[0].message, ::testing::HasSubstr("Spring bank holiday"));
    }
  }
  // 28/05/18 and 27/5/19 are Spring bank holidays; 07/01/18 was corrected.
  EXPECT_THAT(warned, ElementsAre("2018-05-28 non_working_day", "2019-01-07 corrected_date",
                                  "2019-05-27 non_working_day"));
  // QM-1 and the other interval rules need monitoring_start, which the record lacks; whether the
  // additional visits below Good are owed needs the rating.
  EXPECT_THAT(r.unknown_facts, ElementsAre("monitoring_start", "regulator_rating"));
}

TEST(ScheduleBoltonAdults, OnlyTheReturnsOf2020To21AreOwedUnderThe2020To21Framework) {
  const qaf::provider pir =
      record_with("home-support", {{"service_type", std::string("domiciliary")},
                                   {"home_support_main_provider", true},
                                   {"regulator", std::string("cqc")},
                                   {"service_users", std::int64_t{60}},
                                   {"monitoring_start", d("2019-04-01")}});
  const qaf::schedule_result r =
      schedule("bolton-adults-2020", pir, "2020-01-01", "2021-12-31", "2020-04-01");
  EXPECT_THAT(dues(r, "qm5-home-support-pir"),
              ElementsAre("2020-04-06", "2020-05-11", "2020-06-01", "2020-07-06", "2020-08-03",
                          "2020-09-07", "2020-10-05", "2020-11-02", "2020-12-07", "2021-01-04",
                          "2021-02-01", "2021-03-02"));
  // The grant return for January-March 2021 is owed although due 16/4/21, after the pack ends:
  // the period it covers is within 2020/21. The 2019/20 Q4 return (due 17/4/20) is not.
  const qaf::provider grant = record_with("grant", {{"service_type", std::string("grant_funded")}});
  const qaf::schedule_result g =
      schedule("bolton-adults-2020", grant, "2020-01-01", "2021-12-31", "2020-04-01");
  EXPECT_THAT(dues(g, "qm6-grant-quarterly"),
              ElementsAre("2020-07-17", "2020-10-16", "2021-01-15", "2021-04-16"));
}

TEST(ScheduleBoltonAdults, CareHomeExcellenceReturnsByThe8thAndTheSurveysOfALargeHome) {
  const qaf::provider p = record_with("care-home", {{"service_type", std::string("residential")},
                                                    {"regulator", std::string("cqc")},
                                                    {"beds", std::int64_t{8}},
                                                    {"care_home_excellence", true},
                                                    {"monitoring_start", d("2020-04-01")}});
  const qaf::schedule_result r =
      schedule("bolton-adults-2020", p, "2020-04-01", "2020-12-31", "2020-04-01");
  // April's return by 8 May ... November's by 8 December; 8 May 2020 was the VE day bank holiday.
  EXPECT_THAT(dues(r, "qm5-care-home-excellence"),
              ElementsAre("2020-05-08", "2020-06-08", "2020-07-08", "2020-08-08", "2020-09-08",
                          "2020-10-08", "2020-11-08", "2020-12-08"));
  const qaf::occurrence* ve_day = nullptr;
  for (const qaf::occurrence& o : r.occurrences) {
    if (o.rule == "qm5-care-home-excellence" && o.due == d("2020-05-08")) ve_day = &o;
  }
  ASSERT_NE(ve_day, nullptr);
  ASSERT_EQ(ve_day->warnings.size(), 1u);
  EXPECT_THAT(ve_day->warnings[0].message, ::testing::HasSubstr("VE day"));
  EXPECT_EQ(ve_day->period_start, d("2020-04-01"));
  const qaf::minimum_visits_check* check = minimum(r, "min-visits-residential-over-6-beds");
  ASSERT_NE(check, nullptr);
  EXPECT_EQ(check->required, 4);
  EXPECT_FALSE(check->full_year);
  EXPECT_EQ(minimum(r, "min-visits-residential-6-beds-or-less"), nullptr);
}

TEST(ScheduleBoltonAdults, PharmacyFluReturnsOctoberToFebruaryByThe6th) {
  const qaf::provider p =
      record_with("pharmacy", {{"service_type", std::string("pharmacy")},
                               {"flu_service", true},
                               {"sexual_health_smoking_cessation_service", false},
                               {"monitoring_start", d("2020-04-01")}});
  const qaf::schedule_result r =
      schedule("bolton-adults-2020", p, "2020-04-01", "2021-03-31", "2020-04-01");
  EXPECT_THAT(dues(r, "qm5-pharmacy-flu"),
              ElementsAre("2020-11-06", "2020-12-06", "2021-01-06", "2021-02-06", "2021-03-06"));
  EXPECT_THAT(dues(r, "qm5-pharmacy-sexual-health-smoking"), IsEmpty());
  // The yearly QM-1 would fall due 2021-04-01, after the pack's end: the schedule cannot reach the
  // pharmacy minimum of one visit, and the history holds none.
  const qaf::minimum_visits_check* check = minimum(r, "min-visits-pharmacy");
  ASSERT_NE(check, nullptr);
  EXPECT_TRUE(check->full_year);
  EXPECT_EQ(check->scheduled_fewest, 0);
  EXPECT_EQ(check->scheduled_shortfall, 1);
  EXPECT_EQ(check->shortfall, 1);
}

TEST(ScheduleBoltonAdults, DayCareAlternatesTheTwoSurveysAndBelowGoodAddsVisits) {
  qaf::provider p = record_with("day", {{"service_type", std::string("day_care")},
                                        {"regulator", std::string("cqc")},
                                        {"regulator_rating", std::string("inadequate")},
                                        {"monitoring_start", d("2019-04-01")}});
  p.history = {{"QM-8", d("2019-09-15")}};
  p.events = {{"regulator_rating_changed", d("2020-06-10"), {{"to", "inadequate"}}}};
  const qaf::schedule_result r =
      schedule("bolton-adults-2020", p, "2020-07-01", "2021-03-31", "2020-07-01");
  EXPECT_THAT(lines(r, "qm7-qm8-day-care"),
              ElementsAre("2020-09-15 QM-7 upcoming qm7-qm8-day-care"));
  EXPECT_THAT(dues(r, "extra-visit-below-good"),
              ElementsAre("2020-09-10", "2020-12-10", "2021-03-10"));
}

TEST(ScheduleBoltonAdults, SupportedLivingGpLarcPublicHealthAndPharmacyReturns) {
  qaf::provider sl = record_with("sl", {{"service_type", std::string("supported_living")},
                                        {"regulator", std::string("cqc")},
                                        {"addresses_in_area", std::int64_t{3}},
                                        {"monitoring_start", d("2020-04-01")}});
  sl.history = {{"PAY-VALIDATION", d("2020-04-20")}, {"QM-1", d("2020-12-18")}};
  const qaf::schedule_result r =
      schedule("bolton-adults-2020", sl, "2020-05-01", "2021-01-31", "2020-05-01");
  // The chain from monitoring_start: the check due 2020-05-01 was done early on 2020-04-20; the
  // next is due a month after that, and so on.
  EXPECT_EQ(lines(r, "payment-validation-supported-living").front(),
            "2020-05-01 PAY-VALIDATION done:2020-04-20 payment-validation-supported-living");
  EXPECT_THAT(dues(r, "payment-validation-supported-living"),
              ElementsAre("2020-05-01", "2020-05-20", "2020-06-20", "2020-07-20", "2020-08-20",
                          "2020-09-20", "2020-10-20", "2020-11-20", "2020-12-20", "2021-01-20"));
  // April's monthly return by the end of May, and so on.
  EXPECT_THAT(dues(r, "qm5-supported-living-monthly"),
              ElementsAre("2020-05-31", "2020-06-30", "2020-07-31", "2020-08-31", "2020-09-30",
                          "2020-10-31", "2020-11-30", "2020-12-31", "2021-01-31"));
  // The QM-1 form: ten working days after Friday 2020-12-18 over Christmas (25 December, Boxing
  // Day substitute 28 December, New Year's Day) is 2021-01-06.
  EXPECT_THAT(dues(r, "qm1-form"), IsEmpty());  // the QM-1 is after as_of: not known yet
  EXPECT_THAT(dues(schedule("bolton-adults-2020", sl, "2020-12-01", "2021-01-31", "2021-01-04"),
                   "qm1-form"),
              ElementsAre("2021-01-06"));
  EXPECT_NE(minimum(r, "min-visits-supported-living-multiple"), nullptr);
  EXPECT_EQ(minimum(r, "min-visits-supported-living-single"), nullptr);

  const qaf::provider larc = record_with("gp", {{"service_type", std::string("gp_larc")}});
  EXPECT_THAT(dues(schedule("bolton-adults-2020", larc, "2020-04-01", "2021-06-30", "2020-04-01"),
                   "qm5-gp-larc-quarterly"),
              ElementsAre("2020-07-17", "2020-10-16", "2021-01-15", "2021-04-16"));

  const qaf::provider health = record_with("ph", {{"service_type", std::string("public_health")},
                                                  {"monitoring_start", d("2020-04-01")}});
  EXPECT_THAT(dues(schedule("bolton-adults-2020", health, "2020-04-01", "2021-03-31", "2020-04-01"),
                   "qm5-public-health-social-inclusion-quarterly"),
              ElementsAre("2020-06-30", "2020-09-30", "2020-12-31", "2021-03-31"));

  const qaf::provider pharmacy =
      record_with("ph2", {{"service_type", std::string("pharmacy")},
                          {"sexual_health_smoking_cessation_service", true},
                          {"flu_service", false},
                          {"monitoring_start", d("2020-04-01")}});
  EXPECT_THAT(
      dues(schedule("bolton-adults-2020", pharmacy, "2020-04-01", "2020-08-31", "2020-04-01"),
           "qm5-pharmacy-sexual-health-smoking"),
      ElementsAre("2020-05-06", "2020-06-06", "2020-07-06", "2020-08-06"));
}

TEST(ScheduleBoltonAdults, ALargeRegulatedHomeHasTheFourAnnualActivities) {
  qaf::provider p = record_with("large", {{"service_type", std::string("nursing")},
                                          {"regulator", std::string("cqc")},
                                          {"beds", std::int64_t{30}},
                                          {"monitoring_start", d("2019-06-01")}});
  p.history = {{"QM-1", d("2019-07-01")},
               {"QM-4", d("2019-08-01")},
               {"QM-7", d("2019-09-01")},
               {"QM-8", d("2019-10-01")}};
  const qaf::schedule_result r =
      schedule("bolton-adults-2020", p, "2020-04-01", "2021-03-31", "2020-04-01");
  // Each chain starts at monitoring_start: its first occurrence (2020-06-01) was done early by the
  // activity of 2019, and the next falls due a year after that.
  EXPECT_THAT(lines(r, "qm1-annual"), ElementsAre("2020-06-01 QM-1 done:2019-07-01 qm1-annual",
                                                  "2020-07-01 QM-1 upcoming qm1-annual"));
  EXPECT_THAT(lines(r, "qm3-annual-cqc"),
              ElementsAre("2020-06-01 QM-3 upcoming qm3-annual-cqc"));  // never done
  EXPECT_THAT(dues(r, "qm4-annual-cqc"), ElementsAre("2020-06-01", "2020-08-01"));
  EXPECT_THAT(dues(r, "qm7-annual-larger-services"), ElementsAre("2020-06-01", "2020-09-01"));
  EXPECT_THAT(dues(r, "qm8-annual-larger-services"), ElementsAre("2020-06-01", "2020-10-01"));
  const qaf::minimum_visits_check* check = minimum(r, "min-visits-residential-over-6-beds");
  ASSERT_NE(check, nullptr);
  EXPECT_TRUE(check->full_year);
  EXPECT_EQ(check->scheduled_fewest, 4);
  // The 12 months before as_of are in force for one day (2020-04-01): the visits of 2019 are
  // before the framework and not counted; the day's share of 4 visits, rounded up, is 1.
  EXPECT_TRUE(check->part_year);
  EXPECT_EQ(check->done_last_12_months, 0);
  EXPECT_EQ(check->required_in_force, 1);
  EXPECT_EQ(check->shortfall, 1);
}

// ---- Devon children's residential -----------------------------------------------------------

TEST(ScheduleDevon, TheContractManagementSchedule) {
  qaf::provider p = record_with("devon-home", {{"service_type", std::string("childrens_home")},
                                               {"listed_company", true},
                                               {"monitoring_start", d("2023-01-16")}});
  p.history = {{"DATA-RETURN", d("2024-04-10")}, {"CM-MEETING", d("2024-04-12")}};
  const qaf::schedule_result r =
      schedule("devon-children-residential", p, "2024-06-01", "2024-12-31", "2024-06-01");
  // The data return is owed per three-month period from the contract start (DOMAIN.md section
  // 2, periodic): periods end 2023-04-15, 07-15, 10-15, 2024-01-15, 04-15, ..., each due the day
  // after. The one return, 2024-04-10, is for the earliest period over by then (due 2023-04-16,
  // before the window); the four periods due 2023-07-16 to 2024-04-16 stay overdue.
  EXPECT_THAT(dues(r, "data-return-three-monthly"),
              ElementsAre("2023-07-16", "2023-10-16", "2024-01-16", "2024-04-16", "2024-07-16",
                          "2024-10-16"));
  EXPECT_THAT(dues(r, "contract-meeting-three-monthly"), ElementsAre("2024-07-12", "2024-10-12"));
  // Never held: due six months after the contract start, missed, then six months after as_of.
  EXPECT_THAT(lines(r, "group-meeting-six-monthly"),
              ElementsAre("2023-07-16 GROUP-MEETING overdue group-meeting-six-monthly",
                          "2024-12-01 GROUP-MEETING upcoming group-meeting-six-monthly"));
  EXPECT_THAT(lines(r, "carbon-report-annual"),
              ElementsAre("2024-01-16 CARBON-REPORT overdue carbon-report-annual"));
  // Key documents for each month by the end of the next: January 2023's by 2023-02-28 to April
  // 2024's by 2024-05-31 missed (16), May's by 2024-06-30 due, then to November's by 2024-12-31.
  const std::vector<std::string> docs = dues(r, "key-documents-monthly");
  ASSERT_EQ(docs.size(), 23u);
  EXPECT_EQ(docs.front(), "2023-02-28");
  EXPECT_EQ(docs[16], "2024-06-30");
  EXPECT_EQ(docs.back(), "2024-12-31");
  EXPECT_THAT(lines(r, "key-documents-monthly")[16],
              "2024-06-30 KEY-DOCS due key-documents-monthly");
}

// ---- Herefordshire adults -------------------------------------------------------------------

TEST(ScheduleHerefordshire, MonitoringFollowsTheAgreedThresholdLevel) {
  // The level the panel agreed, from monitoring_start on (level('threshold'), DOMAIN.md section 2).
  qaf::provider p = record_with("care", {{"service_type", std::string("residential")},
                                         {"monitoring_start", d("2024-01-01")}});
  p.ratings = {{"threshold", std::int64_t{2}, d("2024-01-01")}};
  p.history = {{"MAQR-MEETING", d("2024-05-20")}};
  const qaf::schedule_result r =
      schedule("herefordshire-adults-2018", p, "2024-06-01", "2024-09-30", "2024-06-01");
  EXPECT_THAT(dues(r, "maqr-meeting-levels-2-3"),
              ElementsAre("2024-06-20", "2024-07-20", "2024-08-20", "2024-09-20"));
  EXPECT_THAT(
      lines(r, "quality-team-meeting-levels-1-2"),
      ElementsAre("2024-02-01 QUALITY-TEAM-MEETING overdue quality-team-meeting-levels-1-2",
                  "2024-07-01 QUALITY-TEAM-MEETING due quality-team-meeting-levels-1-2",
                  "2024-08-01 QUALITY-TEAM-MEETING upcoming quality-team-meeting-levels-1-2",
                  "2024-09-01 QUALITY-TEAM-MEETING upcoming quality-team-meeting-levels-1-2"));
  EXPECT_THAT(dues(r, "contract-monitoring-meeting-level-3"), IsEmpty());
  EXPECT_THAT(dues(r, "annual-sdp-level-1"), IsEmpty());
  EXPECT_THAT(dues(r, "monthly-returns-all-providers"),
              ElementsAre("2024-02-29", "2024-03-31", "2024-04-30", "2024-05-31", "2024-06-30",
                          "2024-07-31", "2024-08-31", "2024-09-30"));

  p.ratings = {{"threshold", std::int64_t{3}, d("2024-01-01")}};
  const qaf::schedule_result three =
      schedule("herefordshire-adults-2018", p, "2024-06-01", "2024-09-30", "2024-06-01");
  // Never held: 2024-02-01 missed, then a month after as_of and monthly: 07-01, 08-01, 09-01.
  EXPECT_THAT(dues(three, "contract-monitoring-meeting-level-3"),
              ElementsAre("2024-02-01", "2024-07-01", "2024-08-01", "2024-09-01"));
  EXPECT_THAT(dues(three, "quality-team-meeting-levels-1-2"), IsEmpty());

  p.ratings = {{"threshold", std::int64_t{1}, d("2024-01-01")}};
  const qaf::schedule_result one =
      schedule("herefordshire-adults-2018", p, "2024-06-01", "2025-01-31", "2024-06-01");
  EXPECT_THAT(dues(one, "annual-sdp-level-1"), ElementsAre("2025-01-01"));
  EXPECT_THAT(dues(one, "annual-contact-all-providers"), ElementsAre("2025-01-01"));
  EXPECT_THAT(dues(one, "maqr-meeting-levels-2-3"), IsEmpty());

  // No agreed level and no evidence to suggest one: the scheme is not assessed, it has no level.
  p.ratings.clear();
  const qaf::schedule_result unknown =
      schedule("herefordshire-adults-2018", p, "2024-06-01", "2025-01-31", "2024-06-01");
  EXPECT_THAT(unknown.unknown_facts, ElementsAre("level('threshold')"));
  EXPECT_THAT(dues(unknown, "maqr-meeting-levels-2-3"), IsEmpty());
  EXPECT_THAT(dues(unknown, "annual-contact-all-providers"), ElementsAre("2025-01-01"));
}

// ---- Coventry children ----------------------------------------------------------------------

TEST(ScheduleCoventry, InadequateOnGoodFridayAndTheAnnualVisit) {
  qaf::provider p = record_with("cov", {{"service_type", std::string("childrens_home")},
                                        {"placed_children", std::int64_t{2}},
                                        {"regulator", std::string("ofsted")},
                                        {"regulator_rating", std::string("inadequate")},
                                        {"monitoring_start", d("2024-06-10")}});
  p.history = {{"CV-PLANNED-VISIT", d("2024-09-16")}};
  p.events = {{"regulator_rating_changed", d("2025-04-18"), {{"to", "inadequate"}}}};
  const qaf::schedule_result r =
      schedule("coventry-children", p, "2025-04-01", "2026-03-31", "2025-04-18");
  // Good Friday 2025-04-18: the visit the same working day is Tuesday 2025-04-22 (Easter Monday
  // 21 April); the decision within 24 hours would be 2025-04-19, but it follows the visit, so it
  // is due with it on 2025-04-22 (DOMAIN.md section 2). The yearly visit first fell due
  // 2025-06-10 (a year after monitoring began) and was done early on 2024-09-16, so the next is
  // due 2025-09-16.
  std::vector<std::string> all;
  for (const qaf::occurrence& o : r.occurrences) all.push_back(line(o));
  EXPECT_THAT(all, ElementsAre("2025-04-22 CV-DECISION due inadequate-visit-and-decision",
                               "2025-04-22 CV-VISIT due inadequate-visit-and-decision",
                               "2025-06-10 CV-PLANNED-VISIT done:2024-09-16 planned-visit-annual",
                               "2025-09-16 CV-PLANNED-VISIT upcoming planned-visit-annual"));
  const qaf::minimum_visits_check* check = minimum(r, "min-one-visit-a-year");
  ASSERT_NE(check, nullptr);
  EXPECT_EQ(check->done_last_12_months, 1);
  EXPECT_EQ(check->shortfall, 0);

  // No Coventry child in placement: neither the trigger nor the annual visit.
  p.facts["placed_children"] = std::int64_t{0};
  p.history.clear();
  EXPECT_THAT(
      schedule("coventry-children", p, "2025-04-01", "2026-03-31", "2025-04-18").occurrences,
      IsEmpty());
}

TEST(ScheduleCoventry, AnInadequateOnABankHolidayMondayVisitsTheNextDay) {
  qaf::provider p = record_with(
      "cov", {{"placed_children", std::int64_t{1}}, {"monitoring_start", d("2025-01-01")}});
  p.events = {{"regulator_rating_changed", d("2025-05-26"), {{"to", "inadequate"}}}};
  const qaf::schedule_result r =
      schedule("coventry-children", p, "2025-05-01", "2025-06-30", "2025-05-26");
  EXPECT_THAT(dues(r, "inadequate-visit-and-decision"), ElementsAre("2025-05-27", "2025-05-27"));
}

}  // namespace
