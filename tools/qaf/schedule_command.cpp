// qaf schedule --pack P --portfolio F --from D --to D [--as-of D] [--format json|csv|ics]: every
// occurrence due in [from, to] for every provider, with overdue ones due earlier, minimum-visit
// checks and the workload they make (docs/scheduling.md).
#include <ostream>
#include <vector>

#include "command.hpp"
#include "job_options.hpp"
#include "qaf/engine.hpp"
#include "render/result_document.hpp"
#include "render/schedule_render.hpp"
#include "schedule/workload.hpp"

namespace qaf::cli {

int run_schedule(const invocation& call) {
  const std::optional<job> prepared = prepare_job(call, {"schedule", {"json", "csv", "ics"}, true});
  if (!prepared) return exit_failure;
  const engine scheduler(*prepared->pack);
  const schedule_options window{*prepared->from, *prepared->to, prepared->as_of};
  std::vector<detail::provider_schedule> schedules;
  schedules.reserve(prepared->portfolio.providers.size());
  for (const provider& p : prepared->portfolio.providers) {
    schedules.push_back(detail::describe(p, scheduler.schedule(p, window)));
  }
  if (prepared->format == "csv") {
    detail::write_schedule_csv(call.out, schedules);
  } else if (prepared->format == "ics") {
    detail::write_schedule_ics(call.out, *prepared->pack, window, schedules);
  } else {
    call.out << detail::json_text(detail::schedule_document(*prepared->pack, window, schedules));
  }
  return exit_ok;
}

}  // namespace qaf::cli
