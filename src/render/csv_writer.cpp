#include "render/csv_writer.hpp"

#include "render/safe_text.hpp"

namespace qaf::detail {

std::string csv_cell(std::string_view text) {
  const bool formula = is_formula_like(text);
  // Appended, not `"'" + escaped_text(text)`: GCC 12 warns (-Wrestrict) on the inlined insert at
  // the front of a temporary, a false alarm, and the append moves no bytes.
  std::string safe;
  if (formula) safe += '\'';
  safe += escaped_text(text);
  if (!formula && safe.find_first_of(",\"") == std::string::npos) return safe;
  std::string quoted = "\"";
  for (const char c : safe) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + '"';
}

// csv_cell's bytes, written straight to the stream when escaping would change nothing, as for
// nearly every cell (ids, levels, dates, rule ids and texts): csv_cell builds three strings a
// cell, which were most of the cost of writing CSV.
void csv_writer::cell(std::string_view text, bool first) {
  if (!first) out_.put(',');
  if (!unchanged_by_escaping(text)) {
    out_ << csv_cell(text);
    return;
  }
  const bool formula = is_formula_like(text);
  if (!formula && text.find_first_of(",\"") == std::string_view::npos) {
    out_.write(text.data(), static_cast<std::streamsize>(text.size()));
    return;
  }
  out_.put('"');
  if (formula) out_.put('\'');
  for (std::size_t quote = text.find('"'); quote != std::string_view::npos;
       quote = text.find('"')) {
    out_.write(text.data(), static_cast<std::streamsize>(quote + 1));
    out_.put('"');
    text.remove_prefix(quote + 1);
  }
  out_.write(text.data(), static_cast<std::streamsize>(text.size()));
  out_.put('"');
}

void csv_writer::row(const std::vector<std::string>& cells) {
  bool first = true;
  for (const std::string& c : cells) {
    cell(c, first);
    first = false;
  }
  out_ << "\r\n";
}

void csv_writer::row(std::initializer_list<std::string_view> cells) {
  bool first = true;
  for (std::string_view c : cells) {
    cell(c, first);
    first = false;
  }
  out_ << "\r\n";
}

}  // namespace qaf::detail
