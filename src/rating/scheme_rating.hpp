// A rating as the classifier decides it: indices into the pack (the scheme, its levels, its rules
// and the conditions of its least severe level) and pointers into the provider's record, with no
// text copied. The ratings of many providers share one rating_batch, whose arrays are cleared and
// refilled, so that rating a provider allocates nothing once a worker's batch has grown
// (docs/performance.md). The compact writers write straight from it (render/rating_render.hpp);
// the public qaf::rating, with its strings, is built from it (rating/classifier.hpp).
//
//   rating_batch batch;                                       // one a worker, reused
//   batch.clear();
//   const index_range mine = rate_indexed(pack, record, facts, as_of, batch);
//   for (std::uint32_t i = mine.begin; i < mine.end; ++i)
//     append_rating_json(out, pack, record.id, batch, batch.ratings[i]);
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

#include "facts/bound_record.hpp"
#include "facts/fact_set.hpp"
#include "qaf/date.hpp"
#include "qaf/portfolio.hpp"
#include "qaf/rating.hpp"

namespace qaf::detail {

/// No level: could_reach when nothing more severe is open, an override of a level the scheme
/// does not have.
inline constexpr std::uint32_t no_level = std::numeric_limits<std::uint32_t>::max();

/// [begin, end) of one of a rating_batch's arrays.
struct index_range {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  std::uint32_t size() const noexcept { return end - begin; }
  bool empty() const noexcept { return begin == end; }
};

/// A reason, or an undecided rule: a rule of the scheme (kind rule, `index` into
/// scheme::rules) or a condition of its least severe level (the other kinds, `index` into
/// levels.front().requirements; an undecided one is kind requirement_failed, what it could
/// come to), and the level it implies (an index into scheme::levels).
struct reason_ref {
  reason_kind kind = reason_kind::rule;
  std::uint32_t index = 0;
  std::uint32_t level = 0;
};

/// One scheme's rating of one provider: qaf::rating's members, by index. The ranges are of the
/// batch the rating is in; the pointers are into the provider record rated, which must outlive
/// the rating.
struct scheme_rating {
  std::uint32_t scheme = 0;  // into pack_data::schemes
  rating_status status = rating_status::decided;
  std::uint32_t level = 0;  // the suggested level; the least severe for not_assessed
  std::uint32_t could_reach = no_level;
  index_range reasons;        // batch.reasons
  index_range also_fired;     // batch.reasons
  index_range undecided;      // batch.reasons
  index_range unknown_facts;  // batch.slots: the slots, ascending
  const rating_override* officer_override = nullptr;
  std::uint32_t override_level = no_level;  // the override's level, when the scheme has it
  std::optional<date> rated_on;
  const activity_record* refreshed_by = nullptr;
  bool review_due = false;
  rating_trend trend = rating_trend::none;
  const past_rating* previous = nullptr;
};

/// The ratings of consecutive providers and the classifier's working storage, all reused: keep
/// one a thread and clear it between chunks of providers.
struct rating_batch {
  std::vector<scheme_rating> ratings;
  std::vector<reason_ref> reasons;
  std::vector<std::uint32_t> slots;

  /// Forgets the ratings, keeping every array's storage.
  void clear() noexcept {
    ratings.clear();
    reasons.clear();
    slots.clear();
  }

  // Working storage of rate_indexed, for one scheme at a time.
  std::vector<std::uint32_t> fired;  // rules that fired, in the pack's order
  std::vector<std::uint32_t> held;   // conditions of the least severe level that held
  std::vector<std::uint32_t> failed;
  std::vector<reason_ref> open;  // left undecided by unknown facts
  fact_set unknown;              // the unknown facts of one condition
  fact_set all_unknown;          // ... of a rating
  std::size_t sets_hold = 0;     // the slots the two sets were made for
  bound_record with_outcomes;    // the record and its history's outcomes (outcome('AUDIT'))
};

}  // namespace qaf::detail
