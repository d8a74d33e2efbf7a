// qaf kpi --pack P --portfolio F [--as-of D] [--format json|jsonl|csv] [--threads N] [--explain]:
// KPI status per provider, KPI and return period, with the consequences of targets not met
// (docs/kpis.md). Streamed in portfolio order (result_job.hpp).
#include "checked_evaluation.hpp"
#include "command.hpp"
#include "job_options.hpp"
#include "result_job.hpp"

namespace qaf::cli {

int run_kpi(const invocation& call) {
  std::optional<job> prepared = prepare_job(call, {"kpi", {"json", "jsonl", "csv"}, false});
  if (!prepared) return exit_failure;
  const date as_of = prepared->as_of;
  write_results(
      *prepared, {as_of, as_of, as_of},
      {.kpis = true, .format = document_format_of(prepared->format), .explain = prepared->explain},
      [as_of](const engine& e, const detail::checked_record& r) {
        return detail::provider_assessment{detail::describe_checked(e.rules(), r, {}),
                                           {},
                                           detail::evaluate_kpis_checked(e.rules(), r, as_of)};
      },
      call.stream, call.err);
  return exit_ok;
}

}  // namespace qaf::cli
