#include "render/csv_writer.hpp"

namespace qaf::detail {

void csv_writer::cell(std::string_view text, bool first) {
  if (!first) out_ << ',';
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
    out_ << text;
    return;
  }
  out_ << '"';
  for (char c : text) {
    if (c == '"') out_ << '"';
    out_ << c;
  }
  out_ << '"';
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
