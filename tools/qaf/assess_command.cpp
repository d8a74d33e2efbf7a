// qaf assess --pack P --portfolio F [--as-of D] [--format json|text]: all three questions at once
// for the 12 months after as-of — the schedule (including obligations from events), every rating
// and every KPI result. `text` is a summary for a person; `json` the results schema's `assess`.
#include <ostream>
#include <vector>

#include "command.hpp"
#include "job_options.hpp"
#include "qaf/engine.hpp"
#include "render/assess_text.hpp"
#include "render/kpi_render.hpp"
#include "render/rating_render.hpp"
#include "render/result_document.hpp"
#include "render/schedule_render.hpp"

namespace qaf::cli {

int run_assess(const invocation& call) {
  const std::optional<job> prepared =
      prepare_job(call, {"assess", {"json", "text"}, false, /*months_from_as_of=*/12});
  if (!prepared) return exit_failure;
  const engine assessor(*prepared->pack);
  const schedule_options window{*prepared->from, *prepared->to, prepared->as_of};
  std::vector<detail::provider_assessment> assessments;
  for (const provider& p : prepared->portfolio.providers) {
    assessments.push_back({detail::describe(p, assessor.schedule(p, window)),
                           assessor.rate(p, prepared->as_of),
                           assessor.evaluate_kpis(p, prepared->as_of)});
  }
  if (prepared->format == "text") {
    detail::write_assessment_text(call.out, *prepared->pack, window, assessments);
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
  call.out << detail::json_text(document);
  return exit_ok;
}

}  // namespace qaf::cli
