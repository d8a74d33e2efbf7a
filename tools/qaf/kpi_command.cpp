// qaf kpi --pack P --portfolio F [--as-of D] [--format json|csv]: KPI status per provider, KPI
// and return period, with the consequences of targets not met (docs/kpis.md).
#include <ostream>
#include <vector>

#include "command.hpp"
#include "job_options.hpp"
#include "qaf/engine.hpp"
#include "render/kpi_render.hpp"
#include "render/result_document.hpp"

namespace qaf::cli {

int run_kpi(const invocation& call) {
  const std::optional<job> prepared = prepare_job(call, {"kpi", {"json", "csv"}, false});
  if (!prepared) return exit_failure;
  const engine evaluator(*prepared->pack);
  std::vector<kpi_result> results;
  for (const provider& p : prepared->portfolio.providers) {
    std::vector<kpi_result> own = evaluator.evaluate_kpis(p, prepared->as_of);
    results.insert(results.end(), own.begin(), own.end());
  }
  if (prepared->format == "csv") {
    detail::write_kpi_csv(call.out, results);
  } else {
    call.out << detail::json_text(detail::kpi_document(*prepared->pack, prepared->as_of, results));
  }
  return exit_ok;
}

}  // namespace qaf::cli
