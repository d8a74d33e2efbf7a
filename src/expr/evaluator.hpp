// Three-valued evaluation of a compiled condition over a bound record.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "expr/program.hpp"
#include "expr/truth.hpp"
#include "facts/bound_record.hpp"
#include "facts/fact_set.hpp"
#include "qaf/date.hpp"

namespace qaf::detail {

/// The truth of `p` for `record` on `as_of`; see condition::evaluate. No allocation, no lookups.
truth evaluate_program(const program& p, const bound_record& record, date as_of,
                       fact_set* unknown) noexcept;

/// The truth of one part of `p` (node `node`, outside any count/all/any body) for `record`, as
/// evaluate_program finds that part: what the truth kernel asks of the parts it does not compile.
truth evaluate_part(const program& p, std::uint32_t node, const bound_record& record,
                    date as_of) noexcept;

enum class outcome_state : std::uint8_t { unknown, null, known };

/// What one node of a program came to in one evaluation: what explanations are made of. Numbers
/// only, so that recording costs no more than a store; words come when an explanation is read.
struct node_outcome {
  bool evaluated = false;  // false: an and/or was decided before this part was needed
  outcome_state state = outcome_state::unknown;
  bool exact = true;            // false for a range unknown facts leave open
  std::int64_t lo = 0, hi = 0;  // integer range; boolean 0/1, enumeration index, date days
  double x = 0, y = 0;          // number range (weeks/months/years since: n + 0.5 between n, n+1)
  std::string text;             // a known text value
  // count/all/any: bit k for key k (the first 64 keys) tested, passed, left unknown.
  std::uint64_t keys_tested = 0, keys_yes = 0, keys_open = 0;
};

/// Evaluates as evaluate_program does and records in `out` (one entry a node) what each node
/// outside a count/all/any body came to. Kept apart from evaluate_program so that the default
/// path records nothing; `out` is reused between calls.
truth trace_program(const program& p, const bound_record& record, date as_of,
                    std::vector<node_outcome>& out);

}  // namespace qaf::detail
