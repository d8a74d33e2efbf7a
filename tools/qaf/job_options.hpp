// The options the evaluating commands share (schedule, rate, kpi, assess): which pack, which
// portfolio, which dates, which output format. Parsing reports mistakes on stderr and loads the
// pack and portfolio, so that a command starts from checked inputs or not at all.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "command.hpp"
#include "portfolio/record_source.hpp"
#include "qaf/date.hpp"
#include "qaf/pack.hpp"
#include "qaf/portfolio.hpp"

namespace qaf::cli {

/// Prints "qaf <command>: <code>: <message>" on its own line: how the command line reports a
/// mistake of its own (codes in docs/errors.md, "Command line").
void report(std::ostream& err, std::string_view command, std::string_view code,
            std::string_view message);

/// What parse_options found: each option's value (present when given, even if empty) and the
/// arguments that are no option, in order.
struct parsed_options {
  std::map<std::string, std::string, std::less<>> values;
  std::vector<std::string_view> positional;
};

/// Parses `--name VALUE` options, each of `allowed` at most once, `flags` (options with no
/// value, present or not) at most once, and up to `max_positional` other arguments. Reports on
/// call.err, as `report` does, an unknown option, an option with no value (or an option where its
/// value belongs), an option given twice (qaf.cli.repeated) and an argument too many, each with
/// `usage`, and returns nullopt.
std::optional<parsed_options> parse_options(const invocation& call, std::string_view command,
                                            std::span<const std::string_view> allowed,
                                            std::size_t max_positional, std::string_view usage,
                                            std::span<const std::string_view> flags = {});

struct job_spec {
  std::string command;                    // for messages: "schedule"
  std::vector<std::string_view> formats;  // accepted --format values; the first is the default
  bool needs_window = false;              // --from and --to are required
  int months_from_as_of = 0;  // without --from/--to: a window of this many months from as-of
};

struct job {
  std::optional<qaf::pack> pack;
  /// The portfolio's records, every one already checked (pass 1); read them again in chunks
  /// (pass 2) with records->rewind() and next().
  std::unique_ptr<detail::record_source> records;
  std::optional<date> from;  // --from and --to, or the window months_from_as_of makes
  std::optional<date> to;
  date as_of;  // --as-of, default today
  std::string format;
  unsigned threads = 0;  // --threads; 0: every core
  bool explain = false;  // --explain: rules' text, source and conditions inline in every result
};

/// Parses [--pack P] --portfolio F [--from D --to D] [--as-of D] [--format X] [--threads N]
/// [--explain], checks that every date is in the years that have bank holidays, loads the pack
/// (--pack, else the one the portfolio names, else a qaf.cli.usage error; the version of it in
/// force on as-of, pack::version_in_force), and reads and checks every record of the portfolio
/// (on --threads threads; facts against their dated changes as of as-of too) before anything is
/// written. On any problem prints it on call.err and returns nullopt.
std::optional<job> prepare_job(const invocation& call, const job_spec& spec);

/// Pass 1: every record of `records` read and checked, chunk by chunk on `threads` threads (0:
/// every core), ids checked across chunks in order. The problems found, as read_portfolio
/// would report them; none when all is well.
std::vector<diagnostic> check_all_records(detail::record_source& records, const std::string& path,
                                          unsigned threads);

/// Opens the portfolio at `path` (JSON, JSON Lines or CSV) and checks every record against
/// `rules`: the problems, none when all is well.
std::vector<diagnostic> check_portfolio(const pack& rules, const std::string& path,
                                        unsigned threads);

/// Every record of the job, read into memory: for the formats that need the whole portfolio at
/// once (ics, text).
std::vector<provider> all_records(job& prepared);
/// The same, each with its facts in the pack's slots, for checked_evaluation.hpp.
std::vector<detail::checked_record> all_checked_records(job& prepared);

/// Records a chunk, in both passes: enough to keep every core busy between writes, few enough
/// that the chunks in flight stay small.
inline constexpr std::size_t providers_a_chunk = 256;

/// Today's date on this machine's clock (local time).
date today();

/// Prints a diagnostic on its own line(s), indenting continuation lines.
void print_diagnostic(std::ostream& out, const diagnostic& d);

}  // namespace qaf::cli
