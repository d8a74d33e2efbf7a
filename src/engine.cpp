#include "qaf/engine.hpp"

#include <algorithm>
#include <utility>

#include "explain/rating_explainer.hpp"
#include "facts/bound_record.hpp"
#include "kpi/kpi_evaluator.hpp"
#include "pack/json_reader.hpp"
#include "portfolio/record_check.hpp"
#include "rating/classifier.hpp"
#include "schedule/fact_timeline.hpp"
#include "schedule/scheduler.hpp"

namespace qaf {
namespace {

// Checks the record against the pack and binds its facts; a record that does not fit is misuse
// of the API here (readers check records before they reach the engine), so it throws.
detail::bound_record bind_checked(const detail::pack_data& pack, const provider& record) {
  std::vector<diagnostic> problems;
  detail::diagnostics_sink sink("<record " + record.id + ">", problems);
  detail::check_record(
      pack, record, [](std::string_view relative) { return std::string(relative); }, sink);
  if (!problems.empty()) throw input_error(std::move(problems));
  std::vector<diagnostic> unused;
  std::optional<detail::bound_record> bound = detail::bind_record(pack.table, record, unused);
  return std::move(*bound);
}

// DOMAIN.md section 5 (and the KPI issue): where a record has returns and does not state
// kpis_not_met, the latest period's KPI results supply it, so a missed target shows in the PQR.
void derive_kpis_not_met(const detail::pack_data& pack, const provider& record,
                         detail::bound_record& facts) {
  if (pack.kpis.empty() || record.returns.empty() || record.facts.contains("kpis_not_met")) return;
  const std::optional<std::uint32_t> slot = pack.table.find_slot("kpis_not_met");
  if (!slot) return;
  const std::vector<kpi_result> results = detail::evaluate_provider_kpis(pack, record, facts);
  const auto latest = std::max_element(
      results.begin(), results.end(),
      [](const kpi_result& a, const kpi_result& b) { return a.period_end < b.period_end; });
  if (latest == results.end()) return;
  const auto not_met = std::count_if(results.begin(), results.end(), [&](const kpi_result& k) {
    return k.period_end == latest->period_end && k.status == kpi_status::not_met;
  });
  facts.set_integer(*slot, not_met);
}

// DOMAIN.md section 2 ("The three answers agree"): where a record does not state returns_missed,
// the ledger supplies it: the returns overdue at as_of, once any return has fallen due.
void derive_returns_missed(const detail::pack_data& pack, const provider& record, date as_of,
                           detail::bound_record& facts) {
  // A record with no history at all says nothing about what was sent: returns_missed stays unknown.
  if (record.facts.contains("returns_missed") || record.history.empty()) return;
  const std::optional<std::uint32_t> slot = pack.table.find_slot("returns_missed");
  if (!slot) return;
  const date from = std::min(pack.info.effective_from, as_of);
  const schedule_result ledger =
      detail::schedule_provider(pack, record, facts, {from, as_of, as_of});
  // No return owed yet (or none decidable): the fact stays unknown rather than a reassuring 0.
  const bool any_owed =
      std::any_of(ledger.occurrences.begin(), ledger.occurrences.end(),
                  [](const occurrence& o) { return o.kind == activity_kind::data_return; });
  if (!any_owed) return;
  const auto missed =
      std::count_if(ledger.occurrences.begin(), ledger.occurrences.end(), [](const occurrence& o) {
        return o.kind == activity_kind::data_return && o.status == occurrence_status::overdue;
      });
  facts.set_integer(*slot, missed);
}

// Facts that contradict the record's latest dated change on or before as_of are an input error
// (DOMAIN.md section 2).
void check_changes_or_throw(const provider& record, date as_of) {
  std::vector<diagnostic> problems = detail::check_changes(record, as_of);
  if (!problems.empty()) throw input_error(std::move(problems));
}

}  // namespace

std::vector<diagnostic> check_provider(const pack& rules, const provider& record, date as_of) {
  std::vector<diagnostic> found = check_provider(rules, record);
  if (!found.empty()) return found;
  return detail::check_changes(record, as_of);
}

engine::engine(qaf::pack rules) noexcept : pack_(std::move(rules)) {}

schedule_result engine::schedule(const provider& record, const schedule_options& options) const {
  const detail::bound_record facts = bind_checked(pack_.data(), record);
  check_changes_or_throw(record, options.as_of);
  return detail::schedule_provider(pack_.data(), record, facts, options);
}

std::vector<rating> engine::rate(const provider& record, date as_of) const {
  return rate(record, as_of, rate_options{});
}

std::vector<rating> engine::rate(const provider& record, date as_of,
                                 const rate_options& options) const {
  detail::bound_record facts = bind_checked(pack_.data(), record);
  check_changes_or_throw(record, as_of);
  derive_kpis_not_met(pack_.data(), record, facts);
  derive_returns_missed(pack_.data(), record, as_of, facts);
  std::vector<rating> ratings = detail::rate_provider(pack_.data(), record, facts, as_of);
  // A second pass over the few rules the results name, so that rating itself records nothing.
  if (options.explain) detail::explain_ratings(pack_.data_ptr(), facts, as_of, ratings);
  return ratings;
}

std::vector<kpi_result> engine::evaluate_kpis(const provider& record, date as_of) const {
  const detail::pack_data& pack = pack_.data();
  const detail::bound_record facts = bind_checked(pack, record);
  check_changes_or_throw(record, as_of);
  std::vector<detail::missed_period> missed;
  if (pack.consequences.return_activity && !pack.kpis.empty()) {
    const std::string& code = pack.activities[*pack.consequences.return_activity].code;
    const date from = std::min(pack.info.effective_from, as_of);
    const schedule_result ledger =
        detail::schedule_provider(pack, record, facts, {from, as_of, as_of});
    for (const occurrence& o : ledger.occurrences) {
      if (o.activity != code || o.status != occurrence_status::overdue || !o.period_start ||
          !o.period_end)
        continue;
      missed.push_back({*o.period_start, *o.period_end, o.due});
    }
  }
  return detail::evaluate_provider_kpis(pack, record, facts, as_of, missed);
}

std::vector<kpi_result> engine::evaluate_kpis(const provider& record) const {
  const detail::bound_record facts = bind_checked(pack_.data(), record);
  return detail::evaluate_provider_kpis(pack_.data(), record, facts);
}

}  // namespace qaf
