// The scheduling engine (DOMAIN.md section 2) over one bound provider record.
#pragma once

#include "facts/bound_record.hpp"
#include "pack/pack_data.hpp"
#include "qaf/portfolio.hpp"
#include "qaf/schedule.hpp"

namespace qaf::detail {

/// Everything due for `record` in [options.from, options.to], overdue occurrences before it, and
/// the minimum-visit checks. `facts` is `record` bound to `pack.table`.
schedule_result schedule_provider(const pack_data& pack, const provider& record,
                                  const bound_record& facts, const schedule_options& options);

}  // namespace qaf::detail
