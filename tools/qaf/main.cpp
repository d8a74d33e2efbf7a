// qaf: the command-line program. Dispatches to one function per command and guarantees that
// nothing partial reaches stdout: a command's output is buffered and printed only on success, or
// streamed (schedule, rate, kpi, assess) only once all of its input has been checked.
// It is also the boundary where every exception stops (issue 11): a date computed past the
// supported range or a bank holiday asked outside the known years is the input's fault (exit 1),
// anything else is a bug (exit 70, EX_SOFTWARE); both print a coded message, never abort. And
// stdout is checked: a write that fails (a full disk, a file-size limit) is exit 1, not success.
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <exception>
#include <iostream>
#include <new>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "command.hpp"
#include "job_options.hpp"
#include "qaf/date.hpp"
#include "qaf/version.hpp"
#include "render/result_stream.hpp"

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
    {"validate", "validate [PACK] [--portfolio F]",
     "check a pack (a bundled id or a file), run its tests, and check a portfolio against it",
     qaf::cli::run_validate},
    {"schedule",
     "schedule --pack P --portfolio F --from D --to D [--as-of D] [--format json|jsonl|csv|ics]",
     "occurrences due in [from, to], overdue ones, minimum visits and workload",
     qaf::cli::run_schedule},
    {"rate", "rate --pack P --portfolio F [--as-of D] [--format json|jsonl|csv] [--threads N]",
     "every classification scheme (PQR, threshold, RAG) for every provider, with reasons",
     qaf::cli::run_rate},
    {"kpi", "kpi --pack P --portfolio F [--as-of D] [--format json|jsonl|csv] [--threads N]",
     "KPI status per provider, KPI and return period, with consequences", qaf::cli::run_kpi},
    {"assess",
     "assess --pack P --portfolio F [--as-of D] [--format json|jsonl|text|html] [--threads N]",
     "all of the above for the 12 months after as-of, and a portfolio summary; html is one page",
     qaf::cli::run_assess},
    {"test", "test PACK", "run the worked examples the pack carries; exit 1 on any failure",
     qaf::cli::run_test},
    {"diff", "diff PACK_A PACK_B [--portfolio F] [--as-of D] [--format json|text]",
     "rules added, removed or changed between two packs, and the providers whose results change",
     qaf::cli::run_diff},
    {"calendar", "calendar add-working-days D N [--region R] | calendar holidays YEAR [--region R]",
     "working-day arithmetic and bank holidays", qaf::cli::run_calendar},
};

void print_help(std::ostream& out) {
  out << "qaf " << qaf::version()
      << " - quality assurance frameworks for commissioned care, as executable rules\n\n"
         "usage: qaf <command> [options]\n\ncommands:\n";
  for (const command& c : commands) out << "  " << c.usage << "\n      " << c.summary << '\n';
  out << "  --help      this text\n  --version   the library version\n\n"
         "schedule, rate, kpi and assess also take --threads N (default: every core; the output\n"
         "is the same whatever N) and --explain (each rule's text, source and condition inline,\n"
         "and for rate and assess how each reason's condition came out, test by test).\n"
         "A portfolio is JSON, JSON Lines (.jsonl, one record a line) or CSV (.csv).\n"
         "--pack may be left out when the portfolio names its pack ({\"pack\": \"<id>\", ...}).\n";
}

// Writes `text` to stdout (after anything streamed there) and closes it, so that every error
// surfaces here: a failed write, a failed flush (ENOSPC on /dev/full) or a failed close. Returns
// the exit status.
int write_stdout(std::string_view name, const std::string& text) {
  // The first errno set is the cause; later calls may fail only because of it. A streaming
  // command's failed writes leave std::cout failed, and errno as the first one set it.
  if (std::cout) errno = 0;
  std::cout << text;
  std::cout.flush();
  const bool written = static_cast<bool>(std::cout);
  int error = errno;
  const bool flushed = std::fflush(stdout) == 0;
  if (error == 0) error = errno;
  const bool closed = std::fclose(stdout) == 0;
  if (error == 0) error = errno;
  if (written && flushed && closed) return qaf::cli::exit_ok;
  qaf::cli::report(std::cerr, name, "qaf.cli.output",
                   std::string("cannot write the output to stdout") +
                       (error != 0 ? std::string(": ") + std::strerror(error) : std::string()));
  return qaf::cli::exit_failure;
}

// Runs `c`; whatever escapes it becomes a coded message and an exit status.
int run_guarded(const command& c, const qaf::cli::invocation& call) {
  const std::string_view name = c.name;
  try {
    return c.run(call);
  } catch (const qaf::detail::output_error& e) {
    const int error = errno;
    qaf::cli::report(std::cerr, name, "qaf.cli.output",
                     std::string(e.what()) +
                         (error != 0 ? std::string(": ") + std::strerror(error) : std::string()));
    return qaf::cli::exit_failure;
  } catch (const qaf::date_error& e) {
    qaf::cli::report(std::cerr, name, "qaf.date.range", e.what());
    return qaf::cli::exit_failure;
  } catch (const std::out_of_range& e) {  // bank holidays asked outside the known years
    qaf::cli::report(std::cerr, name, "qaf.date.range", e.what());
    return qaf::cli::exit_failure;
  } catch (const std::bad_alloc&) {
    qaf::cli::report(std::cerr, name, "qaf.cli.internal", "out of memory");
  } catch (const std::exception& e) {
    qaf::cli::report(std::cerr, name, "qaf.cli.internal",
                     std::string("unexpected error, a bug in qaf: ") + e.what());
  } catch (...) {
    qaf::cli::report(std::cerr, name, "qaf.cli.internal", "unexpected error, a bug in qaf");
  }
  return qaf::cli::exit_internal;
}

}  // namespace

int main(int argc, char** argv) {
  // Past a file-size limit (ulimit -f) the kernel kills a writer with SIGXFSZ unless it is
  // ignored; ignored, the write fails with EFBIG and write_stdout reports it.
  std::signal(SIGXFSZ, SIG_IGN);
  const std::vector<std::string_view> args(argv + 1, argv + argc);
  if (args.empty()) {
    print_help(std::cerr);
    return qaf::cli::exit_failure;
  }
  if (args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::ostringstream help;
    print_help(help);
    return write_stdout("help", help.str());
  }
  if (args[0] == "--version") return write_stdout("--version", std::string(qaf::version()) + '\n');
  for (const command& c : commands) {
    if (c.name != args[0]) continue;
    std::ostringstream out;
    const int status = run_guarded(c, {std::span(args).subspan(1), out, std::cerr, std::cout});
    if (status != qaf::cli::exit_ok) return status;
    return write_stdout(c.name, out.str());
  }
  std::cerr << "qaf: qaf.cli.usage: unknown command '" << args[0] << "'; see qaf --help\n";
  return qaf::cli::exit_failure;
}
