// Classification: how worried to be about a provider — the Provider Quality Rating (1-5),
// threshold levels (1-3) or RAG — with the reasons that decided it, the other rules that fired,
// what is still unknown, and the officer's override kept beside the suggestion.
//
//   for (const qaf::rating& r : engine.rate(record, as_of)) {
//     if (r.status == qaf::rating_status::not_assessed) continue;  // no evidence: no level
//     std::cout << r.scheme << ": " << to_string(r.status) << ' ' << r.label << '\n';
//     for (const qaf::rating_reason& why : r.reasons) std::cout << "  " << why.text << '\n';
//   }
//
// With `engine.rate(record, as_of, {.explain = true})` each reason and undecided rule also
// carries how its condition came out, test by test (qaf/explanation.hpp).
//
// The meaning is DOMAIN.md section 3: the worst evidence decides, the least severe level is
// earned by its own conditions, and unknown evidence is never good news.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "qaf/date.hpp"
#include "qaf/explanation.hpp"
#include "qaf/pack.hpp"
#include "qaf/portfolio.hpp"

namespace qaf {

/// What a reason is: a rule that fired, or one of the conditions the least severe level states for
/// itself ("requires"), which held (and so earned that level) or failed (and so ruled it out).
enum class reason_kind { rule, requirement_met, requirement_failed };
/// "rule", "met", "failed".
std::string_view to_string(reason_kind kind) noexcept;

/// A rule that fired (or a level's own condition), with the level it implies and the source
/// sentence it encodes. A failed condition of the least severe level implies the next level.
struct rating_reason {
  reason_kind kind = reason_kind::rule;
  std::string rule;
  std::string text;
  source_ref source;
  level_value level;
  bool interpretation = false;
  std::string note;       // for an interpretation: how the pack made the sentence decidable
  std::string condition;  // the rule's condition, canonical form
  /// With rate_options::explain: how the condition came out, test by test; else empty.
  condition_trace explanation;
};

/// A rule that could not be decided because facts were unknown, and that would make the level
/// more severe if it fired (or a condition of the least severe level that could fail).
struct undecided_rule {
  std::string rule;
  std::string text;
  level_value level;
  std::vector<std::string> unknown_facts;
  /// With rate_options::explain: how far the condition got, test by test; else empty.
  condition_trace explanation;
};

/// An action the level carries (Herefordshire's monitoring and measures per level), or one that
/// follows from a rule that decided the level (Coventry's same-day visit after an Inadequate).
struct rating_intervention {
  std::string text;
  source_ref source;
  std::string rule;  // the deciding rule it follows from; empty for the level's own
};

/// How far the evidence carries the rating (DOMAIN.md section 3):
///   decided       every rule that could change the level is decided by known facts;
///   provisional   unknown facts keep a more severe rule undecided: `could_reach` and
///                 `unknown_facts` say how far and why, and the level must never be shown bare;
///   not_assessed  the record gives no fact the scheme reads (or none that says whether the
///                 scheme applies): there is no level, only what could be reached.
enum class rating_status { decided, provisional, not_assessed };
/// "decided", "provisional", "not_assessed".
std::string_view to_string(rating_status status) noexcept;

/// The suggested level against the latest past rating on or before as_of: escalated (more severe),
/// de_escalated (less severe), unchanged, or none when there is no past rating.
enum class rating_trend { none, unchanged, escalated, de_escalated };
/// "none", "unchanged", "escalated", "de_escalated".
std::string_view to_string(rating_trend trend) noexcept;

struct rating {
  std::string provider;
  std::string scheme;  // "pqr", "threshold", "rag"
  rating_status status = rating_status::decided;
  /// The suggested level. For not_assessed it holds the least severe level so that the member is
  /// always set; that is no finding, and the renderers write none (read `status` first).
  level_value level;
  std::string label;
  /// The reasons that decided `level`: the rules that fired at it, most severe first and in the
  /// pack's order; at the least severe level its own conditions that held; at the next level the
  /// conditions of the least severe level that failed.
  std::vector<rating_reason> reasons;
  /// The other rules that fired (less severe than `level`), and failed conditions of the least
  /// severe level when a more severe rule decided. Never the conditions that held.
  std::vector<rating_reason> also_fired;
  /// Rules more severe than `level` that unknown facts kept undecided, most severe first. (An
  /// undecided rule at or below `level` could not change the suggestion and is not listed.)
  std::vector<undecided_rule> undecided;
  std::vector<std::string> unknown_facts;  // union over the undecided rules, in fact order
  /// The most severe level an undecided rule could lead to, when more severe than `level`.
  std::optional<level_value> could_reach;
  std::string could_reach_label;  // the label of `could_reach`
  /// Those of the suggested level, then those of the rules that decided it.
  std::vector<rating_intervention> interventions;
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
