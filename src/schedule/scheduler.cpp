// The scheduling engine over one provider (DOMAIN.md section 2; docs/scheduling.md): triggers
// first (they may bring scheduled occurrences forward), then every schedule rule that applies,
// then follow-ups and the minimum-visit checks.
#include "schedule/scheduler.hpp"

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
  collect_triggers(ctx);
  for (const schedule_rule& rule : pack.schedule) {
    if (rule.cadence.type == cadence_type::ad_hoc) continue;
    if (ctx.applies(rule.when) != truth::yes) continue;
    switch (rule.cadence.type) {
      case cadence_type::every:
      case cadence_type::alternate:
        run_interval_rule(ctx, rule);
        break;
      case cadence_type::monthly_by_day:
      case cadence_type::termly:
      case cadence_type::quarterly:
      case cadence_type::calendar:
        run_calendar_rule(ctx, rule);
        break;
      case cadence_type::ad_hoc:
        break;
    }
  }
  emit_unclaimed_bring_forwards(ctx);
  run_follow_ups(ctx);
  check_minimum_visits(ctx);
  return ctx.finish();
}

}  // namespace qaf::detail
