// Three-valued evaluation of a compiled condition over a bound record.
#pragma once

#include "expr/program.hpp"
#include "expr/truth.hpp"
#include "facts/bound_record.hpp"
#include "facts/fact_set.hpp"
#include "qaf/date.hpp"

namespace qaf::detail {

/// The truth of `p` for `record` on `as_of`; see condition::evaluate. No allocation, no lookups.
truth evaluate_program(const program& p, const bound_record& record, date as_of,
                       fact_set* unknown) noexcept;

}  // namespace qaf::detail
