// Comparing two ranges of values under three-valued logic: what both evaluators of a condition
// (the tree walk of evaluator.cpp and the truth kernel of truth_kernel.cpp) decide a comparison
// by, so that the two cannot drift apart.
#pragma once

#include "expr/syntax_tree.hpp"
#include "expr/truth.hpp"

namespace qaf::detail {

/// Compares the ranges [alo, ahi] and [blo, bhi]: decided when every pair of points agrees.
template <class T>
constexpr truth compare_ranges(compare_op op, T alo, T ahi, T blo, T bhi) noexcept {
  // NaN (from inf - inf) compares false with everything.
  if (!(alo == alo) || !(ahi == ahi) || !(blo == blo) || !(bhi == bhi)) {
    return op == compare_op::not_equal ? truth::yes : truth::no;
  }
  switch (op) {
    case compare_op::less:
      return ahi < blo ? truth::yes : alo >= bhi ? truth::no : truth::unknown;
    case compare_op::less_equal:
      return ahi <= blo ? truth::yes : alo > bhi ? truth::no : truth::unknown;
    case compare_op::greater:
      return alo > bhi ? truth::yes : ahi <= blo ? truth::no : truth::unknown;
    case compare_op::greater_equal:
      return alo >= bhi ? truth::yes : ahi < blo ? truth::no : truth::unknown;
    case compare_op::equal:
    case compare_op::not_equal: {
      truth eq = truth::unknown;
      if (alo == ahi && blo == bhi && alo == blo) eq = truth::yes;
      if (ahi < blo || bhi < alo) eq = truth::no;
      return op == compare_op::equal ? eq : !eq;
    }
  }
  return truth::unknown;
}

}  // namespace qaf::detail
