// The bridge between qaf::date and Boost.Date_Time, which does the calendar work behind it. Only
// files in src/ include this; Boost never reaches a public header.
#pragma once

#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/date_time/gregorian_calendar.hpp>
#include <boost/date_time/year_month_day.hpp>

#include "qaf/date.hpp"

namespace qaf::detail {

/// Boost's Gregorian rules (leap years, month lengths) instantiated on plain ints, so that they
/// answer for any year; boost::gregorian::gregorian_calendar rejects years outside 1400-9999 by
/// throwing, which the noexcept queries in date.hpp cannot do.
using unchecked_calendar =
    boost::date_time::gregorian_calendar_base<boost::date_time::year_month_day_base<int, int, int>,
                                              long long>;

/// The Boost day number (Julian Day Number) of 1970-01-01, the epoch of qaf::date.
inline constexpr long long epoch_day_number = 2440588;

inline boost::gregorian::date to_boost(date d) {
  return boost::gregorian::date(
      static_cast<boost::gregorian::date::date_int_type>(epoch_day_number + d.days_since_epoch()));
}

inline date from_boost(const boost::gregorian::date& d) noexcept {
  return date::from_days(
      static_cast<std::int32_t>(static_cast<long long>(d.day_number()) - epoch_day_number));
}

/// The date with these fields, which the caller has already checked.
inline date from_checked_ymd(int year, int month, int day) {
  return from_boost(boost::gregorian::date(static_cast<unsigned short>(year),
                                           static_cast<unsigned short>(month),
                                           static_cast<unsigned short>(day)));
}

}  // namespace qaf::detail
