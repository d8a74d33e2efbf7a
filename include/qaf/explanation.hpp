// Why a rule fired, failed or stayed undecided, down to each test of its condition: the fact it
// read, the value the record gave, what it was compared with and whether it held, as data and
// as a sentence an officer would accept ("beds is 20, more than 6").
//
//   for (const qaf::rating& r : engine.rate(record, as_of, {.explain = true})) {
//     for (const qaf::rating_reason& why : r.reasons) {
//       for (const qaf::condition_part& part : why.explanation.parts()) {
//         std::cout << std::string(2 * part.depth, ' ') << part.text << '\n';
//       }
//     }
//   }
//
// Rating records the trace as numbers only; the words are made when parts() is called, so that
// explaining costs little while rating (docs/performance.md, "Explanations").
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "qaf/date.hpp"

namespace qaf {

namespace detail {
struct pack_data;
class condition;
struct node_outcome;
}  // namespace detail

/// How a part of a condition came out. `not_evaluated`: an `and` or `or` was already decided by
/// the parts before it, so this one was not needed.
enum class part_result { holds, fails, unknown, not_evaluated };
/// "holds", "fails", "unknown", "not_evaluated".
std::string_view to_string(part_result result) noexcept;

/// A range a value is known to lie in: a count over keys some of which are unknown (from 2 to
/// 5), a sum with an unknown count in it (from 3, no upper end), a time in months that lies
/// strictly between two whole numbers (from 3 to 4, `strictly` true).
struct value_range {
  double from = 0;
  std::optional<double> to;  // none: no upper end
  bool strictly = false;     // the value lies strictly between `from` and `to`
};

/// What a test read. monostate: the record does not give it (unknown); nullptr: a known "none";
/// otherwise the value: a boolean, an integer, a number, a text or an enumeration value (by
/// name), a date, or a range.
using read_value = std::variant<std::monostate, std::nullptr_t, bool, std::int64_t, double,
                                std::string, date, value_range>;

/// One part of a condition as it came out for a provider: a test (a comparison, `in`, `known`,
/// `all`/`any`, a true-or-false fact) or a combination of parts (`and`, `or`, `not`). Parts come
/// depth first, each combination before its own parts.
struct condition_part {
  std::size_t depth = 0;  // 0 for the whole condition
  /// A combination: "and", "or", "not". A test: "==", "!=", "<", "<=", ">", ">=", "in",
  /// "not in", "known", "all", "any", "is" (a true-or-false fact read on its own), "constant".
  std::string op;
  part_result result = part_result::unknown;
  std::string condition;  // the part in canonical form: "beds > 6"
  /// A test: what it read, in canonical form ("beds", "key_question_ratings.safe",
  /// "months_since(placement_suspension_since)", "level('pqr')", "count(...)") and its value.
  std::string fact;
  read_value value;
  /// A test: what the value was compared with, in canonical form ("6", "['good', 'outstanding']");
  /// empty for known, all, any and a fact read on its own.
  std::string operand;
  /// The part in the officer's words: "beds is 20, more than 6"; "regulator rating is not known,
  /// so this cannot be decided"; dates as "5 March 2026".
  std::string text;
};

/// How one condition came out for one provider on one date, recorded while rating with
/// `rate_options::explain`. Empty (no parts) when nothing was recorded. Holds a share of the pack
/// it was rated under, so it stays readable after the engine is gone.
class condition_trace {
 public:
  condition_trace() noexcept;
  condition_trace(const condition_trace&);
  condition_trace(condition_trace&&) noexcept;
  condition_trace& operator=(const condition_trace&);
  condition_trace& operator=(condition_trace&&) noexcept;
  ~condition_trace();

  bool empty() const noexcept { return condition_ == nullptr; }
  /// The parts in the officer's words, depth first; empty when nothing was recorded.
  std::vector<condition_part> parts() const;

  /// For the engine: records how `c` came out. Not part of the stable API.
  condition_trace(std::shared_ptr<const detail::pack_data> pack, const detail::condition& c,
                  date as_of, std::vector<detail::node_outcome> nodes);

 private:
  std::shared_ptr<const detail::pack_data> pack_;
  const detail::condition* condition_ = nullptr;
  date as_of_;
  std::vector<detail::node_outcome> nodes_;
};

}  // namespace qaf
