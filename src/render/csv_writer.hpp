// Writes RFC 4180 CSV: a header, then rows; cells with commas, quotes or line breaks are quoted.
//
// Every cell is made safe on the way out, whoever wrote it (issue 11): malformed UTF-8 becomes
// U+FFFD, control characters are escaped as in a text report ("\n", "\u001b"), so a row is
// always one line, and a cell a spreadsheet could run as a formula (starting with = + - @, a tab
// or a CR) is neutralised as OWASP advises: prefixed with a single quote and quoted. A cell that
// is exactly a number ("-3", "-1.5e+20") is left alone: a spreadsheet reads it as that number,
// so negative numbers stay numbers whether qaf or a user wrote them.
#pragma once

#include <initializer_list>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace qaf::detail {

class csv_writer {
 public:
  explicit csv_writer(std::ostream& out) : out_(out) {}

  void row(const std::vector<std::string>& cells);
  void row(std::initializer_list<std::string_view> cells);

 private:
  void cell(std::string_view text, bool first);
  std::ostream& out_;
};

/// One cell as csv_writer writes it, without the separating comma.
std::string csv_cell(std::string_view text);

}  // namespace qaf::detail
