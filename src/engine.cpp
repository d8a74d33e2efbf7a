#include "qaf/engine.hpp"

#include <algorithm>
#include <utility>

#include "checked_evaluation.hpp"
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
  detail::bound_record bound;
  detail::check_record(
      pack, record, [](std::string_view relative) { return std::string(relative); }, sink, bound);
  if (!problems.empty()) throw input_error(std::move(problems));
  return bound;
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

// Binds a record that a reader has checked in full (record_source's first pass, with as_of):
// nothing is reported, so nothing is checked again.
detail::bound_record bind_trusted(const detail::pack_data& pack, const provider& record) {
  detail::bound_record bound;
  std::vector<diagnostic> unused;
  detail::bind_record(pack.table, record, bound, unused);
  return bound;
}

std::vector<rating> rate_bound(const detail::pack_data& pack, const provider& record,
                               detail::bound_record& facts, date as_of,
                               detail::rating_detail detail) {
  derive_kpis_not_met(pack, record, facts);
  derive_returns_missed(pack, record, as_of, facts);
  return detail::rate_provider(pack, record, facts, as_of, detail);
}

std::vector<kpi_result> evaluate_kpis_bound(const detail::pack_data& pack, const provider& record,
                                            const detail::bound_record& facts, date as_of) {
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
  std::vector<rating> ratings =
      rate_bound(pack_.data(), record, facts, as_of, detail::rating_detail::full);
  // A second pass over the few rules the results name, so that rating itself records nothing.
  if (options.explain) detail::explain_ratings(pack_.data_ptr(), facts, as_of, ratings);
  return ratings;
}

std::vector<kpi_result> engine::evaluate_kpis(const provider& record, date as_of) const {
  const detail::bound_record facts = bind_checked(pack_.data(), record);
  check_changes_or_throw(record, as_of);
  return evaluate_kpis_bound(pack_.data(), record, facts, as_of);
}

std::vector<kpi_result> engine::evaluate_kpis(const provider& record) const {
  const detail::bound_record facts = bind_checked(pack_.data(), record);
  return detail::evaluate_provider_kpis(pack_.data(), record, facts);
}

namespace detail {

schedule_result schedule_checked(const pack& rules, const provider& record,
                                 const schedule_options& options) {
  const bound_record facts = bind_trusted(rules.data(), record);
  return schedule_provider(rules.data(), record, facts, options);
}

std::vector<rating> rate_checked(const pack& rules, const provider& record, date as_of,
                                 rating_detail detail, bool explain) {
  bound_record facts = bind_trusted(rules.data(), record);
  std::vector<rating> ratings = rate_bound(rules.data(), record, facts, as_of, detail);
  if (explain) explain_ratings(rules.data_ptr(), facts, as_of, ratings);
  return ratings;
}

std::vector<kpi_result> evaluate_kpis_checked(const pack& rules, const provider& record,
                                              date as_of) {
  const bound_record facts = bind_trusted(rules.data(), record);
  return evaluate_kpis_bound(rules.data(), record, facts, as_of);
}

checked_assessment assess_checked(const pack& rules, const provider& record,
                                  const schedule_options& window, rating_detail detail,
                                  bool explain) {
  bound_record facts = bind_trusted(rules.data(), record);
  checked_assessment out;
  out.schedule = schedule_provider(rules.data(), record, facts, window);
  out.kpis = evaluate_kpis_bound(rules.data(), record, facts, window.as_of);
  // Rating last: it derives kpis_not_met and returns_missed into the bound facts, which the
  // schedule and the KPIs read as the record gives them.
  out.ratings = rate_bound(rules.data(), record, facts, window.as_of, detail);
  if (explain) explain_ratings(rules.data_ptr(), facts, window.as_of, out.ratings);
  return out;
}

}  // namespace detail
}  // namespace qaf
