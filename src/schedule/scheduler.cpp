// The scheduling engine over one provider (DOMAIN.md section 2; docs/scheduling.md): the provider's
// ledger from monitoring_start to the horizon, seen through the window: periodic rules (returns),
// then triggers (on the record's events and the ledger's missed returns; they may bring cyclic
// occurrences forward), follow-ups, cyclic rules, obligations due before an activity and the
// minimum-visit checks.
#include "schedule/scheduler.hpp"

#include <utility>
#include <vector>

#include "schedule/calendar_chain.hpp"
#include "schedule/interval_chain.hpp"
#include "schedule/minimum_visits.hpp"
#include "schedule/obligations.hpp"
#include "schedule/schedule_context.hpp"

namespace qaf::detail {

schedule_result schedule_provider(const pack_data& pack, const provider& record,
                                  const bound_record& facts, const schedule_options& options) {
  schedule_context ctx(pack, record, facts, options);
  if (options.to < options.from) return ctx.finish();
  // Returns first: they are owed per period whatever else happens, and their overdue entries are
  // the return_missed events the triggers read (DOMAIN.md section 2, "The three answers agree").
  // Each rule applies where its conditions hold on the timeline of the provider's facts.
  std::vector<std::pair<const schedule_rule*, rule_applicability>> cyclic;
  std::vector<std::pair<const schedule_rule*, rule_applicability>> before;
  for (const schedule_rule& rule : pack.schedule) {
    if (rule.cadence.type == cadence_type::ad_hoc) continue;
    rule_applicability where = ctx.applicability(rule);
    if (where.holds.empty()) continue;
    if (rule.cadence.type == cadence_type::before) {
      before.emplace_back(&rule, std::move(where));
      continue;
    }
    const bool periodic =
        rule.cadence.type != cadence_type::alternate &&
        (rule.cadence.type != cadence_type::every ||
         (rule.activity && pack.activities[*rule.activity].kind == activity_kind::data_return));
    if (periodic) {
      run_calendar_rule(ctx, rule, where);
    } else {
      cyclic.emplace_back(&rule, std::move(where));
    }
  }
  // Triggers next: they may bring cyclic occurrences forward, and take history records first.
  collect_triggers(ctx);
  // Follow-ups before the routine chains: a follow-up's completion is not also the routine one.
  run_follow_ups(ctx);
  for (const auto& [rule, where] : cyclic) run_interval_rule(ctx, *rule, where);
  emit_unclaimed_bring_forwards(ctx);
  // Offsets before an activity last, once every entry they may precede is in the ledger.
  for (const auto& [rule, where] : before) run_before_rule(ctx, *rule, where);
  check_minimum_visits(ctx);
  return ctx.finish();
}

}  // namespace qaf::detail
