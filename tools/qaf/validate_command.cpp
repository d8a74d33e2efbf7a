// qaf validate PACK [--portfolio F]: `ok` when the pack loads, its own tests pass (and the
// portfolio fits it), else every problem, one a line, as file:pointer: message.
#include <ostream>
#include <string>

#include "command.hpp"
#include "job_options.hpp"
#include "qaf/pack.hpp"
#include "qaf/pack_test.hpp"
#include "qaf/portfolio.hpp"

namespace qaf::cli {

int run_validate(const invocation& call) {
  std::string pack_name;
  std::string portfolio_path;
  for (std::size_t i = 0; i < call.args.size(); ++i) {
    const std::string_view arg = call.args[i];
    if (arg == "--portfolio" && i + 1 < call.args.size()) {
      portfolio_path = std::string(call.args[++i]);
    } else if (!arg.starts_with("--") && pack_name.empty()) {
      pack_name = std::string(arg);
    } else {
      call.err << "qaf validate: unexpected argument '" << arg
               << "'; usage: qaf validate PACK [--portfolio F]\n";
      return exit_failure;
    }
  }
  if (pack_name.empty()) {
    call.err << "qaf validate: usage: qaf validate PACK [--portfolio F]\n";
    return exit_failure;
  }
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
  if (!portfolio_path.empty()) {
    const portfolio_result read = read_portfolio(*loaded.pack, portfolio_path);
    if (!read) {
      for (const diagnostic& d : read.diagnostics) print_diagnostic(call.err, d);
      return exit_failure;
    }
  }
  call.out << "ok\n";
  return exit_ok;
}

}  // namespace qaf::cli
