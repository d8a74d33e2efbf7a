// Reads CSV portfolios (one provider a row) with libcsv, which handles RFC 4180 quoting; this file
// maps columns to facts and history, and reports every problem at its row and column. Cells are
// converted as facts/fact_conversion.hpp describes. Every step is linear in the size of the file:
// a header of hundreds of thousands of columns is read as fast as as many rows.
//
// Rows are read as libcsv ends them, one at a time, into one reused buffer of cells: the text is
// never held a second time as cells, and a row costs no allocation for its cells. The same row
// reading serves the whole text (read_csv_portfolio, check_csv_portfolio) and a chunk of rows
// (csv_portfolio, csv_portfolio.hpp).
#include <csv.h>

#include <simdjson.h>

#include <cstdlib>
#include <exception>
#include <unordered_map>
#include <unordered_set>

#include "diagnostic_limits.hpp"
#include "facts/fact_conversion.hpp"
#include "facts/spelling.hpp"
#include "input_file.hpp"
#include "pack/json_reader.hpp"
#include "portfolio/csv_portfolio.hpp"
#include "portfolio/portfolio_readers.hpp"
#include "portfolio/record_check.hpp"
#include "portfolio/text_encoding.hpp"
#include "schedule/fact_timeline.hpp"

namespace qaf::detail {
namespace {

constexpr std::string_view history_prefix = "last_";
// last_<ACTIVITY>_outcome: what the activity in last_<ACTIVITY> found, for activities that declare
// outcomes.
constexpr std::string_view outcome_suffix = "_outcome";
constexpr std::size_t no_column = static_cast<std::size_t>(-1);

// Unknown columns past this many are reported without a "did you mean" suggestion: a suggestion
// costs an edit distance against every name of the pack, and a header of 200,000 misspelt
// columns is a wrong file, not 200,000 typos.
constexpr std::size_t suggested_columns = 100;

// What one header column holds.
struct column {
  enum class role { id, fact, history, outcome, ignored } kind = role::ignored;
  std::string name;      // the header text
  fact_column cell;      // fact: the fact (and key) its cells hold
  std::string activity;  // history, outcome: the activity code
};

std::string at(std::size_t row, std::size_t col) {
  return std::to_string(row) + ':' + std::to_string(col);
}

// One row's cells as libcsv hands them over, copied into one buffer that the next row reuses.
class row_cells {
 public:
  void add(const char* text, std::size_t size) {
    starts_.push_back(buffer_.size());
    buffer_.append(text, size);
  }
  void clear() noexcept {
    buffer_.clear();
    starts_.clear();
  }
  std::size_t size() const noexcept { return starts_.size(); }
  std::string_view operator[](std::size_t i) const noexcept {
    const std::size_t end = i + 1 < starts_.size() ? starts_[i + 1] : buffer_.size();
    return std::string_view(buffer_).substr(starts_[i], end - starts_[i]);
  }
  // A blank line: libcsv gives it as one empty cell.
  bool blank() const noexcept { return starts_.size() == 1 && buffer_.empty(); }

 private:
  std::string buffer_;
  std::vector<std::size_t> starts_;
};

// Where libcsv found the text malformed: the row it was in (from 1), the cell, and why.
struct csv_fault {
  std::size_t row = 0;
  std::size_t cell = 0;
  int error = 0;
};

std::string syntax_message(int error) {
  return std::string("malformed CSV: ") + csv_strerror(error) +
         " (a quote inside a quoted cell is written twice: \"\")";
}

// Runs libcsv over `text`, calling `on_row(cells, row)` as each row ends (rows from 1). An
// exception from `on_row` is not let through libcsv's C frames: the rest of the rows are skipped
// and it is thrown again once libcsv has returned.
template <class OnRow>
std::optional<csv_fault> parse_rows(std::string_view text, OnRow& on_row) {
  struct feed {
    OnRow& handle;
    row_cells cells;
    std::size_t rows = 0;
    std::exception_ptr failure;

    static void on_field(void* text, std::size_t size, void* self) {
      auto* f = static_cast<feed*>(self);
      if (f->failure) return;
      try {
        if (text == nullptr) {
          f->cells.add("", 0);
        } else {
          f->cells.add(static_cast<const char*>(text), size);
        }
      } catch (...) {
        f->failure = std::current_exception();
      }
    }
    static void on_row(int /*terminator*/, void* self) {
      auto* f = static_cast<feed*>(self);
      ++f->rows;
      if (f->failure) return;
      try {
        f->handle(f->cells, f->rows);
      } catch (...) {
        f->failure = std::current_exception();
      }
      f->cells.clear();
    }
  };
  feed rows{on_row, {}, 0, nullptr};
  csv_parser parser;
  if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
    throw std::bad_alloc();
  }
  const std::size_t used =
      csv_parse(&parser, text.data(), text.size(), feed::on_field, feed::on_row, &rows);
  const bool parsed =
      used == text.size() && csv_fini(&parser, feed::on_field, feed::on_row, &rows) == 0;
  const int error = parsed ? CSV_SUCCESS : csv_error(&parser);
  csv_free(&parser);
  if (rows.failure) std::rethrow_exception(rows.failure);
  if (error == CSV_ENOMEM || error == CSV_ETOOBIG) throw std::bad_alloc();
  if (parsed) return std::nullopt;
  return csv_fault{rows.rows + 1, rows.cells.size() + 1, error};
}

}  // namespace

// What the header says each column holds: read once, then shared, read only, by every row.
struct csv_layout {
  std::vector<column> columns;
  std::unordered_map<std::string, std::size_t> column_index;  // a name's first column
  std::size_t id_column = 0;
};

namespace {

class header_reader {
 public:
  header_reader(const pack_data& pack, diagnostics_sink& sink) : pack_(pack), sink_(sink) {}

  void read(const row_cells& header, csv_layout& layout) {
    std::vector<std::string> names;
    for (const fact_declaration& f : pack_.facts) {
      if (f.type == "object") {
        for (const std::string& k : f.keys) names.push_back(f.name + '.' + k);
      } else {
        names.push_back(f.name);
      }
    }
    for (const activity& a : pack_.activities) {
      names.push_back(std::string(history_prefix) + a.code);
      activities_.emplace(a.code);
      if (!a.outcomes.empty()) {
        names.push_back(std::string(history_prefix) + a.code + std::string(outcome_suffix));
        outcome_activities_.emplace(a.code);
      }
    }
    names.emplace_back("id");

    bool has_id = false;
    for (std::size_t i = 0; i < header.size(); ++i) {
      column c;
      c.name = header[i];
      const std::string where = at(1, i + 1);
      // Each later copy is reported once, against the first: never copy against copy.
      if (const auto [first, inserted] = layout.column_index.emplace(c.name, i); !inserted) {
        sink_.error("qaf.csv.duplicate_column", where,
                    "the column '" + c.name + "' appears twice (first as column " +
                        std::to_string(first->second + 1) + ")");
      }
      if (c.name == "id") {
        c.kind = column::role::id;
        has_id = true;
        layout.id_column = i;
      } else if (c.name.starts_with(history_prefix) &&
                 activities_.contains(c.name.substr(history_prefix.size()))) {
        c.kind = column::role::history;
        c.activity = c.name.substr(history_prefix.size());
      } else if (c.name.starts_with(history_prefix) && c.name.ends_with(outcome_suffix) &&
                 c.name.size() > history_prefix.size() + outcome_suffix.size() &&
                 outcome_activities_.contains(c.name.substr(
                     history_prefix.size(),
                     c.name.size() - history_prefix.size() - outcome_suffix.size()))) {
        c.kind = column::role::outcome;
        c.activity = c.name.substr(history_prefix.size(),
                                   c.name.size() - history_prefix.size() - outcome_suffix.size());
      } else if (const auto cell = resolve(c.name, where, names)) {
        c.kind = column::role::fact;
        c.cell = *cell;
      }
      layout.columns.push_back(std::move(c));
    }
    if (!has_id) sink_.error("qaf.portfolio.missing", at(1, 1), "the header has no 'id' column");
  }

 private:
  // A fact column: a fact's name, or an object fact's name and one of its keys.
  std::optional<fact_column> resolve(const std::string& name, const std::string& where,
                                     const std::vector<std::string>& names) {
    const fact_table& table = pack_.table;
    const auto dot = name.find('.');
    const auto fact = table.find(std::string_view(name).substr(0, dot));
    const bool is_object = fact && table.kind(*fact) == fact_kind::object;
    if (dot == std::string::npos && fact && !is_object) return fact_column{*fact, std::nullopt};
    if (dot == std::string::npos && is_object) {
      const auto& keys = table.declaration(*fact).keys;
      sink_.error("qaf.csv.unknown_column", where,
                  "'" + name + "' holds several values; give one column a key, e.g. '" + name +
                      '.' + (keys.empty() ? std::string("key") : keys.front()) + "'");
      return std::nullopt;
    }
    if (is_object) {
      if (const auto key = table.key_index(*fact, std::string_view(name).substr(dot + 1))) {
        return fact_column{*fact, key};
      }
    }
    const bool suggest = ++unknown_columns_ <= suggested_columns;
    sink_.error("qaf.csv.unknown_column", where,
                "'" + name + "' is not a fact of pack " + pack_.info.id +
                    ", an object fact's key (fact.key), last_<ACTIVITY> or "
                    "last_<ACTIVITY>_outcome" +
                    (suggest ? did_you_mean(closest_match(name, names)) : std::string()));
    return std::nullopt;
  }

  const pack_data& pack_;
  diagnostics_sink& sink_;
  std::unordered_set<std::string> activities_;
  std::unordered_set<std::string> outcome_activities_;  // the activities that record outcomes
  std::size_t unknown_columns_ = 0;
};

// Reads rows into records against a layout. One a thread: it keeps the last row's columns.
class row_reader {
 public:
  row_reader(const pack_data& pack, const csv_layout& layout) : pack_(pack), layout_(layout) {}

  // The row's record; each problem with a cell is reported at its row:column into `sink`, or
  // nowhere when `sink` is null (a row already checked).
  provider read(const row_cells& cells, std::size_t row, diagnostics_sink* sink) {
    provider record;
    found_.clear();
    row_history_.clear();
    row_outcome_.clear();
    outcome_cells_.clear();
    for (std::size_t i = 0; i < cells.size(); ++i) {
      const column& c = layout_.columns[i];
      const std::string_view cell = cells[i];
      if (cell.empty()) continue;  // unknown
      switch (c.kind) {
        case column::role::id:
          record.id = cell;
          break;
        case column::role::history: {
          std::string why;
          if (const auto d = date::try_parse(cell, sink != nullptr ? &why : nullptr)) {
            record.history.push_back({c.activity, *d});
            row_history_.push_back(i);
            row_outcome_.push_back(no_column);
          } else if (sink != nullptr) {
            sink->error("qaf.date.invalid", at(row, i + 1), why);
          }
          break;
        }
        case column::role::outcome:
          outcome_cells_.push_back(i);
          break;
        case column::role::fact: {
          // The cell's place is written only when it is reported: most cells are good.
          const std::size_t before = found_.size();
          if (!read_cell(pack_.table, c.cell, cell, record, {}, found_)) {
            for (std::size_t d = before; d < found_.size(); ++d) found_[d].pointer = at(row, i + 1);
          }
          break;
        }
        case column::role::ignored:
          break;
      }
    }
    if (sink != nullptr) {
      for (diagnostic& d : found_) sink->error(std::move(d.code), d.pointer, std::move(d.message));
    }
    // An outcome belongs to the record its activity's date column gives.
    for (const std::size_t i : outcome_cells_) {
      const column& c = layout_.columns[i];
      std::size_t entry = 0;
      while (entry < record.history.size() && record.history[entry].activity != c.activity) ++entry;
      if (entry == record.history.size()) {
        if (sink != nullptr) {
          sink->error("qaf.portfolio.missing", at(row, i + 1),
                      "an outcome belongs to the " + c.activity + " dated in last_" + c.activity +
                          ", which this row leaves empty");
        }
        continue;
      }
      record.history[entry].outcome = std::string(cells[i]);
      row_outcome_[entry] = i;
    }
    return record;
  }

  // Maps a pointer relative to the last row's record back to the cell it came from.
  std::string locate(std::string_view relative, std::size_t row) const {
    std::string_view rest = relative;
    std::string column_name;
    if (rest.empty() || rest == "/id") {  // the record itself is found by its id
      column_name = "id";
    } else if (rest.starts_with("/facts/")) {
      rest.remove_prefix(7);
      const auto slash = rest.find('/');
      column_name = slash == std::string_view::npos ? std::string(rest)
                                                    : std::string(rest.substr(0, slash)) + '.' +
                                                          std::string(rest.substr(slash + 1));
    } else if (rest.starts_with("/history/")) {
      rest.remove_prefix(9);
      const auto index = static_cast<std::size_t>(std::atoi(std::string(rest).c_str()));
      if (rest.ends_with("/outcome") && index < row_outcome_.size() &&
          row_outcome_[index] != no_column) {
        return at(row, row_outcome_[index] + 1);
      }
      if (index < row_history_.size()) return at(row, row_history_[index] + 1);
    }
    if (const auto found = layout_.column_index.find(column_name);
        found != layout_.column_index.end()) {
      return at(row, found->second + 1);
    }
    return at(row, 1);
  }

  // Reports a row whose cells do not match the header's; true when they do.
  bool fits(const row_cells& cells, std::size_t row, diagnostics_sink& sink) const {
    const std::size_t columns = layout_.columns.size();
    if (cells.size() == columns) return true;
    sink.error("qaf.csv.columns", at(row, std::min(cells.size(), columns) + 1),
               "this row has " + std::to_string(cells.size()) + " cells; the header has " +
                   std::to_string(columns));
    return false;
  }

  // Reads and checks a row: its cells, then the record as every reader checks it.
  provider check(const row_cells& cells, std::size_t row, diagnostics_sink& sink) {
    provider record = read(cells, row, &sink);
    check_record(
        pack_, record, [&](std::string_view relative) { return locate(relative, row); }, sink);
    return record;
  }

 private:
  const pack_data& pack_;
  const csv_layout& layout_;
  std::vector<diagnostic> found_;         // the last row's problems with its fact cells
  std::vector<std::size_t> row_history_;  // the column of each history entry of the last row
  std::vector<std::size_t> row_outcome_;  // ...and of its outcome (no_column: none)
  std::vector<std::size_t> outcome_cells_;
};

// Invalid UTF-8 is reported at every cell that holds it, and nothing else is read: the text
// would reach every message and output.
void report_invalid_cells(const row_cells& cells, std::size_t row, diagnostics_sink& sink) {
  for (std::size_t c = 0; c < cells.size(); ++c) {
    const std::string_view cell = cells[c];
    if (!simdjson::validate_utf8(cell.data(), cell.size())) {
      sink.error("qaf.portfolio.encoding", at(row, c + 1),
                 "the cell is not valid UTF-8; save the file as UTF-8");
    }
  }
}

// The whole text, a row at a time: each record checked, kept when `keep`; with `as_of`, and
// while nothing else is wrong, the records' facts against their dated changes into `changes`.
// The problems are those of reading every row first and then checking them: a syntax error
// anywhere is the one problem; then an empty file; then text that is not UTF-8; then the header.
std::optional<portfolio> read_whole(const pack_data& pack, std::string_view text,
                                    diagnostics_sink& sink, bool keep, std::optional<date> as_of,
                                    std::vector<diagnostic>& changes) {
  const std::size_t errors_before = sink.count();
  text = without_utf8_bom(text);
  const bool invalid = first_invalid_utf8(text).has_value();
  csv_layout layout;
  row_reader reader(pack, layout);
  bool reading = false;   // the header is good: read the rows
  std::size_t index = 0;  // the next record's index among the records
  std::unordered_map<std::string, std::string> seen;
  portfolio result;
  auto on_row = [&](const row_cells& cells, std::size_t row) {
    if (invalid) {
      report_invalid_cells(cells, row, sink);
      return;
    }
    if (row == 1) {
      header_reader(pack, sink).read(cells, layout);
      reading = sink.count() == errors_before;
      return;
    }
    if (!reading || cells.blank()) return;
    if (!reader.fits(cells, row, sink)) return;
    provider record = reader.read(cells, row, &sink);
    check_unique_id(record, at(row, layout.id_column + 1), seen, sink);
    check_record(
        pack, record, [&](std::string_view relative) { return reader.locate(relative, row); },
        sink);
    if (as_of && sink.count() == errors_before) {
      for (diagnostic d : check_changes(record, *as_of)) {
        d.pointer = "/providers/" + std::to_string(index) + d.pointer;
        changes.push_back(std::move(d));
      }
    }
    ++index;
    if (keep) result.providers.push_back(std::move(record));
  };
  std::size_t rows = 0;
  auto counted = [&](const row_cells& cells, std::size_t row) {
    rows = row;
    on_row(cells, row);
  };
  if (const std::optional<csv_fault> fault = parse_rows(text, counted)) {
    sink.all().resize(errors_before);
    changes.clear();
    sink.error("qaf.csv.syntax", at(fault->row, fault->cell), syntax_message(fault->error));
    return std::nullopt;
  }
  if (rows == 0) {
    sink.error("qaf.portfolio.missing", at(1, 1),
               "the file is empty; expected a header row with an 'id' column");
    return std::nullopt;
  }
  if (sink.count() != errors_before) return std::nullopt;
  return result;
}

}  // namespace

portfolio_result read_csv_portfolio(const pack_data& pack, std::string_view text,
                                    std::string_view file_name) {
  portfolio_result result;
  diagnostics_sink sink(std::string(file_name), result.diagnostics);
  std::vector<diagnostic> no_changes;
  result.portfolio = read_whole(pack, text, sink, /*keep=*/true, std::nullopt, no_changes);
  return result;
}

std::vector<diagnostic> check_csv_portfolio(const pack_data& pack, std::string_view text,
                                            std::string_view file, std::optional<date> as_of) {
  std::vector<diagnostic> changes;
  portfolio_result read = at_api_boundary<portfolio_result>(file, [&] {
    portfolio_result result;
    diagnostics_sink sink(std::string(file), result.diagnostics);
    read_whole(pack, text, sink, /*keep=*/false, as_of, changes);
    return result;
  });
  if (!read.diagnostics.empty()) return std::move(read.diagnostics);
  for (diagnostic& d : changes) d.file = file;
  return changes;
}

csv_portfolio::csv_portfolio(const pack_data& pack, std::string_view text)
    : pack_(pack), text_(text), layout_(std::make_unique<csv_layout>()) {}

csv_portfolio::~csv_portfolio() = default;

std::unique_ptr<csv_portfolio> csv_portfolio::open(const pack_data& pack, std::string_view text) {
  std::unique_ptr<csv_portfolio> csv(new csv_portfolio(pack, without_utf8_bom(text)));
  if (first_invalid_utf8(csv->text_)) return nullptr;
  std::size_t rows = 0;
  csv->body_start_ = csv->rows_end(0, 1, rows);
  if (rows == 0) return nullptr;
  std::vector<diagnostic> problems;
  diagnostics_sink sink("", problems);
  std::size_t headers = 0;
  auto on_header = [&](const row_cells& cells, std::size_t /*row*/) {
    if (++headers == 1) header_reader(pack, sink).read(cells, *csv->layout_);
  };
  if (parse_rows(csv->rows(0, csv->body_start_), on_header) || headers != 1 || !problems.empty()) {
    return nullptr;
  }
  return csv;
}

std::size_t csv_portfolio::rows_end(std::size_t from, std::size_t count, std::size_t& rows) const {
  // libcsv's rules: a row ends at a line feed or carriage return outside quotes, once anything
  // but spaces, tabs and line breaks has begun it (blank lines are no rows); a quote outside a
  // quoted cell opens one, and inside it closes it or, doubled, stands for itself, which toggles
  // twice. Text that breaks these rules fails libcsv's strict parse in the chunk that holds the
  // fault.
  rows = 0;
  bool quoted = false;
  bool begun = false;
  std::size_t at = from;
  while (at < text_.size()) {
    const char c = text_[at++];
    if (c == '"') {
      quoted = !quoted;
      begun = true;
    } else if (quoted) {
      continue;
    } else if (c == '\n' || c == '\r') {
      if (begun && ++rows == count) return at;
      begun = false;
    } else if (c != ' ' && c != '\t') {  // spaces and tabs alone begin no row
      begun = true;
    }
  }
  if (begun) ++rows;  // the last row, without a line break after it
  return at;
}

void csv_portfolio::check(std::string_view rows, std::size_t first_row, std::optional<date> as_of,
                          diagnostics_sink& sink,
                          std::vector<std::pair<std::string, std::string>>& ids) const {
  row_reader reader(pack_, *layout_);
  auto on_row = [&](const row_cells& cells, std::size_t local) {
    const std::size_t row = first_row + local - 1;
    if (cells.blank() || !reader.fits(cells, row, sink)) return;
    const std::size_t problems_before = sink.count();
    const provider record = reader.check(cells, row, sink);
    ids.emplace_back(record.id, at(row, layout_->id_column + 1));
    if (as_of && sink.count() == problems_before) {
      for (diagnostic d : check_changes(record, *as_of)) {
        sink.error(std::move(d.code), at(row, 1) + d.pointer, std::move(d.message));
      }
    }
  };
  if (const std::optional<csv_fault> fault = parse_rows(rows, on_row)) {
    sink.error("qaf.csv.syntax", at(first_row + fault->row - 1, fault->cell),
               syntax_message(fault->error));
  }
}

std::vector<provider> csv_portfolio::read(std::string_view rows) const {
  std::vector<provider> out;
  row_reader reader(pack_, *layout_);
  auto on_row = [&](const row_cells& cells, std::size_t row) {
    if (!cells.blank()) out.push_back(reader.read(cells, row, nullptr));
  };
  if (parse_rows(rows, on_row))
    throw std::logic_error("rows that passed their check were malformed");
  return out;
}

}  // namespace qaf::detail
