// Renders ratings (`qaf rate`, and the rating part of `qaf assess`) as JSON and CSV.
//
// JSON, INTERFACE.md: {"pack", "as_of", "warnings", "rules", "levels", "ratings": [{"provider",
// "scheme", "status", "level", "label", "summary", "reasons": [{"rule", "kind", "level"}],
// "also_fired", ...}]}; reasons name their rule, whose text, source and condition the document's
// `rules` gives once (tools/qaf/result_jobs.cpp writes the document);
// the status comes before the level, and `summary` is the rating as a person must read it
// ("provisional 1 — could reach 5: 22 facts unknown"). The members after the reasons say what
// is still unknown (`could_reach`, `unknown_facts`, `undecided`), what follows (`interventions`),
// the officer's `override`, and the rating's history (`rated_on`, `refreshed_by`, `review_due`,
// `trend`, `previous`). docs/classification.md lists them all.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <span>
#include <string>
#include <string_view>

#include "pack/pack_data.hpp"
#include "qaf/date.hpp"
#include "qaf/pack.hpp"
#include "qaf/rating.hpp"
#include "rating/scheme_rating.hpp"

namespace qaf::detail {

/// The rating as every format shows it to a person, status first and never a bare provisional
/// level: "3 Moderate concern", "High risk", "provisional 1 — could reach 5: 22 facts unknown",
/// "not assessed — could reach 5: 40 facts unknown". A named level is written once, as its
/// label.
std::string rating_summary(const rating& r);

/// One rating as a JSON object. Optional members are always present, null when there is nothing.
/// Compact (the default) names rules and levels by id, for the document's `rules` and `levels`;
/// `explain` writes each reason's text, source, condition and its value inline instead, and each
/// intervention's text.
nlohmann::ordered_json rating_json(const rating& result, bool explain = false);

/// Appends rating_json(result, explain) as compact JSON (as result_stream's append_compact
/// writes it), the same bytes; the compact form is written straight to text, with no document
/// built (it is the hot path of `qaf rate`).
void append_rating_json(std::string& out, const rating& result, bool explain = false);

/// Appends what append_rating_json(out, r) appends for `r` the public rating of `rated`
/// (rating/classifier.hpp to_rating, rating_detail::ids), the same bytes, straight from the
/// rating by index: names and levels from `pack`, nothing built but the summary's text.
void append_rating_json(std::string& out, const pack_data& pack, std::string_view provider_id,
                        const rating_batch& batch, const scheme_rating& rated);

/// A header row (unless `header` is false: a later chunk of the same table), then one row a
/// rating; lists inside a cell are joined by " | ".
void write_ratings_csv(std::ostream& out, std::span<const rating> ratings, bool header = true);

}  // namespace qaf::detail
