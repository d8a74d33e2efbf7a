// qaf rate --pack P --portfolio F [--as-of D] [--format json|jsonl|csv] [--threads N] [--explain]:
// every classification scheme of the pack for every provider, with the reasons, what is still
// unknown, the officer's override kept beside the suggestion, and review and trend
// (docs/classification.md). Streamed in portfolio order (result_job.hpp).
#include "checked_evaluation.hpp"
#include "command.hpp"
#include "job_options.hpp"
#include "result_job.hpp"

namespace qaf::cli {

int run_rate(const invocation& call) {
  std::optional<job> prepared = prepare_job(call, {"rate", {"json", "jsonl", "csv"}, false});
  if (!prepared) return exit_failure;
  const date as_of = prepared->as_of;
  const detail::document_spec spec{.ratings = true,
                                   .format = document_format_of(prepared->format),
                                   .explain = prepared->explain};
  if (prepared->format != "csv" && !prepared->explain) {
    // A compact json or jsonl document names each rule once: its ratings are written straight
    // from the indices the classifier keeps, with nothing copied (rating/scheme_rating.hpp).
    write_results(
        *prepared, {as_of, as_of, as_of}, spec,
        [as_of](const engine& e, const detail::checked_record& r, detail::rating_batch& batch) {
          detail::provider_assessment a{detail::describe_checked(e.rules(), r, {}), {}, {}};
          a.rated = &batch;
          a.rated_range = detail::rate_checked_into(e.rules(), r, as_of, batch);
          return a;
        },
        call.stream, call.err);
    return exit_ok;
  }
  write_results(
      *prepared, {as_of, as_of, as_of}, spec,
      [as_of, explain = prepared->explain](const engine& e, const detail::checked_record& r) {
        return detail::provider_assessment{
            detail::describe_checked(e.rules(), r, {}),
            detail::rate_checked(e.rules(), r, as_of, detail::rating_detail::full, explain),
            {}};
      },
      call.stream, call.err);
  return exit_ok;
}

}  // namespace qaf::cli
