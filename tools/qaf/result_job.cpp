#include "result_job.hpp"

#include <memory>
#include <vector>

#include "parallel/ordered_pool.hpp"

namespace qaf::cli {

detail::document_format document_format_of(const std::string& format) {
  if (format == "jsonl") return detail::document_format::jsonl;
  if (format == "csv") return detail::document_format::csv;
  return detail::document_format::json;
}

void write_results(job& prepared, const schedule_options& window, detail::document_spec spec,
                   const evaluation& evaluate, std::ostream& out, std::ostream& err) {
  write_results(prepared, window, spec,
                indexed_evaluation([&evaluate](const engine& e, const detail::checked_record& r,
                                               detail::rating_batch&) { return evaluate(e, r); }),
                out, err);
}

void write_results(job& prepared, const schedule_options& window, detail::document_spec spec,
                   const indexed_evaluation& evaluate, std::ostream& out, std::ostream& err) {
  const engine evaluator(*prepared.pack);
  detail::document_writer writer(out, *prepared.pack, window, spec);
  // Said on stderr whatever the format, so that no one reads a short result without the reason.
  for (const occurrence_warning& w : writer.warnings()) {
    err << "qaf: warning: " << w.code << ": " << w.message << '\n';
  }
  const bool schedule = spec.schedule;
  const unsigned threads = detail::worker_count(prepared.threads);
  detail::ordered_pool<detail::rendered_chunk> pool(
      threads, 2 * static_cast<std::size_t>(threads), [&](detail::rendered_chunk&& chunk) {
        if (schedule) {
          for (const detail::provider_schedule& s : chunk.schedules) {
            if (s.result.unknown_facts.empty()) continue;
            err << "qaf: warning: provider " << s.provider
                << " is not scheduled in full for want of:";
            for (const std::string& f : s.result.unknown_facts) err << ' ' << f;
            err << '\n';
          }
        }
        writer.write(std::move(chunk));
        // Output that cannot be written stops the work at once, not after the whole portfolio.
        if (!out) throw detail::output_error("cannot write the output to stdout");
      });
  detail::record_source& records = *prepared.records;
  while (true) {
    auto chunk = std::make_shared<detail::record_chunk>();
    if (!records.next(*chunk, providers_a_chunk)) break;
    pool.submit([&, chunk] {
      // One batch a worker, cleared for each chunk: once grown, rating allocates nothing.
      thread_local detail::rating_batch batch;
      batch.clear();
      // Ratings by index point into their records: the records live until the chunk is written.
      const std::vector<detail::checked_record> read = records.read_bound(*chunk);
      std::vector<detail::provider_assessment> assessed;
      assessed.reserve(read.size());
      for (const detail::checked_record& r : read)
        assessed.push_back(evaluate(evaluator, r, batch));
      return writer.render(assessed);
    });
  }
  pool.finish();
  writer.finish();
  if (!out) throw detail::output_error("cannot write the output to stdout");
}

}  // namespace qaf::cli
