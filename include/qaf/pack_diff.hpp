// Comparing two packs, or two versions of one: which rules were added, removed or changed, and,
// for a portfolio, which providers would be scheduled, rated or judged on KPIs differently.
//
//   const qaf::pack before = qaf::load_pack_or_throw("packs/ashvale-2025.json");
//   const qaf::pack after = qaf::load_pack_or_throw("packs/ashvale-2026.json");
//   for (const qaf::rule_change& c : qaf::diff_rules(before, after))
//     std::cout << to_string(c.change) << ' ' << c.section << ' ' << c.id << '\n';
//   qaf::result_diff_options options{as_of, as_of, as_of.add_months(12)};
//   for (const qaf::result_change& c : qaf::diff_results(before, after, portfolio, options))
//     std::cout << c.provider << ' ' << c.item << ": " << c.before << " -> " << c.after << '\n';
//
// Rules are matched by id (activities by code, facts by name, levels by level) and compared
// member by member as the packs' JSON gives them, so a change of wording in a rule's `text` or
// `source` shows as well as a change of its condition. Both functions are pure.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "qaf/date.hpp"
#include "qaf/pack.hpp"
#include "qaf/portfolio.hpp"

namespace qaf {

enum class change_kind { added, removed, changed };

/// "added", "removed", "changed".
std::string_view to_string(change_kind kind) noexcept;

/// One member of a rule that differs: its JSON in each pack, empty where the pack has none.
struct member_change {
  std::string member;  // "when", "cadence", "level", "source", ...
  std::string before;
  std::string after;
};

/// A rule (or activity, fact, level, deadline table, service type) that differs between packs.
struct rule_change {
  /// Where it lives: "schedule", "triggers", "follow_ups", "minimum_visits", "kpis",
  /// "kpi_consequences", "activities", "service_types", "facts", "deadline_tables", "schemes",
  /// "schemes/<id>/levels", "schemes/<id>/rules", "schemes/<id>/requires", or "pack" for the
  /// pack's own metadata (version, effective period).
  std::string section;
  std::string id;
  change_kind change = change_kind::changed;
  std::vector<member_change> members;  // for `changed`: the members that differ, in order
};

/// Every difference between the rules of `before` and `after`, section by section in the
/// order a pack lists them, each section's items in the order `before` lists them, then the
/// added ones in the order `after` does. The worked examples (`tests`) are not rules and are
/// not compared.
std::vector<rule_change> diff_rules(const pack& before, const pack& after);

/// Which results to compare: ratings as of `as_of`, the schedule for [from, to] as of `as_of`.
struct result_diff_options {
  date as_of;
  date from;
  date to;
};

/// One result of one provider that differs: `before` and `after` say what each pack gives, as a
/// person reads it ("upcoming (rule qmc1-annual)", "3 Moderate concern, decided"), "none" where
/// a pack gives nothing.
struct result_change {
  std::string provider;
  std::string what;  // "schedule", "rating", "kpi"
  std::string
      item;  // "QMC-1 due 2025-05-13", "pqr", "compatibility_assessments 2024-04-01/2024-06-30"
  std::string before;
  std::string after;
};

/// The providers of `records` whose schedule, ratings or KPI results differ between the packs,
/// in portfolio order, each provider's changes in the order schedule, ratings, KPIs. Every
/// record must fit both packs (read or check it against each first): one that does not throws
/// input_error.
std::vector<result_change> diff_results(const pack& before, const pack& after,
                                        const portfolio& records,
                                        const result_diff_options& options);

}  // namespace qaf
