#include "qaf/portfolio.hpp"

#include "diagnostic_limits.hpp"
#include "input_file.hpp"
#include "pack/json_reader.hpp"
#include "portfolio/portfolio_readers.hpp"
#include "portfolio/record_check.hpp"
#include "qaf/pack.hpp"

namespace qaf {

portfolio_result read_portfolio(const pack& rules, const std::string& path) {
  return detail::at_api_boundary<portfolio_result>(path, [&] {
    portfolio_result result;
    const std::optional<std::string> text = detail::read_input_file(
        {path, detail::max_portfolio_bytes, "qaf.portfolio.not_found", "no file has this path"},
        result.diagnostics);
    if (!text) return result;
    if (path.ends_with(".csv")) return parse_portfolio_csv(rules, *text, path);
    return parse_portfolio_json(rules, *text, path);
  });
}

portfolio_result parse_portfolio_json(const pack& rules, std::string_view text,
                                      std::string_view file_name) {
  return detail::at_api_boundary<portfolio_result>(
      file_name, [&] { return detail::read_json_portfolio(rules.data(), text, file_name); });
}

portfolio_result parse_portfolio_csv(const pack& rules, std::string_view text,
                                     std::string_view file_name) {
  return detail::at_api_boundary<portfolio_result>(
      file_name, [&] { return detail::read_csv_portfolio(rules.data(), text, file_name); });
}

std::vector<diagnostic> check_provider(const pack& rules, const provider& record) {
  std::vector<diagnostic> found;
  detail::diagnostics_sink sink("<record " + record.id + ">", found);
  detail::check_record(
      rules.data(), record, [](std::string_view relative) { return std::string(relative); }, sink);
  return found;
}

}  // namespace qaf
