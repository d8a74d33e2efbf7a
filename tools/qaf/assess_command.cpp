// qaf assess --pack P --portfolio F [--as-of D] [--format json|jsonl|text] [--threads N]
// [--explain]: all three questions at once for the 12 months after as-of — the schedule
// (including obligations from events), every rating and every KPI result. json and jsonl stream
// in portfolio order (result_job.hpp); `text` is a summary for a person, built whole.
#include <ostream>
#include <vector>

#include "command.hpp"
#include "job_options.hpp"
#include "qaf/engine.hpp"
#include "render/assess_text.hpp"
#include "result_job.hpp"

namespace qaf::cli {

namespace {

detail::provider_assessment assess(const engine& e, const provider& p,
                                   const schedule_options& window) {
  return {detail::describe(p, e.schedule(p, window)), e.rate(p, window.as_of), e.evaluate_kpis(p)};
}

}  // namespace

int run_assess(const invocation& call) {
  std::optional<job> prepared =
      prepare_job(call, {"assess", {"json", "jsonl", "text"}, false, /*months_from_as_of=*/12});
  if (!prepared) return exit_failure;
  const schedule_options window{*prepared->from, *prepared->to, prepared->as_of};
  if (prepared->format != "text") {
    write_results(
        *prepared, window,
        {.schedule = true,
         .ratings = true,
         .kpis = true,
         .format = document_format_of(prepared->format),
         .explain = prepared->explain},
        [&window](const engine& e, const provider& p) { return assess(e, p, window); }, call.stream,
        call.err);
    return exit_ok;
  }
  const engine assessor(*prepared->pack);
  std::vector<detail::provider_assessment> assessments;
  for (const provider& p : all_records(*prepared)) {
    assessments.push_back(assess(assessor, p, window));
  }
  detail::write_assessment_text(call.out, *prepared->pack, window, assessments);
  return exit_ok;
}

}  // namespace qaf::cli
