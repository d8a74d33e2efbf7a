// A portfolio read as a stream of records, for commands that must check every record before
// they write a byte and then evaluate them in flat memory (docs/performance.md):
//
//   auto source = record_source::open(pack, path, problems);    // nullptr: problems say why
//   record_chunk chunk;
//   while (source->next(chunk, 256)) source->check(chunk, ...);  // pass 1, on any thread
//   source->rewind();
//   while (source->next(chunk, 256)) use(source->read_bound(chunk));  // pass 2, on any thread
//
// JSON Lines (".jsonl", ".ndjson") are read from the file a chunk at a time, so memory does not
// grow with the file; a JSON document is held as text, split into records by its structure
// alone, and each record is read on its own; a CSV file is held as text and read a chunk of rows
// at a time (portfolio/csv_portfolio.hpp). Records are read and checked by the same code as
// read_portfolio's, so a record accepted here is accepted there. Problems in a JSON document or
// a CSV file are reported exactly as read_portfolio reports them. A JSON record is first read
// straight into the pack's fact slots (read_json_record_bound); only a record that cannot be (one
// with a problem to report, above all) is read the full way.
#pragma once

#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "portfolio/checked_record.hpp"
#include "qaf/date.hpp"
#include "qaf/diagnostic.hpp"
#include "qaf/pack.hpp"
#include "qaf/portfolio.hpp"

namespace qaf::detail {

class csv_portfolio;

/// Whether a portfolio path names a JSON Lines file (`.jsonl`, `.ndjson`): one record a line.
bool is_json_lines(std::string_view path);

/// Records as text, not yet read: the unit of work of a streamed command.
struct record_chunk {
  std::string text;                       // JSON Lines: the chunk's lines, padded
  std::vector<std::string_view> records;  // each record's JSON text
  std::vector<std::size_t> positions;     // each record's index (JSON) or line (JSON Lines)
  std::vector<provider> loaded;           // a document read whole: records read and checked
  std::string_view rows;                  // CSV: the chunk's rows, as text
  std::size_t first_row = 0;              // CSV: the file's row number of the first (header: 1)
  std::size_t row_count = 0;              // CSV: how many rows `rows` holds
  std::size_t size() const noexcept { return records.size() + loaded.size() + row_count; }
};

/// What pass 1 found in a chunk: problems, and each record's id with where it is.
struct chunk_check {
  std::vector<diagnostic> problems;
  std::vector<std::pair<std::string, std::string>> ids;  // (id, pointer to it)
};

class record_source {
 public:
  /// Opens the portfolio at `path` against `rules`; reports what is wrong at once (no such file,
  /// a document that is not a portfolio) into `problems` and returns nullptr. With `as_of`, a
  /// record whose facts contradict its latest dated change on or before then is a problem too
  /// (check_provider with as_of), found by check() or, for records read at open, by open().
  static std::unique_ptr<record_source> open(const pack& rules, const std::string& path,
                                             std::vector<diagnostic>& problems,
                                             std::optional<date> as_of = std::nullopt);
  ~record_source();
  record_source(const record_source&) = delete;
  record_source& operator=(const record_source&) = delete;

  /// Fills `chunk` with the next records, up to `count`; false when there are none. One
  /// thread at a time.
  bool next(record_chunk& chunk, std::size_t count);
  /// Back to the first record, for a second pass.
  void rewind();
  /// Whether open() has read and checked every record already (a JSON document only the full
  /// reader could read): then there is no first pass, and next() hands each record out once.
  bool checked_at_open() const noexcept { return kind_ == kind::loaded; }

  /// Reads and checks a chunk's records. Safe on many threads at once.
  chunk_check check(const record_chunk& chunk) const;
  /// Reads a chunk of records that check() has passed. Safe on many threads at once.
  std::vector<provider> read(record_chunk& chunk) const;
  /// Reads a chunk of records that check() has passed, each with its facts in the pack's slots
  /// and (for JSON) no map of facts: what pass 2 evaluates. Safe on many threads at once.
  std::vector<checked_record> read_bound(record_chunk& chunk) const;

  /// The problems to show for a portfolio whose check found `found`: for a JSON document or a
  /// CSV file, exactly what read_portfolio says (it reads the text again, and for CSV, with
  /// as_of, adds what open() would have found against dated changes); else `found`, capped per
  /// code.
  std::vector<diagnostic> explain(std::vector<diagnostic> found) const;

 private:
  enum class kind { document, lines, loaded, csv };
  record_source(const pack& rules, std::string path, kind k, std::optional<date> as_of);
  // open()'s last step for records read whole: their facts against their dated changes.
  static std::unique_ptr<record_source> checked_loaded(std::unique_ptr<record_source> source,
                                                       std::vector<diagnostic>& problems);

  pack pack_;  // a copy: packs share their compiled state, and the caller's may move
  std::string path_;
  kind kind_;
  std::optional<date> as_of_;              // facts are checked against dated changes as of this day
  std::string text_;                       // document: the file's text, padded; csv: its text
  std::vector<std::string_view> records_;  // document: each record's text
  std::vector<provider> loaded_;           // loaded: every record
  std::size_t position_ = 0;               // document, loaded: the next record; csv: its byte
  std::unique_ptr<csv_portfolio> csv_;     // csv: the rows, cut and read against the header
  std::size_t csv_row_ = 1;                // csv: the row number of the last row handed out
  std::FILE* file_ = nullptr;              // lines
  std::size_t line_ = 0;                   // lines: the last line read
  char* line_buffer_ = nullptr;            // lines: getline's buffer
  std::size_t line_capacity_ = 0;
};

/// Checks ids across chunks, in order: the second use of an id is a problem at its pointer.
class id_register {
 public:
  void add(const chunk_check& checked, std::vector<diagnostic>& problems, const std::string& file);

 private:
  std::unordered_map<std::string, std::string> first_;  // id -> where it was first used
};

}  // namespace qaf::detail
