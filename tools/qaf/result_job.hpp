// What `qaf schedule`, `rate`, `kpi` and `assess` share once their inputs are checked: evaluate
// every provider in chunks on a worker pool (--threads) and stream the document to stdout in
// portfolio order (render/document_writer.hpp), so that the bytes never depend on the number of
// threads and memory stays flat whatever the number of providers.
#pragma once

#include <functional>
#include <ostream>

#include "job_options.hpp"
#include "portfolio/checked_record.hpp"
#include "qaf/engine.hpp"
#include "render/assess_text.hpp"
#include "render/document_writer.hpp"

namespace qaf::cli {

/// One provider's results for the document; an unused part stays empty. The schedule part
/// carries the provider's id (and name and officer) even when there is no schedule. Each record
/// comes checked, its facts in the pack's slots (checked_evaluation.hpp evaluates it).
using evaluation =
    std::function<detail::provider_assessment(const engine&, const detail::checked_record&)>;

/// As `evaluation`, with the worker's rating batch, cleared before each chunk of providers and
/// alive until the chunk is written: for ratings by index (provider_assessment::rated).
using indexed_evaluation = std::function<detail::provider_assessment(
    const engine&, const detail::checked_record&, detail::rating_batch&)>;

/// Evaluates every provider of `prepared` with `evaluate` on `prepared.threads` threads and
/// writes the document `spec` describes to `out`; warnings (the document's, and providers that
/// could not be scheduled in full) go to `err`.
void write_results(job& prepared, const schedule_options& window, detail::document_spec spec,
                   const evaluation& evaluate, std::ostream& out, std::ostream& err);

void write_results(job& prepared, const schedule_options& window, detail::document_spec spec,
                   const indexed_evaluation& evaluate, std::ostream& out, std::ostream& err);

/// The document format named by --format: json, jsonl or csv.
detail::document_format document_format_of(const std::string& format);

}  // namespace qaf::cli
