// Explanations for ratings: after a provider is rated, the conditions of the rules its ratings
// name (reasons, other rules that fired, undecided rules) are evaluated again with a trace, so
// that rating itself stays as it was and only what is shown is traced.
#pragma once

#include <memory>
#include <vector>

#include "facts/bound_record.hpp"
#include "pack/pack_data.hpp"
#include "qaf/date.hpp"
#include "qaf/rating.hpp"

namespace qaf::detail {

/// Fills `explanation` of every reason, other rule that fired and undecided rule of `ratings`
/// (rated from `facts` on `as_of` under `pack`).
void explain_ratings(const std::shared_ptr<const pack_data>& pack, const bound_record& facts,
                     date as_of, std::vector<rating>& ratings);

}  // namespace qaf::detail
