// The options the evaluating commands share (schedule, rate, kpi, assess): which pack, which
// portfolio, which dates, which output format. Parsing reports mistakes on stderr and loads the
// pack and portfolio, so that a command starts from checked inputs or not at all.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "command.hpp"
#include "qaf/date.hpp"
#include "qaf/pack.hpp"
#include "qaf/portfolio.hpp"

namespace qaf::cli {

struct job_spec {
  std::string command;                    // for messages: "schedule"
  std::vector<std::string_view> formats;  // accepted --format values; the first is the default
  bool needs_window = false;              // --from and --to are required
};

struct job {
  std::optional<qaf::pack> pack;
  qaf::portfolio portfolio;
  std::optional<date> from;
  std::optional<date> to;
  date as_of;  // --as-of, default today
  std::string format;
};

/// Parses --pack P --portfolio F [--from D --to D] [--as-of D] [--format X], loads the pack and
/// the portfolio. On any problem prints it on call.err and returns nullopt.
std::optional<job> prepare_job(const invocation& call, const job_spec& spec);

/// Today's date on this machine's clock (local time).
date today();

/// Prints a diagnostic on its own line(s), indenting continuation lines.
void print_diagnostic(std::ostream& out, const diagnostic& d);

}  // namespace qaf::cli
