// The `rules` object every JSON result document carries once, before its first result
// (INTERFACE.md): each rule the results may refer to, by id, with its text, source, whether it
// is an interpretation (and the pack's note), and its condition in canonical form. Results then
// name rules by id only, so that a typical rating is a few hundred bytes, not ten kilobytes of
// the same pack text repeated for every provider (as SARIF names its rules once per run).
#pragma once

#include <nlohmann/json.hpp>

#include "qaf/pack.hpp"

namespace qaf::detail {

/// Which of the pack's rules a document may refer to.
struct rule_selection {
  bool classification = false;  // scheme rules and the least severe levels' own conditions
  bool scheduling = false;      // schedule rules, triggers, follow-ups, minimum visits
  bool kpis = false;            // KPIs, keyed by KPI id
};

/// {"<id>": {"text", "source", "interpretation", "note", "condition", ...}} in pack order.
/// Classification rules add "scheme", "level", "kind" and their own "interventions"; schedule
/// rules "activity"; a KPI's text is its title. A member with nothing to say is null.
nlohmann::ordered_json rules_json(const pack& rules, rule_selection which);

/// {"<scheme>": {"<level>": {"label", "interventions": [{"text", "source"}]}}}: the actions each
/// level carries (Herefordshire's monitoring and measures), named once like the rules; a
/// compact rating lists them as {"level": L}.
nlohmann::ordered_json levels_json(const pack& rules);

}  // namespace qaf::detail
