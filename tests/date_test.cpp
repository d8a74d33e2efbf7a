// qaf/date.hpp: the date value, month arithmetic, financial years and school terms.
#include "qaf/date.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

namespace {

using qaf::date;

date d(std::string_view text) { return date::parse(text); }

// The message term_calendar's constructor throws for `terms`, or "" when it accepts them.
std::string terms_error(std::vector<qaf::school_term> terms) {
  try {
    const qaf::term_calendar accepted(std::move(terms));
  } catch (const qaf::date_error& e) {
    return e.what();
  }
  return "";
}

// The message date::parse throws for `text`, or "" when it parses.
std::string parse_error(std::string_view text) {
  try {
    date::parse(text);
  } catch (const qaf::date_error& e) {
    return e.what();
  }
  return "";
}

TEST(Date, ParseAndFormatRoundTrip) {
  for (const char* text : {"2024-01-05", "1970-01-01", "1400-01-01", "9999-12-31", "2000-02-29",
                           "1999-12-31", "2100-03-28"}) {
    EXPECT_EQ(d(text).to_string(), text);
  }
  const date x = d("2024-02-29");
  EXPECT_EQ(x.year(), 2024);
  EXPECT_EQ(x.month(), 2);
  EXPECT_EQ(x.day(), 29);
  EXPECT_EQ(x, date::from_ymd(2024, 2, 29));
  std::ostringstream out;
  out << x;
  EXPECT_EQ(out.str(), "2024-02-29");
}

TEST(Date, EpochAndDayCount) {
  EXPECT_EQ(date().to_string(), "1970-01-01");
  EXPECT_EQ(d("1970-01-02").days_since_epoch(), 1);
  EXPECT_EQ(d("1969-12-31").days_since_epoch(), -1);
  EXPECT_EQ(date::from_days(19723).to_string(), "2024-01-01");
  EXPECT_EQ(date::min().to_string(), "1400-01-01");
  EXPECT_EQ(date::max().to_string(), "9999-12-31");
  EXPECT_EQ(qaf::days_between(d("2024-01-01"), d("2025-01-01")), 366);
  EXPECT_EQ(qaf::days_between(d("2025-01-01"), d("2024-01-01")), -366);
  EXPECT_EQ(qaf::add_days(d("2024-02-28"), 2).to_string(), "2024-03-01");
  EXPECT_EQ(qaf::add_weeks(d("2024-12-20"), 2).to_string(), "2025-01-03");
  EXPECT_LT(d("2024-01-05"), d("2024-01-06"));
}

TEST(Date, Weekday) {
  EXPECT_EQ(d("2024-01-01").weekday(), qaf::weekday::monday);
  EXPECT_EQ(d("2024-03-29").weekday(), qaf::weekday::friday);
  EXPECT_EQ(d("2024-03-30").weekday(), qaf::weekday::saturday);
  EXPECT_EQ(d("2024-03-31").weekday(), qaf::weekday::sunday);
  EXPECT_EQ(d("1970-01-01").weekday(), qaf::weekday::thursday);
  EXPECT_TRUE(d("2024-03-30").is_weekend());
  EXPECT_TRUE(d("2024-03-31").is_weekend());
  EXPECT_FALSE(d("2024-04-01").is_weekend());
}

TEST(Date, InvalidDatesAreErrorsNeverNormalised) {
  EXPECT_EQ(parse_error("2021-09-31"), "2021-09-31 is not a date: September has 30 days");
  EXPECT_EQ(parse_error("2023-02-29"),
            "2023-02-29 is not a date: 2023 is not a leap year, February has 28 days");
  EXPECT_EQ(parse_error("2024-02-30"), "2024-02-30 is not a date: February 2024 has 29 days");
  EXPECT_EQ(parse_error("2024-13-01"), "2024-13-01 is not a date: there is no month 13");
  EXPECT_EQ(parse_error("2024-00-10"), "2024-00-10 is not a date: there is no month 00");
  EXPECT_EQ(parse_error("2024-01-00"), "2024-01-00 is not a date: there is no day 00");
  EXPECT_EQ(parse_error("2024-01-32"), "2024-01-32 is not a date: January has 31 days");
  EXPECT_EQ(parse_error("1399-12-31"),
            "1399-12-31 is not a date: year 1399 is outside the supported range 1400-9999");
  EXPECT_EQ(parse_error("0000-01-01"),
            "0000-01-01 is not a date: year 0 is outside the supported range 1400-9999");
}

TEST(Date, OnlyExactIsoTextParses) {
  EXPECT_EQ(parse_error("2024-1-05"), "\"2024-1-05\" is not a date: expected YYYY-MM-DD");
  EXPECT_EQ(parse_error(" 2024-01-05"), "\" 2024-01-05\" is not a date: expected YYYY-MM-DD");
  EXPECT_EQ(parse_error("2024-01-05 "), "\"2024-01-05 \" is not a date: expected YYYY-MM-DD");
  EXPECT_EQ(parse_error("2024-01-05x"), "\"2024-01-05x\" is not a date: expected YYYY-MM-DD");
  EXPECT_EQ(parse_error(""), "an empty text is not a date: expected YYYY-MM-DD");
  EXPECT_EQ(parse_error("2024/01/05"), "\"2024/01/05\" is not a date: expected YYYY-MM-DD");
  EXPECT_EQ(parse_error("+024-01-05"), "\"+024-01-05\" is not a date: expected YYYY-MM-DD");
  EXPECT_EQ(parse_error("20240105"), "\"20240105\" is not a date: expected YYYY-MM-DD");
  EXPECT_EQ(parse_error("2024-01-05T00:00"),
            "\"2024-01-05T00:00\" is not a date: expected YYYY-MM-DD");
  EXPECT_EQ(parse_error("12024-01-05"), "\"12024-01-05\" is not a date: expected YYYY-MM-DD");
  // Control characters are escaped and long input cut, so the message stays one line.
  EXPECT_EQ(parse_error("2024-01-05\n"), "\"2024-01-05\\x0a\" is not a date: expected YYYY-MM-DD");
  EXPECT_EQ(parse_error(std::string(50, '9')),
            "\"" + std::string(40, '9') + "...\" is not a date: expected YYYY-MM-DD");
}

TEST(Date, TryParseReportsWhy) {
  std::string why;
  EXPECT_EQ(date::try_parse("2024-01-05", &why), d("2024-01-05"));
  EXPECT_EQ(why, "");
  EXPECT_EQ(date::try_parse("2023-02-29", &why), std::nullopt);
  EXPECT_EQ(why, "2023-02-29 is not a date: 2023 is not a leap year, February has 28 days");
  EXPECT_EQ(date::try_parse("nonsense"), std::nullopt);
}

TEST(Date, FromYmdChecksItsFields) {
  EXPECT_EQ(date::from_ymd(2024, 1, 5).to_string(), "2024-01-05");
  EXPECT_THROW(date::from_ymd(2023, 2, 29), qaf::date_error);
  EXPECT_THROW(date::from_ymd(2024, 4, 31), qaf::date_error);
  EXPECT_THROW(date::from_ymd(2024, 0, 1), qaf::date_error);
  EXPECT_THROW(date::from_ymd(2024, 1, -1), qaf::date_error);
  try {
    date::from_ymd(12345, 1, 1);
    ADD_FAILURE() << "year 12345 accepted";
  } catch (const qaf::date_error& e) {
    EXPECT_STREQ(e.what(),
                 "12345-01-01 is not a date: year 12345 is outside the supported range 1400-9999");
  }
}

TEST(Date, LeapYears) {
  EXPECT_FALSE(qaf::is_leap_year(1900));
  EXPECT_TRUE(qaf::is_leap_year(2000));
  EXPECT_TRUE(qaf::is_leap_year(2024));
  EXPECT_FALSE(qaf::is_leap_year(2023));
  EXPECT_FALSE(qaf::is_leap_year(2100));
  EXPECT_EQ(parse_error("1900-02-29"),
            "1900-02-29 is not a date: 1900 is not a leap year, February has 28 days");
  EXPECT_EQ(d("2000-02-29").to_string(), "2000-02-29");
  EXPECT_EQ(d("2024-02-29").to_string(), "2024-02-29");
  EXPECT_EQ(qaf::days_in_month(2024, 2), 29);
  EXPECT_EQ(qaf::days_in_month(2023, 2), 28);
  EXPECT_EQ(qaf::days_in_month(2023, 4), 30);
  EXPECT_EQ(qaf::days_in_month(2023, 12), 31);
}

TEST(Date, AddMonthsClampsAndNeverSnaps) {
  EXPECT_EQ(qaf::add_months(d("2024-01-31"), 1).to_string(), "2024-02-29");
  EXPECT_EQ(qaf::add_months(d("2023-01-31"), 1).to_string(), "2023-02-28");
  EXPECT_EQ(qaf::add_months(d("2023-02-28"), 1).to_string(), "2023-03-28");
  EXPECT_EQ(qaf::add_months(d("2024-02-29"), 12).to_string(), "2025-02-28");
  EXPECT_EQ(qaf::add_months(d("2024-02-29"), 48).to_string(), "2028-02-29");
  EXPECT_EQ(qaf::add_months(d("2024-03-31"), -1).to_string(), "2024-02-29");
  EXPECT_EQ(qaf::add_months(d("2024-01-15"), -1).to_string(), "2023-12-15");
  EXPECT_EQ(qaf::add_months(d("2024-01-31"), -2).to_string(), "2023-11-30");
  EXPECT_EQ(qaf::add_months(d("2024-05-31"), -27).to_string(), "2022-02-28");
  EXPECT_EQ(qaf::add_months(d("2024-08-31"), 6).to_string(), "2025-02-28");
  EXPECT_EQ(qaf::add_months(d("2024-11-30"), 3).to_string(), "2025-02-28");
  EXPECT_EQ(qaf::add_months(d("2024-01-31"), 0).to_string(), "2024-01-31");
  // Stepping month by month from the 31st keeps the shortened day: 31 Jan, 29 Feb, 29 Mar.
  EXPECT_EQ(qaf::add_months(qaf::add_months(d("2024-01-31"), 1), 1).to_string(), "2024-03-29");
  EXPECT_EQ(qaf::add_months(d("9999-11-30"), 1).to_string(), "9999-12-30");
  EXPECT_EQ(qaf::add_months(d("1400-02-15"), -1).to_string(), "1400-01-15");
}

// The message `arithmetic` throws, or "" when it does not throw.
template <typename F>
std::string arithmetic_error(F arithmetic) {
  try {
    arithmetic();
  } catch (const qaf::date_error& e) {
    return e.what();
  }
  return "";
}

// Issue 11: add_months clamped at 9999-12-31, so a loop stepping monthly to 9999-12-31 never
// ended and a visit due in year 10000 was shown as 9999-12-31. Out of range is now an error.
TEST(Date, ArithmeticBeyondTheSupportedRangeThrows) {
  EXPECT_EQ(arithmetic_error([] { qaf::add_months(d("9999-12-31"), 1); }),
            "9999-12-31 + 1 months is outside the supported dates 1400-01-01 to 9999-12-31");
  EXPECT_EQ(arithmetic_error([] { qaf::add_months(d("9999-06-15"), 12); }),
            "9999-06-15 + 12 months is outside the supported dates 1400-01-01 to 9999-12-31");
  EXPECT_EQ(arithmetic_error([] { qaf::add_months(d("1400-06-15"), -12); }),
            "1400-06-15 - 12 months is outside the supported dates 1400-01-01 to 9999-12-31");
  EXPECT_EQ(
      arithmetic_error([] { qaf::add_months(d("2024-06-15"), 2'000'000'000); }),
      "2024-06-15 + 2000000000 months is outside the supported dates 1400-01-01 to 9999-12-31");
  EXPECT_EQ(
      arithmetic_error([] { qaf::add_months(d("2024-06-15"), -2'147'483'647 - 1); }),
      "2024-06-15 - 2147483648 months is outside the supported dates 1400-01-01 to 9999-12-31");
  EXPECT_EQ(arithmetic_error([] { qaf::add_days(date::max(), 1); }),
            "1 day after 9999-12-31 is outside the supported dates 1400-01-01 to 9999-12-31");
  EXPECT_EQ(arithmetic_error([] { qaf::add_days(date::min(), -3); }),
            "3 days before 1400-01-01 is outside the supported dates 1400-01-01 to 9999-12-31");
  EXPECT_EQ(arithmetic_error([] { qaf::add_weeks(d("9999-12-30"), 1); }),
            "6 days after 9999-12-31 is outside the supported dates 1400-01-01 to 9999-12-31");
  EXPECT_EQ(arithmetic_error([] { date::from_days(2932897); }),
            "1 day after 9999-12-31 is outside the supported dates 1400-01-01 to 9999-12-31");
  EXPECT_EQ(qaf::add_days(date::max(), 0), date::max());
  EXPECT_EQ(qaf::add_days(d("9999-12-30"), 1), date::max());
  EXPECT_EQ(qaf::add_days(d("1400-01-02"), -1), date::min());
}

// Reading the fields of the extreme dates needs no range check that could throw.
TEST(Date, FieldsAtTheEdges) {
  EXPECT_EQ(date::max().year(), 9999);
  EXPECT_EQ(date::max().month(), 12);
  EXPECT_EQ(date::max().day(), 31);
  EXPECT_EQ(date::max().weekday(), qaf::weekday::friday);
  EXPECT_EQ(date::min().weekday(), qaf::weekday::wednesday);
  EXPECT_EQ(date::from_days(-1).weekday(), qaf::weekday::wednesday);
  EXPECT_EQ(qaf::months_between(d("9999-01-31"), date::max()), 11);
  // add_months(max, n) for the largest n <= min would be 1399-12-31: the count is still exact.
  EXPECT_EQ(qaf::months_between(date::max(), date::min()), -((9999 - 1400) * 12 + 12));
}

TEST(Date, MonthsBetween) {
  EXPECT_EQ(qaf::months_between(d("2024-01-31"), d("2024-02-29")), 1);
  EXPECT_EQ(qaf::months_between(d("2024-01-31"), d("2024-02-28")), 0);
  EXPECT_EQ(qaf::months_between(d("2023-02-28"), d("2023-03-28")), 1);
  EXPECT_EQ(qaf::months_between(d("2023-02-28"), d("2023-03-27")), 0);
  EXPECT_EQ(qaf::months_between(d("2024-02-29"), d("2025-02-28")), 12);
  EXPECT_EQ(qaf::months_between(d("2024-01-15"), d("2024-01-15")), 0);
  EXPECT_EQ(qaf::months_between(d("2024-01-15"), d("2024-01-14")), -1);
  EXPECT_EQ(qaf::months_between(d("2024-03-31"), d("2024-02-29")), -1);
  EXPECT_EQ(qaf::months_between(d("2024-03-31"), d("2024-02-28")), -2);
  EXPECT_EQ(qaf::months_between(d("2020-04-01"), d("2024-03-31")), 47);
  EXPECT_EQ(qaf::months_between(d("2020-04-01"), d("2024-04-01")), 48);
  // The defining property, over a spread of dates.
  for (const char* from : {"2024-01-31", "2023-03-31", "2024-02-29", "2021-06-15"}) {
    for (const char* to : {"2019-02-28", "2024-02-29", "2025-03-30", "2021-06-14"}) {
      const int n = qaf::months_between(d(from), d(to));
      EXPECT_LE(qaf::add_months(d(from), n), d(to)) << from << " " << to;
      EXPECT_GT(qaf::add_months(d(from), n + 1), d(to)) << from << " " << to;
    }
  }
}

TEST(Date, FinancialYearParse) {
  const qaf::financial_year year = qaf::financial_year::parse("2020/21");
  EXPECT_EQ(year.start_year(), 2020);
  EXPECT_EQ(year.start().to_string(), "2020-04-01");
  EXPECT_EQ(year.end().to_string(), "2021-03-31");
  EXPECT_EQ(year.to_string(), "2020/21");
  EXPECT_EQ(qaf::financial_year::parse("1999/00").end().to_string(), "2000-03-31");
  EXPECT_EQ(qaf::financial_year(2099).to_string(), "2099/00");

  std::string why;
  EXPECT_EQ(qaf::financial_year::try_parse("2020/22", &why), std::nullopt);
  EXPECT_EQ(why, "\"2020/22\" is not a financial year: the one starting in 2020 is 2020/21");
  EXPECT_EQ(qaf::financial_year::try_parse("2020-21", &why), std::nullopt);
  EXPECT_EQ(why, "\"2020-21\" is not a financial year: expected YYYY/YY, as in 2020/21");
  for (const char* bad : {"2020/2021", "20/21", "2020/21 ", "", "2020/2", "abcd/ef", "2020/-1"}) {
    EXPECT_THROW(qaf::financial_year::parse(bad), qaf::date_error) << bad;
  }
  EXPECT_EQ(qaf::financial_year::try_parse("9999/00", &why), std::nullopt);
  EXPECT_EQ(why,
            "\"9999/00\" is not a financial year: the financial year starting in 9999 is outside "
            "the supported range 1400/01 to 9998/99");
  EXPECT_THROW(qaf::financial_year(1399), qaf::date_error);
}

TEST(Date, FinancialYearContaining) {
  EXPECT_EQ(qaf::financial_year::containing(d("2020-04-01")).to_string(), "2020/21");
  EXPECT_EQ(qaf::financial_year::containing(d("2021-03-31")).to_string(), "2020/21");
  EXPECT_EQ(qaf::financial_year::containing(d("2021-04-01")).to_string(), "2021/22");
  EXPECT_EQ(qaf::financial_year::containing(d("2020-12-31")).to_string(), "2020/21");
  EXPECT_THROW(qaf::financial_year::containing(d("1400-03-31")), qaf::date_error);
}

TEST(Date, FinancialQuarters) {
  const qaf::financial_year year = qaf::financial_year::parse("2020/21");
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"2020-04-01", "2020-06-30"},
      {"2020-07-01", "2020-09-30"},
      {"2020-10-01", "2020-12-31"},
      {"2021-01-01", "2021-03-31"},
  };
  for (int n = 1; n <= 4; ++n) {
    const qaf::financial_quarter q(year, n);
    EXPECT_EQ(q.start().to_string(), expected[static_cast<std::size_t>(n - 1)].first);
    EXPECT_EQ(q.end().to_string(), expected[static_cast<std::size_t>(n - 1)].second);
    EXPECT_EQ(q.to_string(), "2020/21 Q" + std::to_string(n));
    EXPECT_EQ(qaf::financial_quarter::containing(q.start()), q);
    EXPECT_EQ(qaf::financial_quarter::containing(q.end()), q);
  }
  EXPECT_EQ(qaf::financial_quarter::containing(d("2024-02-29")).to_string(), "2023/24 Q4");
  EXPECT_EQ(qaf::financial_quarter::containing(d("2024-08-15")).to_string(), "2024/25 Q2");
  EXPECT_EQ(qaf::financial_quarter(year, 4).next().to_string(), "2021/22 Q1");
  EXPECT_EQ(qaf::financial_quarter(year, 1).next().to_string(), "2020/21 Q2");
  EXPECT_THROW(qaf::financial_quarter(year, 0), qaf::date_error);
  EXPECT_THROW(qaf::financial_quarter(year, 5), qaf::date_error);
}

TEST(Date, DefaultTerms) {
  const qaf::term_calendar terms;
  EXPECT_TRUE(terms.is_default());
  EXPECT_TRUE(terms.terms().empty());
  EXPECT_EQ(terms.containing(d("2024-09-01")),
            (qaf::school_term{"Autumn 2024", d("2024-09-01"), d("2024-12-31")}));
  EXPECT_EQ(terms.containing(d("2025-01-01")),
            (qaf::school_term{"Spring 2025", d("2025-01-01"), d("2025-03-31")}));
  EXPECT_EQ(terms.containing(d("2025-04-01")),
            (qaf::school_term{"Summer 2025", d("2025-04-01"), d("2025-07-31")}));
  EXPECT_EQ(terms.containing(d("2025-07-31"))->name, "Summer 2025");
  EXPECT_EQ(terms.containing(d("2025-08-01")), std::nullopt);
  EXPECT_EQ(terms.containing(d("2025-08-31")), std::nullopt);

  const std::vector<qaf::school_term> ending = terms.ending_in(d("2024-07-31"), d("2025-03-31"));
  ASSERT_EQ(ending.size(), 3U);
  EXPECT_EQ(ending[0], (qaf::school_term{"Summer 2024", d("2024-04-01"), d("2024-07-31")}));
  EXPECT_EQ(ending[1], (qaf::school_term{"Autumn 2024", d("2024-09-01"), d("2024-12-31")}));
  EXPECT_EQ(ending[2], (qaf::school_term{"Spring 2025", d("2025-01-01"), d("2025-03-31")}));
  EXPECT_TRUE(terms.ending_in(d("2024-08-01"), d("2024-12-30")).empty());
  EXPECT_TRUE(terms.ending_in(d("2025-01-01"), d("2024-01-01")).empty());
}

TEST(Date, PackSuppliedTerms) {
  // Given out of order; the calendar sorts them.
  const qaf::term_calendar terms({
      {"Spring 2025", d("2025-01-06"), d("2025-04-04")},
      {"Autumn 2024", d("2024-09-04"), d("2024-12-20")},
      {"Summer 2025", d("2025-04-22"), d("2025-07-22")},
  });
  EXPECT_FALSE(terms.is_default());
  ASSERT_EQ(terms.terms().size(), 3U);
  EXPECT_EQ(terms.terms()[0].name, "Autumn 2024");
  EXPECT_EQ(terms.containing(d("2024-09-04"))->name, "Autumn 2024");
  EXPECT_EQ(terms.containing(d("2024-12-20"))->name, "Autumn 2024");
  EXPECT_EQ(terms.containing(d("2024-12-21")), std::nullopt);  // Christmas holidays
  EXPECT_EQ(terms.containing(d("2025-04-10")), std::nullopt);  // Easter holidays
  EXPECT_EQ(terms.containing(d("2025-04-22"))->name, "Summer 2025");
  EXPECT_EQ(terms.containing(d("2024-09-03")), std::nullopt);  // before the first listed term
  EXPECT_EQ(terms.containing(d("2025-09-01")), std::nullopt);  // after the last: nothing invented

  const auto ending = terms.ending_in(d("2024-12-20"), d("2025-04-04"));
  ASSERT_EQ(ending.size(), 2U);
  EXPECT_EQ(ending[0].name, "Autumn 2024");
  EXPECT_EQ(ending[1].name, "Spring 2025");
  EXPECT_EQ(terms.ending_in(d("2024-12-21"), d("2025-04-03")).size(), 0U);
  EXPECT_EQ(terms.ending_in(d("2024-01-01"), d("2026-01-01")).size(), 3U);

  // Copies share the list.
  // NOLINTNEXTLINE(performance-unnecessary-copy-initialization): the copy is what is tested.
  const qaf::term_calendar copy = terms;
  EXPECT_EQ(copy.terms().data(), terms.terms().data());
}

TEST(Date, PackSuppliedTermsMustBeCoherent) {
  EXPECT_EQ(terms_error({{"Autumn", d("2024-12-20"), d("2024-09-04")}}),
            "term \"Autumn\" (2024-12-20 to 2024-09-04) ends before it starts");
  EXPECT_EQ(terms_error({{"Autumn", d("2024-09-04"), d("2024-12-20")},
                         {"Spring", d("2024-12-20"), d("2025-04-04")}}),
            "term \"Autumn\" (2024-09-04 to 2024-12-20) overlaps term \"Spring\" (2024-12-20 to "
            "2025-04-04)");
  // A one-day term is a term.
  EXPECT_EQ(qaf::term_calendar({{"Day", d("2024-09-04"), d("2024-09-04")}})
                .containing(d("2024-09-04"))
                ->name,
            "Day");
}

}  // namespace
