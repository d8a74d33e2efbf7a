// The facts in force on any date (DOMAIN.md section 2, "Facts change over time"): a provider's
// record gives its facts as of as_of; its facts_changed and regulator_rating_changed events on or
// before as_of say when they came to hold and, with `from`, what held before. The timeline is a
// run of segments, each with its own bound record, so that a condition is decided for a date by
// evaluating it, allocation-free, on the segment in force then. Each segment also holds every
// classification scheme's level in its level slot (what `level('threshold')` reads): the agreed
// level — the latest past rating or officer override of the scheme on or before the segment's
// decision date — else the suggested one, unknown where the scheme is not assessed.
//
// Events after as_of have not happened: the facts at as_of hold from then on. A fact whose
// earlier value an event does not give is unknown before it, so a rule that needs it there is
// reported, never guessed.
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "expr/truth.hpp"
#include "facts/bound_record.hpp"
#include "facts/fact_set.hpp"
#include "pack/pack_data.hpp"
#include "qaf/date.hpp"
#include "qaf/diagnostic.hpp"
#include "qaf/portfolio.hpp"

namespace qaf::detail {

struct timeline_segment {
  date from;  // date::min() for the first segment
  date to;    // date::max() for the last
  bound_record facts;
  /// The date a condition is decided on for the whole segment: its last day, or as_of for the
  /// segment in force at as_of (and after it).
  date decided_on;
};

/// A run of days over which a condition holds (or is unknown).
struct condition_span {
  date from;
  date to;
};

class fact_timeline {
 public:
  /// `facts` is `record` bound to `pack.table`, with any derived facts (returns_missed) set: the
  /// facts as of `as_of`. The record must pass check_changes.
  fact_timeline(const pack_data& pack, const provider& record, const bound_record& facts,
                date as_of);

  std::span<const timeline_segment> segments() const noexcept { return segments_; }
  /// The segment in force on `d`, and its index.
  const timeline_segment& at(date d) const noexcept { return segments_[index_at(d)]; }
  std::size_t index_at(date d) const noexcept;
  /// Whether the timeline has more than one segment (any dated change or rating).
  bool changes() const noexcept { return segments_.size() > 1; }

  /// The condition's truth on `d`: evaluated on the segment in force on min(d, as_of), as of
  /// that date. An absent condition is true. `unknown` as in condition::evaluate.
  truth on(const when_clause& when, date d, fact_set* unknown) const noexcept;
  /// The condition's truth for a whole segment, decided on its decision date.
  truth in(const when_clause& when, const timeline_segment& s, fact_set* unknown) const noexcept;

 private:
  date as_of_;
  std::vector<timeline_segment> segments_;
};

/// The facts of a record that contradict its latest dated change on or before as_of (DOMAIN.md
/// section 2): qaf.portfolio.facts_contradict at "/facts/<name>", naming the event's pointer
/// ("/events/3/facts/location", "/events/1/to") and both values. Pointers are relative to the
/// record.
std::vector<diagnostic> check_changes(const provider& record, date as_of);

}  // namespace qaf::detail
