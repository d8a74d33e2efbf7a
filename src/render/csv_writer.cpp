#include "render/csv_writer.hpp"

#include "render/safe_text.hpp"

namespace qaf::detail {

std::string csv_cell(std::string_view text) {
  const bool formula = is_formula_like(text);
  std::string safe = (formula ? "'" : "") + escaped_text(text);
  if (!formula && safe.find_first_of(",\"") == std::string::npos) return safe;
  std::string quoted = "\"";
  for (const char c : safe) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + '"';
}

void csv_writer::cell(std::string_view text, bool first) {
  if (!first) out_ << ',';
  out_ << csv_cell(text);
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
