// KPI evaluation: is a provider meeting its contract targets, and what follows if not
// (DOMAIN.md section 5; docs/kpis.md says how every status and consequence is decided).
//
//   for (const qaf::kpi_result& k : engine.evaluate_kpis(record))
//     std::cout << k.kpi << ' ' << qaf::to_string(k.status) << ' '
//               << qaf::to_string(k.consequence) << '\n';
//
// One result per provider, KPI and return period (a yearly KPI: per contract year), in period
// order. A period with no return between two returns is reported too, every KPI `no_data`.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "qaf/date.hpp"
#include "qaf/pack.hpp"
#include "qaf/portfolio.hpp"

namespace qaf {

/// met, not_met, no_data (the return lacks the value, or there is no return for the period),
/// not_applicable (a percentage's denominator is 0, or the KPI's `when` is false),
/// no_baseline (a trend target with nothing to compare with).
enum class kpi_status { met, not_met, no_data, not_applicable, no_baseline };
std::string_view to_string(kpi_status status) noexcept;

/// none; review_meeting (a target not met without an explanation); default_notice (not met
/// again after a review meeting: DCC "may" issue one); return_missed (as of a date, the ledger
/// owed a return for the period and none came: every KPI is no_data, DOMAIN.md section 5).
enum class kpi_consequence { none, review_meeting, default_notice, return_missed };
std::string_view to_string(kpi_consequence consequence) noexcept;

/// A KPI's target as the pack states it: `type` at_least | at_most (with `value`), reduction |
/// increase (with `against`: previous_period | previous_contract_year), or evidence.
struct kpi_target {
  std::string type;
  std::optional<double> value;
  std::string against;
};

struct kpi_result {
  std::string provider;
  std::string kpi;
  date period_start;
  date period_end;
  kpi_status status = kpi_status::no_data;
  std::optional<double> value;  // the count, the percentage, or 1/0 for evidence; for a
                                // contract-year target the contract year to date
  std::string target;  // as a person reads it: "at least 100%", "reduction on previous period"
  std::optional<double> comparison;  // the baseline a trend target compared with
  kpi_consequence consequence = kpi_consequence::none;
  bool explained = false;  // the return explained a shortfall (the KPI is in `explained`)
  source_ref source;

  kpi_target target_rule;             // the target as the pack states it
  std::optional<kpi_value> reported;  // the value exactly as the period's return gave it
  bool inaccurate = false;            // the return's value is marked inaccurate: counted as not met
  std::string note;                   // how the result was reached where it is not obvious
  std::vector<std::string> unknown_facts;  // facts that kept the KPI's `when` undecided
};

}  // namespace qaf
