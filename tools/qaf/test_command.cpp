// qaf test PACK: runs the worked examples the pack carries. Each failure goes to stderr as
// file:pointer: code: message, pointing at the expectation that failed; the closing line says
// how many passed and failed. Exit 0 only when every test passed.
#include <ostream>
#include <string>

#include "command.hpp"
#include "job_options.hpp"
#include "qaf/pack.hpp"
#include "qaf/pack_test.hpp"

namespace qaf::cli {

int run_test(const invocation& call) {
  constexpr std::string_view usage = "qaf test PACK";
  const std::optional<parsed_options> parsed = parse_options(call, "test", {}, 1, usage);
  if (!parsed) return exit_failure;
  if (parsed->positional.empty()) {
    report(call.err, "test", "qaf.cli.usage", "which pack? usage: " + std::string(usage));
    return exit_failure;
  }
  const pack_result loaded = load_pack(parsed->positional.front());
  if (!loaded) {
    for (const diagnostic& d : loaded.diagnostics) print_diagnostic(call.err, d);
    return exit_failure;
  }
  const pack_test_report report = run_pack_tests(*loaded.pack);
  for (const diagnostic& d : report.failures) print_diagnostic(call.err, d);
  const std::string tally =
      std::to_string(report.passed) + " passed, " + std::to_string(report.failed) + " failed\n";
  if (!report.ok()) {
    call.err << tally;
    return exit_failure;
  }
  call.out << tally;
  return exit_ok;
}

}  // namespace qaf::cli
