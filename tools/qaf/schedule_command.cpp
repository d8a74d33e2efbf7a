// qaf schedule --pack P --portfolio F --from D --to D [--as-of D] [--format json|jsonl|csv|ics]
// [--threads N] [--explain]: every occurrence due in [from, to] for every provider, with overdue
// ones due earlier, minimum-visit checks and the workload they make (docs/scheduling.md). json,
// jsonl and csv stream in portfolio order (result_job.hpp); ics is one calendar, built whole.
#include <ostream>
#include <vector>

#include "checked_evaluation.hpp"
#include "command.hpp"
#include "job_options.hpp"
#include "qaf/engine.hpp"
#include "render/schedule_render.hpp"
#include "result_job.hpp"
#include "schedule/workload.hpp"

namespace qaf::cli {

int run_schedule(const invocation& call) {
  std::optional<job> prepared =
      prepare_job(call, {"schedule", {"json", "jsonl", "csv", "ics"}, true});
  if (!prepared) return exit_failure;
  const schedule_options window{*prepared->from, *prepared->to, prepared->as_of};
  if (prepared->format != "ics") {
    write_results(
        *prepared, window,
        {.schedule = true,
         .format = document_format_of(prepared->format),
         .explain = prepared->explain},
        [&window](const engine& e, const detail::checked_record& r) {
          return detail::provider_assessment{
              detail::describe_checked(e.rules(), r,
                                       detail::schedule_checked(e.rules(), r, window)),
              {},
              {}};
        },
        call.stream, call.err);
    return exit_ok;
  }
  const engine scheduler(*prepared->pack);
  std::vector<detail::provider_schedule> schedules;
  for (const provider& p : all_records(*prepared)) {
    schedules.push_back(detail::describe(p, scheduler.schedule(p, window)));
  }
  // Said on stderr, so that no one reads a short schedule without the reason.
  for (const occurrence_warning& w : detail::result_warnings(schedules)) {
    call.err << "qaf: warning: " << w.code << ": " << w.message << '\n';
  }
  for (const detail::provider_schedule& s : schedules) {
    if (s.result.unknown_facts.empty()) continue;
    call.err << "qaf: warning: provider " << s.provider << " is not scheduled in full for want of:";
    for (const std::string& f : s.result.unknown_facts) call.err << ' ' << f;
    call.err << '\n';
  }
  detail::write_schedule_ics(call.out, *prepared->pack, window, schedules);
  return exit_ok;
}

}  // namespace qaf::cli
