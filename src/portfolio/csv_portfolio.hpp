// A CSV portfolio read a chunk of rows at a time, so that a streamed command holds the text and
// the chunks in flight, never every record (docs/performance.md):
//
//   auto csv = csv_portfolio::open(pack, text);           // nullptr: check_csv_portfolio says why
//   std::size_t from = csv->body_start(), rows = 0;
//   std::size_t to = csv->rows_end(from, 256, rows);      // one thread, in order
//   csv->check(csv->rows(from, to), first_row, ...);       // pass 1, on any thread
//   csv->read(csv->rows(from, to));                        // pass 2, on any thread
//
// Rows are cut by a quote-aware scan (a line break inside a quoted cell does not end its row),
// and each chunk is parsed by libcsv from a row start, so a chunk's rows are the rows the whole
// text gives. The checks are read_csv_portfolio's, row for row; but what a check reports at a
// chunk's row is only evidence that something is wrong: a portfolio that fails is explained by
// check_csv_portfolio, which reads the whole text again and says exactly what read_portfolio
// says (a syntax error anywhere, for example, is the only thing it reports).
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pack/json_reader.hpp"
#include "pack/pack_data.hpp"
#include "qaf/date.hpp"
#include "qaf/diagnostic.hpp"
#include "qaf/portfolio.hpp"

namespace qaf::detail {

struct csv_layout;

class csv_portfolio {
 public:
  /// The portfolio in `text` (a UTF-8 byte order mark is skipped), which must outlive it; nullptr
  /// when the text is not UTF-8 or has no good header row, which check_csv_portfolio reports.
  static std::unique_ptr<csv_portfolio> open(const pack_data& pack, std::string_view text);
  ~csv_portfolio();
  csv_portfolio(const csv_portfolio&) = delete;
  csv_portfolio& operator=(const csv_portfolio&) = delete;

  /// Where the rows after the header start, as an offset into the text without its mark.
  std::size_t body_start() const noexcept { return body_start_; }
  /// The end of the next `count` rows from `from` (a row start), `from` itself at the end of the
  /// text; `rows` is set to how many rows were passed. One scan of the bytes, in order.
  std::size_t rows_end(std::size_t from, std::size_t count, std::size_t& rows) const;
  /// The text of the rows from `from` to `to`.
  std::string_view rows(std::size_t from, std::size_t to) const {
    return text_.substr(from, to - from);
  }

  /// Reads and checks `rows`, the first of which is row `first_row` of the file (the header is
  /// row 1), as read_csv_portfolio does; appends each record's id with its "row:column" to
  /// `ids`, for duplicates across chunks (id_register). With `as_of`, a record's facts are also
  /// checked against its dated changes. Safe on many threads at once.
  void check(std::string_view rows, std::size_t first_row, std::optional<date> as_of,
             diagnostics_sink& sink, std::vector<std::pair<std::string, std::string>>& ids) const;
  /// The records of `rows` that check() has passed. Safe on many threads at once.
  std::vector<provider> read(std::string_view rows) const;

 private:
  csv_portfolio(const pack_data& pack, std::string_view text);

  const pack_data& pack_;
  std::string_view text_;  // without the byte order mark
  std::unique_ptr<csv_layout> layout_;
  std::size_t body_start_ = 0;
};

/// Exactly the diagnostics read_portfolio gives for a CSV portfolio `text` read from `file`
/// (capped per code), without keeping its records; when there are none and `as_of` is given,
/// the records' facts that contradict their dated changes, at "/providers/<index>/...".
std::vector<diagnostic> check_csv_portfolio(const pack_data& pack, std::string_view text,
                                            std::string_view file, std::optional<date> as_of);

}  // namespace qaf::detail
