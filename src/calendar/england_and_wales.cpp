// The bank holidays of England and Wales: the ordinary rules and every change proclaimed so far.
//
// Sources: the Banking and Financial Dealings Act 1971 (Schedule 1 and the annual proclamations
// under section 1(3) that appoint New Year's Day and the early May bank holiday); Christmas Day
// and Good Friday are common-law holidays; the dates published on gov.uk/bank-holidays. A new
// proclamation is one more row in `changes` below, with its citation.
#include <array>

#include "calendar/region_rules.hpp"

namespace qaf::detail {
namespace {

constexpr std::array rules = {
    fixed("New Year's Day", 1, 1, true),
    days_after_easter("Good Friday", -2),
    days_after_easter("Easter Monday", 1),
    first_weekday("Early May bank holiday", weekday::monday, 5),
    last_weekday("Spring bank holiday", weekday::monday, 5),
    last_weekday("Summer bank holiday", weekday::monday, 8),
    fixed("Christmas Day", 12, 25, true),
    fixed("Boxing Day", 12, 26, true),
};

// Section 1(2) of the 1971 Act lets the Crown, by proclamation, move a bank holiday to another
// day; section 1(3) lets it appoint an extra one. Each row names the proclamation's occasion.
constexpr std::array changes = {
    // 1995: the early May bank holiday moved from Monday 1 May to Monday 8 May for the 50th
    // anniversary of VE Day (Royal Proclamation under s.1(2)).
    proclaimed_change{table_date{1995, 5, 1}, {1995, 5, 8}, "Early May bank holiday (VE day)"},
    // 1999: Friday 31 December appointed for the Millennium (Royal Proclamation under s.1(3)).
    proclaimed_change{std::nullopt, {1999, 12, 31}, "Millennium bank holiday"},
    // 2002: the spring bank holiday moved from Monday 27 May to Monday 3 June, and Tuesday 4 June
    // appointed, for the Golden Jubilee of Queen Elizabeth II (Royal Proclamations under s.1(2)
    // and s.1(3)).
    proclaimed_change{table_date{2002, 5, 27}, {2002, 6, 3}, "Spring bank holiday"},
    proclaimed_change{std::nullopt, {2002, 6, 4}, "Golden Jubilee bank holiday"},
    // 2011: Friday 29 April appointed for the wedding of Prince William and Catherine Middleton
    // (Royal Proclamation under s.1(3)).
    proclaimed_change{std::nullopt, {2011, 4, 29}, "Royal wedding bank holiday"},
    // 2012: the spring bank holiday moved from Monday 28 May to Monday 4 June, and Tuesday 5 June
    // appointed, for the Diamond Jubilee (Royal Proclamations under s.1(2) and s.1(3)).
    proclaimed_change{table_date{2012, 5, 28}, {2012, 6, 4}, "Spring bank holiday"},
    proclaimed_change{std::nullopt, {2012, 6, 5}, "Queen's Diamond Jubilee"},
    // 2020: the early May bank holiday moved from Monday 4 May to Friday 8 May for the 75th
    // anniversary of VE Day (Royal Proclamation under s.1(2)).
    proclaimed_change{table_date{2020, 5, 4}, {2020, 5, 8}, "Early May bank holiday (VE day)"},
    // 2022: the spring bank holiday moved from Monday 30 May to Thursday 2 June, and Friday 3 June
    // appointed, for the Platinum Jubilee (Royal Proclamations under s.1(2) and s.1(3)).
    proclaimed_change{table_date{2022, 5, 30}, {2022, 6, 2}, "Spring bank holiday"},
    proclaimed_change{std::nullopt, {2022, 6, 3}, "Platinum Jubilee bank holiday"},
    // 2022: Monday 19 September appointed for the State Funeral of Queen Elizabeth II (Royal
    // Proclamation under s.1(3), made by King Charles III).
    proclaimed_change{
        std::nullopt, {2022, 9, 19}, "Bank holiday for the State Funeral of Queen Elizabeth II"},
    // 2023: Monday 8 May appointed for the Coronation of King Charles III (Royal Proclamation
    // under s.1(3)).
    proclaimed_change{
        std::nullopt, {2023, 5, 8}, "Bank holiday for the coronation of King Charles III"},
};

}  // namespace

const region_rules& england_and_wales_rules() noexcept {
  static const region_rules table{
      .id = "england_and_wales",
      .title = "England and Wales",
      .first_year = 1995,
      .last_year = 2100,
      .rules = rules,
      .changes = changes,
  };
  return table;
}

}  // namespace qaf::detail
