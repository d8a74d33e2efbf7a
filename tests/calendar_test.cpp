// qaf/calendar.hpp: regions, England and Wales bank holidays, working days, and `qaf calendar`.
#include "qaf/calendar.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "calendar/easter.hpp"
#include "calendar/holiday_table.hpp"

namespace {

using qaf::date;

date d(std::string_view text) { return date::parse(text); }

// A year's holidays as "YYYY-MM-DD name" lines, the way the CLI prints them.
std::vector<std::string> lines(const std::vector<qaf::holiday>& holidays) {
  std::vector<std::string> out;
  out.reserve(holidays.size());
  for (const qaf::holiday& h : holidays) out.push_back(h.day.to_string() + " " + h.name);
  return out;
}

std::vector<std::string> holidays_of(int year) { return lines(qaf::bank_holidays(year)); }

using list = std::vector<std::string>;

TEST(Calendar, RegionParsesAndDefaultsToEnglandAndWales) {
  const qaf::region ew = qaf::region::parse("england_and_wales");
  EXPECT_EQ(ew, qaf::region());
  EXPECT_EQ(ew, qaf::region::england_and_wales());
  EXPECT_EQ(ew.id(), "england_and_wales");
  EXPECT_EQ(ew.title(), "England and Wales");
  EXPECT_EQ(ew.first_year(), 1995);
  EXPECT_EQ(ew.last_year(), 2100);
  std::string why;
  EXPECT_EQ(qaf::region::try_parse("scotland", &why), std::nullopt);
  EXPECT_EQ(why, "unknown region \"scotland\": the known regions are england_and_wales");
  EXPECT_THROW(qaf::region::parse("England and Wales"), std::invalid_argument);
  EXPECT_THROW(qaf::region::parse(""), std::invalid_argument);
}

TEST(Calendar, EasterSundayByTheComputus) {
  const std::map<int, std::string> known = {
      {1995, "1995-04-16"}, {2000, "2000-04-23"}, {2008, "2008-03-23"}, {2011, "2011-04-24"},
      {2019, "2019-04-21"}, {2024, "2024-03-31"}, {2025, "2025-04-20"}, {2038, "2038-04-25"},
      {2100, "2100-03-28"}, {2285, "2285-03-22"}, {1943, "1943-04-25"}};
  for (const auto& [year, sunday] : known) {
    EXPECT_EQ(qaf::detail::easter_sunday(year).to_string(), sunday) << year;
  }
}

TEST(Calendar, NormalYearsMatchGovUk) {
  EXPECT_EQ(holidays_of(2019),
            (list{"2019-01-01 New Year's Day", "2019-04-19 Good Friday", "2019-04-22 Easter Monday",
                  "2019-05-06 Early May bank holiday", "2019-05-27 Spring bank holiday",
                  "2019-08-26 Summer bank holiday", "2019-12-25 Christmas Day",
                  "2019-12-26 Boxing Day"}));
  EXPECT_EQ(holidays_of(2024),
            (list{"2024-01-01 New Year's Day", "2024-03-29 Good Friday", "2024-04-01 Easter Monday",
                  "2024-05-06 Early May bank holiday", "2024-05-27 Spring bank holiday",
                  "2024-08-26 Summer bank holiday", "2024-12-25 Christmas Day",
                  "2024-12-26 Boxing Day"}));
  EXPECT_EQ(holidays_of(2025),
            (list{"2025-01-01 New Year's Day", "2025-04-18 Good Friday", "2025-04-21 Easter Monday",
                  "2025-05-05 Early May bank holiday", "2025-05-26 Spring bank holiday",
                  "2025-08-25 Summer bank holiday", "2025-12-25 Christmas Day",
                  "2025-12-26 Boxing Day"}));
  EXPECT_EQ(holidays_of(2026),
            (list{"2026-01-01 New Year's Day", "2026-04-03 Good Friday", "2026-04-06 Easter Monday",
                  "2026-05-04 Early May bank holiday", "2026-05-25 Spring bank holiday",
                  "2026-08-31 Summer bank holiday", "2026-12-25 Christmas Day",
                  "2026-12-28 Boxing Day (substitute day)"}));
}

TEST(Calendar, ChristmasOnAFridayMovesBoxingDayToMonday) {
  const auto year = holidays_of(2020);
  EXPECT_EQ(list(year.end() - 2, year.end()),
            (list{"2020-12-25 Christmas Day", "2020-12-28 Boxing Day (substitute day)"}));
}

TEST(Calendar, ChristmasOnASaturdayGivesMondayAndTuesday) {
  const auto year = holidays_of(2021);
  EXPECT_EQ(list(year.end() - 2, year.end()), (list{"2021-12-27 Christmas Day (substitute day)",
                                                    "2021-12-28 Boxing Day (substitute day)"}));
}

TEST(Calendar, ChristmasOnASundayKeepsBoxingDayOnMonday) {
  const auto year = holidays_of(2022);
  EXPECT_EQ(list(year.end() - 2, year.end()),
            (list{"2022-12-26 Boxing Day", "2022-12-27 Christmas Day (substitute day)"}));
  EXPECT_EQ(holidays_of(2016).back(), "2016-12-27 Christmas Day (substitute day)");
}

TEST(Calendar, NewYearAtAWeekendMovesToMonday) {
  EXPECT_EQ(holidays_of(2022).front(), "2022-01-03 New Year's Day (substitute day)");
  EXPECT_EQ(holidays_of(2023).front(), "2023-01-02 New Year's Day (substitute day)");
  EXPECT_EQ(holidays_of(2028).front(), "2028-01-03 New Year's Day (substitute day)");
}

TEST(Calendar, ExceptionYear1995) {
  EXPECT_EQ(holidays_of(1995),
            (list{"1995-01-02 New Year's Day (substitute day)", "1995-04-14 Good Friday",
                  "1995-04-17 Easter Monday", "1995-05-08 Early May bank holiday (VE day)",
                  "1995-05-29 Spring bank holiday", "1995-08-28 Summer bank holiday",
                  "1995-12-25 Christmas Day", "1995-12-26 Boxing Day"}));
}

TEST(Calendar, ExceptionYear1999) {
  EXPECT_EQ(holidays_of(1999),
            (list{"1999-01-01 New Year's Day", "1999-04-02 Good Friday", "1999-04-05 Easter Monday",
                  "1999-05-03 Early May bank holiday", "1999-05-31 Spring bank holiday",
                  "1999-08-30 Summer bank holiday", "1999-12-27 Christmas Day (substitute day)",
                  "1999-12-28 Boxing Day (substitute day)", "1999-12-31 Millennium bank holiday"}));
}

TEST(Calendar, ExceptionYear2002) {
  EXPECT_EQ(holidays_of(2002),
            (list{"2002-01-01 New Year's Day", "2002-03-29 Good Friday", "2002-04-01 Easter Monday",
                  "2002-05-06 Early May bank holiday", "2002-06-03 Spring bank holiday",
                  "2002-06-04 Golden Jubilee bank holiday", "2002-08-26 Summer bank holiday",
                  "2002-12-25 Christmas Day", "2002-12-26 Boxing Day"}));
}

TEST(Calendar, ExceptionYear2011) {
  EXPECT_EQ(holidays_of(2011),
            (list{"2011-01-03 New Year's Day (substitute day)", "2011-04-22 Good Friday",
                  "2011-04-25 Easter Monday", "2011-04-29 Royal wedding bank holiday",
                  "2011-05-02 Early May bank holiday", "2011-05-30 Spring bank holiday",
                  "2011-08-29 Summer bank holiday", "2011-12-26 Boxing Day",
                  "2011-12-27 Christmas Day (substitute day)"}));
}

TEST(Calendar, ExceptionYear2012) {
  EXPECT_EQ(holidays_of(2012),
            (list{"2012-01-02 New Year's Day (substitute day)", "2012-04-06 Good Friday",
                  "2012-04-09 Easter Monday", "2012-05-07 Early May bank holiday",
                  "2012-06-04 Spring bank holiday", "2012-06-05 Queen's Diamond Jubilee",
                  "2012-08-27 Summer bank holiday", "2012-12-25 Christmas Day",
                  "2012-12-26 Boxing Day"}));
}

TEST(Calendar, ExceptionYear2020) {
  EXPECT_EQ(holidays_of(2020),
            (list{"2020-01-01 New Year's Day", "2020-04-10 Good Friday", "2020-04-13 Easter Monday",
                  "2020-05-08 Early May bank holiday (VE day)", "2020-05-25 Spring bank holiday",
                  "2020-08-31 Summer bank holiday", "2020-12-25 Christmas Day",
                  "2020-12-28 Boxing Day (substitute day)"}));
}

TEST(Calendar, ExceptionYear2022) {
  EXPECT_EQ(holidays_of(2022),
            (list{"2022-01-03 New Year's Day (substitute day)", "2022-04-15 Good Friday",
                  "2022-04-18 Easter Monday", "2022-05-02 Early May bank holiday",
                  "2022-06-02 Spring bank holiday", "2022-06-03 Platinum Jubilee bank holiday",
                  "2022-08-29 Summer bank holiday",
                  "2022-09-19 Bank holiday for the State Funeral of Queen Elizabeth II",
                  "2022-12-26 Boxing Day", "2022-12-27 Christmas Day (substitute day)"}));
}

TEST(Calendar, ExceptionYear2023) {
  EXPECT_EQ(holidays_of(2023),
            (list{"2023-01-02 New Year's Day (substitute day)", "2023-04-07 Good Friday",
                  "2023-04-10 Easter Monday", "2023-05-01 Early May bank holiday",
                  "2023-05-08 Bank holiday for the coronation of King Charles III",
                  "2023-05-29 Spring bank holiday", "2023-08-28 Summer bank holiday",
                  "2023-12-25 Christmas Day", "2023-12-26 Boxing Day"}));
}

TEST(Calendar, EveryYearFrom1995To2100FollowsTheRules) {
  // Extra days proclaimed on top of the eight ordinary holidays; moved holidays add none.
  const std::map<int, std::size_t> extra = {{1999, 1}, {2002, 1}, {2011, 1},
                                            {2012, 1}, {2022, 2}, {2023, 1}};
  const std::set<std::string> ordinary = {
      "New Year's Day",      "Good Friday",         "Easter Monday", "Early May bank holiday",
      "Spring bank holiday", "Summer bank holiday", "Christmas Day", "Boxing Day"};
  for (int year = 1995; year <= 2100; ++year) {
    SCOPED_TRACE(year);
    const std::vector<qaf::holiday> days = qaf::bank_holidays(year);
    const auto found = extra.find(year);
    EXPECT_EQ(days.size(), 8 + (found == extra.end() ? 0 : found->second));
    std::set<std::string> seen;
    for (std::size_t i = 0; i < days.size(); ++i) {
      EXPECT_EQ(days[i].day.year(), year);
      EXPECT_FALSE(days[i].day.is_weekend()) << days[i].day;
      if (i > 0) {
        EXPECT_LT(days[i - 1].day, days[i].day);  // sorted, no two on one day
      }
      std::string name = days[i].name;
      if (const auto cut = name.find(" ("); cut != std::string::npos) name.resize(cut);
      if (ordinary.contains(name)) {
        EXPECT_TRUE(seen.insert(name).second) << name;
      }
    }
    EXPECT_EQ(seen, ordinary);  // each ordinary holiday exactly once, wherever it landed
    const date easter = qaf::detail::easter_sunday(year);
    EXPECT_EQ(days[1].day, qaf::add_days(easter, -2));
    EXPECT_EQ(days[1].name, "Good Friday");
    EXPECT_EQ(days[2].day, qaf::add_days(easter, 1));
    EXPECT_EQ(days[2].name, "Easter Monday");
  }
}

TEST(Calendar, FastLookUpAgreesWithTheYearLists) {
  const qaf::working_calendar calendar;
  std::map<date, std::string> all;
  for (int year = 1995; year <= 2100; ++year) {
    for (const qaf::holiday& h : qaf::bank_holidays(year)) all.emplace(h.day, h.name);
  }
  for (date day = d("1995-01-01"); day <= d("2100-12-31"); day = qaf::add_days(day, 1)) {
    const auto found = all.find(day);
    const auto name = calendar.holiday_name(day);
    ASSERT_EQ(name.has_value(), found != all.end()) << day;
    if (name) {
      EXPECT_EQ(*name, found->second);
    }
    EXPECT_EQ(calendar.is_working_day(day), !day.is_weekend() && found == all.end()) << day;
  }
}

TEST(Calendar, OutsideTheKnownYearsThrows) {
  try {
    qaf::bank_holidays(2101);
    ADD_FAILURE() << "2101 accepted";
  } catch (const std::out_of_range& e) {
    EXPECT_STREQ(e.what(),
                 "no bank holidays are known for England and Wales in 2101: the known years are "
                 "1995-2100");
  }
  EXPECT_THROW(qaf::bank_holidays(1994), std::out_of_range);
  const qaf::working_calendar calendar;
  EXPECT_THROW(calendar.is_working_day(d("1994-12-30")), std::out_of_range);
  EXPECT_THROW(calendar.is_working_day(d("1994-12-31")), std::out_of_range);  // a Saturday too
  EXPECT_THROW(calendar.holiday_name(d("2101-01-01")), std::out_of_range);
  EXPECT_THROW(calendar.add_working_days(d("2100-12-29"), 5), std::out_of_range);
  EXPECT_THROW(calendar.add_working_days(d("1995-01-04"), -3), std::out_of_range);
  EXPECT_EQ(calendar.add_working_days(d("2100-12-29"), 2).to_string(), "2100-12-31");
  EXPECT_EQ(calendar.add_working_days(d("1995-01-04"), -1).to_string(), "1995-01-03");
  // Issue 11: the last supported date + 1 working day stepped past 9999-12-31 inside a noexcept
  // query and ended the program. The start must be in the known years, as every query's date is.
  EXPECT_THROW(calendar.add_working_days(qaf::date::max(), 1), std::out_of_range);
  EXPECT_THROW(calendar.add_working_days(qaf::date::min(), -1), std::out_of_range);
  EXPECT_THROW(calendar.add_working_days(d("2101-01-01"), 0), std::out_of_range);
}

TEST(Calendar, WorkingDaysAcrossChristmas) {
  EXPECT_EQ(qaf::add_working_days(d("2024-12-24"), 1).to_string(), "2024-12-27");
  // Christmas Eve is a working day: 2021-12-23 + 1 is Friday 24, + 2 is after the four-day break.
  EXPECT_EQ(qaf::add_working_days(d("2021-12-23"), 1).to_string(), "2021-12-24");
  EXPECT_EQ(qaf::add_working_days(d("2021-12-23"), 2).to_string(), "2021-12-29");
  EXPECT_EQ(qaf::add_working_days(d("2021-12-23"), 3).to_string(), "2021-12-30");
  EXPECT_EQ(qaf::add_working_days(d("2021-12-24"), 1).to_string(), "2021-12-29");
  EXPECT_EQ(qaf::add_working_days(d("2022-12-23"), 1).to_string(), "2022-12-28");
  EXPECT_EQ(qaf::add_working_days(d("2021-12-31"), 1).to_string(), "2022-01-04");
}

TEST(Calendar, WorkingDaysAcrossEaster) {
  EXPECT_EQ(qaf::add_working_days(d("2024-03-28"), 1).to_string(), "2024-04-02");
  EXPECT_EQ(qaf::add_working_days(d("2024-03-27"), 2).to_string(), "2024-04-02");
  EXPECT_EQ(qaf::add_working_days(d("2024-03-29"), 1).to_string(), "2024-04-02");
}

TEST(Calendar, AddWorkingDaysNeverCountsTheStartDay) {
  // Tuesday 2024-06-11: 1 is Wednesday, 5 is the next Tuesday, 10 the Tuesday after.
  EXPECT_EQ(qaf::add_working_days(d("2024-06-11"), 1).to_string(), "2024-06-12");
  EXPECT_EQ(qaf::add_working_days(d("2024-06-11"), 5).to_string(), "2024-06-18");
  EXPECT_EQ(qaf::add_working_days(d("2024-06-11"), 10).to_string(), "2024-06-25");
  // From a Saturday, the first working day after it is Monday.
  EXPECT_EQ(qaf::add_working_days(d("2024-06-15"), 1).to_string(), "2024-06-17");
  EXPECT_EQ(qaf::add_working_days(d("2024-06-15"), 0).to_string(), "2024-06-15");
  EXPECT_EQ(qaf::add_working_days(d("2024-06-11"), 0).to_string(), "2024-06-11");
}

TEST(Calendar, NegativeWorkingDaysCountBack) {
  EXPECT_EQ(qaf::add_working_days(d("2024-04-02"), -1).to_string(), "2024-03-28");
  EXPECT_EQ(qaf::add_working_days(d("2024-12-27"), -1).to_string(), "2024-12-24");
  EXPECT_EQ(qaf::add_working_days(d("2024-06-17"), -1).to_string(), "2024-06-14");
  EXPECT_EQ(qaf::add_working_days(d("2024-06-15"), -1).to_string(), "2024-06-14");
  EXPECT_EQ(qaf::add_working_days(d("2024-06-18"), -5).to_string(), "2024-06-11");
  // Counting back undoes counting forward from a working day.
  for (int n = 1; n <= 30; ++n) {
    const date from = d("2024-12-02");
    EXPECT_EQ(qaf::add_working_days(qaf::add_working_days(from, n), -n), from) << n;
  }
}

TEST(Calendar, SameWorkingDay) {
  const qaf::working_calendar calendar;
  EXPECT_EQ(calendar.same_working_day(d("2024-06-12")).to_string(), "2024-06-12");
  EXPECT_EQ(calendar.same_working_day(d("2024-06-15")).to_string(), "2024-06-17");  // Saturday
  EXPECT_EQ(calendar.same_working_day(d("2024-03-29")).to_string(), "2024-04-02");  // Good Friday
  EXPECT_EQ(calendar.same_working_day(d("2024-03-30")).to_string(), "2024-04-02");
  EXPECT_EQ(calendar.next_working_day_on_or_after(d("2022-09-19")).to_string(), "2022-09-20");
  EXPECT_EQ(qaf::within_24_hours(d("2024-12-31")).to_string(), "2025-01-01");
  EXPECT_EQ(qaf::within_24_hours(d("2024-03-28")).to_string(), "2024-03-29");  // even a holiday
}

TEST(Calendar, HolidayNames) {
  const qaf::working_calendar calendar;
  EXPECT_EQ(calendar.holiday_name(d("2024-03-29")), "Good Friday");
  EXPECT_EQ(calendar.holiday_name(d("2018-05-28")), "Spring bank holiday");
  EXPECT_EQ(calendar.holiday_name(d("2021-12-28")), "Boxing Day (substitute day)");
  EXPECT_EQ(calendar.holiday_name(d("2024-03-30")), std::nullopt);  // a weekend has no name
  EXPECT_EQ(calendar.holiday_name(d("2024-06-12")), std::nullopt);
  EXPECT_FALSE(calendar.is_working_day(d("2023-05-08")));
  EXPECT_TRUE(calendar.is_working_day(d("2023-05-09")));
  EXPECT_TRUE(calendar.is_working_day(d("2024-12-24")));
}

TEST(Calendar, ClosureDays) {
  // Given unsorted and with a repeat; the calendar keeps them sorted and unique.
  const qaf::working_calendar calendar(qaf::region(),
                                       {d("2024-12-31"), d("2024-12-24"), d("2024-12-31")});
  ASSERT_EQ(calendar.closure_days().size(), 2U);
  EXPECT_EQ(calendar.closure_days()[0], d("2024-12-24"));
  EXPECT_EQ(calendar.holiday_region(), qaf::region::england_and_wales());
  EXPECT_FALSE(calendar.is_working_day(d("2024-12-24")));
  EXPECT_TRUE(calendar.is_working_day(d("2024-12-23")));
  EXPECT_EQ(calendar.holiday_name(d("2024-12-24")), "closure day");
  EXPECT_EQ(calendar.holiday_name(d("2024-12-25")), "Christmas Day");
  EXPECT_EQ(calendar.add_working_days(d("2024-12-23"), 1).to_string(), "2024-12-27");
  EXPECT_EQ(calendar.add_working_days(d("2024-12-27"), 2).to_string(), "2025-01-02");
  EXPECT_EQ(calendar.same_working_day(d("2024-12-24")).to_string(), "2024-12-27");
  // The shared default calendar is unaffected, and copies share the closure days.
  EXPECT_TRUE(qaf::working_calendar().is_working_day(d("2024-12-24")));
  EXPECT_TRUE(qaf::working_calendar().closure_days().empty());
  // NOLINTNEXTLINE(performance-unnecessary-copy-initialization): the copy is what is tested.
  const qaf::working_calendar copy = calendar;
  EXPECT_EQ(copy.closure_days().data(), calendar.closure_days().data());
}

TEST(Calendar, DayOfMonthDeadline) {
  EXPECT_EQ(qaf::day_of_month_deadline(2024, 6, 15).to_string(), "2024-06-15");  // a Saturday
  EXPECT_EQ(qaf::day_of_month_deadline(2024, 6, 15, qaf::roll::next_working_day).to_string(),
            "2024-06-17");
  EXPECT_EQ(qaf::day_of_month_deadline(2024, 3, 29, qaf::roll::next_working_day).to_string(),
            "2024-04-02");
  EXPECT_EQ(qaf::day_of_month_deadline(2024, 6, 14, qaf::roll::next_working_day).to_string(),
            "2024-06-14");
  // "By the 31st" clamps to the month's last day.
  EXPECT_EQ(qaf::day_of_month_deadline(2024, 2, 31).to_string(), "2024-02-29");
  EXPECT_EQ(qaf::day_of_month_deadline(2023, 2, 31).to_string(), "2023-02-28");
  EXPECT_EQ(qaf::day_of_month_deadline(2024, 4, 31).to_string(), "2024-04-30");
  EXPECT_EQ(qaf::day_of_month_deadline(2024, 1, 31).to_string(), "2024-01-31");
  // 2024-08-31 is a Saturday and Monday 2 September follows the August bank holiday weekend.
  EXPECT_EQ(qaf::day_of_month_deadline(2024, 8, 31, qaf::roll::next_working_day).to_string(),
            "2024-09-02");
  const qaf::working_calendar closed(qaf::region(), {d("2024-06-17")});
  EXPECT_EQ(
      qaf::day_of_month_deadline(2024, 6, 15, qaf::roll::next_working_day, closed).to_string(),
      "2024-06-18");
  EXPECT_THROW(qaf::day_of_month_deadline(2024, 6, 0), qaf::date_error);
  EXPECT_THROW(qaf::day_of_month_deadline(2024, 6, 32), qaf::date_error);
  EXPECT_THROW(qaf::day_of_month_deadline(2024, 13, 1), qaf::date_error);
}

TEST(Calendar, WorkingCalendarIsSafeToShareBetweenThreads) {
  const qaf::working_calendar calendar(qaf::region(), {d("2024-12-24")});
  std::vector<std::string> results(4);
  {
    std::vector<std::jthread> threads;
    threads.reserve(results.size());
    for (std::string& result : results) {
      threads.emplace_back([&calendar, &result] {
        date day = d("2024-01-01");
        for (int step = 0; step < 200; ++step) day = calendar.add_working_days(day, 1);
        result = day.to_string();
      });
    }
  }
  for (const std::string& r : results) EXPECT_EQ(r, results[0]);
  EXPECT_EQ(results[0], calendar.add_working_days(d("2024-01-01"), 200).to_string());
}

// The command-line program, run as a user runs it.
using qaf::testing::cli_result;
using qaf::testing::run_cli;

TEST(CalendarCli, AddWorkingDays) {
  const cli_result r = run_cli("calendar add-working-days 2024-12-24 1");
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out, "2024-12-27\n");
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(run_cli("calendar add-working-days 2024-04-02 -1 --region england_and_wales").out,
            "2024-03-28\n");
  EXPECT_EQ(run_cli("calendar add-working-days --region=england_and_wales 2024-03-28 1").out,
            "2024-04-02\n");
}

TEST(CalendarCli, Holidays) {
  const cli_result r = run_cli("calendar holidays 2026 --region england_and_wales");
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out,
            "2026-01-01 New Year's Day\n2026-04-03 Good Friday\n2026-04-06 Easter Monday\n"
            "2026-05-04 Early May bank holiday\n2026-05-25 Spring bank holiday\n"
            "2026-08-31 Summer bank holiday\n2026-12-25 Christmas Day\n"
            "2026-12-28 Boxing Day (substitute day)\n");
  EXPECT_EQ(r.err, "");
}

TEST(CalendarCli, Help) {
  const cli_result r = run_cli("calendar --help");
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.out.find("usage: qaf calendar add-working-days D N [--region R]"), std::string::npos);
}

TEST(CalendarCli, BadInputExitsOneWithOneLineAndNoOutput) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"calendar add-working-days 2023-02-29 1",
       "qaf calendar: qaf.date.invalid: 2023-02-29 is not a date: 2023 is not a leap year, "
       "February has 28 days\n"},
      {"calendar add-working-days 2024-1-05 1",
       "qaf calendar: qaf.date.invalid: \"2024-1-05\" is not a date: expected YYYY-MM-DD\n"},
      {"calendar add-working-days 2024-01-05 x",
       "qaf calendar: qaf.cli.value: N must be a whole number, not \"x\"\n"},
      {"calendar add-working-days 2024-01-05 1.5",
       "qaf calendar: qaf.cli.value: N must be a whole number, not \"1.5\"\n"},
      {"calendar add-working-days 2024-01-05",
       "qaf calendar: qaf.cli.usage: add-working-days takes two arguments, D and N, got 1 "
       "argument\n"},
      {"calendar add-working-days 2024-01-05 1 2",
       "qaf calendar: qaf.cli.usage: add-working-days takes two arguments, D and N, got 3 "
       "arguments\n"},
      {"calendar add-working-days 2100-12-30 5",
       "qaf calendar: qaf.date.range: no bank holidays are known for England and Wales in 2101: "
       "the known years "
       "are 1995-2100\n"},
      // Issue 11: 9999-12-31 + 1 working day stepped past the last date inside a noexcept
      // function and aborted; D itself must be in the known years.
      {"calendar add-working-days 9999-12-31 1",
       "qaf calendar: qaf.date.range: no bank holidays are known for England and Wales in 9999: "
       "the known years are 1995-2100\n"},
      {"calendar add-working-days 1994-12-31 0",
       "qaf calendar: qaf.date.range: no bank holidays are known for England and Wales in 1994: "
       "the known years are 1995-2100\n"},
      {"calendar holidays 2101",
       "qaf calendar: qaf.date.range: no bank holidays are known for England and Wales in 2101: "
       "the known years "
       "are 1995-2100\n"},
      {"calendar holidays 99999999999",
       "qaf calendar: qaf.cli.value: YEAR is out of range: 99999999999\n"},
      {"calendar holidays +2024",
       "qaf calendar: qaf.cli.value: YEAR must be a whole number, not \"+2024\"\n"},
      {"calendar holidays",
       "qaf calendar: qaf.cli.usage: holidays takes one argument, YEAR, got 0 arguments\n"},
      {"calendar holidays 2024 2025",
       "qaf calendar: qaf.cli.usage: holidays takes one argument, YEAR, got 2 arguments\n"},
      {"calendar holidays 2024 --region scotland",
       "qaf calendar: qaf.cli.value: unknown region \"scotland\": the known regions are "
       "england_and_wales\n"},
      {"calendar holidays 2024 --region",
       "qaf calendar: qaf.cli.usage: --region needs a value, such as england_and_wales\n"},
      {"calendar holidays 2024 --region england_and_wales --region england_and_wales",
       "qaf calendar: qaf.cli.repeated: --region is given more than once\n"},
      {"calendar holidays 2024 --frobnicate",
       "qaf calendar: qaf.cli.usage: unknown option --frobnicate\n"},
      {"calendar frobnicate",
       "qaf calendar: qaf.cli.usage: unknown subcommand \"frobnicate\"; see qaf calendar "
       "--help\n"},
      {"calendar", "qaf calendar: qaf.cli.usage: which subcommand? see qaf calendar --help\n"},
  };
  for (const auto& [arguments, message] : cases) {
    SCOPED_TRACE(arguments);
    const cli_result r = run_cli(arguments);
    EXPECT_EQ(r.status, 1);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, message);
  }
}

}  // namespace
