// qaf assess --pack P --portfolio F [--as-of D] [--format json|jsonl|text|html] [--threads N]
// [--explain]: all three questions at once for the 12 months after as-of — the schedule
// (including obligations from events), every rating and every KPI result — and the portfolio
// summary. json and jsonl stream in portfolio order (result_job.hpp) with the summary after the
// results, next to `workload`; `text` (for a person at a terminal) and `html` (one
// self-contained page for a manager, render/html_report.hpp) are built whole. The summary is one
// model in all of them.
#include <iostream>
#include <ostream>
#include <utility>
#include <vector>

#include "checked_evaluation.hpp"
#include "command.hpp"
#include "job_options.hpp"
#include "progress.hpp"
#include "qaf/engine.hpp"
#include "render/assess_text.hpp"
#include "render/html_report.hpp"
#include "result_job.hpp"
#include "schedule/schedule_context.hpp"
#include "summary/portfolio_summary.hpp"

namespace qaf::cli {

namespace {

// `ratings` says what the ratings carry: ids for a compact json or jsonl document, which names
// the rules once; everything for --explain, text and html, which write the reasons' text; with
// `explain`, each reason also carries its conditions test by test.
detail::provider_assessment assess(const engine& e, const detail::checked_record& r,
                                   const schedule_options& window, detail::rating_detail ratings,
                                   bool explain) {
  // Every record was checked before the first byte was written (prepare_job): none again.
  return {detail::describe_checked(e.rules(), r, detail::schedule_checked(e.rules(), r, window)),
          detail::rate_checked(e.rules(), r, window.as_of, ratings, explain),
          detail::evaluate_kpis_checked(e.rules(), r, window.as_of)};
}

}  // namespace

int run_assess(const invocation& call) {
  std::optional<job> prepared = prepare_job(
      call, {"assess", {"json", "jsonl", "text", "html"}, false, /*months_from_as_of=*/12});
  if (!prepared) return exit_failure;
  const schedule_options window{*prepared->from, *prepared->to, prepared->as_of};
  if (prepared->format == "json" || prepared->format == "jsonl") {
    write_results(
        *prepared, window,
        {.schedule = true,
         .ratings = true,
         .kpis = true,
         .format = document_format_of(prepared->format),
         .explain = prepared->explain,
         .summary = true},
        [&window, explain = prepared->explain,
         ratings = prepared->explain ? detail::rating_detail::full : detail::rating_detail::ids](
            const engine& e, const detail::checked_record& r) {
          return assess(e, r, window, ratings, explain);
        },
        call.stream, call.err);
    return exit_ok;
  }
  // As the streamed formats do: the window reaching outside the pack's period is said on stderr
  // whatever the format, so that no one reads a short schedule without the reason.
  if (const auto outside = detail::outside_effective_period(prepared->pack->info(), window.from,
                                                            window.to, window.as_of)) {
    call.err << "qaf: warning: " << outside->code << ": " << outside->message << '\n';
  }
  const engine assessor(*prepared->pack);
  const std::vector<detail::checked_record> records = all_checked_records(*prepared);
  std::vector<detail::provider_assessment> assessments;
  assessments.reserve(records.size());
  detail::summary_builder summary(*prepared->pack, window);
  {
    progress shown(call.err, &call.err == &std::cerr && stderr_is_terminal(), "assess",
                   records.size(), "providers");
    for (const detail::checked_record& r : records) {
      assessments.push_back(
          assess(assessor, r, window, detail::rating_detail::full, prepared->explain));
      summary.add(assessments.back());
      shown.step();
    }
  }
  const detail::portfolio_summary counted = summary.finish();
  // As `qaf schedule` does: said on stderr whatever the format (DOMAIN.md section 2), after the
  // progress line is gone.
  for (const detail::provider_assessment& a : assessments) {
    const detail::provider_schedule& s = a.schedule;
    if (s.result.unknown_facts.empty()) continue;
    call.err << "qaf: warning: provider " << s.provider << " is not scheduled in full for want of:";
    for (const std::string& f : s.result.unknown_facts) call.err << ' ' << f;
    call.err << '\n';
  }
  if (prepared->format == "html") {
    detail::write_assessment_html(call.out, *prepared->pack, window, counted, assessments);
  } else {
    detail::write_assessment_text(call.out, *prepared->pack, window, counted, assessments);
  }
  return exit_ok;
}

}  // namespace qaf::cli
