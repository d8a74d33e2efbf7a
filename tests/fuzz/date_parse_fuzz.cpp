// libFuzzer target for qaf::date::try_parse, the parser every date in a pack or portfolio goes
// through. Beyond "never crashes", it checks what a parsed date promises: it formats back to
// exactly the input, and arithmetic on it yields a date that parses or a date_error, never a
// clamped or invalid date.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#include "qaf/date.hpp"

namespace {

void require(bool holds) {
  if (!holds) std::abort();
}

// Month and day arithmetic from a valid date: a result in the supported range is a valid date,
// never later in its month than the start (clamps, never snaps), on the right side of the start,
// and months_between undoes it; a result beyond the range is a date_error, never a clamped date.
void check_add_months(qaf::date from, int months) {
  for (const int step : {months, months % 1200, -(months % 1200), 1, -1, 12, -12}) {
    const long long index = from.year() * 12LL + (from.month() - 1) + step;
    const bool in_range = index >= 1400 * 12LL && index <= 9999 * 12LL + 11;
    try {
      const qaf::date moved = qaf::add_months(from, step);
      require(in_range);
      require(qaf::date::try_parse(moved.to_string()) == moved);
      if (step > 0) require(moved >= from);
      if (step < 0) require(moved <= from);
      require(moved.day() <= from.day());
      require(qaf::months_between(from, moved) == step);
    } catch (const qaf::date_error&) {
      require(!in_range);
    }
  }
  for (const std::int64_t days : {std::int64_t{months}, std::int64_t{1}, std::int64_t{-1}}) {
    const std::int64_t target = std::int64_t{from.days_since_epoch()} + days;
    const bool in_range = target >= qaf::date::min().days_since_epoch() &&
                          target <= qaf::date::max().days_since_epoch();
    try {
      const qaf::date moved = qaf::add_days(from, days);
      require(in_range && qaf::days_between(from, moved) == days);
      require(qaf::date::try_parse(moved.to_string()) == moved);
    } catch (const qaf::date_error&) {
      require(!in_range);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::string why;
  if (const auto parsed = qaf::date::try_parse(text, &why)) {
    require(parsed->to_string() == text);
    check_add_months(*parsed, 0);
  } else {
    require(!why.empty() && why.find('\n') == std::string::npos);  // one line, always a reason
  }

  // A date followed by more bytes: the date is the first ten, a month offset the next four.
  if (size > 10) {
    if (const auto prefix = qaf::date::try_parse(text.substr(0, 10))) {
      std::uint32_t bits = 0;
      std::memcpy(&bits, data + 10, std::min<std::size_t>(size - 10, sizeof bits));
      check_add_months(*prefix, static_cast<int>(bits));
    }
  }
  return 0;
}
