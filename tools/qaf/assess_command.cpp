// qaf assess --pack P --portfolio F [--as-of D] [--format json|text|html]: all three questions at
// once for the 12 months after as-of — the schedule (including obligations from events), every
// rating and every KPI result — and the portfolio summary. `json` is the results schema's
// `assess` with its `summary`; `text` is for a person at a terminal; `html` one self-contained
// page for a manager (render/html_report.hpp). The summary is one model in all three.
#include <iostream>
#include <ostream>
#include <vector>

#include "command.hpp"
#include "job_options.hpp"
#include "progress.hpp"
#include "qaf/engine.hpp"
#include "render/assess_text.hpp"
#include "render/html_report.hpp"
#include "render/kpi_render.hpp"
#include "render/rating_render.hpp"
#include "render/result_document.hpp"
#include "render/schedule_render.hpp"
#include "render/summary_render.hpp"
#include "summary/portfolio_summary.hpp"

namespace qaf::cli {

int run_assess(const invocation& call) {
  const std::optional<job> prepared =
      prepare_job(call, {"assess", {"json", "text", "html"}, false, /*months_from_as_of=*/12});
  if (!prepared) return exit_failure;
  const engine assessor(*prepared->pack);
  const schedule_options window{*prepared->from, *prepared->to, prepared->as_of};
  std::vector<detail::provider_assessment> assessments;
  detail::summary_builder summary(*prepared->pack, window);
  {
    progress shown(call.err, &call.err == &std::cerr && stderr_is_terminal(), "assess",
                   prepared->portfolio.providers.size(), "providers");
    for (const provider& p : prepared->portfolio.providers) {
      assessments.push_back({detail::describe(p, assessor.schedule(p, window)),
                             assessor.rate(p, prepared->as_of),
                             assessor.evaluate_kpis(p, prepared->as_of)});
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
  if (prepared->format == "text") {
    detail::write_assessment_text(call.out, *prepared->pack, window, counted, assessments);
    return exit_ok;
  }
  if (prepared->format == "html") {
    detail::write_assessment_html(call.out, *prepared->pack, window, counted, assessments);
    return exit_ok;
  }
  std::vector<detail::provider_schedule> schedules;
  std::vector<rating> ratings;
  std::vector<kpi_result> kpis;
  for (detail::provider_assessment& a : assessments) {
    schedules.push_back(std::move(a.schedule));
    ratings.insert(ratings.end(), a.ratings.begin(), a.ratings.end());
    kpis.insert(kpis.end(), a.kpis.begin(), a.kpis.end());
  }
  nlohmann::ordered_json document = detail::schedule_document(*prepared->pack, window, schedules);
  document["ratings"] = detail::rate_document(*prepared->pack, prepared->as_of, ratings)["ratings"];
  document["kpis"] = detail::kpi_document(*prepared->pack, prepared->as_of, kpis)["kpis"];
  document["summary"] = detail::summary_json(counted);
  call.out << detail::json_text(document);
  return exit_ok;
}

}  // namespace qaf::cli
