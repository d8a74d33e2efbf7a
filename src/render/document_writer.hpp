// The result document of `qaf schedule`, `rate`, `kpi` and `assess`, written as a stream in json,
// jsonl or csv (the shapes are in result_stream.hpp and docs/performance.md). The document
// fields (`pack`, `as_of`, `from`, `to`, `warnings`, `rules`, `levels`) come first; then the
// results chunk by chunk in portfolio order; then `workload` when the document has a schedule
// and `summary` (the portfolio summary, summary/portfolio_summary.hpp) when it asks for one.
//
//   document_writer writer(out, pack, window, {.schedule = true, .format = stream_format::json});
//   for each chunk of records, in order:
//     rendered_chunk text = writer.render(assessments);  // on any thread
//     writer.write(std::move(text));                     // on one thread, in portfolio order
//   writer.finish();
//
// render() is const and reads only the pack, so chunks render on a worker pool at once; write()
// keeps the order, so the bytes are the same whatever the number of threads. In json the first
// result list streams straight out and the later ones (`minimum_visits`, `ratings`, ...) wait in
// a temporary file until their turn: memory stays flat however many providers there are.
#pragma once

#include <memory>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <vector>

#include "qaf/pack.hpp"
#include "qaf/schedule.hpp"
#include "render/assess_text.hpp"
#include "render/result_stream.hpp"
#include "schedule/workload.hpp"
#include "summary/portfolio_summary.hpp"

namespace qaf::detail {

enum class document_format { json, jsonl, csv };

/// What a document holds. csv holds one table: the schedule's, the ratings' or the KPIs'.
struct document_spec {
  bool schedule = false;  // occurrences, minimum_visits, unknown_facts and the workload
  bool ratings = false;
  bool kpis = false;
  document_format format = document_format::json;
  bool explain = false;  // rules' text, source and conditions inline in every result
  bool summary = false;  // the portfolio summary after the results (assess: needs all three)
};

/// One chunk of results rendered, ready to be written in its turn.
struct rendered_chunk {
  std::vector<std::string> lists;  // json: each list's items; jsonl and csv: lists[0] only
  std::vector<provider_schedule> schedules;  // kept for the workload, counted in write()
  std::optional<summary_builder> summary;    // this chunk's providers, merged in write()
};

class document_writer {
 public:
  /// Writes the document fields at once. `window` gives from and to for a schedule, as_of
  /// always.
  document_writer(std::ostream& out, const pack& rules, const schedule_options& window,
                  document_spec spec);
  ~document_writer();
  document_writer(const document_writer&) = delete;
  document_writer& operator=(const document_writer&) = delete;

  /// The document-level warnings (outside_effective_period), known before any result.
  const std::vector<occurrence_warning>& warnings() const noexcept { return warnings_; }

  /// Renders the results of consecutive providers. Safe to call from many threads at once.
  /// `assessments` are moved from: their schedules are kept for write().
  rendered_chunk render(std::span<provider_assessment> assessments) const;

  /// Writes a rendered chunk; chunks must come in portfolio order.
  void write(rendered_chunk&& chunk);

  /// Writes the lists that waited, the portfolio-wide fields and the end of the document.
  void finish();

 private:
  std::vector<std::string> list_names() const;

  document_spec spec_;
  const pack* rules_;  // the caller's, alive while the writer is
  schedule_options window_;
  std::vector<occurrence_warning> warnings_;
  result_stream stream_;
  std::vector<std::unique_ptr<spool>> later_;  // json: the second and later lists
  std::optional<workload_tally> workload_;
  std::optional<summary_builder> summary_;  // every chunk written so far, in portfolio order
};

/// The whole document for results already in memory, on one thread (tests, small callers).
/// `assessments` are moved from.
void write_document(std::ostream& out, const pack& rules, const schedule_options& window,
                    document_spec spec, std::span<provider_assessment> assessments);

}  // namespace qaf::detail
