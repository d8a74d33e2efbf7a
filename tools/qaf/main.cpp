// qaf: the command-line program. Dispatches to one function per command and guarantees that
// nothing partial reaches stdout: a command's output is buffered and printed only on success.
#include <exception>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "command.hpp"
#include "qaf/version.hpp"

namespace {

struct command {
  std::string_view name;
  std::string_view usage;
  std::string_view summary;
  int (*run)(const qaf::cli::invocation&);
};

constexpr command commands[] = {
    {"packs", "packs", "list the bundled rule packs: id, title, version, source",
     qaf::cli::run_packs},
    {"validate", "validate PACK [--portfolio F]",
     "check a pack (a bundled id or a file), run its tests, and check a portfolio against it",
     qaf::cli::run_validate},
    {"schedule",
     "schedule --pack P --portfolio F --from D --to D [--as-of D] [--format json|csv|ics]",
     "occurrences due in [from, to], overdue ones, minimum visits and workload",
     qaf::cli::run_schedule},
    {"rate", "rate --pack P --portfolio F [--as-of D] [--format json|csv]",
     "every classification scheme (PQR, threshold, RAG) for every provider, with reasons",
     qaf::cli::run_rate},
    {"kpi", "kpi --pack P --portfolio F [--as-of D] [--format json|csv]",
     "KPI status per provider, KPI and return period, with consequences", qaf::cli::run_kpi},
    {"assess", "assess --pack P --portfolio F [--as-of D] [--format json|text]",
     "all of the above for the 12 months after as-of, with obligations from events",
     qaf::cli::run_assess},
    {"test", "test PACK", "run the worked examples the pack carries; exit 1 on any failure",
     qaf::cli::run_test},
    {"calendar", "calendar add-working-days D N [--region R] | calendar holidays YEAR [--region R]",
     "working-day arithmetic and bank holidays", qaf::cli::run_calendar},
};

void print_help(std::ostream& out) {
  out << "qaf " << qaf::version()
      << " - quality assurance frameworks for commissioned care, as executable rules\n\n"
         "usage: qaf <command> [options]\n\ncommands:\n";
  for (const command& c : commands) out << "  " << c.usage << "\n      " << c.summary << '\n';
  out << "  --help      this text\n  --version   the library version\n";
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string_view> args(argv + 1, argv + argc);
  if (args.empty()) {
    print_help(std::cerr);
    return qaf::cli::exit_failure;
  }
  if (args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    print_help(std::cout);
    return qaf::cli::exit_ok;
  }
  if (args[0] == "--version") {
    std::cout << qaf::version() << '\n';
    return qaf::cli::exit_ok;
  }
  for (const command& c : commands) {
    if (c.name != args[0]) continue;
    std::ostringstream out;
    int status = qaf::cli::exit_failure;
    try {
      status = c.run({std::span(args).subspan(1), out, std::cerr});
    } catch (const std::exception& e) {
      std::cerr << "qaf " << c.name << ": " << e.what() << '\n';
      return qaf::cli::exit_failure;
    }
    if (status == qaf::cli::exit_ok) std::cout << out.str() << std::flush;
    return status;
  }
  std::cerr << "qaf: unknown command '" << args[0] << "'; see qaf --help\n";
  return qaf::cli::exit_failure;
}
