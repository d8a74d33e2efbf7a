#include "qaf/portfolio.hpp"

#include <fstream>
#include <sstream>

#include "pack/json_reader.hpp"
#include "portfolio/portfolio_readers.hpp"
#include "portfolio/record_check.hpp"
#include "qaf/pack.hpp"

namespace qaf {

portfolio_result read_portfolio(const pack& rules, const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    portfolio_result result;
    result.diagnostics.push_back(
        {"qaf.portfolio.not_found", path, "", "cannot open the file for reading"});
    return result;
  }
  std::ostringstream text;
  text << file.rdbuf();
  if (path.ends_with(".csv")) return parse_portfolio_csv(rules, text.str(), path);
  return parse_portfolio_json(rules, text.str(), path);
}

portfolio_result parse_portfolio_json(const pack& rules, std::string_view text,
                                      std::string_view file_name) {
  return detail::read_json_portfolio(rules.data(), text, file_name);
}

portfolio_result parse_portfolio_csv(const pack& rules, std::string_view text,
                                     std::string_view file_name) {
  return detail::read_csv_portfolio(rules.data(), text, file_name);
}

std::vector<diagnostic> check_provider(const pack& rules, const provider& record) {
  std::vector<diagnostic> found;
  detail::diagnostics_sink sink("<record " + record.id + ">", found);
  detail::check_record(
      rules.data(), record, [](std::string_view relative) { return std::string(relative); }, sink);
  return found;
}

}  // namespace qaf
