// Reads CSV portfolios (one provider a row) with libcsv, which handles RFC 4180 quoting; this file
// maps columns to facts and history, and reports every problem at its row and column. Cells are
// converted as facts/fact_conversion.hpp describes. Every step is linear in the size of the file:
// a header of hundreds of thousands of columns is read as fast as as many rows.
#include <csv.h>

#include <simdjson.h>

#include <cstdlib>
#include <unordered_map>
#include <unordered_set>

#include "facts/fact_conversion.hpp"
#include "facts/spelling.hpp"
#include "input_file.hpp"
#include "pack/json_reader.hpp"
#include "portfolio/portfolio_readers.hpp"
#include "portfolio/record_check.hpp"
#include "portfolio/text_encoding.hpp"

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

// Collects libcsv's fields into rows.
struct csv_rows {
  std::vector<std::vector<std::string>> rows{1};

  static void on_field(void* text, std::size_t size, void* self) {
    auto* rows = static_cast<csv_rows*>(self);
    rows->rows.back().emplace_back(text == nullptr ? "" : static_cast<const char*>(text), size);
  }
  static void on_row(int /*terminator*/, void* self) {
    static_cast<csv_rows*>(self)->rows.emplace_back();
  }
};

std::string at(std::size_t row, std::size_t col) {
  return std::to_string(row) + ':' + std::to_string(col);
}

class csv_reader {
 public:
  csv_reader(const pack_data& pack, diagnostics_sink& sink) : pack_(pack), sink_(sink) {}

  std::optional<portfolio> read(std::string_view text) {
    const std::size_t errors_before = sink_.count();
    text = without_utf8_bom(text);
    csv_rows parsed;
    if (!split(text, parsed)) return std::nullopt;
    std::vector<std::vector<std::string>>& rows = parsed.rows;
    while (!rows.empty() && rows.back().empty()) rows.pop_back();
    if (rows.empty()) {
      sink_.error("qaf.portfolio.missing", at(1, 1),
                  "the file is empty; expected a header row with an 'id' column");
      return std::nullopt;
    }
    // Invalid UTF-8 is reported at every cell that holds it, and nothing else is read: the text
    // would reach every message and output.
    if (first_invalid_utf8(text)) {
      report_invalid_cells(rows);
      return std::nullopt;
    }
    read_header(rows.front());
    if (sink_.count() != errors_before) return std::nullopt;

    portfolio result;
    std::unordered_map<std::string, std::string> seen;
    for (std::size_t r = 1; r < rows.size(); ++r) {
      const std::size_t row_number = r + 1;
      const std::vector<std::string>& cells = rows[r];
      if (cells.size() == 1 && cells.front().empty()) continue;  // a blank line
      if (cells.size() != columns_.size()) {
        sink_.error("qaf.csv.columns", at(row_number, std::min(cells.size(), columns_.size()) + 1),
                    "this row has " + std::to_string(cells.size()) + " cells; the header has " +
                        std::to_string(columns_.size()));
        continue;
      }
      provider record = read_row(cells, row_number);
      check_unique_id(record, at(row_number, id_column_ + 1), seen, sink_);
      check_record(
          pack_, record, [&](std::string_view relative) { return locate(relative, row_number); },
          sink_);
      result.providers.push_back(std::move(record));
    }
    if (sink_.count() != errors_before) return std::nullopt;
    return result;
  }

 private:
  bool split(std::string_view text, csv_rows& rows) {
    csv_parser parser;
    if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
      throw std::bad_alloc();
    }
    const std::size_t used =
        csv_parse(&parser, text.data(), text.size(), csv_rows::on_field, csv_rows::on_row, &rows);
    const bool parsed =
        used == text.size() && csv_fini(&parser, csv_rows::on_field, csv_rows::on_row, &rows) == 0;
    if (!parsed) {
      const int error = csv_error(&parser);
      if (error == CSV_ENOMEM || error == CSV_ETOOBIG) {
        csv_free(&parser);
        throw std::bad_alloc();
      }
      sink_.error("qaf.csv.syntax", at(rows.rows.size(), rows.rows.back().size() + 1),
                  std::string("malformed CSV: ") + csv_strerror(error) +
                      " (a quote inside a quoted cell is written twice: \"\")");
    }
    csv_free(&parser);
    return parsed;
  }

  void report_invalid_cells(const std::vector<std::vector<std::string>>& rows) {
    for (std::size_t r = 0; r < rows.size(); ++r) {
      for (std::size_t c = 0; c < rows[r].size(); ++c) {
        const std::string& cell = rows[r][c];
        if (!simdjson::validate_utf8(cell.data(), cell.size())) {
          sink_.error("qaf.portfolio.encoding", at(r + 1, c + 1),
                      "the cell is not valid UTF-8; save the file as UTF-8");
        }
      }
    }
  }

  void read_header(const std::vector<std::string>& header) {
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
      if (const auto [first, inserted] = column_index_.emplace(c.name, i); !inserted) {
        sink_.error("qaf.csv.duplicate_column", where,
                    "the column '" + c.name + "' appears twice (first as column " +
                        std::to_string(first->second + 1) + ")");
      }
      if (c.name == "id") {
        c.kind = column::role::id;
        has_id = true;
        id_column_ = i;
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
      columns_.push_back(std::move(c));
    }
    if (!has_id) sink_.error("qaf.portfolio.missing", at(1, 1), "the header has no 'id' column");
  }

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

  provider read_row(const std::vector<std::string>& cells, std::size_t row) {
    provider record;
    std::vector<diagnostic> found;
    row_history_.clear();
    row_outcome_.clear();
    std::vector<std::size_t> outcome_cells;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      const column& c = columns_[i];
      const std::string& cell = cells[i];
      if (cell.empty()) continue;  // unknown
      switch (c.kind) {
        case column::role::id:
          record.id = cell;
          break;
        case column::role::history:
          if (auto d = parse_cell_date(cell, at(row, i + 1))) {
            record.history.push_back({c.activity, *d});
            row_history_.push_back(i);
            row_outcome_.push_back(no_column);
          }
          break;
        case column::role::outcome:
          outcome_cells.push_back(i);
          break;
        case column::role::fact:
          read_cell(pack_.table, c.cell, cell, record, at(row, i + 1), found);
          break;
        case column::role::ignored:
          break;
      }
    }
    for (diagnostic& d : found) sink_.error(std::move(d.code), d.pointer, std::move(d.message));
    // An outcome belongs to the record its activity's date column gives.
    for (const std::size_t i : outcome_cells) {
      const column& c = columns_[i];
      std::size_t entry = 0;
      while (entry < record.history.size() && record.history[entry].activity != c.activity) ++entry;
      if (entry == record.history.size()) {
        sink_.error("qaf.portfolio.missing", at(row, i + 1),
                    "an outcome belongs to the " + c.activity + " dated in last_" + c.activity +
                        ", which this row leaves empty");
        continue;
      }
      record.history[entry].outcome = cells[i];
      row_outcome_[entry] = i;
    }
    return record;
  }

  std::optional<date> parse_cell_date(const std::string& cell, const std::string& where) {
    std::string why;
    if (auto d = date::try_parse(cell, &why)) return d;
    sink_.error("qaf.date.invalid", where, why);
    return std::nullopt;
  }

  // Maps a record-relative pointer back to the cell it came from.
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
    if (const auto found = column_index_.find(column_name); found != column_index_.end()) {
      return at(row, found->second + 1);
    }
    return at(row, 1);
  }

  const pack_data& pack_;
  diagnostics_sink& sink_;
  std::vector<column> columns_;
  std::unordered_map<std::string, std::size_t> column_index_;  // a name's first column
  std::unordered_set<std::string> activities_;
  std::unordered_set<std::string> outcome_activities_;  // the activities that record outcomes
  std::vector<std::size_t> row_history_;  // the column of each history entry of the last row
  std::vector<std::size_t> row_outcome_;  // ...and of its outcome (no_column: none)
  std::size_t id_column_ = 0;
  std::size_t unknown_columns_ = 0;
};

}  // namespace

portfolio_result read_csv_portfolio(const pack_data& pack, std::string_view text,
                                    std::string_view file_name) {
  portfolio_result result;
  diagnostics_sink sink(std::string(file_name), result.diagnostics);
  csv_reader reader(pack, sink);
  result.portfolio = reader.read(text);
  return result;
}

}  // namespace qaf::detail
