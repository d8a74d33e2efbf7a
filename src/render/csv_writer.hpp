// Writes RFC 4180 CSV: a header, then rows; cells with commas, quotes or line breaks are quoted.
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

}  // namespace qaf::detail
