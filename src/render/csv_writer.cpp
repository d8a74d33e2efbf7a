#include "render/csv_writer.hpp"

#include "render/safe_text.hpp"

namespace qaf::detail {
namespace {

// A cell the general path below would give back as it stands: printable ASCII only (well formed,
// no control character to escape), no comma or quote (nothing to quote), not formula-like. Most
// cells are (ids, levels, dates, rule ids), and for them the three strings the general path
// builds were most of the cost of writing CSV.
bool plain_cell(std::string_view text) noexcept {
  for (const char c : text) {
    if (c < ' ' || c > '~' || c == ',' || c == '"') return false;
  }
  return !is_formula_like(text);
}

}  // namespace

std::string csv_cell(std::string_view text) {
  if (plain_cell(text)) return std::string(text);
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

void csv_writer::cell(std::string_view text, bool first) {
  if (!first) out_.put(',');
  if (plain_cell(text)) {
    out_.write(text.data(), static_cast<std::streamsize>(text.size()));
  } else {
    out_ << csv_cell(text);
  }
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
