// Classification: how worried to be about a provider — the Provider Quality Rating (1-5),
// threshold levels (1-3) or RAG — with every reason that fired and the officer's override kept
// beside the suggestion.
//
//   for (const qaf::rating& r : engine.rate(record, as_of)) {
//     std::cout << r.scheme << ": " << r.label << '\n';
//     for (const qaf::rating_reason& why : r.reasons) std::cout << "  " << why.text << '\n';
//   }
//
// The meaning is DOMAIN.md section 3: the worst evidence decides.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "qaf/date.hpp"
#include "qaf/pack.hpp"
#include "qaf/portfolio.hpp"

namespace qaf {

/// A rule that fired, with the level it implies and the source sentence it encodes.
struct rating_reason {
  std::string rule;
  std::string text;
  source_ref source;
  level_value level;
  bool interpretation = false;
  std::string note;       // for an interpretation: how the pack made the sentence decidable
  std::string condition;  // the rule's condition, canonical form
};

/// A rule that could not be decided because facts were unknown, and that would make the level
/// more severe if it fired.
struct undecided_rule {
  std::string rule;
  std::string text;
  level_value level;
  std::vector<std::string> unknown_facts;
};

/// An action the level carries (Herefordshire's monitoring and measures per level).
struct rating_intervention {
  std::string text;
  source_ref source;
};

/// The suggested level against the latest past rating on or before as_of: escalated (more severe),
/// de_escalated (less severe), unchanged, or none when there is no past rating.
enum class rating_trend { none, unchanged, escalated, de_escalated };
/// "none", "unchanged", "escalated", "de_escalated".
std::string_view to_string(rating_trend trend) noexcept;

struct rating {
  std::string provider;
  std::string scheme;  // "pqr", "threshold", "rag"
  level_value level;   // the suggested level
  std::string label;
  std::vector<rating_reason> reasons;  // every rule that fired, most severe first
  /// Rules more severe than `level` that unknown facts kept undecided, most severe first. (An
  /// undecided rule at or below `level` could not change the suggestion and is not listed.)
  std::vector<undecided_rule> undecided;
  std::vector<std::string> unknown_facts;  // union over the undecided rules, in fact order
  /// The most severe level an undecided rule could lead to, when more severe than `level`.
  std::optional<level_value> could_reach;
  std::vector<rating_intervention> interventions;  // those of the suggested level
  /// The officer's judgement, kept beside the suggestion: the latest override of this scheme
  /// dated on or before as_of.
  std::optional<rating_override> officer_override;
  std::string override_label;  // the label of the override's level
  /// The date of the current rating: the latest past rating or override of this scheme on or
  /// before as_of.
  std::optional<date> rated_on;
  /// The latest activity after which the scheme's rating is refreshed (QMC-1, QM-1), on or before
  /// as_of; none when the scheme names no such activity or none was done.
  std::optional<activity_record> refreshed_by;
  /// The rating is older than `refreshed_by` (or no rating was recorded) and should be reviewed.
  bool review_due = false;
  rating_trend trend = rating_trend::none;
  std::optional<past_rating> previous;  // the latest past rating the trend compares with
};

}  // namespace qaf
