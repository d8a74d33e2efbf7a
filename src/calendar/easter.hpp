// Easter Sunday, from which Good Friday and Easter Monday follow.
#pragma once

#include "qaf/date.hpp"

namespace qaf::detail {

/// Easter Sunday of `year` in the Gregorian calendar, by the anonymous Gregorian computus as
/// Meeus gives it (Astronomical Algorithms, chapter 8). Boost.Date_Time has no Easter rule.
/// `year` must be 1583-9999.
date easter_sunday(int year);

}  // namespace qaf::detail
