// The fast path of a condition's truth. A compiled condition (program.hpp) is a tree the
// evaluator walks with values that carry ranges, nulls and text; but most conditions a pack
// writes are and/or/not over tests of one fact against constants (`regulator_rating ==
// 'inadequate'`, `financial in ['struggling', 'failing']`, `default_notices >= 2`, a boolean
// fact, `advisory_notice_since != null`, `known(beds)`, `any(key_question_ratings, r -> r in
// [...])`). The kernel is that skeleton as a straight list of steps over a small stack of truths,
// each test reading one slot with its answers for an unknown or a null fact decided when the
// pack is loaded (an integer's declared minimum, a null's place in a list). Any other part (dates
// since, arithmetic, text, nested counts) is one step that asks the evaluator for that part's
// truth, so the kernel and the evaluator agree by construction on everything they share, and a
// test compares them on every part they do not.
//
// Truth only: which unknown facts an undecided condition waits for is still found by the
// evaluator (condition::evaluate does so only when the answer is unknown).
#pragma once

#include <cstdint>
#include <vector>

#include "expr/program.hpp"
#include "expr/truth.hpp"
#include "facts/bound_record.hpp"
#include "qaf/date.hpp"

namespace qaf::detail {

enum class kernel_op : std::uint8_t {
  test,        // push the test of slot `a`
  keys_any,    // push whether the test holds for any of the slots [a, a + b)
  keys_all,    // ... for all of them
  keys_count,  // push `count of the slots [a, a + b) passing <comparison> k`
  part,        // push the evaluator's truth for node `a` of the program
  begin_and,   // push yes: the and's truth so far
  begin_or,    // push no
  and_step,    // pop a part's truth into the and below it; on no, jump to step `a`
  or_step,     // pop a part's truth into the or below it; on yes, jump to step `a`
  negate,      // not the top
};

/// How a test reads a known slot.
enum class known_test : std::uint8_t {
  compare,  // the value <comparison> k
  mask,     // bit `value` of `mask` (an enumeration's index among the listed values)
  truthy,   // a boolean fact, as a condition by itself
  fixed,    // `if_known` whatever the value (`x != null`, `known(x)`)
};

struct kernel_step {
  kernel_op op = kernel_op::test;
  known_test test = known_test::fixed;
  value_type type = value_type::integer;  // how the slot's bits read
  compare_op comparison = compare_op::equal;
  truth if_unknown = truth::unknown;  // the test's answer for an unknown slot
  truth if_null = truth::unknown;     // ... for a null one (or a dated event after as_of)
  truth if_known = truth::unknown;    // fixed: for a known one
  bool negated = false;               // mask: the value must not be listed
  bool dated_event = false;           // a date after as_of reads as null (program.hpp)
  std::uint32_t a = 0;
  std::uint32_t b = 0;
  std::int64_t k = 0;
  std::uint64_t mask = 0;
};

/// The steps of one condition; never empty for a program that has nodes.
struct truth_kernel {
  std::vector<kernel_step> steps;
};

/// The most truths a kernel holds at once; deeper parts are left to the evaluator.
inline constexpr std::uint32_t kernel_stack_depth = 32;

/// The kernel of `p`: its and/or/not skeleton and one-fact tests as steps, every other part a
/// `part` step.
truth_kernel compile_kernel(const program& p);

/// The truth evaluate_program(p, record, as_of) gives, through the kernel `k` of `p`. No
/// allocation, no recursion but for the parts the evaluator decides.
truth run_kernel(const truth_kernel& k, const program& p, const bound_record& record,
                 date as_of) noexcept;

}  // namespace qaf::detail
