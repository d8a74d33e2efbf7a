// libFuzzer target for qaf::date::try_parse, the parser every date in a pack or portfolio goes
// through. Beyond "never crashes", it checks what a parsed date promises: it formats back to
// exactly the input, and month arithmetic on it never yields a date that would not parse.
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

// Month arithmetic from a valid date: every result is a valid date, never later in its month than
// the start (clamps, never snaps), on the right side of the start, and months_between undoes it.
void check_add_months(qaf::date from, int months) {
  for (const int step : {months, months % 1200, -(months % 1200), 1, -1, 12, -12}) {
    const qaf::date moved = qaf::add_months(from, step);
    require(qaf::date::try_parse(moved.to_string()) == moved);
    if (step > 0) require(moved >= from);
    if (step < 0) require(moved <= from);
    // Results beyond the supported range are clamped to its ends; the rest step exactly.
    if (moved != qaf::date::min() && moved != qaf::date::max()) {
      require(moved.day() <= from.day());
      require(qaf::months_between(from, moved) == step);
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
