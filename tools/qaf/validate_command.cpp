// qaf validate PACK [--portfolio F]: `ok` when the pack loads, its own tests pass (and the
// portfolio fits it), else every problem, one a line, as file:pointer: message. PACK may be left
// out when the portfolio names its pack.
#include <ostream>
#include <string>

#include "command.hpp"
#include "job_options.hpp"
#include "qaf/pack.hpp"
#include "qaf/pack_test.hpp"
#include "qaf/portfolio.hpp"

namespace qaf::cli {

int run_validate(const invocation& call) {
  constexpr std::string_view usage = "qaf validate [PACK] [--portfolio F]";
  constexpr std::string_view allowed[] = {"--portfolio"};
  const std::optional<parsed_options> parsed = parse_options(call, "validate", allowed, 1, usage);
  if (!parsed) return exit_failure;
  const auto portfolio = parsed->values.find("--portfolio");
  std::optional<std::string> named;
  if (!parsed->positional.empty()) {
    named = std::string(parsed->positional.front());
  } else if (portfolio != parsed->values.end()) {
    named = portfolio_pack_name(portfolio->second);
  }
  if (!named) {
    report(call.err, "validate", "qaf.cli.usage",
           "which pack? Name it, or give a portfolio that names one; usage: " + std::string(usage));
    return exit_failure;
  }
  const std::string pack_name = *named;
  const pack_result loaded = load_pack(pack_name);
  if (!loaded) {
    for (const diagnostic& d : loaded.diagnostics) print_diagnostic(call.err, d);
    return exit_failure;
  }
  // A pack whose worked examples disagree with the engine says something its rules do not.
  const pack_test_report tests = run_pack_tests(*loaded.pack);
  if (!tests.ok()) {
    for (const diagnostic& d : tests.failures) print_diagnostic(call.err, d);
    return exit_failure;
  }
  if (portfolio != parsed->values.end()) {
    // JSON, JSON Lines or CSV, checked a chunk at a time on every core.
    const std::vector<diagnostic> problems = check_portfolio(*loaded.pack, portfolio->second, 0);
    if (!problems.empty()) {
      for (const diagnostic& d : problems) print_diagnostic(call.err, d);
      return exit_failure;
    }
  }
  call.out << "ok\n";
  return exit_ok;
}

}  // namespace qaf::cli
