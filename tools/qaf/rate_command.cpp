// qaf rate --pack P --portfolio F [--as-of D] [--format json|csv]: every classification scheme of
// the pack for every provider, with the reasons, what is still unknown, the officer's override
// kept beside the suggestion, and review and trend (docs/classification.md).
#include <ostream>
#include <vector>

#include "command.hpp"
#include "job_options.hpp"
#include "qaf/engine.hpp"
#include "render/rating_render.hpp"
#include "render/result_document.hpp"

namespace qaf::cli {

int run_rate(const invocation& call) {
  const std::optional<job> prepared = prepare_job(call, {"rate", {"json", "csv"}, false});
  if (!prepared) return exit_failure;
  const engine rater(*prepared->pack);
  std::vector<rating> ratings;
  for (const provider& p : prepared->portfolio.providers) {
    std::vector<rating> own = rater.rate(p, prepared->as_of);
    ratings.insert(ratings.end(), own.begin(), own.end());
  }
  if (prepared->format == "csv") {
    detail::write_ratings_csv(call.out, ratings);
  } else {
    call.out << detail::json_text(detail::rate_document(*prepared->pack, prepared->as_of, ratings));
  }
  return exit_ok;
}

}  // namespace qaf::cli
