// The classification engine (DOMAIN.md section 3) over one bound provider record.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "facts/bound_record.hpp"
#include "pack/pack_data.hpp"
#include "qaf/portfolio.hpp"
#include "qaf/rating.hpp"

namespace qaf::detail {

/// One rating per scheme of the pack, in the pack's order, leaving out a scheme whose `when` is
/// false for the record.
std::vector<rating> rate_provider(const pack_data& pack, const provider& record,
                                  const bound_record& facts, date as_of);

/// The index (into `s.levels`) of the level rate_provider suggests for scheme `s`, without
/// building the rating and its reasons: what the fact timeline needs for `level('...')`. None
/// when the scheme's `when` is not true for the record or the rating would be not_assessed.
std::optional<std::uint32_t> suggested_level(const pack_data& pack, const scheme& s,
                                             const bound_record& facts, date as_of);

}  // namespace qaf::detail
