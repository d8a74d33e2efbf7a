// Reads CSV portfolios (one provider a row) with libcsv, which handles RFC 4180 quoting; this file
// maps columns to facts and history, and reports every problem at its row and column.
#include <csv.h>

#include <charconv>
#include <cstdlib>
#include <unordered_map>

#include "facts/spelling.hpp"
#include "pack/json_reader.hpp"
#include "portfolio/portfolio_readers.hpp"
#include "portfolio/record_check.hpp"

namespace qaf::detail {
namespace {

constexpr std::string_view history_prefix = "last_";

// What one header column holds.
struct column {
  enum class role { id, fact, object_key, history } kind = role::fact;
  std::string name;  // the header text
  const fact_declaration* fact = nullptr;
  std::string key;       // object_key: the key within the object fact
  std::string activity;  // history: the activity code
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
    csv_rows parsed;
    if (!split(text, parsed)) return std::nullopt;
    std::vector<std::vector<std::string>>& rows = parsed.rows;
    while (!rows.empty() && rows.back().empty()) rows.pop_back();
    if (rows.empty()) {
      sink_.error("qaf.portfolio.missing", at(1, 1),
                  "the file is empty; expected a header row with an 'id' column");
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

  void read_header(const std::vector<std::string>& header) {
    std::vector<std::string> names;
    for (const fact_declaration& f : pack_.facts) {
      if (f.type == "object") {
        for (const std::string& k : f.keys) names.push_back(f.name + '.' + k);
      } else {
        names.push_back(f.name);
      }
    }
    for (const activity& a : pack_.activities)
      names.push_back(std::string(history_prefix) + a.code);
    names.emplace_back("id");

    bool has_id = false;
    for (std::size_t i = 0; i < header.size(); ++i) {
      column c;
      c.name = header[i];
      const std::string where = at(1, i + 1);
      for (std::size_t j = 0; j < i; ++j) {
        if (header[j] == c.name) {
          sink_.error("qaf.csv.duplicate_column", where,
                      "the column '" + c.name + "' appears twice (first as column " +
                          std::to_string(j + 1) + ")");
        }
      }
      if (c.name == "id") {
        c.kind = column::role::id;
        has_id = true;
        id_column_ = i;
      } else if (c.name.starts_with(history_prefix) &&
                 find_activity(c.name.substr(history_prefix.size()))) {
        c.kind = column::role::history;
        c.activity = c.name.substr(history_prefix.size());
      } else if (const auto dot = c.name.find('.'); dot != std::string::npos) {
        c.kind = column::role::object_key;
        c.fact = find_fact(c.name.substr(0, dot));
        c.key = c.name.substr(dot + 1);
        if (c.fact == nullptr || c.fact->type != "object" ||
            std::find(c.fact->keys.begin(), c.fact->keys.end(), c.key) == c.fact->keys.end()) {
          unknown_column(c.name, where, names);
        }
      } else if ((c.fact = find_fact(c.name)) == nullptr) {
        unknown_column(c.name, where, names);
      } else if (c.fact->type == "object") {
        sink_.error("qaf.csv.unknown_column", where,
                    "'" + c.name + "' holds several values; give one column a key, e.g. '" +
                        c.name + '.' +
                        (c.fact->keys.empty() ? std::string("key") : c.fact->keys.front()) + "'");
      }
      columns_.push_back(std::move(c));
    }
    if (!has_id) sink_.error("qaf.portfolio.missing", at(1, 1), "the header has no 'id' column");
  }

  void unknown_column(const std::string& name, const std::string& where,
                      const std::vector<std::string>& names) {
    sink_.error("qaf.csv.unknown_column", where,
                "'" + name + "' is not a fact of pack " + pack_.info.id +
                    ", an object fact's key (fact.key) or last_<ACTIVITY>" +
                    did_you_mean(closest_match(name, names)));
  }

  const fact_declaration* find_fact(std::string_view name) const {
    for (const fact_declaration& f : pack_.facts) {
      if (f.name == name) return &f;
    }
    return nullptr;
  }

  bool find_activity(std::string_view code) const {
    return std::any_of(pack_.activities.begin(), pack_.activities.end(),
                       [&](const activity& a) { return a.code == code; });
  }

  provider read_row(const std::vector<std::string>& cells, std::size_t row) {
    provider record;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      const column& c = columns_[i];
      const std::string& cell = cells[i];
      if (cell.empty()) continue;  // unknown
      const std::string where = at(row, i + 1);
      switch (c.kind) {
        case column::role::id:
          record.id = cell;
          break;
        case column::role::history:
          if (auto d = parse_cell_date(cell, where)) record.history.push_back({c.activity, *d});
          break;
        case column::role::object_key: {
          auto& value = record.facts[c.fact->name];
          if (!std::holds_alternative<fact_object>(value)) value = fact_object{};
          std::get<fact_object>(value)[c.key] = cell;
          break;
        }
        case column::role::fact:
          if (auto value = parse_cell(*c.fact, cell, where))
            record.facts[c.fact->name] = std::move(*value);
          break;
      }
    }
    return record;
  }

  std::optional<date> parse_cell_date(const std::string& cell, const std::string& where) {
    std::string why;
    if (auto d = date::try_parse(cell, &why)) return d;
    sink_.error("qaf.date.invalid", where, why);
    return std::nullopt;
  }

  // A cell's text as the declared type; enumerations stay text and are checked with the record.
  std::optional<fact_value> parse_cell(const fact_declaration& fact, const std::string& cell,
                                       const std::string& where) {
    if (fact.nullable && cell == "null") return fact_value(nullptr);
    if (fact.type == "boolean") {
      if (cell == "true") return fact_value(true);
      if (cell == "false") return fact_value(false);
      sink_.error("qaf.fact.type", where,
                  "'" + fact.name + "' is true or false; found '" + cell + "'");
      return std::nullopt;
    }
    if (fact.type == "integer") {
      std::int64_t n = 0;
      const auto [end, error] = std::from_chars(cell.data(), cell.data() + cell.size(), n);
      if (error == std::errc() && end == cell.data() + cell.size()) return fact_value(n);
      sink_.error("qaf.fact.type", where,
                  "'" + fact.name + "' is a whole number; found '" + cell + "'");
      return std::nullopt;
    }
    if (fact.type == "number") {
      char* end = nullptr;
      const double x = std::strtod(cell.c_str(), &end);
      if (end == cell.c_str() + cell.size() && std::isfinite(x)) return fact_value(x);
      sink_.error("qaf.fact.type", where, "'" + fact.name + "' is a number; found '" + cell + "'");
      return std::nullopt;
    }
    if (fact.type == "date") {
      if (auto d = parse_cell_date(cell, where)) return fact_value(*d);
      return std::nullopt;
    }
    return fact_value(cell);
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
      std::size_t seen = 0;
      for (std::size_t i = 0; i < columns_.size(); ++i) {
        if (columns_[i].kind == column::role::history && seen++ == index) return at(row, i + 1);
      }
    }
    for (std::size_t i = 0; i < columns_.size(); ++i) {
      if (columns_[i].name == column_name) return at(row, i + 1);
    }
    return at(row, 1);
  }

  const pack_data& pack_;
  diagnostics_sink& sink_;
  std::vector<column> columns_;
  std::size_t id_column_ = 0;
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
