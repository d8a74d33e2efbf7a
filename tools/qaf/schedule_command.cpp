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
  // Said on stderr whatever the format, so that no one reads a short schedule without the reason.
  for (const occurrence_warning& w : detail::result_warnings(schedules)) {
    call.err << "qaf: warning: " << w.code << ": " << w.message << '\n';
  }
  for (const detail::provider_schedule& s : schedules) {
    if (s.result.unknown_facts.empty()) continue;
    call.err << "qaf: warning: provider " << s.provider << " is not scheduled in full for want of:";
    for (const std::string& f : s.result.unknown_facts) call.err << ' ' << f;
    call.err << '\n';
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
