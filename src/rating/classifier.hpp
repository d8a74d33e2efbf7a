// The classification engine (DOMAIN.md section 3) over one bound provider record.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "facts/bound_record.hpp"
#include "pack/pack_data.hpp"
#include "qaf/portfolio.hpp"
#include "qaf/rating.hpp"
#include "rating/scheme_rating.hpp"

namespace qaf::detail {

/// What a rating copies from the pack. full: everything rating.hpp describes. ids: the reasons,
/// undecided rules and interventions name their rule (and level) only, with no text, source,
/// note, condition or per-rule unknown facts: all a compact result document writes (its `rules`
/// and `levels` give the rest once), for a few allocations a rating instead of dozens.
enum class rating_detail { full, ids };

/// Rates `record` (bound as `facts`) by every scheme of the pack, in the pack's order, leaving
/// out a scheme whose `when` is false for the record: appends one scheme_rating a scheme to
/// `batch` and returns their range of batch.ratings. Allocates nothing once the batch's arrays
/// have grown (but for a pack that reads outcomes, whose record is copied into the batch once).
/// The ratings point into `record`, which must outlive them.
index_range rate_indexed(const pack_data& pack, const provider& record, const bound_record& facts,
                         date as_of, rating_batch& batch);

/// The public rating of a scheme_rating: names, texts (with rating_detail::full) and copies of
/// what it points to. `facts` are those rated (with their outcomes, for a pack that reads them):
/// an undecided rule's own unknown facts are found again from them.
rating to_rating(const pack_data& pack, const provider& record, const bound_record& facts,
                 date as_of, const rating_batch& batch, const scheme_rating& rated,
                 rating_detail detail);

/// One rating per scheme of the pack, in the pack's order, leaving out a scheme whose `when` is
/// false for the record: rate_indexed's ratings made public.
std::vector<rating> rate_provider(const pack_data& pack, const provider& record,
                                  const bound_record& facts, date as_of,
                                  rating_detail detail = rating_detail::full);

/// The index (into `s.levels`) of the level rate_provider suggests for scheme `s`, without
/// building the rating and its reasons: what the fact timeline needs for `level('...')`. None
/// when the scheme's `when` is not true for the record or the rating would be not_assessed.
std::optional<std::uint32_t> suggested_level(const pack_data& pack, const scheme& s,
                                             const bound_record& facts, date as_of);

}  // namespace qaf::detail
